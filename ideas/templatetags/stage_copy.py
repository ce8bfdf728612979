"""A rendered region as a still copy: the console's small preview of the projector's stage."""

import re

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# What makes markup live or addressable: a copy without it is never the target of a push, never
# focused, and never counted down (the preview sits on a page that has the originals' ids).
LIVE_ATTRIBUTES = re.compile(
    r"\s(?:id|for|hx-[a-z-]+|aria-labelledby|aria-describedby|aria-live|role"
    r'|data-deadline-ms|data-server-now-ms|data-version)="[^"]*"'
)


@register.filter(is_safe=True)
def still_copy(html):
    """The html without ids, htmx attributes and live hooks."""
    return mark_safe(LIVE_ATTRIBUTES.sub("", str(html)))  # noqa: S308 -- only removes attributes
