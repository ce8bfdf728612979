"""Dot voting: the facilitator opens, closes and reveals; phones spend their dots."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ideas import queries
from ideas.access import done, participant_for
from ideas.domain import Refused
from ideas.models import Idea, Vote
from ideas.votes import services
from ideas.votes.forms import VoteForm
from seminar.input import as_id
from seminar.permissions import get_seminar_for_facilitator


@login_required
@require_http_methods(["GET", "POST"])
def vote_create(request, seminar_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    form = VoteForm(request.POST or None, seminar=seminar)
    if request.method == "POST" and form.is_valid():
        services.open_vote(seminar, by=request.user, **form.cleaned_data)
        return redirect("console", seminar.pk)
    return render(request, "ideas/vote_create.html", {"seminar": seminar, "form": form})


@login_required
@require_POST
def vote_state(request, seminar_id, vote_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    vote = get_object_or_404(Vote, pk=vote_id, seminar=seminar)
    action = request.POST.get("action")
    if action == "close":
        services.set_vote_state(vote, by=request.user, is_open=False)
    elif action == "reveal":
        services.set_vote_state(vote, by=request.user, is_open=False, revealed=True)
    elif action == "reopen":
        services.set_vote_state(vote, by=request.user, is_open=True, revealed=False)
    return done(request, "console", seminar)


def _vote_page(request, seminar, participant, vote, error=None, status=200):
    ideas = list(
        Idea.objects.filter(board__in=vote.boards.all(), hidden=False)
        .select_related("board__group")
        .order_by("board__group__number", "created_at")
    )
    mine = list(vote.dots.filter(participant=participant).values_list("idea_id", flat=True))
    for idea in ideas:
        idea.my_dots = mine.count(idea.pk)
    # htmx asks for the ballot alone (answered 200, a refusal inside it, so it is swapped).
    template = "ideas/vote.html#ballot" if request.htmx else "ideas/vote.html"
    return render(
        request,
        template,
        {
            "seminar": seminar,
            "vote": vote,
            "ideas": ideas,
            "error": error,
            "left": vote.budget - len(mine),
            "ranking": queries.ranking(vote) if vote.revealed else [],
        },
        status=200 if request.htmx else status,
    )


def vote(request, seminar_id, vote_id):
    seminar, participant = participant_for(request, seminar_id)
    vote = get_object_or_404(Vote, pk=vote_id, seminar=seminar)
    return _vote_page(request, seminar, participant, vote)


@require_POST
def vote_dot(request, seminar_id, vote_id):
    seminar, participant = participant_for(request, seminar_id)
    vote = get_object_or_404(Vote, pk=vote_id, seminar=seminar)
    idea = get_object_or_404(Idea, pk=as_id(request.POST.get("idea")) or 0, board__seminar=seminar)
    try:
        if request.POST.get("action") == "remove":
            services.remove_dot(vote, by=participant, idea=idea)
        else:
            services.cast_dot(vote, by=participant, idea=idea, key=request.POST.get("key"))
    except Refused as refused:
        return _vote_page(request, seminar, participant, vote, error=str(refused), status=422)
    if request.htmx:
        return _vote_page(request, seminar, participant, vote)
    return redirect("vote", seminar.pk, vote.pk)
