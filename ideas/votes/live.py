"""A dot vote's ballot, live on every phone that has it open.

The ballot page (ideas/vote.html) opens its own socket (`view=vote&id=<vote>`). A ballot is a
person's own (their dots, the dots they have left), so a push cannot carry it: when the
facilitator opens, closes or reveals the vote, the phones get a small state marker, and a
ballot that shows another state fetches itself again (static/js/plenum.js). A reconnect sends
the marker too, so a phone that slept through the reveal shows the result, and one that missed
nothing fetches nothing.
"""

from ideas.models import Vote
from seminar import live

STATE = "ideas/vote.html#vote-state"


def vote_audience(vote_id):
    return live.Audience("vote", vote_id)


def _state(vote):
    return live.Region(STATE, lambda: {"seminar": vote.seminar, "vote": vote, "pushed": True})


def _audiences(viewer, vote_id):
    if not Vote.objects.filter(pk=vote_id, seminar=viewer.seminar).exists():
        return None
    return [vote_audience(vote_id)]


def _regions(viewer, vote_id):
    vote = Vote.objects.filter(pk=vote_id, seminar=viewer.seminar).select_related("seminar").first()
    return [_state(vote)] if vote else []


def publish_ballots(vote):
    """The vote's state changed: every open ballot fetches itself again."""
    live.publish_on_commit([vote_audience(vote.pk)], [_state(vote)])


live.page("vote", audiences=_audiences, regions=_regions)
