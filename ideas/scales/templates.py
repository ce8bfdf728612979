"""The scales as the seeds' seminars ran them, ready for the programme: Odsherred's dilemmas,
the Kommunen 1.0/2.0/3.0 self-assessment and KS' ten points (their statements: presets.py).

Titles and descriptions are content in each language, like the statements; the importer reads
every title back as its kind (tests/ideas/catalogue/test_templates.py)."""

from functools import partial

from django.utils.translation import gettext_lazy as _

from ideas.exercises import Template, register_template
from ideas.scales.presets import DILEMMAS, KS_TEN_POINTS, MUNICIPALITY_30
from ideas.scales.services import fill_from_preset


def _template(preset, *, summary, titles, descriptions):
    return register_template(
        Template(
            key=preset.key,
            kind=preset.kind,
            name=preset.name,
            summary=summary,
            titles=titles,
            descriptions=descriptions,
            fill=partial(_fill, preset.key),
        )
    )


def _fill(preset_key, item, *, by):
    return fill_from_preset(item, preset_key, by=by)


_template(
    DILEMMAS,
    summary=_(
        "Odsherred 2012: six dilemmas of steering; each person takes a place between two poles."
    ),
    titles={
        "da": "Dilemmaer på spil",
        "nb": "Dilemmaer i spill",
        "sv": "Dilemman i spel",
        "en": "Dilemmas at play",
    },
    descriptions={
        "da": "Hvordan møder vi kompleksiteten? Placér dig mellem de to yderpunkter i hvert"
        " dilemma.",
        "nb": "Hvordan møter vi kompleksiteten? Plasser deg mellom de to ytterpunktene i hvert"
        " dilemma.",
        "sv": "Hur möter vi komplexiteten? Placera dig mellan de två ytterligheterna i varje"
        " dilemma.",
        "en": "How do we meet the complexity? Place yourself between the two ends of each dilemma.",
    },
)

_template(
    MUNICIPALITY_30,
    summary=_(
        "From authority to local community: where the municipality is on eight dimensions today,"
        " and where you want it to be."
    ),
    titles={
        "da": "Kommunen 1.0, 2.0, 3.0: hvor står vi?",
        "nb": "Kommunen 1.0, 2.0, 3.0: hvor står vi?",
        "sv": "Kommunen 1.0, 2.0, 3.0: var står vi?",
        "en": "The municipality 1.0, 2.0, 3.0: where are we?",
    },
    descriptions={
        "da": "Fra myndighed over servicevirksomhed til lokalt fællesskab: hvor er kommunen i dag,"
        " og hvor vil vi hen?",
        "nb": "Fra myndighet via servicevirksomhet til lokalt fellesskap: hvor er kommunen i dag,"
        " og hvor vil vi?",
        "sv": "Från myndighet via serviceverksamhet till lokal gemenskap: var är kommunen i dag,"
        " och vart vill vi?",
        "en": "From authority through service company to local community: where is the"
        " municipality today, and where do we want it to be?",
    },
)

_template(
    KS_TEN_POINTS,
    summary=_("The Norwegian KS policy: rate how well you do each of its ten points."),
    titles={
        "nb": "KS' ti punkter for god ledelse i kommunene",
        "da": "KS' ti punkter for god ledelse i kommunerne",
        "sv": "KS tio punkter för gott ledarskap i kommunerna",
        "en": "KS' ten points of good leadership in municipalities",
    },
    descriptions={
        "nb": "Hvor godt gjør vi det på hvert punkt, og hvor viktig er det?",
        "da": "Hvor godt gør vi det på hvert punkt, og hvor vigtigt er det?",
        "sv": "Hur väl gör vi det på varje punkt, och hur viktig är den?",
        "en": "How well do we do on each point, and how much does it matter?",
    },
)
