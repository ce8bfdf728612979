"""Participants and groupings for the facilitator; the table screen's own page.

Forming a grouping: the form posts to "preview" (nothing saved, a seed fixes the draw), the
preview's button posts the same fields and seed to "create", which draws the same plan again.
"""

import random

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from groups import allocation, queries, services
from groups.forms import GroupingForm, MergeForm, MoveForm, PairScreenForm, ParticipantForm
from groups.live import table_context
from groups.models import Grouping, Screen
from seminar import live, ratelimit
from seminar import services as seminar_services
from seminar.models import Participant
from seminar.permissions import get_seminar_for_facilitator, page_viewer, screen_from_cookies


def _page(request, seminar, *, form=None, preview=None, pair_form=None, status=200):
    groupings = queries.groupings_with_groups(seminar)
    participants = list(seminar.participants.select_related("department"))
    context = {
        "seminar": seminar,
        "groupings": groupings,
        "participants": participants,
        "departments": seminar.departments.all(),
        "form": form or GroupingForm(seminar=seminar),
        "pair_form": pair_form or PairScreenForm(seminar=seminar),
        "preview": preview,
        "screens": Screen.objects.filter(seminar=seminar).select_related("group__grouping"),
    }
    return render(request, "groups/groupings.html", context, status=status)


@login_required
def groupings(request, seminar_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    return _page(request, seminar)


def _plan_from(form, seminar):
    data = form.cleaned_data
    leaders = form.leader_ids()
    return services.plan_grouping(
        seminar,
        method=data["method"],
        size=data.get("size"),
        count=len(leaders),
        leaders=leaders,
        seed=data["seed"],
    )


def _preview_rows(plan, seminar):
    """The plan as the facilitator reads it: names, departments and spread warnings."""
    people = {p.pk: p for p in seminar.participants.select_related("department")}
    persons = [
        allocation.Person(pk, p.department.name if p.department else None)
        for pk, p in people.items()
    ]
    warnings = {}
    for violation in allocation.spread_violations(plan, persons):
        warnings.setdefault(violation.group, []).append(violation)
    rows = []
    for index, planned in enumerate(plan):
        rows.append(
            {
                "number": index + 1,
                "label": planned.label,
                "members": [people[pk] for pk in planned.members if pk in people],
                "warnings": warnings.get(index, []),
            }
        )
    return rows


@login_required
@require_POST
def grouping_preview(request, seminar_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    data = request.POST.copy()
    data["seed"] = data.get("seed") or str(random.randrange(1, 2**31))
    if "reshuffle" in request.POST:
        data["seed"] = str(random.randrange(1, 2**31))
    form = GroupingForm(data, seminar=seminar)
    if not form.is_valid():
        return _page(request, seminar, form=form, status=422)
    try:
        plan = _plan_from(form, seminar)
    except services.GroupingError as error:
        form.add_error(None, str(error))
        return _page(request, seminar, form=form, status=422)
    return _page(request, seminar, form=form, preview=_preview_rows(plan, seminar))


@login_required
@require_POST
def grouping_create(request, seminar_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    form = GroupingForm(request.POST, seminar=seminar)
    if not form.is_valid() or form.cleaned_data.get("seed") is None:
        return _page(request, seminar, form=form, status=422)
    try:
        plan = _plan_from(form, seminar)
    except services.GroupingError as error:
        form.add_error(None, str(error))
        return _page(request, seminar, form=form, status=422)
    data = form.cleaned_data
    services.create_grouping(
        seminar,
        by=request.user,
        name=data["name"],
        method=data["method"],
        size=data.get("size"),
        plan=plan,
        key=data.get("key"),
    )
    messages.success(request, _("The groups are formed. Phones show their table."))
    return redirect("groupings", seminar.pk)


@login_required
@require_POST
def grouping_delete(request, seminar_id, grouping_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    grouping = get_object_or_404(Grouping, pk=grouping_id, seminar=seminar)
    services.delete_grouping(grouping, by=request.user)
    return redirect("groupings", seminar.pk)


@login_required
@require_POST
def member_move(request, seminar_id, grouping_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    grouping = get_object_or_404(Grouping, pk=grouping_id, seminar=seminar)
    form = MoveForm(request.POST, grouping=grouping)
    if form.is_valid():
        participant, table = form.cleaned_data["member"], form.cleaned_data["group"]
        services.move_member(participant, by=request.user, group=table)
        messages.success(
            request,
            _("%(name)s now sits at %(table)s.")
            % {"name": participant.display_name, "table": table.name},
        )
    else:
        messages.error(request, _("Choose a person and a table of this grouping."))
    return redirect("groupings", seminar.pk)


@login_required
@require_POST
def participant_edit(request, seminar_id, participant_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    participant = get_object_or_404(Participant, pk=participant_id, seminar=seminar)
    form = ParticipantForm(request.POST, seminar=seminar)
    if form.is_valid():
        seminar_services.rename_participant(participant, by=request.user, **form.cleaned_data)
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("groupings", seminar.pk)


@login_required
@require_POST
def participant_remove(request, seminar_id, participant_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    participant = get_object_or_404(Participant, pk=participant_id, seminar=seminar)
    seminar_services.remove_participant(participant, by=request.user)
    messages.success(request, _("%(name)s was removed.") % {"name": participant.display_name})
    return redirect("groupings", seminar.pk)


@login_required
@require_POST
def participants_merge(request, seminar_id):
    """Keep one participant; the duplicate's seats move to them and it disappears."""
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    form = MergeForm(request.POST, seminar=seminar)
    if not form.is_valid():
        messages.error(request, _("Choose two different participants of this seminar to merge."))
        return redirect("groupings", seminar.pk)
    keep, duplicate = form.cleaned_data["keep"], form.cleaned_data["duplicate"]
    seminar_services.merge_participants(keep, by=request.user, duplicate=duplicate)
    messages.success(
        request,
        _("%(duplicate)s was merged into %(name)s.")
        % {"duplicate": duplicate.display_name, "name": keep.display_name},
    )
    return redirect("groupings", seminar.pk)


@login_required
@require_POST
def joining_lock(request, seminar_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    seminar_services.set_joining_locked(
        seminar, by=request.user, locked=request.POST.get("locked") == "1"
    )
    return redirect("groupings", seminar.pk)


@login_required
@require_POST
def joining_rotate(request, seminar_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    code = seminar_services.rotate_join_code(seminar, by=request.user)
    messages.success(request, _("The new join code is %(code)s.") % {"code": code})
    return redirect("groupings", seminar.pk)


@login_required
@require_POST
def screen_pair(request, seminar_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    form = PairScreenForm(request.POST, seminar=seminar)
    if form.is_valid():
        try:
            services.pair_screen(seminar, by=request.user, **form.cleaned_data)
        except services.GroupingError as error:
            form.add_error("pairing_code", str(error))
        else:
            messages.success(
                request,
                _("The screen now shows %(table)s.") % {"table": form.cleaned_data["group"].name},
            )
            return redirect("groupings", seminar.pk)
    return _page(request, seminar, pair_form=form, status=422)


@login_required
@require_POST
def screen_unpair(request, seminar_id, screen_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    screen = get_object_or_404(Screen, pk=screen_id, seminar=seminar)
    services.unpair_screen(screen, by=request.user)
    return redirect("groupings", seminar.pk)


@require_http_methods(["GET", "POST"])
def screen(request):
    """A table screen: unpaired it shows its pairing code; paired, its table, live.

    A browser becomes a screen by asking for a code (a POST, limited per address), never by
    just opening the page: a visit without the cookie stores nothing.
    """
    screen = services.screen_for_request(request)
    if request.method == "POST":
        if screen is None:
            key = f"screen:{ratelimit.client_key(request)}"
            window = settings.SCREEN_RATE_WINDOW
            if not ratelimit.hit(key, limit=settings.SCREEN_RATE_LIMIT, window=window):
                response = render(request, "groups/screen.html", {"too_many": True}, status=429)
                response["Retry-After"] = str(window)
                return response
            screen = services.new_screen()
        response = redirect("screen")
        services.remember_screen(response, screen)
        return response
    if screen is None:
        return render(request, "groups/screen.html", {"screen": None})
    context = {"screen": screen, **table_context(screen)}
    if screen.seminar_id:
        live.speak_seminar_language(request, screen.seminar)
        viewer = page_viewer(request, screen.seminar, "screen")
        context["regions"] = live.render_page_regions(viewer, request)
    response = render(request, "groups/screen.html", context)
    services.remember_screen(response, screen)
    return response


def screen_status(request):
    """Polled by an unpaired screen: reload once it has been paired."""
    screen = screen_from_cookies(request.COOKIES)
    if screen is not None and screen.seminar_id:
        return HttpResponseClientRefresh()
    return HttpResponse(status=204)
