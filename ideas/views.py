"""Phones post and vote, table screens cluster, facilitators moderate and run the vernissage.

Who may act is decided once per view by `_participant`, `_facilitated` or `_board_curator`;
every service call re-checks what depends on the object (own card, own table, open board).
"""

import uuid

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from agenda.models import AgendaItem
from agenda.queries import get_clock
from groups.models import Screen
from groups.queries import current_grouping, group_of
from ideas import queries, services
from ideas.forms import (
    CommentForm,
    CommitmentForm,
    GoalForm,
    HeadingForm,
    IdeaForm,
    MessageForm,
    MondayForm,
    ProgressForm,
    VernissageForm,
    VoteForm,
)
from ideas.goals.exercise import goal_form_context
from ideas.live import stage_context
from ideas.models import (
    IDEA_MAX_LENGTH,
    Board,
    Cluster,
    Comment,
    Commitment,
    Goal,
    Idea,
    Photo,
    Vernissage,
    Vote,
)
from seminar.models import Department, Participant, Seminar
from seminar.permissions import (
    get_seminar_for_facilitator,
    is_facilitator,
    may_follow_up,
    participant_from_session,
    screen_from_cookies,
    seminars_followed_by,
    seminars_run_by,
)


def _participant(request, seminar_id):
    seminar = get_object_or_404(Seminar, pk=seminar_id)
    participant = participant_from_session(request.session, seminar)
    if participant is None:
        raise PermissionDenied
    return seminar, participant


def _board_curator(request, board):
    """The facilitator, or the table screen of the board's group, may arrange its cards."""
    if is_facilitator(request.user, board.seminar):
        return request.user
    screen = screen_from_cookies(request.COOKIES)
    if screen and board.group_id and screen.group_id == board.group_id:
        return screen
    raise PermissionDenied


def _done(request, page, seminar):
    """After an action: htmx needs nothing back (the change is pushed live); a plain form post
    (no JavaScript) goes back to the page it came from."""
    return HttpResponse(status=204) if request.htmx else redirect(page, seminar.pk)


def _refusal(message, status=403):
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _post_form(request, seminar, board, **context):
    return render(
        request,
        "ideas/live.html#post-form",
        {"seminar": seminar, "board": board, "max_length": IDEA_MAX_LENGTH, **context},
    )


# --- Phones: ideas ---------------------------------------------------------------------------


@require_POST
def idea_add(request, seminar_id, board_id):
    seminar, participant = _participant(request, seminar_id)
    board = get_object_or_404(Board, pk=board_id, seminar=seminar)
    form = IdeaForm(request.POST)
    if not form.is_valid():
        error = " ".join(e for errors in form.errors.values() for e in errors)
        return _post_form(
            request,
            seminar,
            board,
            error=error,
            text=request.POST.get("text"),
            key=request.POST.get("key"),
        )
    try:
        services.add_idea(
            board, by=participant, text=form.cleaned_data["text"], key=form.cleaned_data["key"]
        )
    except services.Refused as refusal:
        return _post_form(
            request,
            seminar,
            board,
            error=str(refusal),
            text=form.cleaned_data["text"],
            key=request.POST.get("key"),
        )
    if not request.htmx:
        return redirect("phone", seminar.pk)
    return _post_form(request, seminar, board, saved=True, key=uuid.uuid4())


@require_http_methods(["GET", "POST"])
def idea_edit(request, seminar_id, idea_id):
    seminar, participant = _participant(request, seminar_id)
    idea = get_object_or_404(Idea, pk=idea_id, board__seminar=seminar)
    if idea.author_id != participant.pk:
        raise PermissionDenied
    form = IdeaForm(request.POST or None, initial={"text": idea.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_idea(idea, by=participant, text=form.cleaned_data["text"])
        except services.Refused as refusal:
            form.add_error("text", str(refusal))
        else:
            return redirect("phone", seminar.pk)
    return render(request, "ideas/idea_edit.html", {"seminar": seminar, "idea": idea, "form": form})


@require_POST
def idea_withdraw(request, seminar_id, idea_id):
    seminar, participant = _participant(request, seminar_id)
    idea = get_object_or_404(Idea, pk=idea_id, board__seminar=seminar)
    try:
        services.withdraw_idea(idea, by=participant)
    except services.Refused as refusal:
        return _refusal(str(refusal))
    return _done(request, "phone", seminar)


# --- Facilitators: moderation -----------------------------------------------------------------


@login_required
@require_POST
def idea_hide(request, seminar_id, idea_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    idea = get_object_or_404(Idea, pk=idea_id, board__seminar=seminar)
    services.set_idea_hidden(idea, by=request.user, hidden=request.POST.get("hidden") != "0")
    return _done(request, "console", seminar)


@login_required
@require_POST
def comment_hide(request, seminar_id, comment_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    comment = get_object_or_404(Comment, pk=comment_id, idea__board__seminar=seminar)
    services.set_comment_hidden(comment, by=request.user, hidden=True)
    return _done(request, "console", seminar)


@login_required
@require_POST
def highlight_pin(request, seminar_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    idea = Idea.objects.filter(pk=request.POST.get("idea") or 0, board__seminar=seminar).first()
    text = (request.POST.get("text") or "").strip()[:IDEA_MAX_LENGTH] or (idea.text if idea else "")
    if text:
        services.pin_highlight(seminar, by=request.user, text=text, idea=idea)
    return _done(request, "console", seminar)


@login_required
@require_POST
def board_open(request, seminar_id, board_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    board = get_object_or_404(Board, pk=board_id, seminar=seminar)
    services.set_board_open(board, by=request.user, is_open=request.POST.get("open") == "1")
    return _done(request, "console", seminar)


# --- Table screens and facilitators: clusters ---------------------------------------------------


@require_POST
def cluster_create(request, seminar_id, board_id):
    board = get_object_or_404(Board, pk=board_id, seminar_id=seminar_id)
    actor = _board_curator(request, board)
    form = HeadingForm(request.POST)
    if not form.is_valid():
        return _refusal(" ".join(form.errors["heading"]), status=422)
    services.create_cluster(board, by=actor, heading=form.cleaned_data["heading"])
    return HttpResponse(status=204)


@require_POST
def idea_cluster(request, seminar_id, idea_id):
    idea = get_object_or_404(Idea, pk=idea_id, board__seminar_id=seminar_id)
    actor = _board_curator(request, idea.board)
    cluster = Cluster.objects.filter(pk=request.POST.get("cluster") or 0, board=idea.board).first()
    services.move_to_cluster(idea, by=actor, cluster=cluster)
    return HttpResponse(status=204)


@require_POST
def cluster_rename(request, seminar_id, cluster_id):
    cluster = get_object_or_404(Cluster, pk=cluster_id, board__seminar_id=seminar_id)
    actor = _board_curator(request, cluster.board)
    form = HeadingForm(request.POST)
    if not form.is_valid():
        return _refusal(" ".join(form.errors["heading"]), status=422)
    services.rename_cluster(cluster, by=actor, heading=form.cleaned_data["heading"])
    return HttpResponse(status=204)


@require_POST
def cluster_dissolve(request, seminar_id, cluster_id):
    cluster = get_object_or_404(Cluster, pk=cluster_id, board__seminar_id=seminar_id)
    actor = _board_curator(request, cluster.board)
    services.dissolve_cluster(cluster, by=actor)
    return HttpResponse(status=204)


# --- Vernissage -----------------------------------------------------------------------------------


def gallery(request, seminar_id):
    """Every poster of the running vernissage, for a visitor's phone."""
    seminar, participant = _participant(request, seminar_id)

    item = get_clock(seminar).current_item
    vernissage = getattr(item, "vernissage", None) if item else None
    boards = queries.boards_of_item(vernissage.source_item) if vernissage else []
    return render(
        request,
        "ideas/gallery.html",
        {
            "seminar": seminar,
            "vernissage": vernissage,
            "participant": participant,
            "posters": [queries.board_context(board) for board in boards],
        },
    )


def poster(request, seminar_id, board_id):
    seminar, participant = _participant(request, seminar_id)
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


@require_POST
def comment_add(request, seminar_id, idea_id):
    seminar, participant = _participant(request, seminar_id)
    idea = get_object_or_404(Idea, pk=idea_id, board__seminar=seminar, hidden=False)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.add_comment(
                idea, by=participant, text=form.cleaned_data["text"], key=form.cleaned_data["key"]
            )
        except services.Refused as refusal:
            return _refusal(str(refusal))
    else:
        return _refusal(" ".join(form.errors["text"]), status=422)
    return redirect("poster", seminar.pk, idea.board_id)


@require_POST
def star_toggle(request, seminar_id, idea_id):
    seminar, participant = _participant(request, seminar_id)
    idea = get_object_or_404(Idea, pk=idea_id, board__seminar=seminar, hidden=False)
    services.toggle_star(idea, by=participant)
    return redirect("poster", seminar.pk, idea.board_id)


@login_required
@require_http_methods(["GET", "POST"])
def vernissage_setup(request, seminar_id, item_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    item = get_object_or_404(AgendaItem, pk=item_id, day__seminar=seminar)
    form = VernissageForm(request.POST or None, seminar=seminar)
    if request.method == "POST" and form.is_valid():
        services.set_up_vernissage(item, by=request.user, **form.cleaned_data)
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
    ids = [value for value in request.POST.getlist("participant") if value.isdigit()]
    people = {p.pk: p for p in Participant.objects.filter(seminar=seminar, pk__in=ids)}
    if len(people) != len(set(ids)):
        return _refusal(_("Choose people of this seminar."), status=400)
    try:
        services.set_presenters(
            vernissage,
            board,
            by=request.user,
            participants=[people[int(i)] for i in dict.fromkeys(ids)],
        )
    except services.Refused as refusal:
        return _refusal(str(refusal), status=400)
    return _done(request, "console", seminar)


@login_required
@require_POST
def vernissage_round(request, seminar_id, item_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    item = get_object_or_404(AgendaItem, pk=item_id, day__seminar=seminar)
    vernissage = get_object_or_404(Vernissage, agenda_item=item)
    services.next_round(vernissage, by=request.user)
    return _done(request, "console", seminar)


# --- Dot voting ---------------------------------------------------------------------------------


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
    return _done(request, "console", seminar)


def _vote_page(request, seminar, participant, vote, error=None, status=200):
    ideas = list(
        Idea.objects.filter(board__in=vote.boards.all(), hidden=False)
        .select_related("board__group")
        .order_by("board__group__number", "created_at")
    )
    mine = list(vote.dots.filter(participant=participant).values_list("idea_id", flat=True))
    for idea in ideas:
        idea.my_dots = mine.count(idea.pk)
    return render(
        request,
        "ideas/vote.html",
        {
            "seminar": seminar,
            "vote": vote,
            "ideas": ideas,
            "error": error,
            "left": vote.budget - len(mine),
            "ranking": queries.ranking(vote) if vote.revealed else [],
        },
        status=status,
    )


def vote(request, seminar_id, vote_id):
    seminar, participant = _participant(request, seminar_id)
    vote = get_object_or_404(Vote, pk=vote_id, seminar=seminar)
    return _vote_page(request, seminar, participant, vote)


@require_POST
def vote_dot(request, seminar_id, vote_id):
    seminar, participant = _participant(request, seminar_id)
    vote = get_object_or_404(Vote, pk=vote_id, seminar=seminar)
    idea = get_object_or_404(Idea, pk=request.POST.get("idea") or 0, board__seminar=seminar)
    try:
        if request.POST.get("action") == "remove":
            services.remove_dot(vote, by=participant, idea=idea)
        else:
            services.cast_dot(vote, by=participant, idea=idea, key=request.POST.get("key"))
    except services.Refused as refusal:
        return _vote_page(request, seminar, participant, vote, error=str(refusal), status=422)
    return redirect("vote", seminar.pk, vote.pk)


# --- Goals and handshakes -------------------------------------------------------------------------


def _phone_or_screen(request, seminar_id):
    """A participant's phone or a paired table screen of this seminar, else 403."""
    seminar = get_object_or_404(Seminar, pk=seminar_id)
    participant = participant_from_session(request.session, seminar)
    if participant is not None:
        return seminar, participant
    screen = screen_from_cookies(request.COOKIES)
    if screen is not None and screen.seminar_id == seminar.pk:
        return seminar, screen
    raise PermissionDenied


def _actor_group(seminar, actor):

    if isinstance(actor, Screen):
        return actor.group
    return group_of(actor, current_grouping(seminar))


@require_POST
def goal_draft(request, seminar_id):

    seminar, actor = _phone_or_screen(request, seminar_id)
    group = _actor_group(seminar, actor)
    form = GoalForm(request.POST)
    # One goal per table: a second phone whose form loaded before a tablemate saved edits it.
    existing = Goal.objects.filter(seminar=seminar, group=group).first() if group else None
    context = goal_form_context(seminar, group)
    context["goal_form"] = form
    if form.is_valid():
        try:
            if existing:
                context["table_goal"] = services.edit_goal(existing, by=actor, **form.cleaned_data)
            else:
                context["table_goal"] = services.draft_goal(
                    seminar, by=actor, group=group, key=request.POST.get("key"), **form.cleaned_data
                )
            context["goal_saved"] = True
        except services.Refused as refusal:
            context["goal_error"] = str(refusal)
    return render(request, "ideas/goals.html#goal-form", context)


@login_required
@require_POST
def goal_show(request, seminar_id, goal_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    goal = get_object_or_404(Goal, pk=goal_id, seminar=seminar)
    services.show_goal(seminar, by=request.user, goal=goal)
    return _done(request, "console", seminar)


@login_required
@require_POST
def goals_seal(request, seminar_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    services.seal_goals(seminar, by=request.user)
    return _done(request, "console", seminar)


def _shake(request, seminar_id, goal_id, action):

    seminar, actor = _phone_or_screen(request, seminar_id)
    goal = get_object_or_404(Goal, pk=goal_id, seminar=seminar)
    try:
        action(goal, by=actor)
    except services.Refused as refusal:
        return _refusal(str(refusal), status=409)
    # The actor's own card comes back at once; the room's screens get the push.
    response = render(request, "ideas/goals.html#goal-card", stage_context(seminar))
    return response if request.htmx else redirect("phone", seminar.pk)


@require_POST
def goal_shake(request, seminar_id, goal_id):
    return _shake(request, seminar_id, goal_id, services.shake)


@require_POST
def goal_unshake(request, seminar_id, goal_id):
    return _shake(request, seminar_id, goal_id, services.unshake)


# --- Department commitments, the communication plan, Monday actions -------------------------


@require_http_methods(["GET", "POST"])
def commitments(request, seminar_id):
    """Friday's department group on a phone: each sealed goal's demands, agreements and
    messages for my department, and my own "on Monday I will ..."."""

    seminar, participant = _participant(request, seminar_id)
    department = participant.department
    goal_id = request.POST.get("goal")
    goal = Goal.objects.filter(pk=goal_id, seminar=seminar).first() if goal_id else None
    error = None
    if request.method == "POST":
        try:
            what = request.POST.get("form")
            if what == "monday":
                form = MondayForm(request.POST)
                if form.is_valid():
                    services.add_monday_action(
                        participant,
                        text=form.cleaned_data["text"],
                        goal=goal,
                        key=form.cleaned_data["key"],
                    )
                else:
                    error = " ".join(e for errs in form.errors.values() for e in errs)
            elif what == "commitment" and goal and department:
                form = CommitmentForm(request.POST)
                if form.is_valid():
                    services.save_commitment(
                        goal, by=participant, department=department, **form.cleaned_data
                    )
            elif what == "message" and goal and department:
                form = MessageForm(request.POST)
                if form.is_valid():
                    services.add_message(
                        goal, by=participant, department=department, **form.cleaned_data
                    )
                else:
                    error = " ".join(e for errs in form.errors.values() for e in errs)
        except services.Refused as refusal:
            error = str(refusal)
        if error is None:
            return redirect("commitments", seminar.pk)
    goals = list(Goal.objects.filter(seminar=seminar).order_by("created_at"))
    by_goal = (
        {
            c.goal_id: c
            for c in Commitment.objects.filter(
                goal__in=goals, department=department
            ).prefetch_related("messages")
        }
        if department
        else {}
    )
    rows = [
        (
            g,
            by_goal.get(g.pk),
            CommitmentForm(
                initial={
                    "demands": by_goal[g.pk].demands if g.pk in by_goal else "",
                    "agreements": by_goal[g.pk].agreements if g.pk in by_goal else "",
                }
            ),
        )
        for g in goals
    ]
    return render(
        request,
        "ideas/commitments.html",
        {
            "seminar": seminar,
            "participant": participant,
            "department": department,
            "rows": rows,
            "message_form": MessageForm(),
            "monday_form": MondayForm(),
            "my_actions": participant.monday_actions.all(),
            "error": error,
        },
        status=422 if error else 200,
    )


# --- Directors' follow-up, exports and the report -------------------------------------------------


def _followed_goals(user):

    seminars = seminars_followed_by(user) | seminars_run_by(user)
    return Goal.objects.filter(seminar__in=seminars.values("pk"))


def _filtered_goals(request):
    """The follow-up list with the filters of the query string applied."""
    goals = _followed_goals(request.user).select_related("seminar", "group", "department")
    params = request.GET
    if params.get("seminar"):
        goals = goals.filter(seminar_id=params["seminar"])
    if params.get("department"):
        goals = goals.filter(department__name=params["department"])
    if params.get("owner"):
        goals = goals.filter(owner__icontains=params["owner"])
    if params.get("status"):
        goals = goals.filter(status=params["status"])
    try:
        due_before = parse_date(params.get("due_before") or "")
    except ValueError:  # a date that does not exist, such as 2026-02-31
        due_before = None
    if due_before:
        goals = goals.filter(target_date__lte=due_before)
    return goals.order_by("target_date", "seminar__starts_on", "pk")


@login_required
def follow_up(request):
    from django.db.models import Count

    goals = _filtered_goals(request).annotate(pledge_count=Count("pledges"))
    seminars = (seminars_followed_by(request.user) | seminars_run_by(request.user)).distinct()
    if not seminars.exists():
        raise PermissionDenied
    departments = (
        Department.objects.filter(seminar__in=seminars.values("pk"))
        .values_list("name", flat=True)
        .distinct()
        .order_by("name")
    )
    return render(
        request,
        "ideas/follow_up.html",
        {
            "goals": goals,
            "seminars": seminars,
            "departments": departments,
            "statuses": Goal.Status.choices,
            "filters": request.GET,
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_detail(request, goal_id):
    from django.utils import timezone

    goal = get_object_or_404(
        _followed_goals(request.user).select_related("seminar", "group", "department"),
        pk=goal_id,
    )
    form = ProgressForm(
        request.POST or None,
        initial={
            "status": goal.status,
            "noted_on": timezone.localdate(),
            "next_follow_up": goal.next_follow_up,
            "owner": goal.owner,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_progress(goal, by=request.user, **form.cleaned_data)
        except services.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            return redirect("goal-detail", goal.pk)
    return render(
        request,
        "ideas/goal_detail.html",
        {
            "goal": goal,
            "form": form,
            "pledges": goal.pledges.select_related("participant", "group"),
            "progress": goal.progress.select_related("author"),
            "commitments": goal.commitments.select_related("department").prefetch_related(
                "messages"
            ),
        },
    )


def _download(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def export_goals(request, fmt):
    from ideas import exports  # openpyxl and icalendar load only for a download

    if not _followed_goals(request.user).exists() and not request.user.is_superuser:
        raise PermissionDenied
    goals = exports.goals_for_export(_filtered_goals(request))
    if fmt == "xlsx":
        return _download(
            exports.goals_xlsx(goals),
            "plenum-goals.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    if fmt == "csv":
        return _download(exports.goals_csv(goals), "plenum-goals.csv", "text/csv; charset=utf-8")
    if fmt == "pledges.csv":
        return _download(
            exports.pledges_csv(goals), "plenum-pledges.csv", "text/csv; charset=utf-8"
        )
    if fmt == "ics":
        from django.utils.translation import gettext as _

        return _download(
            exports.follow_up_ics(goals, calendar_name=_("Plenum follow-up")),
            "plenum-follow-up.ics",
            "text/calendar; charset=utf-8",
        )
    raise PermissionDenied


def _readable_seminar(user, seminar_id):
    """Facilitators and the seminar's directors read its documentation."""

    seminars = seminars_followed_by(user) | seminars_run_by(user)
    return get_object_or_404(seminars.distinct(), pk=seminar_id)


@login_required
def report(request, seminar_id, fmt="html"):
    from ideas import report as documentation  # python-docx and fpdf load only for a download

    seminar = _readable_seminar(request.user, seminar_id)
    slug = f"plenum-{seminar.pk}"
    if fmt == "docx":
        return _download(
            documentation.report_docx(seminar),
            f"{slug}.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    if fmt == "pdf":
        return _download(documentation.report_pdf(seminar), f"{slug}.pdf", "application/pdf")
    return documentation.render_report(
        request,
        seminar,
        docx_url=reverse("report-download", args=[seminar.pk, "docx"]),
        pdf_url=reverse("report-download", args=[seminar.pk, "pdf"]),
    )


# --- Photos of the poster -------------------------------------------------------------------------


@require_POST
def photo_add(request, seminar_id, board_id):
    from django.contrib import messages

    seminar, participant = _participant(request, seminar_id)
    board = get_object_or_404(Board, pk=board_id, seminar=seminar)
    upload = request.FILES.get("photo")
    if upload is None:
        messages.error(request, _("Choose a photo first."))
        return redirect("phone", seminar.pk)
    try:
        services.add_photo(board, by=participant, upload=upload)
    except services.Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The photo is on the board."))
    if request.htmx:
        from django_htmx.http import HttpResponseClientRefresh

        return HttpResponseClientRefresh()  # the page shows the message and the board again
    return redirect("phone", seminar.pk)


def _may_see_seminar(request, seminar):
    if participant_from_session(request.session, seminar) is not None:
        return True
    screen = screen_from_cookies(request.COOKIES)
    if screen is not None and screen.seminar_id == seminar.pk:
        return True
    return may_follow_up(request.user, seminar)


def photo(request, seminar_id, photo_id):
    """Photos are served through the app: only the seminar's own people see them."""

    seminar = get_object_or_404(Seminar, pk=seminar_id)
    if not _may_see_seminar(request, seminar):
        raise PermissionDenied
    photo = get_object_or_404(Photo, pk=photo_id, board__seminar=seminar)
    if photo.hidden and not is_facilitator(request.user, seminar):
        raise PermissionDenied
    response = HttpResponse(photo.read(), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def photo_hide(request, seminar_id, photo_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    photo = get_object_or_404(Photo, pk=photo_id, board__seminar=seminar)
    services.set_photo_hidden(photo, by=request.user, hidden=request.POST.get("hidden") != "0")
    return _done(request, "console", seminar)
