"""The catalogue of exercise templates in the programme editor: add an item from a template, or
fill an item's empty parts with one. The templates are registered by the exercise packages
(`templates.py`, ideas/exercises.py's `register_template`)."""
