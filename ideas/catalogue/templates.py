"""The question round's and the action list's templates, from the Swedish autumn conference
2012 (003 in the seeds).

They are declared here, not in ideas/rounds/ and ideas/commitments/, so that those packages
stay as their owners left them: each block moves as it is to the package's own `templates.py`.
The rounds' questions are their own data (ideas/rounds/presets.py), read, not copied."""

from django.utils.translation import gettext_lazy as _

from ideas.exercises import Template, register_template
from ideas.rounds.presets import MOTOR, TOGETHER, questions_of

LANGUAGES = ("da", "nb", "sv", "en")

register_template(
    Template(
        key="five-questions",
        kind="questions",
        name=_("The municipality as the engine of development: five questions"),
        summary=_(
            "Stockholm 2012: five questions at every table, then the most important conclusions"
            " by dot vote."
        ),
        titles={
            "sv": "Frågerunda: kommunen som motor i samhällsutvecklingen",
            "da": "Spørgerunde: kommunen som motor i samfundsudviklingen",
            "nb": "Spørsmålsrunde: kommunen som motor i samfunnsutviklingen",
            "en": "Question round: the municipality as the engine of development",
        },
        descriptions={language: "\n".join(questions_of(MOTOR, language)) for language in LANGUAGES},
    )
)

register_template(
    Template(
        key="challenges-together",
        kind="questions",
        name=TOGETHER.name,
        summary=_(
            "KS' ten points of good leadership: the closing questions at every table, then the"
            " most important conclusions by dot vote."
        ),
        titles={
            "sv": "Frågerunda: de största utmaningarna och vad vi kan göra tillsammans",
            "da": "Spørgerunde: de største udfordringer, og hvad vi kan gøre i fællesskab",
            "nb": "Spørsmålsrunde: hovedutfordringene, og hva vi kan gjøre i fellesskap",
            "en": "Question round: the main challenges, and what we can do together",
        },
        descriptions={
            language: "\n".join(questions_of(TOGETHER, language)) for language in LANGUAGES
        },
    )
)

register_template(
    Template(
        key="first-thing-at-home",
        kind="action_list",
        name=_("The first thing I want to do when I get home"),
        summary=_(
            "Stockholm 2012: from words to action; each leader writes one to three things to do"
            " first back home."
        ),
        titles={
            "sv": "Action list: det första jag vill göra när jag kommer hem",
            "da": "Handlingsliste: det første jeg vil gøre, når jeg kommer hjem",
            "nb": "Tiltaksliste: det første jeg vil gjøre når jeg kommer hjem",
            "en": "Action list: the first thing I want to do when I get home",
        },
        descriptions={
            "sv": "Från ord till handling: skriv en till tre saker som du gör först när du kommer"
            " hem.",
            "da": "Fra ord til handling: skriv en til tre ting, som du gør først, når du kommer"
            " hjem.",
            "nb": "Fra ord til handling: skriv én til tre ting som du gjør først når du kommer"
            " hjem.",
            "en": "From words to action: write one to three things you will do first when you get"
            " home.",
        },
    )
)
