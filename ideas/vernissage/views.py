"""The vernissage: the gallery and posters on phones, comments and stars, and its set-up,
presenters and rounds on the console.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from agenda.models import AgendaItem
from agenda.queries import programme_items
from ideas import queries
from ideas.access import done, participant_for, refusal
from ideas.domain import Refused
from ideas.exercises import board_kinds
from ideas.models import Board, Comment, Highlight, Idea, Vernissage
from ideas.vernissage import services
from ideas.vernissage.forms import CommentForm, HighlightForm, VernissageForm
from ideas.vernissage.live import gallery_context
from seminar.input import as_id
from seminar.models import Participant
from seminar.permissions import get_seminar_for_facilitator


@login_required
@require_POST
def comment_hide(request, seminar_id, comment_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    comment = get_object_or_404(Comment, pk=comment_id, idea__board__seminar=seminar)
    services.set_comment_hidden(comment, by=request.user, hidden=True)
    return done(request, "console", seminar)


@login_required
@require_POST
def highlight_pin(request, seminar_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    form = HighlightForm(request.POST)
    if not form.is_valid():
        return refusal(" ".join(e for errors in form.errors.values() for e in errors), status=422)
    idea_id = as_id(request.POST.get("idea"))
    idea = Idea.objects.filter(pk=idea_id or 0, board__seminar=seminar).first()
    text = form.cleaned_data["text"] or (idea.text if idea else "")
    if text:
        services.pin_highlight(seminar, by=request.user, text=text, idea=idea)
    return done(request, "console", seminar)


@login_required
@require_POST
def highlight_remove(request, seminar_id, highlight_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    highlight = get_object_or_404(Highlight, pk=highlight_id, seminar=seminar)
    services.remove_highlight(highlight, by=request.user)
    return done(request, "console", seminar)


def gallery(request, seminar_id):
    """Every poster of the running vernissage, for a visitor's phone."""
    seminar, participant = participant_for(request, seminar_id)
    return render(
        request,
        "ideas/gallery.html",
        {"participant": participant, **gallery_context(seminar)},
    )


def poster(request, seminar_id, board_id):
    seminar, participant = participant_for(request, seminar_id)
    board = get_object_or_404(Board, pk=board_id, seminar=seminar)
    context = queries.board_context(board)
    starred = set(participant.stars.filter(idea__board=board).values_list("idea_id", flat=True))
    return render(
        request,
        "ideas/poster.html",
        {
            "seminar": seminar,
            "participant": participant,
            "starred": starred,
            "comment_form": CommentForm(),
            **context,
        },
    )


def _visit_card(request, seminar, participant, idea, **extra):
    """One card of the poster, as a visitor sees it, for htmx to swap in place."""
    card = queries.card(idea.board, idea.pk)
    starred = set(participant.stars.filter(idea=idea).values_list("idea_id", flat=True))
    context = {"seminar": seminar, "idea": card, "starred": starred, **extra}
    return render(request, "ideas/poster.html#visit-card", context)


@require_POST
def comment_add(request, seminar_id, idea_id):
    seminar, participant = participant_for(request, seminar_id)
    idea = get_object_or_404(Idea, pk=idea_id, board__seminar=seminar, hidden=False)
    form = CommentForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.add_comment(
                idea, by=participant, text=form.cleaned_data["text"], key=form.cleaned_data["key"]
            )
        except Refused as refused:
            error = str(refused)
    else:
        error = " ".join(e for errors in form.errors.values() for e in errors)
    if request.htmx:
        if error:  # the card again, with the text kept and the reason beside it
            return _visit_card(
                request,
                seminar,
                participant,
                idea,
                comment_error=error,
                comment_text=request.POST.get("text", ""),
            )
        return _visit_card(request, seminar, participant, idea, comment_saved=True)
    if error:
        return refusal(error, status=422)
    return redirect("poster", seminar.pk, idea.board_id)


@require_POST
def star_toggle(request, seminar_id, idea_id):
    seminar, participant = participant_for(request, seminar_id)
    idea = get_object_or_404(Idea, pk=idea_id, board__seminar=seminar, hidden=False)
    services.toggle_star(idea, by=participant)
    if request.htmx:
        return _visit_card(request, seminar, participant, idea)
    return redirect("poster", seminar.pk, idea.board_id)


def _setup_initial(item):
    """The vernissage as set up, or the posters of the last board item before this one."""
    existing = Vernissage.objects.filter(agenda_item=item).first()
    if existing:
        return {"source_item": existing.source_item_id, "round_minutes": existing.round_minutes}
    items = programme_items(item.day.seminar)
    earlier = items[: next((i for i, each in enumerate(items) if each.pk == item.pk), 0)]
    kinds = set(board_kinds())
    with_boards = set(
        Board.objects.filter(agenda_item__in=earlier).values_list("agenda_item_id", flat=True)
    )
    posters = [each for each in earlier if each.kind in kinds or each.pk in with_boards]
    return {"source_item": posters[-1].pk} if posters else {}


@login_required
@require_http_methods(["GET", "POST"])
def vernissage_setup(request, seminar_id, item_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    item = get_object_or_404(AgendaItem, pk=item_id, day__seminar=seminar)
    form = VernissageForm(request.POST or None, item=item, initial=_setup_initial(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.set_up_vernissage(item, by=request.user, **form.cleaned_data)
        except Refused as refused:
            form.add_error("source_item", str(refused))
        else:
            return redirect("console", seminar.pk)
    return render(
        request, "ideas/vernissage_setup.html", {"seminar": seminar, "item": item, "form": form}
    )


@login_required
@require_POST
def vernissage_presenters(request, seminar_id, item_id, board_id):
    """The facilitator picks who stays at a poster, in the order ticked (their turns)."""
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    vernissage = get_object_or_404(
        Vernissage, agenda_item__pk=item_id, agenda_item__day__seminar=seminar
    )
    board = get_object_or_404(Board, pk=board_id, seminar=seminar)
    ids = [as_id(value) for value in request.POST.getlist("participant")]
    people = {p.pk: p for p in Participant.objects.filter(seminar=seminar, pk__in=ids)}
    if None in ids or len(people) != len(set(ids)):
        return refusal(_("Choose people of this seminar."), status=400)
    try:
        services.set_presenters(
            vernissage,
            board,
            by=request.user,
            participants=[people[i] for i in dict.fromkeys(ids)],
        )
    except Refused as refused:
        return refusal(str(refused), status=400)
    return done(request, "console", seminar)


@login_required
@require_POST
def vernissage_round(request, seminar_id, item_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    item = get_object_or_404(AgendaItem, pk=item_id, day__seminar=seminar)
    vernissage = get_object_or_404(Vernissage, agenda_item=item)
    services.next_round(vernissage, by=request.user)
    return done(request, "console", seminar)
