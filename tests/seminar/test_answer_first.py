"""`live.answer_first`: a view's pushes are rendered and sent after its answer has gone out."""

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from seminar import live
from seminar.models import PendingPush


@pytest.fixture
def sent(monkeypatch):
    """What is handed to the hub, and a Danish screen listening so that pushes render."""
    handed = []

    def capture(sends, resubscribe=()):
        handed.append((list(sends), list(resubscribe)))
        return True

    monkeypatch.setattr(live, "_send", capture)
    live.listening("da", +1)
    yield handed
    live.listening("da", -1)


def _change(label):
    """A service: a change in a transaction that publishes a region and resyncs a screen."""
    with transaction.atomic():
        live.publish_on_commit(
            [live.seminar_audience(7)], [live.Region("seminar/base.html", lambda: None)]
        )
        live.resync_on_commit([live.screen_audience(label)])


@pytest.mark.django_db(transaction=True)  # real commits, as in a request
def test_the_pushes_follow_the_answer_in_the_order_scheduled(sent):
    @live.answer_first
    def view(request):
        _change(1)
        _change(2)
        assert sent == []  # committed, but not pushed before the answer
        return HttpResponse("answered")

    response = view(RequestFactory().post("/"))
    assert sent == [] and PendingPush.objects.count() == 2  # the outbox covers the gap
    response.close()  # the server sends the answer, then closes it
    resynced = [groups for sends, groups in sent if groups]
    assert [groups[0].split(".")[2] for groups in resynced] == ["1", "2"]
    assert PendingPush.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_view_that_fails_after_a_commit_still_pushes_it(sent):
    @live.answer_first
    def view(request):
        _change(3)
        raise ValueError("after the commit")

    with pytest.raises(ValueError):
        view(RequestFactory().post("/"))
    assert next(groups for sends, groups in sent if groups)[0].startswith("live.screen.3.")


@pytest.mark.django_db(transaction=True)
def test_outside_such_a_view_pushes_follow_the_commit_at_once(sent):
    _change(4)
    assert any(groups for sends, groups in sent)


def test_a_commit_after_the_answer_is_pushed_at_once():
    """A commit that comes after the answer has gone out (a test's on-commit callbacks run
    after the view) is pushed at once, not kept for a run that has passed."""
    pushes, done = live._Pushes(), []
    pushes.add(lambda: done.append("before"))
    assert done == []
    pushes.run()  # the answer has gone out
    pushes.add(lambda: done.append("after"))
    assert done == ["before", "after"] and not pushes
