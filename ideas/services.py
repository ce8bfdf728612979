"""The ideas app's services, gathered from its exercise packages for callers outside them.

Each exercise keeps its own in `ideas/<exercise>/services.py`; this module only names them
in one place (the demo, the benchmarks, the views and the tests call `services.add_idea`).
"""

from ideas.boards.services import (
    PHOTO_MAX_BYTES,
    PHOTO_MAX_SIDE,
    add_idea,
    add_photo,
    boards_for_item,
    create_cluster,
    dissolve_cluster,
    edit_idea,
    may_post,
    move_to_cluster,
    reencode_photo,
    rename_cluster,
    set_board_open,
    set_idea_hidden,
    set_photo_hidden,
    withdraw_idea,
)
from ideas.commitments.services import (
    add_message,
    add_monday_action,
    save_commitment,
)
from ideas.domain import (
    Conflict,
    Refused,
    post_key,
)
from ideas.followup.services import (
    record_progress,
)
from ideas.goals.services import (
    SAVED_MEANWHILE,
    draft_goal,
    edit_goal,
    reopen_goal,
    seal_goal,
    shake,
    show_goal,
    unshake,
)
from ideas.vernissage.services import (
    add_comment,
    next_round,
    pin_highlight,
    remove_highlight,
    set_comment_hidden,
    set_presenters,
    set_up_vernissage,
    toggle_star,
)
from ideas.votes.services import (
    cast_dot,
    open_vote,
    remove_dot,
    set_vote_state,
)

__all__ = [
    "PHOTO_MAX_BYTES",
    "PHOTO_MAX_SIDE",
    "SAVED_MEANWHILE",
    "Conflict",
    "Refused",
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
