"""Dot voting: a budget of dots per person over boards' cards, the tally hidden until revealed."""

from django.db import transaction
from django.utils.translation import gettext as _

from agenda.queries import get_clock
from ideas import live
from ideas.domain import Refused, post_key
from ideas.models import Dot, Vote
from ideas.stage.services import put_on_stage
from ideas.votes.live import publish_ballots
from seminar.input import create_once


@transaction.atomic
def open_vote(
    seminar, *, by, title, boards, budget=3, several_per_idea=False, key=None, publish=True
):
    """Open a dot vote; the same form sent twice (`key`) opens one. `publish=False`: the
    caller opens several at once and pushes the screens once itself (a question round)."""
    made = []

    def create(key):
        made.append(True)
        return Vote.objects.create(
            seminar=seminar,
            agenda_item=get_clock(seminar).current_item,  # shown while this item runs
            title=title,
            budget=budget,
            several_per_idea=several_per_idea,
            key=key,
        )

    vote = create_once(Vote, key, create)
    if made:
        vote.boards.set([board for board in boards if board.seminar_id == seminar.pk])
        if publish:
            live.publish_vote(vote)
    return vote


@transaction.atomic
def cast_dot(vote, *, by, idea, key=None):
    """Put one dot on an idea, within the budget; a retried press with the same key counts once."""
    key = post_key(key)
    if Dot.objects.filter(key=key).exists():
        return Dot.objects.get(key=key)
    if by is None or by.seminar_id != vote.seminar_id:
        raise Refused(_("This vote belongs to another seminar."))
    if not vote.is_open:
        raise Refused(_("The vote is closed."))
    if idea.hidden or not vote.boards.filter(pk=idea.board_id).exists():
        raise Refused(_("This card is not part of the vote."))
    # Lock the voter's row so two quick presses cannot both pass the budget check.
    type(by).objects.select_for_update().get(pk=by.pk)
    spent = Dot.objects.filter(vote=vote, participant=by)
    if spent.count() >= vote.budget:
        raise Refused(_("You have used all your dots."))
    if not vote.several_per_idea and spent.filter(idea=idea).exists():
        raise Refused(_("One dot per card in this vote."))
    dot = Dot.objects.create(vote=vote, participant=by, idea=idea, key=key)
    live.publish_tally(vote)
    return dot


@transaction.atomic
def remove_dot(vote, *, by, idea):
    if not vote.is_open:
        raise Refused(_("The vote is closed."))
    dot = Dot.objects.filter(vote=vote, participant=by, idea=idea).order_by("-pk").first()
    if dot is not None:
        dot.delete()
        live.publish_tally(vote)


@transaction.atomic
def set_vote_state(vote, *, by, is_open=None, revealed=None, publish=True):
    """Open, close or reveal; `publish=False`: the caller changes several votes at once and
    pushes the screens once itself (the ballots are each vote's own, pushed here)."""
    revealing = revealed and not vote.revealed
    if is_open is not None:
        vote.is_open = is_open
    if revealed is not None:
        vote.revealed = revealed
    vote.save(update_fields=["is_open", "revealed"])
    if publish:
        if revealing:
            # The room waits for the result: it goes on the projector (one click clears it).
            put_on_stage(vote.seminar, f"vote:{vote.pk}", item_id=vote.agenda_item_id)
        live.publish_vote(vote)
    publish_ballots(vote)
