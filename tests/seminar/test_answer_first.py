"""`live.answer_first`: a view's pushes are rendered and sent after its answer has gone out, and
the pushes of a process take turns in the order of their commits (`live._Turns`), so a push
whose reads came before another change's push is never sent after it."""

import gc
import re
import threading

import pytest
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory

from agenda import live as agenda_live
from agenda import services
from agenda.models import Clock
from seminar import live, outbox


@pytest.fixture
def sent(monkeypatch):
    """What is handed to the hub, in order, and a Danish screen listening so that pushes
    render (with Redis every language is rendered anyway)."""
    handed = []
    lock = threading.Lock()

    def capture(sends, resubscribe=(), touched=()):
        with lock:
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
    assert sent == [] and len(outbox.unsent()) == 2  # the outbox covers the gap
    response.close()  # the server sends the answer, then closes it
    resynced = [groups for sends, groups in sent if groups]
    assert [groups[0].split(".")[2] for groups in resynced] == ["1", "2"]
    assert outbox.unsent() == []
    assert live._turns.pending() == 0


@pytest.mark.django_db(transaction=True)
def test_a_view_that_fails_after_a_commit_still_pushes_it(sent):
    @live.answer_first
    def view(request):
        _change(3)
        raise ValueError("after the commit")

    with pytest.raises(ValueError):
        view(RequestFactory().post("/"))
    assert next(groups for sends, groups in sent if groups)[0].startswith("live.screen.3.")
    assert live._turns.pending() == 0


@pytest.mark.django_db(transaction=True)
def test_outside_such_a_view_pushes_follow_the_commit_at_once(sent):
    _change(4)
    assert any(groups for sends, groups in sent)


def test_a_commit_after_the_answer_is_pushed_at_once():
    """A commit that comes after the answer has gone out (a test's on-commit callbacks run
    after the view) is pushed at once, not kept for a run that has passed."""
    pushes, done = live._Pushes(), []
    pushes.add(live._turns.take(), lambda: done.append("before"))
    assert done == []
    pushes.run()  # the answer has gone out
    pushes.add(live._turns.take(), lambda: done.append("after"))
    assert done == ["before", "after"] and not pushes
    assert live._turns.pending() == 0


# --- The race: a change committed while an earlier change's push is on its way -----------------


def _now_versions(sends, seminar):
    """The clock versions of the "now" pushes to the seminar's Danish screens, in send order."""
    group = live.seminar_audience(seminar.pk).channel_group("da")
    return [
        int(re.search(r'data-clock-version="(\d+)"', html).group(1))
        for batch, _resync in sends
        for to, html in batch
        if to == group and 'id="agenda-now"' in html
    ]


def _in_thread(target):
    """Run `target` in a thread of its own, as a second request of the server would."""

    def run():
        try:
            target()
        finally:
            connection.close()
            # SQLite's in-memory test database ignores close() (closing its last handle would
            # lose it): this thread's own handle is closed here, or the collector finds it open
            # later, in whichever test is running then. The test's own handle keeps the data.
            if connection.connection is not None:
                connection.connection.close()
                connection.connection = None

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def _clock_view():
    """The console's 'Next', answering first (as agenda.views.clock_action)."""

    @live.answer_first
    def view(request, seminar, by):
        services.next_item(seminar, by=by)
        return HttpResponse("answered")

    return view


def _version(seminar):
    return Clock.objects.get(seminar=seminar).version


@pytest.mark.django_db(transaction=True)
def test_a_push_read_before_the_next_change_is_sent_before_its_push(
    alice, seminar, programme, sent, monkeypatch
):
    """The first 'Next' is answered; its push reads the clock and, while it renders, a second
    'Next' commits in another thread. The second's push waits for the first's turn: the room
    gets the first state, then the newest one, never the older one last."""
    services.start_seminar(seminar, by=alice)
    sent.clear()
    reading, go_on = threading.Event(), threading.Event()
    original = agenda_live.now_context

    def held(*args, **kwargs):  # the first push's "now": read, then held before it renders
        context = original(*args, **kwargs)
        if not reading.is_set():
            reading.set()
            assert go_on.wait(10)
        return context

    monkeypatch.setattr(agenda_live, "now_context", held)
    view = _clock_view()

    def first():
        response = view(RequestFactory().post("/"), seminar, alice)
        response.close()  # the answer has gone out: its pushes run in this thread

    first_thread = _in_thread(first)
    assert reading.wait(10)
    first_read = _version(seminar)
    second_thread = _in_thread(lambda: services.next_item(seminar, by=alice))
    # The second change commits; its push waits for the first's turn (without the turns it
    # would read and send the newer state now, and the first's would follow it).
    second_thread.join(1.0)
    assert _version(seminar) == first_read + 1
    go_on.set()
    first_thread.join(10)
    second_thread.join(10)
    assert not first_thread.is_alive() and not second_thread.is_alive()
    assert _now_versions(sent, seminar) == [first_read, first_read + 1], _debug(sent)
    assert live._turns.pending() == 0


@pytest.mark.django_db(transaction=True)
def test_a_change_after_an_answer_waits_for_that_answers_pushes(alice, seminar, programme, sent):
    """The first 'Next' has committed but its answer is not sent yet (its pushes not started):
    a second 'Next' committed in another thread is pushed only after them."""
    services.start_seminar(seminar, by=alice)
    sent.clear()
    response = _clock_view()(RequestFactory().post("/"), seminar, alice)
    second_thread = _in_thread(lambda: services.next_item(seminar, by=alice))
    second_thread.join(1.0)
    assert second_thread.is_alive()  # committed, its push waiting for the first's turn
    newest = _version(seminar)
    assert sent == []
    response.close()  # the answer goes out; its pushes read the clock now
    second_thread.join(10)
    assert not second_thread.is_alive()
    assert _now_versions(sent, seminar) == [newest, newest]
    assert live._turns.pending() == 0


@pytest.mark.django_db(transaction=True)
def test_an_answer_never_sent_gives_up_its_turn(alice, seminar, programme, sent):
    """The client went away before the answer was sent (the server drops it unclosed): its
    pushes give up their turns, and their outbox rows stay for the sweep to resync."""
    services.start_seminar(seminar, by=alice)
    response = _clock_view()(RequestFactory().post("/"), seminar, alice)
    kept = len(outbox.unsent())
    assert kept >= 1
    second_thread = _in_thread(lambda: services.next_item(seminar, by=alice))
    second_thread.join(0.5)
    assert second_thread.is_alive()
    del response
    gc.collect()
    second_thread.join(10)
    assert not second_thread.is_alive()
    assert len(outbox.unsent()) == kept  # the second's row was released
    assert live._turns.pending() == 0


def _debug(sent):
    return [(to, html[:80]) for batch, _r in sent for to, html in batch]
