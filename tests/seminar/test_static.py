"""Where bin/run serves (and in production), static files are fingerprinted and cached for a
year: a phone of a room joining at once downloads each once and never asks again."""

import re

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_pages_link_fingerprinted_files_that_are_cached_for_a_year(tmp_path):
    manifest = {
        "STATIC_ROOT": tmp_path,
        "STORAGES": {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
        "WHITENOISE_USE_FINDERS": False,
        "WHITENOISE_AUTOREFRESH": False,
    }
    with override_settings(**manifest):
        call_command("collectstatic", interactive=False, verbosity=0)
        client = Client()
        page = client.get("/join/").content.decode()
        links = re.findall(r'(?:src|href)="(/static/[^"]+)"', page)
        assert links, "the join page links no static file"
        for link in links:
            assert re.search(r"\.[0-9a-f]{12}\.\w+$", link), link
            response = client.get(link, headers={"accept-encoding": "gzip, br"})
            response.close()  # a file response: its file is open until closed
            assert response.status_code == 200, link
            cache = response.headers["Cache-Control"]
            max_age = int(re.search(r"max-age=(\d+)", cache).group(1))
            assert max_age >= 365 * 24 * 3600 and "immutable" in cache, (link, cache)


# --- Answered in the ASGI layer (seminar/staticfiles.py) --------------------------------------


async def _get(app, path, *, method="GET", headers=()):
    """One HTTP request through an ASGI app: (status, headers dict, body)."""
    from asgiref.testing import ApplicationCommunicator

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    communicator = ApplicationCommunicator(app, scope)
    await communicator.send_input({"type": "http.request", "body": b"", "more_body": False})
    start = await communicator.receive_output(5)
    body = b""
    while True:
        message = await communicator.receive_output(5)
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    await communicator.wait(5)
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body


class _Django:
    """Stands in for Django behind the static files: records what reached it."""

    def __init__(self):
        self.paths = []

    async def __call__(self, scope, receive, send):
        self.paths.append(scope["path"])
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b"django"})


def _manifest_settings(tmp_path):
    return override_settings(
        STATIC_ROOT=tmp_path,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
    )


@pytest.mark.asyncio
async def test_static_files_are_answered_before_django_with_whitenoises_headers(tmp_path):
    from asgiref.sync import sync_to_async
    from django.templatetags.static import static

    from seminar.staticfiles import StaticFiles

    with _manifest_settings(tmp_path):
        await sync_to_async(call_command)("collectstatic", interactive=False, verbosity=0)
        django = _Django()
        app = StaticFiles(django)
        link = static("js/plenum.js")
        status, headers, body = await _get(app, link, headers=[(b"accept-encoding", b"gzip")])
        assert status == 200
        assert headers["content-encoding"] == "gzip" and body[:2] == b"\x1f\x8b"
        assert "immutable" in headers["cache-control"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["content-type"].startswith("text/javascript")
        assert int(headers["content-length"]) == len(body)

        status, plain_headers, plain = await _get(app, link)
        assert status == 200 and "content-encoding" not in plain_headers
        assert int(plain_headers["content-length"]) == len(plain) > len(body)

        etag = headers["etag"].encode()
        status, _, body = await _get(app, link, headers=[(b"if-none-match", etag)])
        assert (status, body) == (304, b"")
        status, headers, body = await _get(app, link, method="HEAD")
        assert status == 200 and body == b"" and int(headers["content-length"]) > 0

        # What is not a static file, or not a GET, is Django's.
        await _get(app, "/static/js/nothing.js")
        await _get(app, "/join/")
        await _get(app, link, method="POST")
        assert django.paths == ["/static/js/nothing.js", "/join/", link]


@pytest.mark.asyncio
async def test_with_ssl_redirect_static_files_are_left_to_django(tmp_path):
    from seminar.staticfiles import StaticFiles

    with override_settings(SECURE_SSL_REDIRECT=True):
        django = _Django()
        await _get(StaticFiles(django), "/static/js/plenum.js")
    assert django.paths == ["/static/js/plenum.js"]


@pytest.mark.asyncio
async def test_in_development_an_edited_file_is_served_as_it_is_now(tmp_path, settings):
    """Without the manifest (tests, `DEBUG=1`), files are found per request, as WhiteNoise's
    autorefresh does: a file added under a running server is served."""
    from seminar.staticfiles import StaticFiles

    folder = tmp_path / "extra"
    folder.mkdir()
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, folder]
    django = _Django()
    app = StaticFiles(django)
    assert (await _get(app, "/static/late.css"))[0] == 404
    (folder / "late.css").write_text("body { color: black }")
    status, headers, body = await _get(app, "/static/late.css")
    assert (status, body) == (200, b"body { color: black }")
    assert headers["content-type"].startswith("text/css")
