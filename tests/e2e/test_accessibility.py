"""axe-core finds no WCAG 2.1 A/AA violation on any page of any role, in every state of the demo,
at a phone's and a laptop's width, in two languages; and every page reflows to 320 px without
scrolling sideways (WCAG 1.4.10: a wide table scrolls in its own labelled region).

The pages are not listed here: every GET route of the site (tests/e2e/accessibility.py fills
its arguments from the demo) is asked for by every role, and each full page a role gets is
checked. The states are the demo's programme walked kind by kind. One daphne serves them all;
a page whose structure is the same as one already checked at that width is not checked again.
"""

import os
import time
from unittest import mock

import pytest
from django.contrib.auth.models import User

from groups import services as group_services
from groups.models import Membership, Screen
from seminar.models import Participant
from seminar.permissions import SCREEN_COOKIE
from tests.e2e.accessibility import (
    FINAL,
    DemoStates,
    axe_source,
    axe_violations,
    fingerprint,
    is_document,
    load_demo,
    page_urls,
    shot_dir,
)
from tests.e2e.helpers import ROOT, log_in, participant_id

# (language, width): both widths and both languages; PLENUM_A11Y_FULL=1 checks all four pairs.
VIEWS = [("da", 360), ("sv", 1280)]
if os.environ.get("PLENUM_A11Y_FULL") == "1":
    VIEWS = [("da", 360), ("da", 1280), ("sv", 360), ("sv", 1280)]
REFLOW_WIDTH = 320
PHONES = (("da", "Asta Dansk", "Teknik og Miljø"), ("sv", "Sven Svensk", "Kultur og Fritid"))


def _join(page, base_url, seminar, name, department):
    page.goto(f"{base_url}/join/{seminar.join_code}/")
    page.fill("#id_display_name", name)
    page.select_option("#id_department", label=department)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/s/{seminar.pk}/me/")
    return Participant.objects.get(pk=participant_id(page))


def _pair_screen(page, base_url, seminar, participant):
    """The table screen at the first phone's table (paired with the service: no push needed)."""
    page.goto(f"{base_url}/screen/")
    page.click("form[action='/screen/'] button[type=submit]")  # a visit alone stores nothing
    page.wait_for_selector("#table-panel .pairing-code")
    token = next(c["value"] for c in page.context.cookies() if c["name"] == SCREEN_COOKIE)
    screen = Screen.objects.get(token=token)
    group = Membership.objects.filter(participant=participant).first().group
    with mock.patch("seminar.live._send"):
        group_services.pair_screen(seminar, by=None, pairing_code=screen.pairing_code, group=group)


def _open_roles(screens, base, seminar):
    roles = {}
    for username in ("facilitator", "director"):
        page = screens(username, viewport={"width": 1280, "height": 800})
        roles[username] = log_in(page, base, username)
    participants = []
    for language, name, department in PHONES:
        page = screens(f"phone {language}", viewport={"width": 360, "height": 740})
        participants.append(_join(page, base, seminar, name, department))
        roles[f"phone {language}"] = page
    roles["table screen"] = screens("table screen", viewport={"width": 1280, "height": 800})
    _pair_screen(roles["table screen"], base, seminar, participants[0])
    roles["visitor"] = screens("visitor", viewport={"width": 1280, "height": 800})
    for page in roles.values():
        # Some hundred page loads on a busy machine: one slow load is not a failure here.
        page.context.set_default_timeout(30_000)
    return roles, participants


def _wider_than(page, width):
    """The page's width at `width` px, and what sticks out (for the message)."""
    page.set_viewport_size({"width": width, "height": 800})
    return page.evaluate(
        """(width) => {
          const wide = Array.from(document.querySelectorAll("body *")).filter((el) =>
            el.getBoundingClientRect().right > width + 1 && el.getClientRects().length)
            .slice(0, 3).map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
              + (el.className && el.className.baseVal === undefined ? "." + el.className : ""));
          return {scrollWidth: document.documentElement.scrollWidth, wide: wide};
        }""",
        width,
    )


@pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")) and not os.environ.get("PLENUM_A11Y_FULL"),
    reason="the pages' markup does not depend on the database: the walk runs on the embedded "
    "default (PLENUM_A11Y_FULL=1 runs it here too)",
)
def test_axe_and_reflow_find_nothing_on_any_page_of_any_role_in_any_state(
    server, screens, problems
):
    source = axe_source()
    seminar = load_demo()
    base = server.url
    roles, participants = _open_roles(screens, base, seminar)
    walk = DemoStates(
        seminar,
        facilitator=User.objects.get(username="facilitator"),
        director=User.objects.get(username="director"),
        phones=participants,
    )
    checked = {}  # (width, fingerprint) -> violations
    never = set()  # (role, url) that were no page for the role (redirect, 403, 404, 405, file)
    found, too_wide = {}, {}
    counts = {"checks": 0, "skipped": 0, "states": 0}
    started = time.monotonic()
    for state in walk.states():
        counts["states"] += 1
        for role, page in roles.items():
            participant = participants[1] if role == "phone sv" else participants[0]
            for url in page_urls(seminar, participant):
                # A route that was no page for a role is asked again only at the end.
                if (role, url) in never and state != FINAL:
                    continue
                # One request tells whether the route is a page for this role, and its
                # structure (the same in every language); a view whose width has seen that
                # structure is not loaded at all.
                response = page.context.request.get(base + url, max_redirects=0)
                if not is_document(response):
                    never.add((role, url))
                    continue
                structure = fingerprint(response.text())
                for language, width in VIEWS:
                    key = (width, structure)
                    if key in checked:
                        counts["skipped"] += 1
                        continue
                    page.context.add_cookies(
                        [{"name": "django_language", "value": language, "url": base}]
                    )
                    page.set_viewport_size({"width": width, "height": 800})
                    page.goto(base + url)
                    if page.locator("[ws-connect]").count():
                        page.wait_for_selector("body[data-live='open']", state="attached")
                    violations = checked[key] = axe_violations(page, source)
                    counts["checks"] += 1
                    where = f"{state} | {role} | {url} | {language} {width}px"
                    if violations:
                        found[where] = violations
                        name = "".join(c if c.isalnum() else "-" for c in where)[:150]
                        page.screenshot(path=str(shot_dir() / f"{name}.png"), full_page=True)
                    if width == min(w for _l, w in VIEWS):
                        measured = _wider_than(page, REFLOW_WIDTH)
                        if measured["scrollWidth"] > REFLOW_WIDTH:
                            too_wide[f"{state} | {role} | {url} | {language}"] = measured
    elapsed = time.monotonic() - started
    print(
        f"axe: {counts['states']} states, {counts['checks']} page checks, "
        f"{counts['skipped']} unchanged pages skipped, {len(found)} with violations, "
        f"{len(too_wide)} wider than {REFLOW_WIDTH} px, {elapsed:.0f} s"
    )
    report = [
        f"{where}: "
        + "; ".join(f"{v['id']} x{v['count']} ({' | '.join(v['nodes'])})" for v in violations)
        for where, violations in found.items()
    ]
    report += [
        f"{where}: {m['scrollWidth']} px wide at {REFLOW_WIDTH} px ({', '.join(m['wide'])})"
        for where, m in too_wide.items()
    ]
    assert not report, f"{len(report)} page-states fail:\n" + "\n".join(report)
    problems.assert_none()


def test_the_previews_a_form_shows_pass_axe_and_reflow(server, screens, problems):
    """The pages a POST shows (a timetable's import preview, a grouping's preview), which the
    walk over GET routes cannot reach."""
    source = axe_source()
    seminar = load_demo()
    page = log_in(
        screens("facilitator", viewport={"width": 360, "height": 740}), server.url, "facilitator"
    )
    page.goto(f"{server.url}/s/{seminar.pk}/programme/import/")
    page.fill("textarea", (ROOT / "seminar" / "demo" / "varde_2014.txt").read_text())
    with page.expect_navigation():
        page.click("button[name=preview]")
    page.wait_for_selector("#preview-heading")
    previews = {"import preview": _verdict(page, source)}
    page.goto(f"{server.url}/s/{seminar.pk}/groups/")
    form = "form[action$='/groups/preview/']"
    page.fill(f"{form} #id_name", "Tværgående")
    page.select_option(f"{form} #id_method", "cross_functional")
    page.fill(f"{form} #id_size", "5")
    with page.expect_navigation():
        page.click(f"{form} button[type=submit]:not([name]):not([formaction])")
    page.wait_for_selector("[data-preview]")
    previews["grouping preview"] = _verdict(page, source)
    failing = {name: verdict for name, verdict in previews.items() if any(verdict.values())}
    assert not failing, failing
    problems.assert_none()


def _verdict(page, source):
    violations = axe_violations(page, source)
    measured = _wider_than(page, REFLOW_WIDTH)
    return {
        "axe": [f"{v['id']}: {v['nodes']}" for v in violations],
        "wider": measured if measured["scrollWidth"] > REFLOW_WIDTH else None,
    }
