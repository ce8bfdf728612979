"""Plenum questions: phones ask and upvote; the facilitator approves, hides and answers."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ideas.access import done, participant_for, refusal
from ideas.domain import Refused
from ideas.live import current_item
from ideas.models import Question
from ideas.questions import services
from ideas.questions.forms import AnswerForm, QuestionForm
from ideas.questions.live import question_settings
from seminar.permissions import get_seminar_for_facilitator

ASK_FORM = "ideas/extras/questions.html#ask"
LIST = "ideas/extras/questions.html#questions"
ANSWER_FORM = "ideas/extras/questions.html#answer-form"


def _ask_context(seminar, form, **more):
    item = current_item(seminar)
    return {
        "seminar": seminar,
        "item": item,
        "extra": {"settings": question_settings(item) or {}, "form": form, **more},
    }


@require_POST
def question_ask(request, seminar_id):
    seminar, participant = participant_for(request, seminar_id)
    form = QuestionForm(request.POST)
    status = 200
    if form.is_valid():
        try:
            question = services.ask(
                seminar,
                by=participant,
                text=form.cleaned_data["text"],
                anonymous=form.cleaned_data["anonymous"],
                key=request.POST.get("key"),
            )
        except Refused as refused:
            context = _ask_context(seminar, form, error=str(refused))
            status = 422
        else:
            if not request.htmx:
                return redirect("phone", seminar.pk)
            context = _ask_context(seminar, QuestionForm(), sent=question)
    else:
        context = _ask_context(seminar, form)
        status = 422
    # htmx swaps the form whatever the answer: a refusal or an error is shown in it.
    return render(request, ASK_FORM, context, status=200 if request.htmx else status)


@require_POST
def question_vote(request, seminar_id, question_id):
    seminar, participant = participant_for(request, seminar_id)
    question = get_object_or_404(Question, pk=question_id, seminar=seminar)
    try:
        services.upvote(
            question, by=participant, up=request.POST.get("up") != "0", key=request.POST.get("key")
        )
    except Refused as refused:
        return refusal(str(refused), status=409)
    # The list comes back by the push to every phone, the voter's too: an answer swapped in here
    # could arrive after that push had replaced the button's own list (htmx finds no target).
    return done(request, "phone", seminar)


@login_required
@require_POST
def question_moderate(request, seminar_id, question_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    question = get_object_or_404(Question, pk=question_id, seminar=seminar)
    action = request.POST.get("action")
    form = AnswerForm(request.POST)
    answer = form.cleaned_data["answer"] if form.is_valid() and "answer" in request.POST else None
    if action == "approve":
        services.approve(question, by=request.user)
    elif action == "hide":
        services.hide(question, by=request.user)
    elif action == "answer-now":
        services.answer_now(question, by=request.user)
    elif action == "answered":
        services.mark_answered(question, by=request.user, answer=answer)
    elif action == "note" and answer is not None:
        services.note_answer(question, by=request.user, answer=answer)
    else:
        return refusal(_("Choose what to do with the question."), status=400)
    if request.htmx and "answer" in request.POST:
        # The note's form answers with itself, so a push held while it was typed comes in.
        question.refresh_from_db()
        return render(request, ANSWER_FORM, {"seminar": seminar, "question": question})
    return done(request, "console", seminar)
