"""The board's card written out in Python (ideas/templatetags/idea_cards.py) is the template's
card, byte for byte, in every state: the console and the projector render a thousand of them,
and plenum.js, the pushes that swap a board or append a card, and keyboard focus (kept by id)
rely on its markup. idea_card.html is the partial ideas/live.html#idea-card as it was as a
template; change both together when the card's markup changes."""

from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from ideas import queries
from ideas.boards import services
from ideas.models import Comment, Idea, Star
from ideas.templatetags.idea_cards import id_url, url_pattern
from tests.ideas.helpers import brainstorm

TEMPLATE = (Path(__file__).parent / "idea_card.html").read_text()
PYTHON = "{% load idea_cards %}{% idea_card %}"


@pytest.fixture
def board(seminar, alice):
    _members, board = brainstorm(seminar, alice)
    author, other = board.group.members.all()[:2]
    plain = services.add_idea(board, by=author, text="Borgerpanel")
    starred = services.add_idea(board, by=author, text="<b>\"Ting\" & 'sager'</b> 100%")
    hidden = services.add_idea(board, by=other, text="Skjult kort")
    anonymous = services.add_idea(board, by=other, text="Uden forfatter")
    Idea.objects.filter(pk=anonymous.pk).update(author=None)
    services.set_idea_hidden(hidden, by=alice, hidden=True)
    Star.objects.create(idea=starred, participant=author)
    Star.objects.create(idea=starred, participant=other)
    Star.objects.create(idea=plain, participant=other)
    long = 'en kommentar med <mange> ord & "citater" der bliver afkortet efter otte ord her'
    Comment.objects.create(idea=starred, author=other, text=long)
    Comment.objects.create(idea=starred, author=None, text="Kort")
    Comment.objects.create(idea=plain, author=author, text="Skjult", hidden=True)
    return board


def _cards(context):
    for _cluster, ideas in context["clusters"]:
        yield from ideas
    yield from context["loose"]


def _both(context):
    expected = Template(TEMPLATE).render(Context(context))
    written = Template(PYTHON).render(Context(context))
    assert written == expected
    return written


@pytest.mark.parametrize("language", ["en", "da", "nb", "sv"])
@pytest.mark.parametrize("facilitator", [True, False])
@pytest.mark.parametrize("with_clusters", [True, False])
def test_the_written_card_is_the_templates_in_every_state(
    board, alice, language, facilitator, with_clusters
):
    if with_clusters:
        cards = list(Idea.objects.filter(board=board).order_by("pk"))
        services.create_cluster(board, by=alice, heading="Borgere & <andre>", ideas=cards[:1])
        services.create_cluster(board, by=alice, heading="Tom")
    context = queries.board_context(board, facilitator=facilitator)
    states = set()
    with translation.override(language):
        for idea in _cards(context):
            html = _both({**context, "idea": idea})
            _both({**context, "idea": idea, "card_version": 1796088924223438851})
            comments = len(idea.visible_comments)
            states.add((idea.hidden, idea.author_id is None, idea.star_count, comments))
            assert ("<select" in html) == with_clusters
    # On the console also the hidden card; every state of a card is among them.
    assert states >= {(False, False, 2, 2), (False, False, 1, 0), (False, True, 0, 0)}
    assert ((True, False, 0, 0) in states) == facilitator


def test_a_pushed_card_is_the_templates(board, alice):
    """A card posted alone (ideas/live.html#card-added: the board's headings, a version)."""
    services.create_cluster(board, by=alice, heading="Borgere")
    idea = services.add_idea(board, by=board.group.members.first(), text="Ny")
    context = queries.new_card_context(board, idea.pk)
    for facilitator in (True, False):
        with translation.override("da"):
            html = _both({**context, "facilitator": facilitator})
        assert f'data-version="{context["card_version"]}"' in html


def test_id_url_is_reverse(seminar):
    for name, ids in [
        ("idea-withdraw", (seminar.pk, 7)),
        ("comment-hide", (seminar.pk, 1234567)),
        ("highlight-pin", (seminar.pk,)),
    ]:
        assert id_url(url_pattern(name, len(ids)), name, *ids) == reverse(name, args=ids)
    # Ids that are not integers are reversed as they are.
    pattern = url_pattern("idea-edit", 2)
    assert id_url(pattern, "idea-edit", str(seminar.pk), "12") == reverse(
        "idea-edit", args=[seminar.pk, 12]
    )


def test_a_card_read_without_its_stars_and_comments_shows_none(board):
    """As the template did: a card not read by ideas.queries has no stars or comments to show."""
    idea = Idea.objects.filter(board=board).first()
    context = {"board": board, "idea": idea, "facilitator": True, "clusters": ()}
    with translation.override("da"):
        html = _both(context)
    assert "stars" not in html and "comments" not in html
