"""The listening kinds: the screens show what runs now and what comes next, nothing more.

A plenum may take extras (the room's questions, a speaker queue) that the facilitator turns on.
"""

from ideas.exercises import Exercise, register


class Plenum(Exercise):
    takes_extras = True


register(Plenum("plenum"))

# Breaks, meals and excursions: the room is elsewhere (the scales run in ideas/scales/, the
# speeches in ideas/soapbox/).
for kind in ("break", "meal", "excursion"):
    register(Exercise(kind))
