"""The speaker queue: phones ask to speak and withdraw; the facilitator orders and calls."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agenda.models import AgendaItem
from ideas.access import done, participant_for, refusal
from ideas.domain import Refused
from ideas.models import SpeakerRequest
from ideas.speakers import services
from seminar.permissions import get_seminar_for_facilitator


@require_POST
def speaker_ask(request, seminar_id):
    seminar, participant = participant_for(request, seminar_id)
    try:
        if request.POST.get("action") == "withdraw":
            services.withdraw(seminar, by=participant)
        else:
            services.ask_to_speak(seminar, by=participant, key=request.POST.get("key"))
    except Refused as refused:
        return refusal(str(refused), status=409)
    # The phone's place in the queue comes by the push, as everyone's does.
    return done(request, "phone", seminar)


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def speaker_queue(request, seminar_id, item_id):
    """The console: move someone up or down, take them off, call the next, finish."""
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    item = get_object_or_404(AgendaItem, pk=item_id, day__seminar=seminar)
    action = request.POST.get("action")
    after = _number(request.POST.get("after"))
    to = _number(request.POST.get("to"))
    if action == "remove" or (action == "move" and to is not None):
        speaker = get_object_or_404(
            SpeakerRequest, pk=_number(request.POST.get("speaker")) or 0, agenda_item=item
        )
        if action == "remove":
            services.remove(speaker, by=request.user)
        else:
            services.move(speaker, by=request.user, to=to)
    elif action == "next" and after is not None:
        services.call_next(item, by=request.user, after=after)
    elif action == "finish" and after is not None:
        services.finish(item, by=request.user, after=after)
    else:
        return refusal(_("Choose what to do with the queue."), status=400)
    return done(request, "console", seminar)
