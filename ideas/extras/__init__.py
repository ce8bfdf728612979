"""Extras of an item: turning one on or off in the console, and its settings."""
