"""The console's stage chooser: the facilitator puts one thing at a time on the projector."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ideas.domain import Refused
from ideas.live import stage_chooser_context
from ideas.stage import services
from seminar.permissions import get_seminar_for_facilitator


def _item_id(value):
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return -1  # names no item: refused as "moved on"


@login_required
@require_POST
def stage_choose(request, seminar_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    error = None
    try:
        services.choose_stage(
            seminar,
            by=request.user,
            key=(request.POST.get("stage") or "")[:80],
            item_id=_item_id(request.POST.get("item")),
        )
    except Refused as refusal:
        error = str(refusal)
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect("console", seminar.pk)
    # The chooser as it is now, swapped in place (the push brings it too, and the preview).
    context = {**stage_chooser_context(seminar), "error": error, "inline": True}
    return render(request, "ideas/stage.html#chooser", context)
