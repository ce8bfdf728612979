"""Django's middleware chain and the view run in one thread hop under ASGI (seminar/handler.py),
with every middleware still applied."""

import pytest
from asgiref import sync

from tests.seminar.test_static import _get

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def hops(monkeypatch):
    """Counts the sync_to_async calls (each one a hop to a thread and back)."""
    counted = []
    call = sync.SyncToAsync.__call__

    async def counting(self, *args, **kwargs):
        counted.append(getattr(self.func, "__qualname__", repr(self.func)))
        return await call(self, *args, **kwargs)

    monkeypatch.setattr(sync.SyncToAsync, "__call__", counting)
    return counted


@pytest.mark.asyncio
async def test_a_request_makes_three_hops_and_passes_every_middleware(hops):
    from seminar.asgi import django_asgi_app

    status, headers, body = await _get(django_asgi_app, "/join/")
    assert status == 200 and b"csrfmiddlewaretoken" in body
    # request_started, the middleware with the view, the response's close: Django's own
    # handler made 19 (two per middleware with hooks, and back to the loop in between).
    assert len(hops) <= 3, hops
    headers = {name.lower(): value for name, value in headers.items()}
    assert "csrftoken=" in headers["set-cookie"]  # CsrfViewMiddleware
    assert "nonce-" in headers["content-security-policy"]  # ContentSecurityPolicyMiddleware
    assert headers["x-frame-options"] == "DENY"  # XFrameOptionsMiddleware
    assert headers["content-language"] == "da"  # LocaleMiddleware
    assert headers["referrer-policy"] == "same-origin"  # SecurityMiddleware
