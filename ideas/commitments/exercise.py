"""The department exercise, and the action list that Friday's Monday action shares.

Varde's Friday ("what does each leader do on Monday?") and the Swedish seminar's "the first
thing I want to do when I get home" are one exercise, `action_list`. Its flow:

1. Each leader writes one to three actions of their own on the phone (MondayAction, fetched by
   the phone itself: nobody else's screen holds them). They can rewrite or remove them.
2. Each table then agrees its prioritised points (GroupPoint): on any member's phone or on the
   table's screen it sees its members' actions, picks one with "Make it a point" or writes a
   point together, and puts them in order with "Move up"/"Move down" (at most five). The
   list is one shared region per table, pushed to its phones and screen as it changes; the
   buttons send a place, not a step, so a double tap does not move a point twice.
3. The projector shows each table's points as they come, with the numbers (people, actions,
   points per table) as a table beside them; the console shows the same with its controls.
4. The facilitator closes the round: from then on every action and point is read-only (each
   screen says so) until it is reopened. The documentation and the exports carry both the
   personal actions and the tables' points; the directors' follow-up shows the personal
   actions beside the goals.

The question asked is a template in the seminar's language (ideas/commitments/presets.py):
an item whose title speaks of Monday asks Varde's question, any other the way-home one.
On the department page the same personal actions sit beside the department's commitments.
"""

from ideas.commitments.live import overview, points_context
from ideas.commitments.presets import PRESETS
from ideas.commitments.services import action_list_for
from ideas.exercises import Exercise, register

TEMPLATE = "ideas/exercises/commitments.html"


class Commitments(Exercise):
    work_template = f"{TEMPLATE}#work"


class ActionList(Exercise):
    work_template = f"{TEMPLATE}#actions-work"
    screen_work = True  # the table screen shows its table's prioritised points
    stage_template = f"{TEMPLATE}#actions-stage"
    console_template = f"{TEMPLATE}#actions-console"
    offers_vernissage = False

    def setup(self, item):
        action_list_for(item)

    def shared(self, seminar, item):
        return {"action_list": action_list_for(item)}

    def work(self, seminar, item, group, shared):
        action_list = shared["action_list"]
        table = points_context(action_list, group) if group is not None else None
        return {"action_list": action_list, "table": table}

    def stage(self, seminar, item):
        return overview(seminar, action_list_for(item))

    def console(self, seminar, item):
        return {**overview(seminar, action_list_for(item)), "presets": list(PRESETS.values())}


register(Commitments("commitments"))
register(ActionList("action_list"))
