"""Who is asking, for the views of every exercise: the participant of a phone, and the answers
after an action (nothing for htmx, the page again without JavaScript, a refusal as text).
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect

from seminar.models import Seminar
from seminar.permissions import participant_from_session


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
