from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from ideas import services
from ideas.models import Photo
from tests.conftest import client_for_participant
from tests.ideas.helpers import brainstorm


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _jpeg_with_gps(size=(3000, 1500)):
    image = Image.new("RGB", size, "orange")
    exif = Image.Exif()
    exif[0x8825] = {2: (55.0, 37.0, 0.0), 4: (8.0, 29.0, 0.0)}  # GPSInfo: Varde
    exif[0x0110] = "Phone 12"  # camera model
    out = BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile("poster.jpg", out.getvalue(), content_type="image/jpeg")


def test_photo_is_reencoded_smaller_and_without_location(seminar, alice):
    _members, board = brainstorm(seminar, alice)
    author = board.group.members.first()
    photo = services.add_photo(board, by=author, upload=_jpeg_with_gps())
    with Image.open(photo.image.path) as stored:
        assert max(stored.size) == 2000
        assert not stored.getexif()  # no GPS, no camera model


def test_not_an_image_is_refused_and_nothing_is_stored(seminar, alice):
    _members, board = brainstorm(seminar, alice)
    fake = SimpleUploadedFile("poster.jpg", b"<svg onload=alert(1)>", content_type="image/jpeg")
    with pytest.raises(services.Refused):
        services.add_photo(board, by=board.group.members.first(), upload=fake)
    assert not Photo.objects.exists()


def test_only_the_seminars_people_see_a_photo(
    seminar, alice, bob_client, outsider_participant_client
):
    _members, board = brainstorm(seminar, alice)
    author = board.group.members.first()
    photo = services.add_photo(board, by=author, upload=_jpeg_with_gps((400, 300)))
    url = reverse("photo", args=[seminar.pk, photo.pk])
    response = client_for_participant(author).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response.content[:2] == b"\xff\xd8"
    for client in (Client(), bob_client, outsider_participant_client):
        assert client.get(url).status_code in (403, 404)


def test_phone_uploads_through_the_form(seminar, alice):
    _members, board = brainstorm(seminar, alice)
    author = board.group.members.first()
    client = client_for_participant(author)
    response = client.post(
        reverse("photo-add", args=[seminar.pk, board.pk]), {"photo": _jpeg_with_gps((800, 600))}
    )
    assert response.status_code == 302 and Photo.objects.get().author == author
