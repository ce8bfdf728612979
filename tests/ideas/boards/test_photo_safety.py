"""A poster photo is opened only as a photo: no Ghostscript, no decompression bomb, and a body
past the limit is refused before it is read."""

import asyncio
import struct
import subprocess
import zlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from ideas import services
from ideas.boards import photos
from ideas.models import Photo
from seminar.asgi import application
from tests.conftest import client_for_participant
from tests.ideas.helpers import brainstorm

EPS = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\nshowpage\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def poster(seminar, alice):
    _members, board = brainstorm(seminar, alice)
    return board, board.group.members.first()


def _png_header(width, height):
    """A PNG that declares its size and holds next to nothing: never decoded, so never read."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0"))
        + (chunk(b"IEND", b""))
    )


def _upload(data, name="poster.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def _image(fmt, size=(300, 200)):
    out = BytesIO()
    Image.new("RGB", size, "teal").save(out, format=fmt)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_are_kept_as_jpeg(poster, fmt):
    board, author = poster
    photo = services.add_photo(board, by=author, upload=_upload(_image(fmt)))
    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG" and stored.size == (300, 200)


def test_an_eps_named_jpg_never_reaches_ghostscript(poster, monkeypatch):
    board, author = poster

    def no_programs(*args, **kwargs):
        raise AssertionError(f"a photo started a program: {args!r}")

    for name in ("Popen", "run", "call", "check_call", "check_output"):
        monkeypatch.setattr(subprocess, name, no_programs)
    with pytest.raises(services.Refused, match="JPEG, PNG or WebP"):
        services.add_photo(board, by=author, upload=_upload(EPS, "x.jpg"))
    assert not Photo.objects.exists()


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF", "PPM"])
def test_other_image_formats_are_refused(poster, fmt):
    board, author = poster
    with pytest.raises(services.Refused):
        services.add_photo(board, by=author, upload=_upload(_image(fmt)))


def test_a_format_hidden_behind_another_ones_magic_is_not_opened(poster):
    board, author = poster
    with pytest.raises(services.Refused, match="not a photo we can read"):
        services.add_photo(board, by=author, upload=_upload(b"\x89PNG\r\n\x1a\n" + EPS))


@pytest.mark.parametrize("size", [(13000, 13000), (8000, 8000), (60000, 1000)])
def test_a_decompression_bomb_is_refused_from_its_header(poster, size, monkeypatch):
    board, author = poster
    decoded = []
    monkeypatch.setattr(Image.Image, "load", lambda self: decoded.append(self) or None)
    with pytest.raises(services.Refused, match="too many pixels"):
        services.add_photo(board, by=author, upload=_upload(_png_header(*size), "bomb.png"))
    assert not decoded and not Photo.objects.exists()


def test_the_pixel_limit_is_pillows_own_too():
    assert Image.MAX_IMAGE_PIXELS == photos.settings.PHOTO_MAX_PIXELS <= 50_000_000


def test_an_upload_past_the_limit_stops_and_says_why(poster, settings):
    board, author = poster
    settings.PHOTO_MAX_BYTES = 50_000
    client = client_for_participant(author)
    big = _upload(_image("PNG") + b"\0" * 60_000, "big.png")
    response = client.post(
        reverse("photo-add", args=[board.seminar_id, board.pk]), {"photo": big}, follow=True
    )
    assert response.status_code == 200 and not Photo.objects.exists()
    assert "for stort" in response.content.decode()  # in the phone's language (Danish here)


def _asgi_post(headers, chunks):
    """POST through the whole ASGI application; what it answered and how much it read."""
    sent, read = [], []

    async def receive():
        if not chunks:
            return {"type": "http.disconnect"}
        body = chunks.pop(0)
        read.append(len(body))
        return {"type": "http.request", "body": body, "more_body": bool(chunks)}

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/s/1/boards/1/photos/",
        "raw_path": b"/s/1/boards/1/photos/",
        "query_string": b"",
        "headers": [(b"host", b"testserver"), (b"accept-language", b"sv"), *headers],
        "scheme": "http",
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 5000),
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
    }
    asyncio.run(application(scope, receive, send))
    return sent, sum(read)


def test_a_body_declared_too_large_is_refused_before_it_is_read(settings):
    length = str(60 * 1024 * 1024).encode()
    sent, read = _asgi_post([(b"content-length", length)], [b"x" * 1024] * 10)
    assert sent[0]["status"] == 413 and read == 0
    assert "för stor" in sent[1]["body"].decode()  # in the reader's language


def test_a_streamed_body_is_cut_off_at_the_limit(settings):
    settings.MAX_REQUEST_BYTES = 100_000
    chunks = [b"x" * 50_000] * 20  # a megabyte without a Content-Length
    sent, read = _asgi_post([(b"content-type", b"multipart/form-data; boundary=x")], chunks)
    assert sent[0]["status"] == 413 and read <= 150_000
