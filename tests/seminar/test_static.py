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
