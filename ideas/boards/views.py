"""Phones post cards; facilitators moderate; table screens and facilitators arrange headings.

Views validate and call services; every service re-checks what depends on the object.
"""

import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ideas.access import done, participant_for, refusal
from ideas.boards import services
from ideas.boards.forms import HeadingForm, IdeaForm
from ideas.domain import Refused
from ideas.models import IDEA_MAX_LENGTH, Board, Cluster, Idea, Photo
from seminar.input import as_id
from seminar.models import Seminar
from seminar.permissions import (
    get_seminar_for_facilitator,
    is_facilitator,
    may_follow_up,
    participant_from_session,
    screen_from_cookies,
)


def _board_curator(request, board):
    """The facilitator, or the table screen of the board's group, may arrange its cards."""
    if is_facilitator(request.user, board.seminar):
        return request.user
    screen = screen_from_cookies(request.COOKIES)
    if screen and board.group_id and screen.group_id == board.group_id:
        return screen
    raise PermissionDenied


def _post_form(request, seminar, board, **context):
    return render(
        request,
        "ideas/live.html#post-form",
        {"seminar": seminar, "board": board, "max_length": IDEA_MAX_LENGTH, **context},
    )


@require_POST
def idea_add(request, seminar_id, board_id):
    seminar, participant = participant_for(request, seminar_id)
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
    except Refused as refused:
        return _post_form(
            request,
            seminar,
            board,
            error=str(refused),
            text=form.cleaned_data["text"],
            key=request.POST.get("key"),
        )
    if not request.htmx:
        return redirect("phone", seminar.pk)
    return _post_form(request, seminar, board, saved=True, key=uuid.uuid4())


@require_http_methods(["GET", "POST"])
def idea_edit(request, seminar_id, idea_id):
    seminar, participant = participant_for(request, seminar_id)
    idea = get_object_or_404(Idea, pk=idea_id, board__seminar=seminar)
    if idea.author_id != participant.pk:
        raise PermissionDenied
    form = IdeaForm(request.POST or None, initial={"text": idea.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_idea(idea, by=participant, text=form.cleaned_data["text"])
        except Refused as refused:
            form.add_error("text", str(refused))
        else:
            return redirect("phone", seminar.pk)
    return render(request, "ideas/idea_edit.html", {"seminar": seminar, "idea": idea, "form": form})


@require_POST
def idea_withdraw(request, seminar_id, idea_id):
    seminar, participant = participant_for(request, seminar_id)
    idea = get_object_or_404(Idea, pk=idea_id, board__seminar=seminar)
    try:
        services.withdraw_idea(idea, by=participant)
    except Refused as refused:
        return refusal(str(refused))
    return done(request, "phone", seminar)


@login_required
@require_POST
def idea_hide(request, seminar_id, idea_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    idea = get_object_or_404(Idea, pk=idea_id, board__seminar=seminar)
    services.set_idea_hidden(idea, by=request.user, hidden=request.POST.get("hidden") != "0")
    return done(request, "console", seminar)


@login_required
@require_POST
def board_open(request, seminar_id, board_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    board = get_object_or_404(Board, pk=board_id, seminar=seminar)
    services.set_board_open(board, by=request.user, is_open=request.POST.get("open") == "1")
    return done(request, "console", seminar)


@require_POST
def cluster_create(request, seminar_id, board_id):
    board = get_object_or_404(Board, pk=board_id, seminar_id=seminar_id)
    actor = _board_curator(request, board)
    form = HeadingForm(request.POST)
    if not form.is_valid():
        return refusal(" ".join(form.errors["heading"]), status=422)
    services.create_cluster(board, by=actor, heading=form.cleaned_data["heading"])
    return HttpResponse(status=204)


@require_POST
def idea_cluster(request, seminar_id, idea_id):
    idea = get_object_or_404(Idea, pk=idea_id, board__seminar_id=seminar_id)
    actor = _board_curator(request, idea.board)
    cluster_id = as_id(request.POST.get("cluster"))
    cluster = Cluster.objects.filter(pk=cluster_id or 0, board=idea.board).first()
    services.move_to_cluster(idea, by=actor, cluster=cluster)
    return HttpResponse(status=204)


@require_POST
def cluster_rename(request, seminar_id, cluster_id):
    cluster = get_object_or_404(Cluster, pk=cluster_id, board__seminar_id=seminar_id)
    actor = _board_curator(request, cluster.board)
    form = HeadingForm(request.POST)
    if not form.is_valid():
        return refusal(" ".join(form.errors["heading"]), status=422)
    services.rename_cluster(cluster, by=actor, heading=form.cleaned_data["heading"])
    return HttpResponse(status=204)


@require_POST
def cluster_dissolve(request, seminar_id, cluster_id):
    cluster = get_object_or_404(Cluster, pk=cluster_id, board__seminar_id=seminar_id)
    actor = _board_curator(request, cluster.board)
    services.dissolve_cluster(cluster, by=actor)
    return HttpResponse(status=204)


@require_POST
def photo_add(request, seminar_id, board_id):
    from django.contrib import messages

    seminar, participant = participant_for(request, seminar_id)
    board = get_object_or_404(Board, pk=board_id, seminar=seminar)
    upload = request.FILES.get("photo")
    if getattr(request, "upload_too_large", False):  # seminar.limits.UploadLimit stopped it
        messages.error(
            request,
            _("The photo is too large (at most %(size)d MB).")
            % {"size": settings.PHOTO_MAX_BYTES // (1024 * 1024)},
        )
    elif upload is None:
        messages.error(request, _("Choose a photo first."))
    else:
        try:
            services.add_photo(board, by=participant, upload=upload)
        except Refused as refused:
            messages.error(request, str(refused))
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
    return done(request, "console", seminar)
