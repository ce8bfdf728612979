"""The join QR code, drawn on the server as inline SVG (segno): nothing fetched, no script."""

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe


def join_url(base_url, seminar):
    """The join link: at PLENUM_PUBLIC_URL when set (venue mode detects the laptop's LAN
    address: the projector may be on http://127.0.0.1 while phones need the Wi-Fi address),
    else at the address the screen reached us by ("http://10.0.0.5:8000")."""
    return (settings.PUBLIC_URL or base_url) + reverse("join", args=[seminar.join_code])


def join_qr_svg(base_url, seminar):
    # segno writes only the QR's own markup from the URL, which holds just the join code.
    svg = segno.make(join_url(base_url, seminar), error="m").svg_inline(
        scale=4, omitsize=True, title=seminar.join_code
    )
    return mark_safe(svg)  # noqa: S308
