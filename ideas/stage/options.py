"""The projector's stage: what it may show while an item runs, and what it shows now.

The facilitator chooses on the console; the choice is a key stored on the clock row
(`Clock.stage`: "board:12", "join"...), and "" follows the item: its exercise's own stage, or
the item with its countdown when the exercise has none. The options are the built-in ones (the
item, the join code and QR, the highlights, each dot vote of the item) and those the item's
exercise declares (`Exercise.stage_options`: all boards, one table's board, the gallery, the
goal being pledged...). A new item clears the choice (agenda.services), so nothing chosen
during one item stays on the projector.

An option also says which pushed parts it holds (`shows`): a board's new card, the handshake
tally or the highlights are pushed to the projector only while they are on its stage.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from agenda.models import Clock
from ideas.exercises import exercise_for, extras_on
from ideas.models import Vote
from ideas.queries import vote_context

# Parts of the stage that are pushed on their own (ideas/boards/live.py, goals/live.py...).
ON_BOARD, ON_GOAL, ON_HIGHLIGHTS, ON_VOTES = "board", "goal", "highlights", "votes"

TEMPLATE = "ideas/stage.html"


def _nothing(part, obj=None):
    return False


@dataclass(frozen=True)
class StageOption:
    """One thing the projector can show: a key, its name on the console, and what it renders.

    `template` is rendered inside #stage with `context()`; with no template the stage region
    is empty and the page's own regions fill the screen (the item and its countdown, or the
    join box when `layout` is "join"). `corner`: the clock moves to a corner. `shows(part,
    obj)`: does the stage hold that pushed part (("board", board), ("goal", None)...)?
    """

    key: str
    label: str
    template: str | None = None
    context: Callable[[], dict] = dict
    shows: Callable[..., bool] = _nothing
    corner: bool = True
    layout: str = ""
    group: str = field(default="", compare=False)  # the console groups the buttons by it


def _item_option():
    return StageOption("item", _("The item and its countdown"), corner=False, layout="item")


def _join_option():
    return StageOption("join", _("Join code and QR"), layout="join")


def _highlights_option(seminar):
    return StageOption(
        "highlights",
        _("Highlights"),
        f"{TEMPLATE}#highlights",
        lambda: {"highlights": list(seminar.highlights.all())},
        shows=lambda part, obj=None: part == ON_HIGHLIGHTS,
    )


def _vote_option(vote):
    def context():
        return {"votes": [vote_context(vote)], "facilitator": False}

    return StageOption(
        f"vote:{vote.pk}",
        vote.title,
        f"{TEMPLATE}#votes",
        context,
        shows=lambda part, obj=None: part == ON_VOTES,
        group="votes",
    )


def extra_part(key):
    """The pushed part of an extra (the questions, the speaker queue) on the stage."""
    return f"extra:{key}"


def _extra_option(seminar, item, extra):
    """An extra turned on for the item (the room's questions, the speaker queue) on stage."""
    part = extra_part(extra.key)
    return StageOption(
        part,
        extra.name,
        extra.stage_template,
        lambda: {"extra": extra.stage(seminar, item)},
        shows=lambda shown, obj=None: shown == part,
        group="extras",
    )


def follow_option(seminar, item):
    """Following the item: its exercise's own stage, or the item with its countdown."""
    exercise = exercise_for(item)
    if item is None or not exercise.stage_template:
        return StageOption("", _("Follow the item"), corner=False, layout="item")
    return StageOption(
        "",
        _("Follow the item"),
        exercise.stage_template,
        lambda: exercise.stage(seminar, item),
        shows=lambda part, obj=None: exercise.stage_shows(item, part, obj),
    )


def stage_options(seminar, item):
    """Everything the console offers to put on the projector while `item` runs, in order."""
    options = [follow_option(seminar, item), _item_option()]
    if item is not None:
        options += exercise_for(item).stage_options(seminar, item)
        options += [
            _extra_option(seminar, item, extra) for extra in extras_on(item) if extra.stage_template
        ]
        votes = Vote.objects.filter(agenda_item=item).order_by("created_at", "pk")
        options += [_vote_option(vote) for vote in votes]
    options += [_highlights_option(seminar), _join_option()]
    return options


def option_for(seminar, item, key):
    """The option a key names while `item` runs, or None when it cannot be shown now."""
    return next((option for option in stage_options(seminar, item) if option.key == key), None)


def current_stage(seminar, clock=None):
    """(item, the option on the projector now): the facilitator's choice, else the item's."""
    if clock is None:
        clock = Clock.objects.select_related("current_item").filter(seminar=seminar).first()
    item = clock.current_item if clock else None
    key = clock.stage if clock else ""
    option = option_for(seminar, item, key) if key else None
    return item, option or follow_option(seminar, item)


def stage_shows(seminar, part, obj=None, *, clock=None):
    """Is this part (a board, the goal's tally, the highlights, the votes) on the projector?
    (`clock`: the seminar's clock with its item, when the caller has read it already.)"""
    _item, option = current_stage(seminar, clock)
    return bool(option.shows(part, obj))
