"""Who may do what: one predicate per question, shared by views and consumers.

Roles: a facilitator (Django user among the seminar's facilitators) runs the seminar; a
participant is known by the session key `participant:<seminar id>`; a table screen by its cookie;
a director (user in the "directors" group) reads the seminars they follow and writes nothing of
their content.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404

from seminar import live
from seminar.models import Participant, Seminar

FACILITATORS_GROUP = "facilitators"
DIRECTORS_GROUP = "directors"
SCREEN_COOKIE = "plenum_screen"


def participant_session_key(seminar_id):
    return f"participant:{seminar_id}"


def is_facilitator(user, seminar):
    return user.is_authenticated and seminar.facilitators.filter(pk=user.pk).exists()


def is_director(user):
    return user.is_authenticated and user.groups.filter(name=DIRECTORS_GROUP).exists()


def seminars_followed_by(user):
    """The seminars a director may read and follow up (superusers: all)."""
    if not user.is_authenticated:
        return Seminar.objects.none()
    if user.is_superuser:
        return Seminar.objects.all()
    if not is_director(user):
        return Seminar.objects.none()
    return Seminar.objects.filter(directors=user)


def may_follow_up(user, seminar):
    """Directors of the seminar and its facilitators record the goals' progress."""
    return (
        is_facilitator(user, seminar) or seminars_followed_by(user).filter(pk=seminar.pk).exists()
    )


def seminars_run_by(user):
    if not user.is_authenticated:
        return Seminar.objects.none()
    return Seminar.objects.filter(facilitators=user)


def get_seminar_for_facilitator(user, seminar_id):
    """The seminar if the user runs it, else 404 (an outsider learns nothing of its existence)."""
    try:
        return seminars_run_by(user).get(pk=seminar_id)
    except Seminar.DoesNotExist:
        raise Http404 from None


def participant_from_session(session, seminar):
    """The seminar's participant this session joined as, or None (read once per state read)."""
    participant_id = session.get(participant_session_key(seminar.pk))
    if participant_id is None:
        return None
    return live.read_once(
        ("participant", seminar.pk, participant_id),
        lambda: _participant_of(seminar, participant_id),
    )


def _participant_of(seminar, participant_id):
    participant = (
        Participant.objects.filter(pk=participant_id, seminar=seminar)
        .select_related("department")
        .first()
    )
    if participant is not None:
        participant.seminar = seminar  # the same seminar (filtered by it): no second read
    return participant


# Table screens belong to the groups app, above this one: it registers how a cookie's token
# finds its screen (groups/queries.py), so this module imports nothing from it.
_screen_finders: list[Callable] = []


def screen_finder(func):
    _screen_finders.append(func)
    return func


def screen_from_cookies(cookies):
    token = cookies.get(SCREEN_COOKIE)
    if not token:
        return None
    for find in _screen_finders:
        screen = find(token)
        if screen is not None:
            return screen
    return None


@dataclass
class Viewer:
    """A connected screen and what it may see: the unit the live layer subscribes."""

    seminar: Seminar
    role: str  # facilitator | projector | participant | screen
    participant: Participant | None = None
    screen: object | None = None
    # "http://192.168.1.20:8000": the address the screen reached us by, for the join link.
    base_url: str = ""
    # A participant's page other than the phone ("poster", "vote": seminar.live.page), and the
    # id of what it shows. Such a page hears only itself and its own person.
    page: str = ""
    page_id: int = 0

    def audiences(self):
        if self.page:
            own = live.page_named(self.page).audiences(self, self.page_id) or []
            return [live.participant_audience(self.participant.pk), *own]
        audiences = [live.seminar_audience(self.seminar.pk)]
        if self.role == "facilitator":
            audiences.append(live.facilitators_audience(self.seminar.pk))
        elif self.role == "projector":
            audiences.append(live.projector_audience(self.seminar.pk))
        elif self.role == "participant":
            audiences.append(live.phones_audience(self.seminar.pk))
            audiences.append(live.participant_audience(self.participant.pk))
        elif self.role == "screen":
            audiences.append(live.screen_audience(self.screen.pk))
            audiences.append(live.all_table_screens_audience(self.seminar.pk))
        # The apps above add theirs (a phone's tables, a screen's table).
        return audiences + live.more_audiences(self)


def viewer_for(*, user, session, cookies, seminar, view, base_url="", page_id=None):
    """Resolve who is connecting to a seminar's live channel, or None when nobody we know.

    `view` is what the page asks for ("console", "projector", "phone", "screen", or a
    participant's page registered with `seminar.live.page`, with the `page_id` of what it
    shows); a role is granted only when the credentials back it.
    """
    if view in {"console", "projector"}:
        if is_facilitator(user, seminar):
            role = "facilitator" if view == "console" else "projector"
            return Viewer(seminar, role, base_url=base_url)
        return None
    if view == "screen":
        screen = screen_from_cookies(cookies)
        if screen and screen.seminar_id == seminar.pk:
            return Viewer(seminar, "screen", screen=screen, base_url=base_url)
        return None
    participant = participant_from_session(session, seminar)
    if participant is None:
        return None
    viewer = Viewer(seminar, "participant", participant=participant, base_url=base_url)
    page = live.page_named(view)
    if page is None:
        return viewer
    try:
        viewer.page, viewer.page_id = view, int(page_id)
    except (TypeError, ValueError):
        return None
    if not 0 < viewer.page_id < 2**63 or page.audiences(viewer, viewer.page_id) is None:
        return None
    return viewer


def page_viewer(request, seminar, view, page_id=None):
    """The viewer of a page: the same resolution as the page's socket (seminar/consumers.py)."""
    return viewer_for(
        user=request.user,
        session=request.session,
        cookies=request.COOKIES,
        seminar=seminar,
        view=view,
        page_id=page_id,
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
