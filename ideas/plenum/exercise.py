"""The listening kinds: the screens show what runs now and what comes next, nothing more."""

from ideas.exercises import Exercise, register

# Speeches have an issue of their own; until then they run as plenum items (the scales run
# in ideas/scales/).
for kind in (
    "plenum",
    "break",
    "meal",
    "excursion",
    "speeches",
):
    register(Exercise(kind))
