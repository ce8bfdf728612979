"""The question rounds' templates, in each seminar language: the questions a facilitator starts
from when the item has none of its own, then edits.

"motor": the Swedish autumn conference's five questions (seed 003, "Kommunen som motor i
samhällsutvecklingen"); "together": KS' closing questions after the ten points (seed 002).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    questions: dict  # language -> the questions in order


MOTOR = Template(
    "motor",
    _("The municipality as the engine of development (five questions)"),
    {
        "sv": [
            "Vad är viktigast att göra i rollen som spelledare och motor i samhällsutvecklingen?",
            "Vad ska ni undvika?",
            "Hur ska ni agera gentemot era grannkommuner?",
            "Hur vill ni att era grannar agerar gentemot er?",
            "Vad innebär detta för din roll som kommundirektör?",
        ],
        "da": [
            "Hvad er vigtigst at gøre i rollen som igangsætter og motor i samfundsudviklingen?",
            "Hvad skal I undgå?",
            "Hvordan skal I agere over for jeres nabokommuner?",
            "Hvordan vil I have, at jeres naboer agerer over for jer?",
            "Hvad betyder det for din rolle som kommunaldirektør?",
        ],
        "nb": [
            "Hva er viktigst å gjøre i rollen som pådriver og motor i samfunnsutviklingen?",
            "Hva skal dere unngå?",
            "Hvordan skal dere opptre overfor nabokommunene?",
            "Hvordan vil dere at naboene skal opptre overfor dere?",
            "Hva betyr dette for din rolle som rådmann?",
        ],
        "en": [
            "What matters most in the role of driving the community's development?",
            "What should you avoid?",
            "How should you act towards your neighbouring municipalities?",
            "How do you want your neighbours to act towards you?",
            "What does this mean for your role as chief executive?",
        ],
    },
)

TOGETHER = Template(
    "together",
    _("The main challenges, and what we can do together"),
    {
        "nb": ["Hva er hovedutfordringene?", "Hva kan vi gjøre i fellesskap?"],
        "da": ["Hvad er de største udfordringer?", "Hvad kan vi gøre i fællesskab?"],
        "sv": ["Vilka är de största utmaningarna?", "Vad kan vi göra tillsammans?"],
        "en": ["What are the main challenges?", "What can we do together?"],
    },
)

TEMPLATES = {template.key: template for template in (MOTOR, TOGETHER)}
DEFAULT = MOTOR


def questions_of(template, language):
    """The template's questions in the seminar's language (English when it has none)."""
    return list(template.questions.get(language) or template.questions["en"])
