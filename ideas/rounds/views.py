"""The question round: phones answer on their table's boards; the facilitator edits the
questions, merges the answers into conclusions and runs the dot votes (ideas/votes)."""

import uuid

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agenda.models import AgendaItem
from ideas.access import done, participant_for, refusal
from ideas.boards import services as boards
from ideas.boards.forms import IdeaForm
from ideas.domain import Refused
from ideas.models import IDEA_MAX_LENGTH, Board, Idea, RoundQuestion
from ideas.rounds import services
from ideas.rounds.forms import ConclusionForm, QuestionsForm
from seminar.input import as_id
from seminar.permissions import get_seminar_for_facilitator

ANSWER_FORM = "ideas/exercises/rounds.html#answer-form"


def _errors(form):
    return " ".join(error for errors in form.errors.values() for error in errors)


def _answer_form(request, seminar, board, **context):
    return render(
        request,
        ANSWER_FORM,
        {"seminar": seminar, "board": board, "max_length": IDEA_MAX_LENGTH, **context},
    )


@require_POST
def round_answer(request, seminar_id, board_id):
    """A phone answers a question on its table's board (ideas/boards.services.add_idea)."""
    seminar, participant = participant_for(request, seminar_id)
    board = get_object_or_404(
        Board, pk=board_id, seminar=seminar, question__isnull=False, holds_conclusions=False
    )
    form = IdeaForm(request.POST)
    error = None
    if form.is_valid():
        try:
            boards.add_idea(
                board, by=participant, text=form.cleaned_data["text"], key=form.cleaned_data["key"]
            )
        except Refused as refused:
            error = str(refused)
    else:
        error = _errors(form)
    if not request.htmx:
        return refusal(error, status=422) if error else redirect("phone", seminar.pk)
    if error:  # answered 200 with the refusal inside the form, so htmx swaps it in
        return _answer_form(
            request,
            seminar,
            board,
            error=error,
            text=request.POST.get("text", "")[:2000],
            key=request.POST.get("key"),
        )
    return _answer_form(request, seminar, board, saved=True, key=uuid.uuid4())


def _item_for(request, seminar_id, item_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    item = get_object_or_404(
        AgendaItem.objects.select_related("day__seminar"),
        pk=item_id,
        day__seminar=seminar,
        kind=AgendaItem.Kind.QUESTIONS,
    )
    return seminar, item


def _act(request, seminar, action):
    try:
        action()
    except Refused as refused:
        return refusal(str(refused), status=422)
    return done(request, "console", seminar)


@login_required
@require_POST
def round_questions(request, seminar_id, item_id):
    """The questions, one a line; or (`template`) a template's questions."""
    seminar, item = _item_for(request, seminar_id, item_id)
    if request.POST.get("template"):
        return _act(
            request,
            seminar,
            lambda: services.use_template(item, by=request.user, key=request.POST["template"]),
        )
    form = QuestionsForm(request.POST)
    if not form.is_valid():
        return refusal(_errors(form), status=422)
    return _act(
        request,
        seminar,
        lambda: services.set_questions(item, by=request.user, text=form.cleaned_data["questions"]),
    )


@login_required
@require_POST
def round_step(request, seminar_id, item_id):
    """The facilitator's steps: close or reopen the answers, open the votes, reveal."""
    seminar, item = _item_for(request, seminar_id, item_id)
    action = request.POST.get("action")
    steps = {
        "close": lambda: services.set_answering(item, by=request.user, is_open=False),
        "reopen": lambda: services.set_answering(item, by=request.user, is_open=True),
        "vote": lambda: services.open_votes(
            item, by=request.user, budget=request.POST.get("budget"), key=request.POST.get("key")
        ),
        "reveal": lambda: services.reveal(item, by=request.user),
    }
    if action not in steps:
        return refusal(_("Unknown action."), status=422)
    return _act(request, seminar, steps[action])


@login_required
@require_POST
def round_merge(request, seminar_id, question_id):
    """Merge the ticked answers into a new conclusion, or (`into`) into an existing one."""
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    question = get_object_or_404(
        RoundQuestion.objects.select_related("agenda_item__day"),
        pk=question_id,
        agenda_item__day__seminar=seminar,
    )
    form = ConclusionForm(request.POST)
    if not form.is_valid():
        return refusal(_errors(form), status=422)
    into = None
    if request.POST.get("into"):
        into = get_object_or_404(
            Idea, pk=as_id(request.POST.get("into")) or 0, board__question=question
        )
    card_ids = [pk for pk in (as_id(v) for v in request.POST.getlist("cards")) if pk]
    return _act(
        request,
        seminar,
        lambda: services.merge(
            question,
            by=request.user,
            card_ids=card_ids,
            text=form.cleaned_data["text"],
            into=into,
            key=form.cleaned_data["key"],
        ),
    )


@login_required
@require_POST
def round_conclusion(request, seminar_id, idea_id):
    """Reword a conclusion, or (`action=apart`) take it apart: its answers are loose again."""
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    conclusion = get_object_or_404(
        Idea.objects.select_related("board__agenda_item__day"),
        pk=idea_id,
        board__seminar=seminar,
        board__holds_conclusions=True,
    )
    if request.POST.get("action") == "apart":
        return _act(request, seminar, lambda: services.take_apart(conclusion, by=request.user))
    form = ConclusionForm(request.POST)
    if not form.is_valid():
        return refusal(_errors(form), status=422)
    return _act(
        request,
        seminar,
        lambda: services.rename(conclusion, by=request.user, text=form.cleaned_data["text"]),
    )
