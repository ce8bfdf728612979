"""The action list's prompts in the seeds' own words: the Swedish autumn conference's "the first
thing I want to do when I get home" (003) and Varde's Friday "what does each leader do when
they come into the office on Monday?" (004), in each language of the product."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Preset:
    key: str
    label: str  # what the console's picker says, in the facilitator's language
    prompts: dict  # the question the phones ask, in the seminar's language


PRESETS = {
    "home": Preset(
        "home",
        _("The first thing I want to do when I get home"),
        {
            "sv": "Det här är det första jag vill göra när jag kommer hem",
            "da": "Det første, jeg vil gøre, når jeg kommer hjem",
            "nb": "Det første jeg vil gjøre når jeg kommer hjem",
            "en": "The first thing I want to do when I get home",
        },
    ),
    "monday": Preset(
        "monday",
        _("What I do when I come into the office on Monday"),
        {
            "da": "Hvad gør jeg, når jeg kommer på kontoret på mandag?",
            "nb": "Hva gjør jeg når jeg kommer på kontoret på mandag?",
            "sv": "Vad gör jag när jag kommer till kontoret på måndag?",
            "en": "What do I do when I come into the office on Monday?",
        },
    ),
}

# Words in an item's title that say it is Varde's Friday rather than the way home.
MONDAY_WORDS = ("mandag", "måndag", "monday")


def prompt_of(preset, language):
    return preset.prompts.get(language) or preset.prompts["en"]


def default_for(item):
    """Friday's "on Monday" for an item whose title speaks of Monday, else the way home."""
    words = f"{item.title} {item.description}".lower()
    return PRESETS["monday" if any(word in words for word in MONDAY_WORDS) else "home"]
