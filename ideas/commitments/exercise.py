"""The department exercise: each leader opens their department's page from the phone."""

from ideas.exercises import Exercise, register

TEMPLATE = "ideas/exercises/commitments.html"


class Commitments(Exercise):
    work_template = f"{TEMPLATE}#work"


# The personal action list runs on the department page until it has an exercise of its own.
for kind in ("commitments", "action_list"):
    register(Commitments(kind))
