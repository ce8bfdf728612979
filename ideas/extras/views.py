"""The console's switches of an item's extras (questions, a speaker queue) and their settings."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from agenda.models import AgendaItem
from ideas.access import done, refusal
from ideas.domain import Refused
from ideas.extras import services
from seminar.permissions import get_seminar_for_facilitator


@login_required
@require_POST
def extra_switch(request, seminar_id, item_id, key):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    item = get_object_or_404(AgendaItem, pk=item_id, day__seminar=seminar)
    try:
        services.switch_extra(item, by=request.user, key=key, on=request.POST.get("on") == "1")
    except Refused as refused:
        return refusal(str(refused), status=409)
    return done(request, "console", seminar)


@login_required
@require_POST
def extra_settings(request, seminar_id, item_id, key):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    item = get_object_or_404(AgendaItem, pk=item_id, day__seminar=seminar)
    try:
        extra = services.offered_extra(item, key)
    except Refused as refused:
        return refusal(str(refused), status=409)
    form = extra.settings_form(request.POST)
    if not form.is_valid():
        errors = "; ".join(str(error) for errors in form.errors.values() for error in errors)
        return refusal(errors, status=422)
    item = services.configure_extra(item, by=request.user, key=key, **form.cleaned_data)
    if request.htmx and extra.settings_template:
        # The form answers with itself, saved, so a push held while it was changed comes in.
        settings = extra.settings(item)
        context = {
            "seminar": seminar,
            "item": item,
            "extra": {
                "settings": settings,
                "settings_form": extra.settings_form(initial=settings),
                "saved": True,
            },
        }
        return render(request, extra.settings_template, context)
    return done(request, "console", seminar)
