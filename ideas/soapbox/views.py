"""The soapbox: a phone's own speech, plan and feedback (fetched by that phone alone), the
feedback it gives, and the speaker picks and the floor (process leader or facilitator)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import reswap, retarget

from groups.models import Group
from ideas.access import done, participant_for, refusal
from ideas.domain import Conflict, Refused
from ideas.live import current_item
from ideas.models import Speech, SpeechFeedback
from ideas.soapbox import services
from ideas.soapbox.forms import FeedbackForm, SpeechForm
from seminar.permissions import get_seminar_for_facilitator

MINE = "ideas/exercises/soapbox.html#my-speech"
SAVED = "ideas/exercises/soapbox.html#speech-saved"


def _running_soapbox(seminar):
    item = current_item(seminar)
    if item is None or item.kind != "speeches":
        return None
    return item


def my_speech_context(seminar, item, participant, **more):
    speech = services.speech_for(item, participant)
    group = services.seat_of(item, participant)
    picked = []
    if group is not None:
        given = {
            f.speech_id: f
            for f in SpeechFeedback.objects.filter(
                participant=participant, speech__agenda_item=item
            )
        }
        for other in (
            Speech.objects.filter(agenda_item=item, group=group, pick__isnull=False)
            .exclude(participant=participant)
            .select_related("participant")
        ):
            mine = given.get(other.pk)
            other.feedback_form = FeedbackForm(
                initial={"worked": mine.worked, "suggestion": mine.suggestion} if mine else None,
                prefix=f"f{other.pk}",
            )
            other.my_feedback = mine
            picked.append(other)
    context = {
        "seminar": seminar,
        "item": item,
        "speech": speech,
        "form": SpeechForm(instance=speech, initial={"version": speech.version}),
        "to_give": picked,
        "received": list(speech.feedback.all()) if speech.pick else [],
        "is_leader": group is not None and group.leader_id == participant.pk,
    }
    context.update(more)
    return context


@require_GET
def my_speech(request, seminar_id):
    seminar, participant = participant_for(request, seminar_id)
    item = _running_soapbox(seminar)
    if item is None:
        return render(request, MINE, {"seminar": seminar, "item": None})
    return render(request, MINE, my_speech_context(seminar, item, participant))


@require_POST
def speech_save(request, seminar_id):
    seminar, participant = participant_for(request, seminar_id)
    item = _running_soapbox(seminar)
    if item is None:
        return _closed()
    form = SpeechForm(request.POST)
    if not form.is_valid():
        return refusal(" ".join(m for ms in form.errors.values() for m in ms), status=422)
    fields = dict(form.cleaned_data)
    version = fields.pop("version") or 0
    try:
        speech = services.save_speech(item, by=participant, version=version, **fields)
    except Conflict as conflict:
        context = my_speech_context(seminar, item, participant, conflict=conflict.current)
        data = request.POST.copy()
        data["version"] = conflict.current.version  # the next save, made knowingly, wins
        context["form"] = SpeechForm(data, instance=conflict.current)
        # The form saves without swapping; a conflict shows the whole part with the person's text.
        return reswap(retarget(render(request, MINE, context), "#my-speech"), "outerHTML")
    if not request.htmx:
        return redirect("phone", seminar.pk)
    # Saved as the person types: only the version and a receipt come back (out of band),
    # so the text being written is never replaced.
    return render(request, SAVED, {"speech": speech})


def _closed():
    return refusal(_("The soapbox is not running now."), status=409)


@require_POST
def speech_feedback(request, seminar_id, speech_id):
    seminar, participant = participant_for(request, seminar_id)
    speech = get_object_or_404(Speech, pk=speech_id, seminar=seminar)
    form = FeedbackForm(request.POST, prefix=f"f{speech.pk}")
    if not form.is_valid():
        return refusal(" ".join(m for ms in form.errors.values() for m in ms), status=422)
    try:
        services.give_feedback(
            speech,
            by=participant,
            worked=form.cleaned_data["worked"],
            suggestion=form.cleaned_data["suggestion"],
            key=request.POST.get("key"),
        )
    except Refused as refused:
        return refusal(str(refused), status=409)
    return done(request, "phone", seminar)


def _lead(request, seminar, group_id, action):
    item = _running_soapbox(seminar)
    if item is None:
        return _closed()
    group = get_object_or_404(Group, pk=group_id, grouping=item.grouping_id)
    try:
        action(item, group)
    except Refused as refused:
        return refusal(str(refused), status=403)
    return None


def _after(request):
    try:
        return int(request.POST.get("after", ""))
    except ValueError:
        return None


@require_POST
def leader_action(request, seminar_id, group_id):
    """The process leader's phone picks the speakers and gives the floor."""
    seminar, participant = participant_for(request, seminar_id)
    return _lead_action(request, seminar, group_id, participant, "phone")


@login_required
@require_POST
def facilitator_action(request, seminar_id, group_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    return _lead_action(request, seminar, group_id, request.user, "console")


def _lead_action(request, seminar, group_id, by, page):
    action = request.POST.get("action")
    after = _after(request)
    if action == "pick":
        answer = _lead(request, seminar, group_id, lambda i, g: services.pick_speakers(i, g, by=by))
    elif action == "next" and after is not None:
        answer = _lead(
            request,
            seminar,
            group_id,
            lambda i, g: services.next_speaker(i, g, by=by, after=after),
        )
    else:
        return refusal(_("Choose what to do with the speakers."), status=400)
    return answer or done(request, page, seminar)
