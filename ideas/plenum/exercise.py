"""The listening kinds: the screens show what runs now and what comes next, nothing more."""

from ideas.exercises import Exercise, register

# Speeches and the scales have issues of their own; until then they run as plenum items.
for kind in (
    "plenum",
    "break",
    "meal",
    "excursion",
    "speeches",
    "dilemma",
    "self_assessment",
    "rating",
):
    register(Exercise(kind))
