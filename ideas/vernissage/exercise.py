"""The vernissage exercise: the posters of an earlier item on every screen, in rounds."""

from django.utils.translation import gettext_lazy as _

from ideas import queries
from ideas.boards.exercise import board_options, boards_context
from ideas.exercises import Exercise, register
from ideas.models import Vernissage
from ideas.stage.options import ON_BOARD, StageOption

TEMPLATE = "ideas/exercises/vernissage.html"


def vernissage_of(item):
    """The vernissage an item runs (its posters are the boards of an earlier item), or None."""
    if item is None:
        return None
    return Vernissage.objects.filter(agenda_item=item).select_related("source_item").first()


class VernissageExercise(Exercise):
    work_template = f"{TEMPLATE}#work"
    stage_template = f"{TEMPLATE}#stage"
    console_template = f"{TEMPLATE}#console"
    offers_vernissage = False  # it is one: its panel sets it up
    shows_posters = True  # visitors read its posters on their phones, live

    def seating(self, item):
        """Without a grouping of its own, people stand at the posters of their own table."""
        if item.grouping_id:
            return item.grouping
        vernissage = vernissage_of(item)
        return vernissage.source_item.grouping if vernissage else None

    def shared(self, seminar, item):
        return {"vernissage": vernissage_of(item)}

    def work(self, seminar, item, group, shared):
        vernissage = shared["vernissage"]
        board = queries.board_for_seat(vernissage.source_item, group) if vernissage else None
        return {
            "vernissage": vernissage,
            "board": board,
            "board_context": queries.board_context(board) if board else None,
        }

    def stage(self, seminar, item):
        vernissage = vernissage_of(item)
        if vernissage is None:
            return {"vernissage": None}
        return {
            "vernissage": vernissage,
            **boards_context(seminar, vernissage.source_item, facilitator=False),
        }

    def console(self, seminar, item):
        vernissage = vernissage_of(item)
        if vernissage is None:
            return {"vernissage": None}
        context = boards_context(seminar, vernissage.source_item, facilitator=True)
        tables = []
        for board in context["boards"]:
            group = board["board"].group
            if group is None:
                continue
            tables.append(
                {
                    "board": board["board"],
                    "members": list(group.members.order_by("display_name")),
                    "presenting": {p.participant_id for p in board["presenters"]},
                }
            )
        return {"vernissage": vernissage, "tables": tables, **context}

    def shows_board(self, item, board):
        vernissage = vernissage_of(item)
        return vernissage is not None and board.agenda_item_id == vernissage.source_item_id

    def stage_options(self, seminar, item):
        vernissage = vernissage_of(item)
        if vernissage is None:
            return []
        source = vernissage.source_item_id
        gallery = StageOption(
            "gallery",
            _("The gallery"),
            self.stage_template,
            lambda: self.stage(seminar, item),
            shows=lambda part, obj=None: part == ON_BOARD and obj.agenda_item_id == source,
        )
        return [gallery, *board_options(vernissage.source_item)]


register(VernissageExercise("vernissage"))
