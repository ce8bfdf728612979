"""Scales: each phone answers the statements; the facilitator edits them and runs the rounds."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from ideas.access import done, download, participant_for, refusal
from ideas.domain import Refused
from ideas.models import Answer, Scale, Statement
from ideas.scales import services
from ideas.scales.exports import answers_csv
from seminar.permissions import get_seminar_for_facilitator

ANSWERS = "ideas/scale.html"


def _prepare(statement, mine):
    """What a statement's form shows: the person's answer, the slider's place, the stages."""
    statement.mine = mine
    # A slider always stands somewhere: the middle until the person has answered.
    statement.slider = mine.value if mine is not None and mine.value is not None else 50
    statement.stages = [(1, statement.low), (2, statement.middle), (3, statement.high)]


def _answers_context(scale, participant):
    mine = {
        answer.statement_id: answer
        for answer in Answer.objects.filter(
            statement__scale=scale, participant=participant, round=scale.round
        )
    }
    statements = list(scale.statements.all())
    for statement in statements:
        _prepare(statement, mine.get(statement.pk))
    return {
        "seminar": scale.seminar,
        "scale": scale,
        "kind": scale.agenda_item.kind,
        "statements": statements,
        "marks": range(1, 6),
    }


def _scale_of(seminar, scale_id):
    return get_object_or_404(
        Scale.objects.select_related("seminar", "agenda_item"), pk=scale_id, seminar=seminar
    )


@require_GET
def scale_answers(request, seminar_id, scale_id):
    """The phone's answers: the whole page, or (htmx, from the work region) its forms."""
    seminar, participant = participant_for(request, seminar_id)
    scale = _scale_of(seminar, scale_id)
    template = f"{ANSWERS}#answers" if request.htmx else ANSWERS
    return render(request, template, _answers_context(scale, participant))


@require_POST
def scale_answer(request, seminar_id, statement_id):
    seminar, participant = participant_for(request, seminar_id)
    statement = get_object_or_404(
        Statement.objects.select_related("scale__agenda_item"),
        pk=statement_id,
        scale__seminar=seminar,
    )
    scale = statement.scale
    scale.seminar = seminar  # the same row, read already
    error, saved = None, None
    try:
        saved = services.answer(
            statement,
            by=participant,
            value=request.POST.get("value"),
            wish=request.POST.get("wish"),
            key=request.POST.get("key"),
            sent=request.POST.get("sent"),
        )
    except Refused as refused:
        error = str(refused)
    if not request.htmx:
        if error:
            return refusal(error, status=422)
        return redirect("scale-answers", seminar.pk, scale.pk)
    # Only this statement's form comes back (the chart is pushed apart, coalesced): a phone's
    # answer costs one small render, however many statements the scale has.
    if saved is None:
        saved = Answer.objects.filter(
            statement=statement, participant=participant, round=scale.round
        ).first()
    _prepare(statement, saved)
    # Answered 200 with the refusal inside the form, so htmx swaps it in.
    return render(
        request,
        f"{ANSWERS}#statement",
        {
            "seminar": seminar,
            "scale": scale,
            "kind": scale.agenda_item.kind,
            "marks": range(1, 6),
            "statement": statement,
            "error": error,
        },
    )


@login_required
@require_POST
def scale_state(request, seminar_id, scale_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    scale = _scale_of(seminar, scale_id)
    try:
        services.set_scale_state(
            scale,
            by=request.user,
            action=request.POST.get("action"),
            seen_round=request.POST.get("round"),
        )
    except Refused as refused:
        return refusal(str(refused), status=422)
    return done(request, "console", seminar)


@login_required
@require_POST
def scale_preset(request, seminar_id, scale_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    scale = _scale_of(seminar, scale_id)
    try:
        services.use_preset(scale, by=request.user, key=request.POST.get("preset"))
    except Refused as refused:
        return refusal(str(refused), status=422)
    return done(request, "console", seminar)


def _text(request, name, length):
    return (request.POST.get(name) or "")[:length]


@login_required
@require_POST
def scale_statement(request, seminar_id, scale_id, statement_id=None):
    """Add a statement (no id), change one, or remove it (`action=remove`)."""
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    scale = _scale_of(seminar, scale_id)
    statement = None
    if statement_id is not None:
        statement = get_object_or_404(Statement, pk=statement_id, scale=scale)
    try:
        if statement is not None and request.POST.get("action") == "remove":
            services.remove_statement(scale, by=request.user, statement=statement)
        else:
            services.save_statement(
                scale,
                by=request.user,
                statement=statement,
                text=_text(request, "text", 300),
                low=_text(request, "low", 200),
                middle=_text(request, "middle", 200),
                high=_text(request, "high", 200),
                key=request.POST.get("key"),
            )
    except Refused as refused:
        return refusal(str(refused), status=422)
    return done(request, "console", seminar)


@login_required
@require_GET
def scale_export(request, seminar_id, scale_id):
    """Every answer of the scale as CSV (no names), for the facilitator's own analysis."""
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    scale = _scale_of(seminar, scale_id)
    return download(
        answers_csv(scale).encode("utf-8"), f"scale-{scale.pk}.csv", "text/csv; charset=utf-8"
    )
