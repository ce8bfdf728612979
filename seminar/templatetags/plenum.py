"""Template helpers shared by the apps' templates."""

from django import template
from django.utils import translation
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def content_lang(seminar):
    """` lang="da"` on what the seminar's people wrote (titles, descriptions) when the page is in
    another language, so a screen reader reads it with the right voice; nothing otherwise."""
    language = getattr(seminar, "language", "")
    if not language or language == translation.get_language():
        return ""
    return format_html(' lang="{}"', language)
