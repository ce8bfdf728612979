"""The board exercises: each table posts cards to its own board, live on its screen."""

from django.utils.translation import gettext_lazy as _

from ideas import queries
from ideas.boards.services import boards_for_item
from ideas.exercises import Exercise, register
from ideas.stage.options import ON_BOARD, StageOption

TEMPLATE = "ideas/exercises/boards.html"
ONE_BOARD = "ideas/stage.html#boards"

# Kinds run as a board (question rounds are boards with posed questions, ideas/rounds/;
# interviews and cases have packages of their own).
BOARD_KINDS = ("brainstorm", "group_work")


def boards_context(seminar, item, *, facilitator):
    """Every board of the item; on the console, with the highlights pinned so far (the
    projector shows them only when they are put on its stage: ideas/stage/options.py)."""
    return {
        "boards": queries.boards_contexts(queries.boards_of_item(item), facilitator=facilitator),
        "highlights": list(seminar.highlights.all()) if facilitator else [],
    }


def board_label(board):
    name = board.group.name if board.group else _("Plenum")
    return _("Board: %(name)s") % {"name": name}


def board_options(item, *, group="boards"):
    """One stage option per board of the item: that table's board alone on the projector."""
    return [
        StageOption(
            f"board:{board.pk}",
            board_label(board),
            ONE_BOARD,
            lambda board=board: {"boards": [queries.board_context(board)]},
            shows=lambda part, obj=None, pk=board.pk: part == ON_BOARD and obj.pk == pk,
            group=group,
        )
        for board in queries.boards_of_item(item)
    ]


class Boards(Exercise):
    work_template = f"{TEMPLATE}#work"
    stage_template = f"{TEMPLATE}#stage"
    console_template = f"{TEMPLATE}#console"
    makes_boards = True

    def setup(self, item):
        boards_for_item(item)

    def work(self, seminar, item, group, shared):
        board = queries.board_for_seat(item, group)
        return {"board": board, "board_context": queries.board_context(board) if board else None}

    def stage(self, seminar, item):
        return boards_context(seminar, item, facilitator=False)

    def console(self, seminar, item):
        return boards_context(seminar, item, facilitator=True)

    def shows_board(self, item, board):
        return board.agenda_item_id == item.pk

    def stage_options(self, seminar, item):
        every_board = StageOption(
            "boards",
            _("All boards"),
            self.stage_template,
            lambda: self.stage(seminar, item),
            shows=lambda part, obj=None: part == ON_BOARD and self.shows_board(item, obj),
        )
        return [every_board, *board_options(item)]


for kind in BOARD_KINDS:
    register(Boards(kind))
