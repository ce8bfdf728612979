"""Who is asking, for the views of every exercise: the participant of a phone, a phone or a
table screen at its table, and the answers after an action (nothing for htmx, the page again
without JavaScript, a refusal as text). Also a leader's own piece of an exercise (an interview,
a case) on a page of its own.
"""

import uuid

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from groups.models import Screen
from ideas.domain import Refused
from seminar.models import Participant, Seminar
from seminar.permissions import participant_from_session, screen_from_cookies


def participant_for(request, seminar_id):
    seminar = get_object_or_404(Seminar, pk=seminar_id)
    participant = participant_from_session(request.session, seminar)
    if participant is None:
        raise PermissionDenied
    return seminar, participant


def done(request, page, seminar):
    """After an action: htmx needs nothing back (the change is pushed live); a plain form post
    (no JavaScript) goes back to the page it came from."""
    return HttpResponse(status=204) if request.htmx else redirect(page, seminar.pk)


def refusal(message, status=403):
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def download(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def at_table(request, seminar_id, seat):
    """(seminar, actor, table) of a post made at a table: a phone at its seat (`seat(seminar,
    participant)`: its table in the exercise running now, None when it has none), or a paired
    table screen of this seminar; anyone else is refused."""
    seminar = get_object_or_404(Seminar, pk=seminar_id)
    participant = participant_from_session(request.session, seminar)
    if participant is not None:
        return seminar, participant, seat(seminar, participant)
    screen = screen_from_cookies(request.COOKIES)
    if screen is not None and screen.seminar_id == seminar.pk:
        return seminar, screen, screen.group
    raise PermissionDenied


def back(seminar, actor):
    """Without JavaScript, back to the page a post came from: the table screen, the phone or
    the console."""
    if isinstance(actor, Screen):
        return redirect("screen")
    if isinstance(actor, Participant):
        return redirect("phone", seminar.pk)
    return redirect("console", seminar.pk)


def edit_own(request, seminar_id, *, model, form_class, fields, save, template):
    """A leader's own piece of an exercise (`model` with an `author`: an interview, a case) on a
    page of its own: written once, changed as often as they like. `save(seminar, by=, **data)`
    stores the form's data; a refusal or an invalid form answers 422 with what was typed."""
    seminar, participant = participant_for(request, seminar_id)
    mine = model.objects.filter(author=participant).first()
    status, error = 200, None
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                save(seminar, by=participant, **form.cleaned_data)
                return redirect("phone", seminar.pk)
            except Refused as refused:
                error = str(refused)
        status = 422
    else:
        initial = {"key": uuid.uuid4()}
        if mine is not None:
            initial.update({field: getattr(mine, field) for field in fields})
        form = form_class(initial=initial)
    context = {"seminar": seminar, "form": form, "mine": mine, "error": error}
    return render(request, template, context, status=status)
