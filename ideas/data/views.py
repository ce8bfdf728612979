"""A phone downloads what its own person contributed; a facilitator, the whole seminar."""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ideas.access import participant_for
from ideas.data import services, transfer
from seminar.permissions import get_seminar_for_facilitator


@never_cache
@require_GET
def my_contributions(request, seminar_id):
    """Only the phone's own person: the session says who, nothing in the address does."""
    seminar, participant = participant_for(request, seminar_id)
    body = json.dumps(services.contributions(participant), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = slugify(seminar.title) or "seminar"
    response["Content-Disposition"] = f'attachment; filename="plenum-{name}-mine.json"'
    return response


@login_required
@never_cache
@require_GET
def seminar_export(request, seminar_id):
    """A facilitator downloads the whole seminar as one file (manage.py import_seminar reads it)."""
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    response = HttpResponse(transfer.dumps(seminar), content_type="application/json; charset=utf-8")
    name = slugify(seminar.title) or "seminar"
    response["Content-Disposition"] = f'attachment; filename="plenum-{name}.json"'
    return response
