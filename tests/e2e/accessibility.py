"""What the accessibility tests share: axe-core injected into a page, the demo's states, and the
site's pages found from the URL patterns.

axe-core comes from npm (`bin/setup test` installs the pinned version into .venv/axe); it is
evaluated in the page by Playwright in the tests only, never served by the app.
"""

import datetime
import hashlib
import io
import os
import re
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

from agenda import services as agenda_services
from agenda.queries import programme_items
from groups.models import Membership
from ideas.boards import services as board_services
from ideas.commitments import services as commitment_services
from ideas.exercises import exercise_for
from ideas.followup import services as followup_services
from ideas.goals import services as goal_services
from ideas.models import Board, Goal, Idea, Vote
from ideas.vernissage import services as vernissage_services
from ideas.votes import services as vote_services
from seminar.models import Seminar
from tests.e2e.helpers import PASSWORD, ROOT, spread_seminar_ids

AXE = ROOT / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
MISSING_AXE = "axe-core is missing: run `bin/setup test` (it needs npm: apt-get install -y npm)."
# WCAG 2.1 A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.slice(0, 4).map((n) => n.target.join(" ") + ": " + n.failureSummary
      .replace(/\\s+/g, " ").slice(0, 240)),
    count: v.nodes.length,
  }));
}"""


def axe_source():
    if not AXE.exists():
        if os.environ.get("PLENUM_CI") == "1":
            pytest.fail(MISSING_AXE)
        pytest.skip(MISSING_AXE)
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, source):
    """axe's WCAG 2.1 A/AA violations of the page as it is now. The script is evaluated through
    the browser's debugging protocol, which the page's Content-Security-Policy does not govern."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(source)
    return page.evaluate(RUN_AXE, AXE_TAGS)


# --- The demo and its states ----------------------------------------------------------------


def load_demo():
    """The demo as `manage.py demo` makes it; its users log in with the e2e password."""
    spread_seminar_ids()
    with mock.patch("seminar.live._send"):
        call_command("demo", stdout=io.StringIO())
    for user in User.objects.filter(username__in=["facilitator", "director"]):
        user.set_password(PASSWORD)
        user.save()
    return Seminar.objects.get(municipality="Varde Kommune", title="Lederseminar 2014")


def _first_of_kind(seminar, kind):
    return next((item for item in programme_items(seminar) if item.kind == kind), None)


def _table_of(participant, item):
    membership = Membership.objects.filter(grouping=item.grouping, participant=participant).first()
    return membership.group if membership else None


# The kinds whose state the walk fills with content of its own (see DemoStates._content).
CONTENT_KINDS = {"brainstorm", "vernissage", "goals", "commitments"}


class DemoStates:
    """Moves the demo from state to state with the services, as the facilitator and the room
    would (no screen needs the pushes: every page is loaded fresh afterwards).

    `states()` yields a name per state: before the start, then the first item of every kind in
    the programme whose screens look different (so an exercise added to the demo is covered
    without a change here), with content where the kind has some (cards, a vote, goals and
    handshakes, commitments), then the end (follow-up and report)."""

    def __init__(self, seminar, facilitator, director, phones):
        self.seminar = seminar
        self.facilitator = facilitator
        self.director = director
        self.phones = phones  # the participants whose phones are open

    def states(self):
        with mock.patch("seminar.live._send"):
            yield "before start"
            agenda_services.start_seminar(self.seminar, by=self.facilitator)
            for item in self._items_that_look_different():
                agenda_services.go_to(self.seminar, by=self.facilitator, item=item)
                yield from self._content(item)
            agenda_services.finish(self.seminar, by=self.facilitator)
            self._follow_up()
            yield FINAL

    def _items_that_look_different(self):
        """The first item of each kind whose screens differ from a kind seen before: the
        registry says what an exercise puts on each screen, and whether the item sits at
        tables changes the phones' "my table" (a break and a meal look alike)."""
        seen, items = set(), []
        for item in programme_items(self.seminar):
            exercise = exercise_for(item)
            looks = (
                item.kind if item.kind in CONTENT_KINDS else type(exercise).__name__,
                tuple(
                    (role, getattr(exercise, f"{role}_template", None))
                    for role in ("work", "stage", "console")
                ),
                exercise.seating(item) is not None,
            )
            if looks not in seen:
                seen.add(looks)
                items.append(item)
        return items

    def _content(self, item):
        kind = item.kind
        if kind == "brainstorm":
            yield "brainstorm, empty boards"
            for participant in self.phones:
                group = _table_of(participant, item)
                board = Board.objects.filter(agenda_item=item, group=group).first()
                if board is None:
                    board = board_services.boards_for_item(item)[0]
                for text in ("Borgeren med fra start", "Fælles sprog på tværs af faggrænser"):
                    board_services.add_idea(board, by=participant, text=f"{text} ({participant})")
            hidden = Idea.objects.filter(board__agenda_item=item).first()
            board_services.set_idea_hidden(hidden, by=self.facilitator, hidden=True)
            yield "brainstorm with cards"
            boards = Board.objects.filter(agenda_item=item)
            vote = vote_services.open_vote(
                self.seminar, by=self.facilitator, title="Det vigtigste", boards=boards
            )
            idea = Idea.objects.filter(board__agenda_item=item, hidden=False).first()
            for participant in self.phones:
                vote_services.cast_dot(vote, by=participant, idea=idea)
            yield "vote open"
            vote_services.set_vote_state(vote, by=self.facilitator, is_open=False, revealed=True)
            yield "vote revealed"
        elif kind == "vernissage":
            source = _first_of_kind(self.seminar, "brainstorm")
            if source is not None:
                vernissage_services.set_up_vernissage(item, by=self.facilitator, source_item=source)
                idea = Idea.objects.filter(board__agenda_item=source, hidden=False).first()
                if idea is not None:
                    vernissage_services.add_comment(idea, by=self.phones[0], text="Godt tænkt!")
                    vernissage_services.toggle_star(idea, by=self.phones[-1])
                    vernissage_services.pin_highlight(
                        self.seminar, by=self.facilitator, text=idea.text, idea=idea
                    )
            yield "vernissage"
        elif kind == "goals":
            yield "goals, nothing drafted"
            goals = []
            for number, participant in enumerate(self.phones):
                group = _table_of(participant, item)
                if group is None or Goal.objects.filter(group=group).exists():
                    continue
                goals.append(
                    goal_services.draft_goal(
                        self.seminar,
                        by=participant,
                        group=group,
                        title=f"Borgeren med ved bordet fra dag {number + 1}",
                        why="Samskabelse begynder før løsningen",
                        measure="Tre projekter med borgere i styregruppen",
                        target_date=datetime.date(2017, 6, 30),
                        owner="Teknik og Miljø",
                    )
                )
            if goals:
                goal_services.show_goal(self.seminar, by=self.facilitator, goal=goals[0])
                for participant in self.phones:
                    goal_services.shake(goals[0], by=participant)
            yield "goals with handshakes"
            for goal in goals:
                goal_services.seal_goal(goal, by=self.facilitator)
        elif kind == "commitments":
            goal = Goal.objects.filter(seminar=self.seminar).first()
            for participant in self.phones:
                if goal is None or participant.department is None:
                    continue
                commitment_services.save_commitment(
                    goal,
                    by=participant,
                    department=participant.department,
                    demands="At vi inviterer borgerne tidligt",
                    agreements="Et fast punkt på hvert afdelingsmøde",
                )
                commitment_services.add_monday_action(
                    participant, text="Fortæller mit team om målet", goal=goal
                )
            yield "commitments"
        else:
            yield f"{kind} ({item.title[:30]})"

    def _follow_up(self):
        for goal in Goal.objects.filter(seminar=self.seminar):
            followup_services.record_progress(
                goal, by=self.director, status="under_way", note="Styregruppen er nedsat."
            )


# --- The pages: every GET route of the site, its arguments filled from the demo ------------------

FINAL = "after the seminar (follow-up, report)"
SKIPPED_ROUTES = re.compile(r"^(admin/|i18n/|logout/)")


def _routes(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _arguments(seminar, participant):
    """A value for every path argument a route of the site takes, from the demo as it is now."""
    seminar_items = programme_items(seminar)
    first = lambda queryset: queryset.order_by("pk").values_list("pk", flat=True).first()  # noqa: E731
    return {
        "seminar_id": seminar.pk,
        "code": seminar.join_code,
        "board_id": first(Board.objects.filter(agenda_item__day__seminar=seminar)),
        "goal_id": first(Goal.objects.filter(seminar=seminar)),
        "vote_id": first(Vote.objects.filter(seminar=seminar)),
        "idea_id": first(Idea.objects.filter(board__agenda_item__day__seminar=seminar)),
        "item_id": seminar_items[0].pk if seminar_items else None,
        "participant_id": participant.pk if participant else None,
        "day_id": first(seminar.days.all()),
        "grouping_id": first(seminar.groupings.all()),
    }


def page_urls(seminar, participant=None):
    """Every GET route of the site as a path, with the demo's values for its arguments; routes
    whose arguments the demo has no value for (or that do not name a page) are left out."""
    values = _arguments(seminar, participant)
    urls = []
    for route, _pattern in _routes():
        if SKIPPED_ROUTES.match(route) or "." in route or "<str:action>" in route:
            continue
        names = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if any(values.get(name) is None for name in names):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)
        urls.append("/" + path.lstrip("^").rstrip("$"))
    return sorted(set(urls))


# What a page's verdict does not depend on: tokens, keys, times and numbers, the language, and
# which words its texts are (what matters is whether a text or a name is there at all).
VOLATILE = re.compile(
    r'(nonce="[^"]*"|value="[^"]*"|X-CSRFToken": "[^"]*"|lang="[^"]*"|\sselected\b|\d+)'
)
WORDS = re.compile(r">[^<]*\S[^<]*<")
NAMES = re.compile(r'((?:aria-label|title|alt|placeholder|content|hx-confirm|data-[\w-]+)=")[^"]+"')


def fingerprint(html):
    """The page's structure: two pages with the same fingerprint differ only in their words,
    numbers, tokens and language, and get the same verdict from axe and the reflow measure."""
    structure = NAMES.sub(r'\1T"', WORDS.sub(">T<", VOLATILE.sub("", html)))
    return hashlib.sha1(structure.encode()).hexdigest()  # noqa: S324


def is_document(response):
    return (
        response.status == 200
        and response.headers.get("content-type", "").startswith("text/html")
        and "<html" in response.text()[:400].lower()
    )


def shot_dir():
    folder = Path(os.environ.get("PLENUM_A11Y_SHOTS", "/tmp/plenum-a11y-shots"))  # noqa: S108
    folder.mkdir(parents=True, exist_ok=True)
    return folder
