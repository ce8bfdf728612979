import pytest
from asgiref.sync import sync_to_async
from django.test import Client

from groups import services as group_services
from groups.models import Group, Grouping, Membership
from seminar import hub, live, pagestate
from tests import factories
from tests.conftest import client_for_participant
from tests.live import communicator


@pytest.fixture(autouse=True)
def _nothing_kept(monkeypatch):
    """Nothing kept, and this process's hubs subscribed: with Redis a test process has no hub
    listening, so nothing would ever be kept (the lost subscription has a test of its own)."""
    monkeypatch.setattr(hub, "all_subscribed", lambda: True)
    pagestate.clear()
    yield
    pagestate.clear()


@pytest.fixture
def steady_subscription(monkeypatch):
    """With Redis, the test's first socket starts this process's subscription (a real server
    has it before any page): that start alone would make the socket read again."""
    monkeypatch.setattr(hub, "lost", lambda: 0)


@pytest.fixture
def reads(monkeypatch):
    """Counts the full state reads (a page's or a socket's)."""
    counted = []
    original = live.screen_regions

    def counting(viewer):
        counted.append(viewer.role)
        return original(viewer)

    monkeypatch.setattr(live, "screen_regions", counting)
    return counted


async def _phone(seminar, name="Anne"):
    participant = await sync_to_async(factories.make_participant)(seminar, name)
    client = await sync_to_async(client_for_participant)(participant)
    return participant, client


async def _page(client, seminar):
    response = await sync_to_async(client.get)(f"/s/{seminar.pk}/me/")
    assert response.status_code == 200
    return response.content.decode()


async def _first_state(seminar, client):
    socket = communicator(seminar, client=client)
    connected, _code = await socket.connect()
    assert connected
    state = await socket.receive_from()
    await socket.disconnect()
    return state


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_first_state_is_the_pages_rendering_when_nothing_changed(reads, steady_subscription):
    seminar = await sync_to_async(factories.make_seminar)()
    _participant, client = await _phone(seminar)
    page = await _page(client, seminar)
    state = await _first_state(seminar, client)
    assert reads == ["participant"]  # the page's read only
    assert 'id="agenda-now"' in state and 'id="my-table"' in state
    assert 'id="my-table"' in page


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_push_to_the_phone_between_page_and_socket_reads_the_state_again(reads):
    seminar = await sync_to_async(factories.make_seminar)()
    _participant, client = await _phone(seminar)
    await _page(client, seminar)
    await sync_to_async(live.publish)(
        [live.seminar_audience(seminar.pk)], [live.Region("agenda/live.html#now", lambda: None)]
    )
    await _first_state(seminar, client)
    assert reads == ["participant", "participant"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_phone_moved_to_another_table_between_page_and_socket_reads_again(reads):
    seminar = await sync_to_async(factories.make_seminar)()
    participant, client = await _phone(seminar)

    def tables():
        grouping = Grouping.objects.create(seminar=seminar, name="Runde 1", method="manual")
        one = Group.objects.create(grouping=grouping, number=1, name="Bord 1")
        two = Group.objects.create(grouping=grouping, number=2, name="Bord 2")
        Membership.objects.create(grouping=grouping, group=one, participant=participant)
        return two

    other_table = await sync_to_async(tables)()
    await _page(client, seminar)
    await sync_to_async(group_services.move_member)(participant, by=None, group=other_table)
    await _first_state(seminar, client)
    assert len(reads) == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_another_session_of_the_same_person_reads_its_own_state(reads):
    seminar = await sync_to_async(factories.make_seminar)()
    participant, client = await _phone(seminar)
    await _page(client, seminar)
    other_phone = await sync_to_async(client_for_participant)(participant)
    state = await _first_state(seminar, other_phone)
    assert len(reads) == 2
    assert "csrfmiddlewaretoken" not in state  # the page's token stays with its own session


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_page_older_than_the_limit_is_read_again(reads, monkeypatch):
    monkeypatch.setattr(pagestate, "MAX_AGE", -1.0)
    seminar = await sync_to_async(factories.make_seminar)()
    _participant, client = await _phone(seminar)
    await _page(client, seminar)
    await _first_state(seminar, client)
    assert len(reads) == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_kept_page_is_taken_once(reads, steady_subscription):
    seminar = await sync_to_async(factories.make_seminar)()
    _participant, client = await _phone(seminar)
    await _page(client, seminar)
    await _first_state(seminar, client)
    await _first_state(seminar, client)  # a reconnect reads the state
    assert len(reads) == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_phone_of_another_seminar_never_gets_a_kept_page(reads):
    seminar = await sync_to_async(factories.make_seminar)()
    other = await sync_to_async(factories.make_seminar)(title="Other")
    _participant, client = await _phone(seminar)
    await _page(client, seminar)
    socket = communicator(other, client=client)
    connected, _code = await socket.connect()
    assert not connected
    await socket.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_an_anonymous_page_keeps_nothing():
    seminar = await sync_to_async(factories.make_seminar)()
    response = await sync_to_async(Client().get)(f"/s/{seminar.pk}/me/")
    assert response.status_code == 403
    assert not pagestate._kept


def test_the_countdown_stamp_is_the_moment_of_sending(monkeypatch):
    shot = pagestate.snapshot(["live.seminar.1.da"])
    pagestate.keep(("k", 1, 2, "da"), shot, '<span data-server-now-ms="1000"></span>')
    html = pagestate.take(("k", 1, 2, "da"), ["live.seminar.1.da"])
    assert 'data-server-now-ms="1000"' not in html
    assert "data-server-now-ms=" in html


def test_nothing_is_kept_while_a_subscription_is_down(monkeypatch):
    monkeypatch.setattr(hub, "all_subscribed", lambda: False)
    shot = pagestate.snapshot(["live.seminar.1.da"])
    pagestate.keep(("k", 1, 2, "da"), shot, "<p>state</p>")
    assert pagestate.take(("k", 1, 2, "da"), ["live.seminar.1.da"]) is None


def test_a_lost_subscription_between_page_and_socket_reads_again(monkeypatch):
    shot = pagestate.snapshot(["live.seminar.1.da"])
    pagestate.keep(("k", 1, 2, "da"), shot, "<p>state</p>")
    monkeypatch.setattr(hub, "_subscriptions", [hub.lost() + 1])
    assert pagestate.take(("k", 1, 2, "da"), ["live.seminar.1.da"]) is None


def test_other_groups_than_the_pages_read_again():
    shot = pagestate.snapshot(["live.members.1.da"])
    pagestate.keep(("k", 1, 2, "da"), shot, "<p>state</p>")
    assert pagestate.take(("k", 1, 2, "da"), ["live.members.2.da"]) is None
