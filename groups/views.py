"""Participants and groupings for the facilitator; the table screen's own page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from groups import queries, services
from groups.live import table_context
from seminar.permissions import get_seminar_for_facilitator


@login_required
def groupings(request, seminar_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    groupings = [
        (grouping, queries.groups_with_members(grouping)) for grouping in seminar.groupings.all()
    ]
    participants = seminar.participants.select_related("department")
    return render(
        request,
        "groups/groupings.html",
        {"seminar": seminar, "groupings": groupings, "participants": participants},
    )


def screen(request):
    """A table screen: unpaired it shows its pairing code; paired, its table, live."""
    screen = services.screen_for_request(request)
    context = {"screen": screen, **table_context(screen)}
    if screen.seminar_id:
        from agenda.live import now_context

        context.update(now_context(screen.seminar))
    response = render(request, "groups/screen.html", context)
    services.remember_screen(response, screen)
    return response


def screen_status(request):
    """Polled by an unpaired screen: reload once it has been paired."""
    from django.http import HttpResponse
    from django_htmx.http import HttpResponseClientRefresh

    from seminar.permissions import screen_from_cookies

    screen = screen_from_cookies(request.COOKIES)
    if screen is not None and screen.seminar_id:
        return HttpResponseClientRefresh()
    return HttpResponse(status=204)
