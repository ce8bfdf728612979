"""A phone's photo of a poster, opened as nothing but a photo and kept as a clean JPEG.

Pillow can open dozens of formats, and some run programs (EPS runs Ghostscript): a photo is
opened only as what its first bytes say it is, and only as JPEG, PNG, WebP (HEIC when a plugin
registered it). Its size in pixels is checked from the header before anything is decoded,
so a small file that unpacks to gigabytes (a decompression bomb) is refused, not decoded.
"""

import logging
import warnings
from io import BytesIO

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from ideas.domain import Refused

logger = logging.getLogger("plenum.ideas")

# Pillow's own guard, lowered from 89 megapixels to what a phone takes; its warning (between
# the limit and twice it) is an error, not a note in the log.
Image.MAX_IMAGE_PIXELS = settings.PHOTO_MAX_PIXELS
warnings.filterwarnings("error", category=Image.DecompressionBombWarning)

HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1"}


def heif_supported():
    Image.init()
    return "HEIF" in Image.OPEN


def sniff(head):
    """The Pillow format a file's first bytes declare, among the ones we open, else None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS and heif_supported():
        return "HEIF"
    return None


def _too_many_pixels():
    return Refused(
        _("The photo has too many pixels (at most %(megapixels)d megapixels).")
        % {"megapixels": settings.PHOTO_MAX_PIXELS // 1_000_000}
    )


def reencode_photo(upload):
    """A phone's photo as a clean JPEG: turned upright, at most 2000 px, and without EXIF
    (no GPS position, no camera serial). Raises Refused for anything else."""
    if upload.size > settings.PHOTO_MAX_BYTES:
        raise Refused(
            _("The photo is too large (at most %(size)d MB).")
            % {"size": settings.PHOTO_MAX_BYTES // (1024 * 1024)}
        )
    upload.seek(0)
    kind = sniff(upload.read(16))
    upload.seek(0)
    if kind is None:
        raise Refused(_("Send the photo as JPEG, PNG or WebP."))
    try:
        with Image.open(upload, formats=[kind]) as original:
            width, height = original.size  # from the header: nothing is decoded yet
            if width * height > settings.PHOTO_MAX_PIXELS:
                raise _too_many_pixels()
            original.verify()
        upload.seek(0)
        with Image.open(upload, formats=[kind]) as original:
            # A JPEG decodes at 1/2, 1/4 or 1/8 of its size when that still covers 2000 px.
            original.draft("RGB", (settings.PHOTO_MAX_SIDE, settings.PHOTO_MAX_SIDE))
            image = ImageOps.exif_transpose(original).convert("RGB")
    except Refused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels() from error
    except Exception as error:  # whatever a hostile file makes a decoder raise
        logger.info("a photo could not be read: %r", error)
        raise Refused(_("This file is not a photo we can read.")) from error
    image.thumbnail((settings.PHOTO_MAX_SIDE, settings.PHOTO_MAX_SIDE))
    out = BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)  # no exif= : metadata is dropped
    return out.getvalue()
