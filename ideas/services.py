"""The ideas app's services, gathered from its exercise packages for callers outside them.

Each exercise keeps its own in `ideas/<exercise>/services.py`; this module only names them
in one place (the demo, the benchmarks, the views and the tests call `services.add_idea`).
"""

from ideas.domain import (
    Refused,
    Conflict,
    post_key,
)
from ideas.boards.services import (
    may_post,
    boards_for_item,
    set_board_open,
    add_idea,
    edit_idea,
    withdraw_idea,
    set_idea_hidden,
    create_cluster,
    move_to_cluster,
    rename_cluster,
    dissolve_cluster,
    PHOTO_MAX_BYTES,
    PHOTO_MAX_SIDE,
    reencode_photo,
    add_photo,
    set_photo_hidden,
)
from ideas.vernissage.services import (
    add_comment,
    set_comment_hidden,
    toggle_star,
    set_presenters,
    next_round,
    pin_highlight,
    remove_highlight,
    set_up_vernissage,
)
from ideas.votes.services import (
    open_vote,
    cast_dot,
    remove_dot,
    set_vote_state,
)
from ideas.goals.services import (
    SAVED_MEANWHILE,
    draft_goal,
    edit_goal,
    show_goal,
    shake,
    unshake,
    seal_goal,
    reopen_goal,
)
from ideas.commitments.services import (
    save_commitment,
    add_message,
    add_monday_action,
)
from ideas.followup.services import (
    record_progress,
)

__all__ = [
    "Conflict",
    "PHOTO_MAX_BYTES",
    "PHOTO_MAX_SIDE",
    "Refused",
    "SAVED_MEANWHILE",
    "add_comment",
    "add_idea",
    "add_message",
    "add_monday_action",
    "add_photo",
    "boards_for_item",
    "cast_dot",
    "create_cluster",
    "dissolve_cluster",
    "draft_goal",
    "edit_goal",
    "edit_idea",
    "may_post",
    "move_to_cluster",
    "next_round",
    "open_vote",
    "pin_highlight",
    "post_key",
    "record_progress",
    "reencode_photo",
    "remove_dot",
    "remove_highlight",
    "rename_cluster",
    "reopen_goal",
    "save_commitment",
    "seal_goal",
    "set_board_open",
    "set_comment_hidden",
    "set_idea_hidden",
    "set_photo_hidden",
    "set_presenters",
    "set_up_vernissage",
    "set_vote_state",
    "shake",
    "show_goal",
    "toggle_star",
    "unshake",
    "withdraw_idea",
]
