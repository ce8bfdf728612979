"""The ideas' live regions: each screen's exercise region, and the parts of it that change.

Every screen has one exercise region, filled by the exercise of the item running now
(ideas/exercises.py): `#my-work` on phones and table screens (rendered per table), `#stage` on
the projector and `#exercise` on the run console. When the item changes, or an exercise is set
up (a vernissage, a vote), those regions are pushed whole: nothing of the previous item
survives on any screen.

Between item changes, a change pushes only its part: a board's cards (ideas/boards/live.py),
the handshake tally and goal card (ideas/goals/live.py), the votes (`#votes`, here). Each such
push is gated on the item running when it is rendered: a part that is not on the screens now
(a late comment on a board of the morning) is not pushed, so no screen receives a region it
does not have.
"""

import functools

from agenda.queries import get_clock
from groups.live import publish_to_seats
from groups.queries import group_of
from ideas import queries
from ideas.exercises import exercise_for, extra_settings, extras_offered, extras_on
from ideas.models import Vote
from ideas.stage.options import ON_VOTES, current_stage, extra_part, stage_options, stage_shows
from ideas.templatetags.stage_copy import too_many_cards
from seminar import live, outbox

MY_WORK = "ideas/exercise.html#my-work"
STAGE = "ideas/exercise.html#stage"
CONSOLE = "ideas/exercise.html#exercise"
STAGE_CHOOSER = "ideas/stage.html#chooser"
STAGE_PREVIEW = "ideas/stage.html#preview"
VOTES = "ideas/live.html#votes"


def current_item(seminar):
    return get_clock(seminar).current_item


def seat_group(seminar, item, participant):
    """The participant's table for what runs now (the exercise says which grouping seats)."""
    grouping = exercise_for(item).seating(item)
    return group_of(participant, grouping) if grouping else None


def screen_seat(item, screen):
    """A table screen's table for what runs now: its group when that is one of the tables the
    exercise seats, else None, as `publish_to_seats` addresses it (a reconnect shows what the
    pushes showed)."""
    grouping = exercise_for(item).seating(item)
    group = screen.group
    if grouping is None or group is None or group.grouping_id != grouping.pk:
        return None
    return group


def item_votes(item):
    if item is None:
        return []
    return list(Vote.objects.filter(agenda_item=item).order_by("-created_at", "-pk"))


def votes_context(item, *, facilitator=True):
    """The item's votes, newest first, for the console (the projector shows a vote when it is
    on its stage: ideas/stage/options.py)."""
    return {
        "votes": [queries.vote_context(vote) for vote in item_votes(item)],
        "facilitator": facilitator,
    }


def extra_parts(seminar, item, role):
    """The parts of the extras turned on for the item (questions...), for one role's region:
    each a template and its context (`extra` in the template)."""
    parts = []
    for extra in extras_on(item):
        template = {
            "phone": extra.work_template,
            "projector": extra.stage_template,
            "console": extra.console_template,
        }[role]
        if template:
            own = {"phone": extra.work, "projector": extra.stage, "console": extra.console}[role]
            parts.append({"template": template, "context": own(seminar, item)})
    return parts


def work_shared(seminar, item):
    """What every table's work region reads alike: the open votes, the extras' parts, and the
    exercise's own."""
    return {
        "open_votes": [vote for vote in item_votes(item) if vote.is_open],
        "extras": extra_parts(seminar, item, "phone"),
        **exercise_for(item).shared(seminar, item),
    }


def my_work_context(seminar, item, group, shared=None):
    exercise = exercise_for(item)
    shared = work_shared(seminar, item) if shared is None else shared
    return {
        "seminar": seminar,
        "item": item,
        "exercise": exercise,
        "group": group,
        "tables_elsewhere": group is None and exercise.seating(item) is not None,
        "open_votes": shared["open_votes"],
        "extras": shared["extras"],
        **exercise.work(seminar, item, group, shared),
    }


def stage_region_context(seminar):
    """The projector's stage: what the facilitator put there, else what the item shows
    (ideas/stage/options.py). The clock says which item runs, read after the commit."""
    item, option = current_stage(seminar, get_clock(seminar))
    return {
        "seminar": seminar,
        "item": item,
        "exercise": exercise_for(item),
        "on_stage": option,
        **option.context(),
    }


def stage_chooser_context(seminar):
    """The console's stage chooser and its preview: the stage as the projector has it."""
    context = stage_region_context(seminar)
    return {
        **context,
        "options": stage_options(seminar, context["item"]),
        "preview_too_large": too_many_cards(context),
    }


def console_region_context(seminar, item):
    """The console's panel: the item's votes with their controls, and the exercise's own."""
    exercise = exercise_for(item)
    return {
        "seminar": seminar,
        "item": item,
        "exercise": exercise,
        **votes_context(item, facilitator=True),
        "extras": extra_parts(seminar, item, "console"),
        "offered_extras": [
            {"extra": extra, "on": extra.settings(item) is not None}
            for extra in extras_offered(item)
        ],
        **exercise.console(seminar, item),
    }


def has_work(item):
    """Does a phone see something of this item in its work region (a task, a vote)?"""
    if item is None:
        return False
    return (
        bool(exercise_for(item).work_template)
        or any(extra.work_template for extra in extras_on(item))
        or Vote.objects.filter(agenda_item=item).exists()
    )


def _work_plan(seminar, item, previous, regroup, every_seat):
    """Whether the phones are pushed their work region (not `quiet`), the grouping whose tables
    get it, and what every table reads alike (once, not per table, after the commit)."""
    quiet = not (every_seat or regroup or has_work(item) or has_work(previous))
    shared = functools.cache(lambda: work_shared(seminar, item))
    return quiet, exercise_for(item).seating(item), shared


def _item_plan(seminar, item, previous, regroup):
    """The work plan of an item change, read once for its hooks (the seat provider below and
    `publish_item_exercise`)."""
    return live.change_once(
        ("work", item.pk if item else None),
        lambda: _work_plan(seminar, item, previous, regroup, False),
    )


def _with_the_seats(item, seating):
    """Does the task go with the seat (`#my-table`, pushed per table of the item's grouping)?
    Then a table's phones get both in one message (groups.live.publish_seats)."""
    item_grouping = item.grouping_id if item is not None else None
    return (seating.pk if seating is not None else None) == item_grouping


def _work_for(seminar, item, shared):
    return lambda group: [
        live.Region(MY_WORK, lambda: my_work_context(seminar, item, group, shared()))
    ]


def publish_exercise(seminar, *, previous=None, regroup=False, item=None, every_seat=False):
    """Push every screen's exercise region for the item running now (after the commit).

    From one item with nothing for the phones to another (plenum to break), the phones keep
    their empty work region: nothing is pushed to them. The table screens, which then say what
    the room does and show "now" in full, get that version (one render for all of them).
    """
    if item is None:
        item = current_item(seminar)
    _publish_exercise(seminar, item, _work_plan(seminar, item, previous, regroup, every_seat))


def _publish_exercise(seminar, item, plan, *, seats=True):
    """`seats=False`: the phones' and table screens' work regions go with their seats (an item
    change whose exercise seats the item's tables: `work_seat`)."""
    quiet, seating, shared = plan
    if not seats:
        pass
    elif quiet:
        if seating is None:  # no screen is at a table
            live.publish_on_commit(
                [live.all_table_screens_audience(seminar.pk)],
                [live.Region(MY_WORK, lambda: my_work_context(seminar, item, None))],
            )
    else:
        publish_to_seats(seminar, item, _work_for(seminar, item, shared), grouping=seating)
    publish_stage(seminar)
    live.publish_on_commit(
        [live.facilitators_audience(seminar.pk)],
        [live.Region(CONSOLE, lambda: console_region_context(seminar, item))],
    )


def stage_regions(seminar):
    """The console's stage chooser and preview, read once for both."""
    context = functools.cache(lambda: stage_chooser_context(seminar))
    return [
        live.Region(STAGE_CHOOSER, context),
        live.Region(STAGE_PREVIEW, context, slot="preview"),
    ]


def publish_stage(seminar):
    """The projector's stage whole, and the consoles' chooser and preview (after the commit)."""
    live.publish_on_commit(
        [live.projector_audience(seminar.pk)],
        [live.Region(STAGE, lambda: stage_region_context(seminar))],
    )
    live.publish_on_commit([live.facilitators_audience(seminar.pk)], stage_regions(seminar))


@live.on_item_change(order=-1)
def set_up_exercise(seminar, item, *, previous, regroup):
    """The item's exercise prepares what it needs as it starts (a board-kind item's boards)."""
    if item is not None:
        exercise_for(item).setup(item)


@live.seat_provider
def work_seat(seminar, item, *, previous, regroup):
    """On an item change, the task of each table's phones and screens goes with their seat
    (one message per table) when the exercise seats the item's own tables and is not quiet."""
    quiet, seating, shared = _item_plan(seminar, item, previous, regroup)
    if quiet or not _with_the_seats(item, seating):
        return lambda group: []
    return _work_for(seminar, item, shared)


@live.on_item_change
def publish_item_exercise(seminar, item, *, previous, regroup):
    plan = _item_plan(seminar, item, previous, regroup)
    quiet, seating, _shared = plan
    _publish_exercise(seminar, item, plan, seats=quiet or not _with_the_seats(item, seating))


@live.state_provider(order=20)
def exercise_state(viewer):
    seminar = viewer.seminar
    item = current_item(seminar)
    if viewer.role == "participant":
        group = seat_group(seminar, item, viewer.participant)
        return [live.Region(MY_WORK, my_work_context(seminar, item, group))]
    if viewer.role == "screen":
        group = screen_seat(item, viewer.screen)
        return [live.Region(MY_WORK, my_work_context(seminar, item, group))]
    if viewer.role == "projector":
        return [live.Region(STAGE, stage_region_context(seminar))]
    if viewer.role == "facilitator":
        return [
            *stage_regions(seminar),
            live.Region(CONSOLE, console_region_context(seminar, item)),
        ]
    return []


def publish_after_commit(audiences, regions, *, at_most):
    """`live.publish_on_commit` with the audiences read after the commit (`audiences()`): the
    projector is among them only while the part is on its stage, at no second render. Until
    the commit an outbox row names every audience it may reach (`at_most`), so a process that
    dies in between leaves their screens to be resynced (seminar/outbox.py)."""
    pending = outbox.hold(live.audience_groups(at_most))
    live.after_commit(lambda: live.publish(audiences(), regions, pending=pending))


def publish_extra(seminar, key, templates, context, *, phones=True):
    """An extra's parts changed (a question asked, the speaker queue moved): each screen's part
    (`templates`: the role's template, phone, projector and console) rendered once, with
    `context(seminar, item, role=role)` as its `extra`. Nothing is pushed unless the item
    running now has the extra on, and the projector's part only while the facilitator has it
    on the stage (ideas/stage/). `phones=False`: only the console's part changed (a question
    waiting for moderation)."""
    running = functools.cache(lambda: _running_with(seminar, key))

    def region(role):
        def region_context():
            item = running()
            if item is None:
                return None
            if role == "projector" and not stage_shows(seminar, extra_part(key)):
                return None
            return {"seminar": seminar, "item": item, "extra": context(seminar, item, role=role)}

        return live.Region(templates[role], region_context)

    if phones:
        live.publish_on_commit([live.phones_audience(seminar.pk)], [region("phone")])
        live.publish_on_commit([live.projector_audience(seminar.pk)], [region("projector")])
    live.publish_on_commit([live.facilitators_audience(seminar.pk)], [region("console")])


def _running_with(seminar, key):
    """The item running now if the extra `key` is on for it, else None."""
    item = current_item(seminar)
    return item if extra_settings(key, item) is not None else None


def stage_votes_context(seminar):
    """The vote on the projector's stage, or None (no push) when no vote is on it."""
    _item, option = current_stage(seminar)
    return option.context() if option.shows(ON_VOTES) else None


def publish_tally(vote):
    """A dot was cast: the console, and the projector when the vote is on its stage (the
    tally shows only once revealed)."""
    seminar = vote.seminar
    item = functools.cache(lambda: current_item(seminar))
    live.publish_on_commit(
        [live.projector_audience(seminar.pk)],
        [live.Region(VOTES, lambda: stage_votes_context(seminar))],
    )
    live.publish_on_commit(
        [live.facilitators_audience(seminar.pk)],
        [live.Region(VOTES, lambda: votes_context(item(), facilitator=True))],
    )


def publish_vote(vote):
    """A vote opened, closed or was revealed: every screen's exercise region (phones link to
    the open votes)."""
    publish_exercise(vote.seminar, every_seat=True)
