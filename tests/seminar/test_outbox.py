"""A committed change reaches its screens even when its push does not (issue #15, items 2, 3).

The process that dies between the commit and the publish is played by a publish that does not
happen; the database that goes away before the render by a render that raises once. Both end
with the affected screens resynced, over real sockets of the real application.
"""

import uuid

import pytest
from asgiref.sync import sync_to_async
from django.db import transaction

from ideas import services
from ideas.models import Idea
from seminar import live, outbox
from seminar.models import PendingPush
from tests.conftest import client_for_participant
from tests.ideas.helpers import brainstorm
from tests.live import communicator

pytestmark = pytest.mark.django_db(transaction=True)


async def _connected(seminar, participant):
    client = await sync_to_async(client_for_participant)(participant)
    phone = communicator(seminar, client=client)
    connected, _code = await phone.connect()
    assert connected
    await phone.receive_from(timeout=5)  # the state on connect
    return phone


async def _brainstorm_and_phone(seminar, alice):
    _members, board = await sync_to_async(brainstorm)(seminar, alice)
    author = await sync_to_async(lambda: board.group.members.first())()
    return board, author, await _connected(seminar, author)


@pytest.mark.asyncio
async def test_a_card_committed_by_a_process_that_died_before_its_push_reaches_the_screens(
    seminar, alice, monkeypatch, settings
):
    settings.OUTBOX_ROWS = True  # with Redis: another process resyncs the dead one's screens
    board, author, phone = await _brainstorm_and_phone(seminar, alice)
    # The process dies after the commit: its on-commit publish never runs.
    with monkeypatch.context() as dead:
        dead.setattr(live, "publish", lambda *args, **kwargs: None)
        await sync_to_async(services.add_idea)(board, by=author, text="Survives", key=uuid.uuid4())
    assert await phone.receive_nothing(timeout=0.3)
    assert await sync_to_async(PendingPush.objects.count)() == 1

    # A live process sweeps: the phone is resynced and shows the card.
    groups = await sync_to_async(outbox.sweep)(older_than=0)
    assert f"live.members.{board.group_id}.da" in groups
    state = await phone.receive_from(timeout=5)
    assert "Survives" in state and 'id="agenda-now"' in state
    assert await sync_to_async(PendingPush.objects.count)() == 0
    await phone.disconnect()


@pytest.mark.asyncio
async def test_a_retry_of_a_card_already_stored_pushes_it_again(seminar, alice, monkeypatch):
    board, author, phone = await _brainstorm_and_phone(seminar, alice)
    key = uuid.uuid4()
    with monkeypatch.context() as dead:
        dead.setattr(live, "publish", lambda *args, **kwargs: None)
        await sync_to_async(services.add_idea)(board, by=author, text="Retried", key=key)
    # The phone sends it again with the same key, to the other process: stored once, pushed.
    await sync_to_async(services.add_idea)(board, by=author, text="Retried", key=key)
    assert "Retried" in await phone.receive_from(timeout=5)
    assert await sync_to_async(Idea.objects.filter(key=key).count)() == 1
    await phone.disconnect()


@pytest.mark.asyncio
async def test_a_push_whose_render_fails_after_the_commit_resyncs_its_screens(
    seminar, alice, monkeypatch
):
    board, author, phone = await _brainstorm_and_phone(seminar, alice)
    render = live.render_regions
    failures = []

    def fails_once(regions, language):
        if not failures:
            failures.append(language)
            raise ConnectionError("the database went away")
        return render(regions, language)

    monkeypatch.setattr(live, "render_regions", fails_once)
    await sync_to_async(services.add_idea)(board, by=author, text="Rendered late", key=uuid.uuid4())
    assert failures
    # Not dropped: the phone is sent its whole state, which has the card.
    state = await phone.receive_from(timeout=5)
    assert "Rendered late" in state and 'id="agenda-now"' in state
    assert await sync_to_async(outbox.unsent)() == []
    await phone.disconnect()


@pytest.mark.asyncio
async def test_a_published_change_leaves_no_outbox_row(seminar, alice):
    board, author, phone = await _brainstorm_and_phone(seminar, alice)
    await sync_to_async(services.add_idea)(board, by=author, text="Plain", key=uuid.uuid4())
    assert "Plain" in await phone.receive_from(timeout=5)
    assert await sync_to_async(outbox.unsent)() == []
    assert await sync_to_async(outbox.sweep)(older_than=0) == []
    await phone.disconnect()


@pytest.mark.django_db
def test_one_outbox_row_per_transaction(
    seminar, alice, django_capture_on_commit_callbacks, settings
):
    settings.OUTBOX_ROWS = True
    with django_capture_on_commit_callbacks(execute=True):
        _members, board = brainstorm(seminar, alice)
    assert not PendingPush.objects.exists()
    author = board.group.members.first()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.add_idea(board, by=author, text="Two pushes", key=uuid.uuid4())
    # Two pushes (the public screens and the console), one row naming both audiences.
    assert len(callbacks) == 2
    (row,) = PendingPush.objects.all()
    assert f"live.facilitators.{seminar.pk}.da" in row.groups
    assert f"live.screens.{board.group_id}.da" in row.groups
    for callback in callbacks:
        callback()
    assert not PendingPush.objects.exists()


@pytest.mark.asyncio
async def test_without_redis_the_outbox_is_kept_in_memory_and_swept_the_same(
    seminar, alice, monkeypatch, settings
):
    """One process, every socket in it: a change writes no row, and a push that never went out
    (an answer never sent, a publish that failed) is resynced by the sweep all the same."""
    settings.OUTBOX_ROWS = False
    board, author, phone = await _brainstorm_and_phone(seminar, alice)
    with monkeypatch.context() as unpublished:
        unpublished.setattr(live, "publish", lambda *args, **kwargs: None)
        await sync_to_async(services.add_idea)(board, by=author, text="Kept", key=uuid.uuid4())
    assert await phone.receive_nothing(timeout=0.3)
    assert await sync_to_async(PendingPush.objects.count)() == 0
    (groups,) = await sync_to_async(outbox.unsent)()
    assert f"live.members.{board.group_id}.da" in groups
    assert await sync_to_async(outbox.sweep)(older_than=60) == []  # not stale yet

    swept = await sync_to_async(outbox.sweep)(older_than=0)
    assert f"live.members.{board.group_id}.da" in swept
    state = await phone.receive_from(timeout=5)
    assert "Kept" in state and 'id="agenda-now"' in state
    assert await sync_to_async(outbox.unsent)() == []

    # Published: nothing left; rolled back: nothing held.
    await sync_to_async(services.add_idea)(board, by=author, text="Sent", key=uuid.uuid4())
    assert "Sent" in await phone.receive_from(timeout=5)

    def rolled_back():
        with transaction.atomic():
            services.add_idea(board, by=author, text="Never", key=uuid.uuid4())
            transaction.set_rollback(True)

    await sync_to_async(rolled_back)()
    assert await sync_to_async(outbox.unsent)() == []
    assert await sync_to_async(PendingPush.objects.count)() == 0
    await phone.disconnect()
