"""A phone downloads what its own person contributed."""

import json

from django.http import HttpResponse
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ideas.access import participant_for
from ideas.data import services


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
