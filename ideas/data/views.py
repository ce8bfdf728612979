"""A phone downloads what its own person contributed; a facilitator, the whole seminar."""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from ideas.access import participant_for
from ideas.data import reuse, services, transfer
from ideas.data.forms import TemplateForm
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


TEMPLATE_KEYS = "plenum.template_keys"  # session: post key -> the seminar that post made


@login_required
@require_http_methods(["GET", "POST"])
def seminar_template(request, seminar_id):
    """ "Use as a template": a new seminar with this one's programme and groupings' rules,
    opened in the programme editor. A post sent twice makes one seminar."""
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        key = str(form.cleaned_data["key"] or "")
        made = request.session.get(TEMPLATE_KEYS, {})
        if key and key in made:
            return redirect("programme", made[key])
        copy = reuse.copy_as_template(
            seminar,
            by=request.user,
            title=form.cleaned_data["title"],
            starts_on=form.cleaned_data["starts_on"],
        )
        if key:
            request.session[TEMPLATE_KEYS] = {**made, key: copy.pk}
        return redirect("programme", copy.pk)
    status = 422 if form.errors else 200
    context = {"seminar": seminar, "form": form}
    return render(request, "ideas/data/template.html", context, status=status)
