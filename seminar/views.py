"""Home, seminar settings, joining from a phone, the phone's page, and the error pages."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from seminar import health, hub, live, ratelimit, services
from seminar.forms import JoinCodeForm, JoinForm, SeminarForm, TeamMemberForm
from seminar.models import Seminar, normalise_join_code
from seminar.permissions import (
    FACILITATORS_GROUP,
    get_seminar_for_facilitator,
    is_director,
    page_viewer,
    participant_from_session,
    participant_session_key,
    seminars_followed_by,
    seminars_run_by,
)
from seminar.screens import join_box_context


def home(request):
    """Joining for everyone; the seminars a facilitator runs and those a director follows,
    each under its own heading (someone with both roles sees both)."""
    user = request.user
    director = is_director(user)
    can_create = user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=FACILITATORS_GROUP).exists()
    )
    run = list(seminars_run_by(user).order_by("-starts_on", "title", "pk"))
    followed = (
        list(seminars_followed_by(user).order_by("-starts_on", "title", "pk")) if director else []
    )
    context = {
        "join_form": JoinCodeForm(),
        "seminars": run,
        "followed": followed,
        "is_director": director,
        # A director who runs nothing is not shown an empty "Seminars I run".
        "shows_run": user.is_authenticated and (can_create or bool(run) or not director),
        "can_create": can_create,
    }
    return render(request, "seminar/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def seminar_new(request):
    user = request.user
    if not (user.is_superuser or user.groups.filter(name=FACILITATORS_GROUP).exists()):
        raise PermissionDenied
    form = SeminarForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        departments = data.pop("departments")
        seminar = services.create_seminar(by=user, departments=departments, **data)
        return redirect("programme", seminar.pk)
    return render(request, "seminar/seminar_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def seminar_edit(request, seminar_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    form = SeminarForm(request.POST or None, instance=seminar)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        departments = data.pop("departments")
        services.update_seminar(seminar, by=request.user, **data)
        services.set_departments(seminar, by=request.user, names=departments)
        messages.success(request, _("The seminar was saved."))
        return redirect("seminar-edit", seminar.pk)
    return _settings_page(request, seminar, form=form)


def _settings_page(request, seminar, *, form=None, team_form=None, status=200):
    context = {
        "form": form or SeminarForm(instance=seminar),
        "seminar": seminar,
        "team_form": team_form or TeamMemberForm(),
        "facilitators": seminar.facilitators.order_by("username"),
        "directors": seminar.directors.order_by("username"),
    }
    return render(request, "seminar/seminar_form.html", context, status=status)


@login_required
@require_POST
def seminar_team_add(request, seminar_id):
    """A facilitator adds a co-facilitator or a director (an existing account) to the seminar."""
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    team_form = TeamMemberForm(request.POST)
    if team_form.is_valid():
        data = team_form.cleaned_data
        try:
            user = services.add_team_member(
                seminar, by=request.user, username=data["username"], role=data["role"]
            )
        except services.TeamRefused as refusal:
            team_form.add_error("username", str(refusal))
        else:
            messages.success(request, _("%(name)s was added.") % {"name": user.username})
            return redirect("seminar-edit", seminar.pk)
    return _settings_page(request, seminar, team_form=team_form, status=422)


@login_required
@require_POST
def seminar_team_remove(request, seminar_id):
    """A facilitator takes a facilitator or director off the seminar (never the last
    facilitator); someone who removes themself lands on their home page."""
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    role = request.POST.get("role")
    user_id = request.POST.get("user", "")
    if role not in services.TEAM_ROLES or not user_id.isdigit():
        messages.error(request, _("Choose someone to remove."))
        return redirect("seminar-edit", seminar.pk)
    user = getattr(seminar, services.TEAM_ROLES[role]).filter(pk=int(user_id)).first()
    if user is None:  # already removed (a post sent twice) or never there
        return redirect("seminar-edit", seminar.pk)
    try:
        services.remove_team_member(seminar, by=request.user, user=user, role=role)
    except services.TeamRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("seminar-edit", seminar.pk)
    messages.success(request, _("%(name)s was removed.") % {"name": user.username})
    if role == "facilitator" and user.pk == request.user.pk:
        return redirect("home")
    return redirect("seminar-edit", seminar.pk)


# Joining counts only failures (a code that is no seminar's), per address: a room of phones
# behind one venue address all join, while guessing codes from it gets 429. A code someone
# joined with from an address is known there, so a guesser on the venue's Wi-Fi cannot lock the
# room out of its own code.
def _join_key(request):
    return f"join:{ratelimit.client_key(request)}"


def _code_known_here(request, code):
    return ratelimit.remembered(f"{_join_key(request)}:{code}")


def _join_limited(request, code, *, kept):
    """429 with what the person typed kept, when this address guessed too often; else None."""
    code = normalise_join_code(code)
    limited = ratelimit.exceeded(_join_key(request), limit=settings.JOIN_RATE_LIMIT)
    if not limited or (code and _code_known_here(request, code)):
        return None
    response = render(
        request,
        "seminar/too_many.html",
        {"action": request.path, "kept": kept, "code": code},
        status=429,
    )
    response["Retry-After"] = str(settings.JOIN_RATE_WINDOW)
    return response


def _wrong_code(request):
    ratelimit.fail(_join_key(request), window=settings.JOIN_RATE_WINDOW)


class LoginView(auth_views.LoginView):
    """Django's login, with failures limited per user name and per address (successes never
    count): a wrong password tried over and over gets 429 and a message, not another try."""

    redirect_authenticated_user = True

    def _keys(self):
        username = str(self.request.POST.get("username", ""))[:150].strip().lower()
        return [f"login:user:{username}", f"login:addr:{ratelimit.client_key(self.request)}"]

    def post(self, request, *args, **kwargs):
        user_key, address_key = self._keys()
        if ratelimit.exceeded(user_key, limit=settings.LOGIN_RATE_LIMIT) or ratelimit.exceeded(
            address_key, limit=settings.LOGIN_RATE_LIMIT_PER_ADDRESS
        ):
            form = self.get_form_class()(
                request, initial={"username": request.POST.get("username")}
            )
            context = self.get_context_data(
                form=form,
                limited=_("Too many failed logins. Please wait %(minutes)d minutes and try again.")
                % {"minutes": max(1, settings.LOGIN_RATE_WINDOW // 60)},
            )
            response = self.render_to_response(context, status=429)
            response["Retry-After"] = str(settings.LOGIN_RATE_WINDOW)
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        for key in self._keys():
            ratelimit.fail(key, window=settings.LOGIN_RATE_WINDOW)
        return super().form_invalid(form)


@require_http_methods(["GET", "POST"])
def join_start(request):
    """The phone types the code it heard or read."""
    form = JoinCodeForm(request.POST or request.GET or None)
    if form.is_bound:
        typed = str(form.data.get("code", ""))[:12]
        if refused := _join_limited(request, typed, kept={"code": typed}):
            return refused
        if form.is_valid():
            code = form.cleaned_data["code"]
            if Seminar.objects.filter(join_code=code).exists():
                return redirect("join", code)
            _wrong_code(request)
            form.add_error(
                "code", _("There is no seminar with this code. Check the code on the screen.")
            )
    return render(request, "seminar/join_start.html", {"form": form})


# A phone remembers who joined on it, after it left too: it is offered that person again
# rather than made a second one. Signed, so a phone cannot claim someone else.
DEVICE_COOKIE = "plenum_me_{}"
DEVICE_MAX_AGE = 60 * 60 * 24 * 60


def _remembered(request, seminar):
    """The participant who joined this seminar on this phone before, or None."""
    participant_id = request.get_signed_cookie(
        DEVICE_COOKIE.format(seminar.pk), default=None, salt="plenum.device"
    )
    if not participant_id or not str(participant_id).isdigit():
        return None
    return seminar.participants.filter(pk=int(participant_id)).first()


def _enter(request, seminar, participant):
    ratelimit.remember(f"{_join_key(request)}:{seminar.join_code}", timeout=60 * 60 * 12)
    if request.session.session_key:  # a session from before: a new key, against fixation
        request.session.cycle_key()
    # (A phone's first join has no session yet: it is made once, with its key, as the response
    # goes; cycling an empty one would write it twice.)
    request.session[participant_session_key(seminar.pk)] = participant.pk
    response = redirect("phone", seminar.pk)
    response.set_signed_cookie(
        DEVICE_COOKIE.format(seminar.pk),
        str(participant.pk),
        salt="plenum.device",
        max_age=DEVICE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


@require_http_methods(["GET", "POST"])
def join(request, code):
    """A name and a department, nothing else; the phone then keeps a session cookie.

    A phone that joined before is offered its person again, and a name already in the room
    is not taken by a second person without their saying so: nobody is doubled silently.
    """
    kept = {
        name: str(request.POST.get(name, ""))[:80]
        for name in ("display_name", "department", "another_person")
        if request.POST.get(name)
    }
    if refused := _join_limited(request, code, kept=kept):
        return refused
    seminar = Seminar.objects.filter(join_code=normalise_join_code(code)).first()
    if seminar is None:
        _wrong_code(request)
        form = JoinCodeForm(initial={"code": code})
        return render(
            request, "seminar/join_start.html", {"form": form, "wrong_code": True}, status=404
        )
    participant = participant_from_session(request.session, seminar)
    if participant is not None:
        return redirect("phone", seminar.pk)
    remembered = _remembered(request, seminar)
    if request.method == "POST" and request.POST.get("resume") and remembered is not None:
        return _enter(request, seminar, remembered)
    form = JoinForm(request.POST or None, seminar=seminar)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["display_name"]
        namesake = seminar.participants.filter(display_name__iexact=name).first()
        if namesake is not None and remembered is not None and namesake.pk == remembered.pk:
            return _enter(request, seminar, remembered)  # the same person, back on this phone
        if namesake is not None and not form.cleaned_data.get("another_person"):
            form.ask_another_person(name)
        else:
            try:
                participant = services.join_seminar(
                    seminar, display_name=name, department=form.cleaned_data.get("department")
                )
            except services.JoinRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                return _enter(request, seminar, participant)
    context = {"seminar": seminar, "form": form, "remembered": remembered}
    return render(request, "seminar/join.html", context, status=422 if form.errors else 200)


def phone(request, seminar_id):
    with live.one_read():  # the person is read once, for the check and for the viewer
        seminar = Seminar.objects.filter(pk=seminar_id).first()
        participant = participant_from_session(request.session, seminar) if seminar else None
        if participant is None:
            return render(request, "seminar/not_joined.html", status=403)
        viewer = page_viewer(request, seminar, "phone")
        regions = live.render_page_regions(viewer, request, for_socket=True)
    context = {"seminar": seminar, "participant": participant, "regions": regions}
    return render(request, "seminar/phone.html", context)


@require_POST
def leave(request, seminar_id):
    participant_id = request.session.pop(participant_session_key(seminar_id), None)
    if participant_id is not None:  # the phone's open sockets close with its right
        live.end_sockets(live.audience_groups([live.participant_audience(participant_id)]))
    return redirect("home")


@login_required
def join_box(request, seminar_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    context = join_box_context(seminar, request.build_absolute_uri("/").rstrip("/"))
    return render(request, "seminar/live.html#join-box", context)


@login_required
def connections(request, seminar_id):
    """The console's connections panel: screens connected, resyncs and drops (seminar/hub.py)."""
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    context = {"seminar": seminar, "live": hub.seminar_stats(seminar.pk)}
    return render(request, "seminar/live.html#connections", context)


def _error_page(request, status, title, text):
    try:
        body = render_to_string(
            "error.html", {"status": status, "title": title, "text": text}, request=request
        )
    except Exception:  # a broken template, or the database down, must not hide the error
        body = format_html(
            '<!doctype html><meta charset="utf-8"><title>{}</title><h1>{}</h1><p>{}</p>',
            title,
            title,
            text,
        )
    return HttpResponse(body, status=status)


def bad_request(request, exception=None):
    return _error_page(
        request,
        400,
        _("This request could not be read"),
        _("Check the address, or open Plenum from the link or QR code you were given."),
    )


def csrf_failure(request, reason=""):
    return _error_page(
        request,
        403,
        _("The form could not be sent"),
        _(
            "The page was open too long, or this browser blocks cookies. Reload the page and try "
            "again."
        ),
    )


def forbidden(request, exception=None):
    return _error_page(
        request,
        403,
        _("You cannot open this page"),
        _("Your account or phone does not have access to it."),
    )


def not_found(request, exception=None):
    return _error_page(
        request,
        404,
        _("Page not found"),
        _("The address may be mistyped, or the page is no longer there."),
    )


def server_error(request):
    return _error_page(
        request,
        500,
        _("Something went wrong"),
        _("We have noted the error. Please try again in a moment."),
    )


@never_cache
@require_http_methods(["GET", "HEAD"])
def healthz(request):
    """For the proxy and the monitoring: 200 when the database and (if configured) Redis answer,
    503 when not. No login, no session, no personal data; one query and one PING."""
    checks = {"database": health.database_reachable()}
    if settings.REDIS_URL:
        checks["redis"] = health.redis_reachable()
    healthy = all(checks.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        "checks": {name: "ok" if ok else "unreachable" for name, ok in checks.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)
