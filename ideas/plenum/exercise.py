"""The listening kinds: the screens show what runs now and what comes next, nothing more.

A plenum may take extras (the room's questions, a speaker queue) that the facilitator turns on.
"""

from ideas.exercises import Exercise, register


class Plenum(Exercise):
    takes_extras = True


register(Plenum("plenum"))

# The scales have issues of their own; until then they run as plenum items.
for kind in (
    "break",
    "meal",
    "excursion",
    "dilemma",
    "self_assessment",
    "rating",
):
    register(Exercise(kind))
