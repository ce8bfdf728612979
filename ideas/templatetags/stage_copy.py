"""A rendered region as a still copy: the console's small preview of the projector's stage."""

import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# What makes markup live or addressable: a copy without it is never the target of a push, never
# focused, and never counted down (the preview sits on a page that has the originals' ids).
LIVE_ATTRIBUTES = re.compile(
    r"\s(?:id|for|hx-[a-z-]+|aria-labelledby|aria-describedby|aria-live|role"
    r'|data-deadline-ms|data-server-now-ms|data-version)="[^"]*"'
)


# A preview is a fifth of the screen: a stage larger than this (a board of thousands of cards)
# is named, not copied, so the console's state stays within a socket message's parts
# (seminar/parts.py splits boards by their ids, which a copy has none of).
PREVIEW_LIMIT = 96 * 1024
# No card's copy is smaller than this (its text, its "Withdraw" form and "Edit" link): a stage of
# more cards than PREVIEW_LIMIT holds at this size is named without being rendered at all.
CARD_BYTES_AT_LEAST = 200


def too_many_cards(context):
    """Would the copy of this stage surely be too large, by its boards' cards alone?"""
    cards = sum(board.get("count", 0) for board in context.get("boards") or ())
    return cards * CARD_BYTES_AT_LEAST > PREVIEW_LIMIT


@register.filter(is_safe=True)
def still_copy(html, too_large=""):
    """The html without ids, htmx attributes and live hooks; `too_large` (a sentence) instead
    when the copy would be larger than a preview needs."""
    copy = LIVE_ATTRIBUTES.sub("", str(html))
    if len(copy) > PREVIEW_LIMIT:
        return format_html('<p class="muted">{}</p>', too_large)
    return mark_safe(copy)  # noqa: S308 -- only removes attributes
