"""The facilitator's programme editor, run console and projector view, and the clock buttons.

Views validate and call services; they never write to the database themselves.
"""

from contextlib import suppress

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from agenda import queries, services
from agenda.forms import AgendaItemForm, DayForm, ImportForm
from agenda.importer import parse_programme
from agenda.live import console_context
from agenda.models import AgendaItem, Day
from seminar import hub, live
from seminar.permissions import get_seminar_for_facilitator, page_viewer


def _programme_context(seminar, **extra):
    return {
        "seminar": seminar,
        "days": queries.days_with_items(seminar),
        "day_form": DayForm(),
        **extra,
    }


def programme_response(request, seminar, **extra):
    """The whole programme in place of whatever asked (an item's form, a button): `extra` adds
    to its context (`notices`: what the change did, said at its top)."""
    response = render(
        request, "agenda/programme.html#programme", _programme_context(seminar, **extra)
    )
    return reswap(retarget(response, "#programme"), "outerHTML")


@login_required
def programme(request, seminar_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    return render(request, "agenda/programme.html", _programme_context(seminar))


@login_required
@require_POST
def day_add(request, seminar_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    form = DayForm(request.POST)
    if form.is_valid():
        services.add_day(seminar, by=request.user, **form.cleaned_data)
        if request.htmx:
            return programme_response(request, seminar)
        return redirect("programme", seminar.pk)
    return render(request, "agenda/programme.html", _programme_context(seminar, day_form=form))


@login_required
@require_POST
def day_delete(request, seminar_id, day_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    day = get_object_or_404(Day, pk=day_id, seminar=seminar)
    if seminar.clock.current_item and seminar.clock.current_item.day_id == day.pk:
        messages.error(request, _("The day that is running cannot be deleted."))
    else:
        services.delete_day(day, by=request.user)
    if request.htmx:
        return programme_response(request, seminar)
    return redirect("programme", seminar.pk)


@login_required
@require_http_methods(["GET", "POST"])
def item_add(request, seminar_id, day_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    day = get_object_or_404(Day, pk=day_id, seminar=seminar)
    form = AgendaItemForm(request.POST or None, seminar=seminar)
    if request.method == "POST" and form.is_valid():
        services.add_item(day, by=request.user, **form.cleaned_data)
        if request.htmx:
            return programme_response(request, seminar)
        return redirect("programme", seminar.pk)
    context = {"seminar": seminar, "day": day, "form": form}
    template = "agenda/programme.html#item-form" if request.htmx else "agenda/item_form.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, seminar_id, item_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    item = get_object_or_404(AgendaItem, pk=item_id, day__seminar=seminar)
    form = AgendaItemForm(request.POST or None, instance=item, seminar=seminar)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        shift_rest = data.pop("shift_rest", False)
        services.update_item(item, by=request.user, shift_rest=shift_rest, **data)
        if request.htmx:
            return programme_response(request, seminar)
        return redirect("programme", seminar.pk)
    context = {
        "seminar": seminar,
        "day": item.day,
        "item": item,
        "form": form,
        "later_count": services.later_items_count(item),
    }
    template = "agenda/programme.html#item-form" if request.htmx else "agenda/item_form.html"
    return render(request, template, context)


@login_required
@require_POST
def item_move(request, seminar_id, item_id, direction):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    item = get_object_or_404(AgendaItem, pk=item_id, day__seminar=seminar)
    if direction not in {"up", "down"}:
        return HttpResponseBadRequest()
    services.move_item(item, by=request.user, direction=direction)
    if request.htmx:
        return programme_response(request, seminar)
    return redirect("programme", seminar.pk)


@login_required
@require_POST
def item_delete(request, seminar_id, item_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    item = get_object_or_404(AgendaItem, pk=item_id, day__seminar=seminar)
    try:
        services.delete_item(item, by=request.user)
    except services.ClockError:
        messages.error(request, _("The item that is running now cannot be deleted."))
    if request.htmx:
        return programme_response(request, seminar)
    return redirect("programme", seminar.pk)


@login_required
@require_http_methods(["GET", "POST"])
def programme_import(request, seminar_id):
    """Paste, preview, then save: nothing is stored until the facilitator confirms."""
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    form = ImportForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        days = parse_programme(form.cleaned_data["text"])
        if "confirm" in request.POST and days:
            added = services.apply_import(
                seminar, days, by=request.user, key=form.cleaned_data.get("key")
            )
            if added:  # nothing when the same import was sent twice
                messages.success(
                    request,
                    ngettext(
                        "%(count)d item was added to the programme.",
                        "%(count)d items were added to the programme.",
                        len(added),
                    )
                    % {"count": len(added)},
                )
            return redirect("programme", seminar.pk)
        preview = days
        if not days:
            form.add_error("text", _("No programme items were found in this text."))
    return render(
        request, "agenda/import.html", {"seminar": seminar, "form": form, "preview": preview}
    )


def _live_page(request, seminar, view, template):
    """A live screen's page: exactly the regions its socket sends on connect (seminar/live.py)."""
    viewer = page_viewer(request, seminar, view)
    context = {
        "seminar": seminar,
        "regions": live.render_page_regions(viewer, request),
        "live": hub.seminar_stats(seminar.pk),
    }
    return render(request, template, context)


@login_required
def console(request, seminar_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    return _live_page(request, seminar, "console", "agenda/console.html")


@login_required
def projector(request, seminar_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    live.speak_seminar_language(request, seminar)
    return _live_page(request, seminar, "projector", "agenda/projector.html")


CLOCK_ACTIONS = {
    "start": services.start_seminar,
    "next": services.next_item,
    "previous": services.previous_item,
    "pause": services.pause,
    "resume": services.resume,
    "finish": services.finish,
    "extend5": lambda seminar, by: services.extend(seminar, by=by, minutes=5),
    "extend10": lambda seminar, by: services.extend(seminar, by=by, minutes=10),
}


def _clock_response(request, seminar):
    if request.htmx:
        # The console also updates from the push; the response carries the same region for a
        # console whose socket is down. It is swapped as the target, not out of band: the
        # button that asked may already have been replaced by the push. The programme beside it
        # comes with the push only: an out-of-band part of this answer would be looked for
        # under that replaced button, not in the page.
        # Read after the commit; the pushes of the change follow this answer (answer_first),
        # in their turn: no later change of this process is pushed before them.
        return render(
            request, "agenda/live.html#console-clock", {**console_context(seminar), "inline": True}
        )
    return redirect("console", seminar.pk)


@login_required
@require_POST
@live.answer_first  # the answer goes out before the room's pushes are rendered
def clock_action(request, seminar_id, action):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    if action not in CLOCK_ACTIONS:
        return HttpResponse(status=404)
    # A double click or a second facilitator got there first: show the state as it is.
    with suppress(services.ClockError):
        CLOCK_ACTIONS[action](seminar, by=request.user)
    return _clock_response(request, seminar)


@login_required
@require_POST
@live.answer_first
def clock_goto(request, seminar_id, item_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    item = get_object_or_404(AgendaItem, pk=item_id, day__seminar=seminar)
    services.go_to(seminar, by=request.user, item=item)
    return _clock_response(request, seminar)
