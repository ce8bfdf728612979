"""Plenum questions: the room asks the stage from its phones, upvotes, the facilitator moderates
and notes the answers (an extra of a plenum item)."""
