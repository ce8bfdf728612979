"""The board exercises: each table posts cards to its own board, live on its screen."""

from ideas import queries
from ideas.boards.services import boards_for_item
from ideas.exercises import Exercise, register

TEMPLATE = "ideas/exercises/boards.html"

# Kinds run as a board (question rounds are boards with posed questions, ideas/rounds/;
# interviews and cases have packages of their own).
BOARD_KINDS = ("brainstorm", "group_work")


def boards_context(seminar, item, *, facilitator):
    """Every board of the item, with the highlights pinned so far."""
    return {
        "boards": [
            queries.board_context(board, facilitator=facilitator)
            for board in queries.boards_of_item(item)
        ],
        "highlights": list(seminar.highlights.all()),
    }


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


for kind in BOARD_KINDS:
    register(Boards(kind))
