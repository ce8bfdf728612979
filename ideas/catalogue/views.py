"""The template picker of the programme editor: for a new item of a day, or for an item.

Like the editor's own forms, it takes the place of what opened it (htmx), and a post answers
with the whole programme, which says what the template filled and what it kept."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agenda.models import AgendaItem, Day
from agenda.views import programme_response
from ideas.catalogue import services
from ideas.catalogue.forms import TemplateForm
from ideas.domain import Refused
from ideas.exercises import all_templates, exercises
from seminar.permissions import get_seminar_for_facilitator

PICKER = "ideas/catalogue.html#picker"


def _choices(templates):
    """The templates under their exercise, in the order of the kinds: [(exercise, [templates])]."""
    by_kind = {exercise.kind: exercise for exercise in exercises()}
    groups = []
    for template in templates:
        if not groups or groups[-1][0].kind != template.kind:
            groups.append((by_kind[template.kind], []))
        groups[-1][1].append(template)
    return groups


def _picker(request, seminar, form, *, day, item=None, error=""):
    context = {
        "seminar": seminar,
        "day": day,
        "item": item,
        "form": form,
        "groups": _choices(all_templates()),
        "error": error or next(iter(form.errors.get("template", [])), ""),
        "chosen": form.data.get("template") if form.is_bound else None,
    }
    status = 422 if context["error"] else 200
    if request.htmx:
        return render(request, PICKER, context, status=status)
    return render(request, "ideas/catalogue.html", context, status=status)


def _posted(request):
    """The post's data, bound even when empty: a post without a choice is told to choose."""
    return request.POST if request.method == "POST" else None


def _done(request, seminar, applied, **focus):
    """The programme, saying what the template did; `focus` (`focus_day` or `focus_item`) puts
    the keyboard back on the button that opened the picker (htmx focuses `autofocus`)."""
    notices = [
        _("“%(template)s” is in “%(title)s”.")
        % {"template": applied.template.name, "title": applied.item.title},
        *applied.kept,
    ]
    if request.htmx:
        return programme_response(request, seminar, notices=notices, **focus)
    return redirect("programme", seminar.pk)


@login_required
@require_http_methods(["GET", "POST"])
def day_template(request, seminar_id, day_id):
    """A new item of the day, made from a template."""
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    day = get_object_or_404(Day, pk=day_id, seminar=seminar)
    form = TemplateForm(_posted(request), new_item=True)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            applied = services.add_from_template(
                day,
                by=request.user,
                template=form.cleaned_data["template"],
                key=form.cleaned_data.get("key"),
            )
        except Refused as refused:
            error = str(refused)
        else:
            return _done(request, seminar, applied, focus_day=day.pk)
    return _picker(request, seminar, form, day=day, error=error)


@login_required
@require_http_methods(["GET", "POST"])
def item_template(request, seminar_id, item_id):
    """An item's kind and empty parts, from a template."""
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    item = get_object_or_404(
        AgendaItem.objects.select_related("day"), pk=item_id, day__seminar=seminar
    )
    form = TemplateForm(_posted(request), new_item=False)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            applied = services.apply_template(
                item, by=request.user, template=form.cleaned_data["template"]
            )
        except Refused as refused:
            error = str(refused)
        else:
            return _done(request, seminar, applied, focus_item=item.pk)
    return _picker(request, seminar, form, day=item.day, item=item, error=error)
