"""The exercise registry: what each kind of agenda item shows on every screen while it runs.

An agenda item has a kind (agenda.models.AgendaItem.Kind); each kind is run by one registered
exercise. While the item is the current one, the exercise fills one region on each screen:

    phone and table screen   #my-work    (`work_template`, per table: `work(...)`)
    projector                #stage      (`stage_template`: `stage(...)`)
    run console              #exercise   (`console_template`: `console(...)`)

The projector shows the exercise's stage while it follows the item; the facilitator may put
something else there instead (`stage_options`, ideas/stage/options.py).

The wrappers (ideas/templates/ideas/exercise.html) add what every item may have: the dot votes
opened during it. When the item changes, every screen's exercise region is replaced whole
(ideas/live.py), so nothing of the previous item survives on any screen; a push for a part of
a region (a board, the handshake tally) is sent only while that part is on the screens.

Adding an exercise: a package `ideas/<name>/` with an `exercise.py` that subclasses `Exercise`
and calls `register(...)` for its kinds, and, if it leaves something for the documentation, a
`report.py` that registers its section (ideas/report/sections.py), and, if another seminar ran
it with content worth reusing, a `templates.py` that registers its `Template`s (the programme
editor offers them: ideas/catalogue/); `IdeasConfig.ready` imports them all. Nothing else in the
project branches on an item's kind.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from agenda.models import AgendaItem

ROLES = ("phone", "screen", "projector", "console")


class Exercise:
    """An exercise with nothing of its own on the screens: the room listens (plenum, breaks)."""

    kind = ""
    name = _("Plenum")
    work_template: str | None = None  # inside #my-work, on phones (and table screens)
    screen_work = True  # does the table screen show the work region's content too?
    stage_template: str | None = None  # inside #stage on the projector
    console_template: str | None = None  # inside #exercise on the run console
    offers_vernissage = True  # may the console turn the item into a vernissage?
    takes_extras = False  # may the facilitator add extras (questions, a speaker queue)?
    makes_boards = False  # does it leave boards behind (posters a vernissage can show)?
    shows_posters = False  # are its boards read as posters on phones (ideas/poster.html) now?

    def __init__(self, kind, name=None):
        self.kind = kind
        if name is not None:
            self.name = name
        elif kind in AgendaItem.Kind.values:
            self.name = AgendaItem.Kind(kind).label

    def __repr__(self):
        return f"<{type(self).__name__} {self.kind}>"

    @property
    def screens(self):
        """The screens this exercise puts something of its own on."""
        return [
            role
            for role, template in (
                ("phone", self.work_template),
                ("screen", self.work_template if self.screen_work else None),
                ("projector", self.stage_template),
                ("console", self.console_template),
            )
            if template
        ]

    # Each returns the context its template needs; the wrappers add seminar, item and votes.
    def setup(self, item):
        """Called as the item starts, inside the clock's transaction (make boards...)."""

    def seating(self, item):
        """The grouping whose tables work during the item (None: everyone alone or in plenum)."""
        return item.grouping if item is not None else None

    def shared(self, seminar, item):
        """What every table's work region reads alike, read once per push, not per table."""
        return {}

    def work(self, seminar, item, group, shared):
        return {}

    def stage(self, seminar, item):
        return {}

    def console(self, seminar, item):
        return {}

    # Which parts a push may update while the item runs (see ideas/live.py's gates).
    def shows_board(self, item, board):
        return False

    def shows_goals(self):
        return False

    # The projector's stage (ideas/stage/options.py): following the item shows `stage`; the
    # console may also put on the projector what `stage_options` offers (StageOption's).
    def stage_options(self, seminar, item):
        """What else of this exercise the facilitator may put on the projector."""
        return []

    def stage_shows(self, item, part, obj=None):
        """Does its own stage hold a part pushed on its own ("board", "goal")?"""
        if part == "board":
            return self.shows_board(item, obj)
        return part == "goal" and self.shows_goals()

    def templates(self):
        """The ready templates of this kind (`register_template`), for the programme editor."""
        return [template for template in _templates.values() if template.kind == self.kind]


_registry: dict[str, Exercise] = {}


def register(exercise: Exercise):
    if exercise.kind in _registry:
        raise ValueError(f"an exercise is already registered for {exercise.kind!r}")
    _registry[exercise.kind] = exercise
    return exercise


def unregister(kind):
    """For tests that register an exercise of their own."""
    _registry.pop(kind, None)


def exercises() -> list[Exercise]:
    return list(_registry.values())


def board_kinds() -> list[str]:
    """The kinds whose items leave boards behind, for a vernissage to show."""
    return [exercise.kind for exercise in _registry.values() if exercise.makes_boards]


def exercise_for(item) -> Exercise:
    """The exercise an item runs; no item (before the start, after the end) is a plenum."""
    if item is None:
        return NOTHING
    return _registry.get(item.kind) or Exercise(item.kind)


NOTHING = Exercise("")


# -- Templates: an exercise as another seminar ran it, ready to add to a programme -----------


@dataclass(frozen=True)
class Template:
    """An exercise with its content from the seminar that ran it (the seeds' own words): the
    programme editor adds an item from it, or fills an item's empty parts with it.

    `name` and `summary` are interface text (translated); `titles` and `descriptions` are
    content, written out per language ("da", "nb", "sv", "en") and copied into the item in the
    seminar's language, then edited freely. `fill(item, *, by)` puts the rest of the content in
    place (a scale's statements) inside the caller's transaction; it returns "filled", "same"
    (the item holds it already) or "kept" (the item holds the facilitator's own)."""

    key: str
    kind: str
    name: object
    summary: object
    titles: dict
    descriptions: dict = field(default_factory=dict)
    fill: Callable | None = None

    def title(self, language):
        return self.titles.get(language) or self.titles["en"]

    def description(self, language):
        return self.descriptions.get(language) or self.descriptions.get("en", "")


_templates: dict[str, Template] = {}


def register_template(template: Template):
    if template.key in _templates:
        raise ValueError(f"a template is already registered as {template.key!r}")
    _templates[template.key] = template
    return template


def all_templates() -> list[Template]:
    """Every template whose kind has an exercise, in the order of the kinds (AgendaItem.Kind),
    then of registration."""
    kinds = [*AgendaItem.Kind.values, *_registry]
    return sorted(
        (template for template in _templates.values() if template.kind in _registry),
        key=lambda template: kinds.index(template.kind),
    )


def template_for(key) -> Template | None:
    template = _templates.get(key) if isinstance(key, str) else None
    return template if template is not None and template.kind in _registry else None


# -- Asides: what one exercise shows beside another's form, neither importing the other -------

_asides: dict[str, list] = {}


def aside(place):
    """Register `func(seminar, group)` to show something beside `place` (say "goal-form"): it
    returns a dict with the `template` to include and its context, or None for nothing."""

    def decorator(func):
        _asides.setdefault(place, []).append(func)
        return func

    return decorator


def asides(place, seminar, group):
    """What the registered exercises show beside `place` for a table, in registration order."""
    return [shown for func in _asides.get(place, ()) if (shown := func(seminar, group))]


class Extra:
    """Something the facilitator adds to an item beside its exercise (the room's questions, a
    speaker queue): turned on in the console (or by the importer) as a key of the item's
    `extras`, whose value holds its settings. While on, it puts a part of its own in each
    screen's exercise region, after the exercise's (ideas/templates/ideas/exercise.html)."""

    key = ""
    name = ""
    work_template: str | None = None  # on phones (inside #my-work)
    stage_template: str | None = None  # on the projector (inside #stage)
    console_template: str | None = None  # on the console (inside #exercise)
    settings_form = None  # a form class for its settings in the console, if it has any
    settings_template: str | None = None  # that form's partial (reads `extra.settings_form`)

    def __repr__(self):
        return f"<{type(self).__name__} {self.key}>"

    @property
    def screens(self):
        return [
            role
            for role, template in (
                ("phone", self.work_template),
                ("projector", self.stage_template),
                ("console", self.console_template),
            )
            if template
        ]

    def defaults(self):
        """The settings it starts with when turned on."""
        return {}

    def settings(self, item):
        """Its settings on this item, or None when it is not on (an extra is on only for an
        item whose exercise takes extras, whatever the item's `extras` still holds)."""
        extras = item.extras if item is not None and isinstance(item.extras, dict) else {}
        value = extras.get(self.key)
        if value is None or not exercise_for(item).takes_extras:
            return None
        return {**self.defaults(), **(value if isinstance(value, dict) else {})}

    # Each returns the context of its template; the wrapper adds seminar and item.
    def work(self, seminar, item):
        return {}

    def stage(self, seminar, item):
        return {}

    def console(self, seminar, item):
        return {}


_extras: dict[str, Extra] = {}


def register_extra(extra: Extra):
    if extra.key in _extras:
        raise ValueError(f"an extra is already registered as {extra.key!r}")
    _extras[extra.key] = extra
    return extra


def extra_settings(key, item):
    """The settings of the extra registered as `key` on the item, or None when it is not on."""
    return _extras[key].settings(item)


def all_extras() -> list[Extra]:
    return list(_extras.values())


def extras_offered(item) -> list[Extra]:
    """The extras the console offers for an item (its exercise takes extras)."""
    return list(_extras.values()) if item is not None and exercise_for(item).takes_extras else []


def extras_on(item) -> list[Extra]:
    """The extras turned on for an item, in registration order."""
    return [extra for extra in extras_offered(item) if extra.settings(item) is not None]


def autodiscover():
    """Import `exercise.py`, `report.py`, `live.py` and `templates.py` of every package of
    `ideas/`: the first registers the package's exercises, the second its section of the
    seminar's documentation, the third the live pages it offers (`seminar.live.page`), before
    any socket connects, the fourth its ready templates (`register_template`)."""
    root = Path(__file__).parent
    packages = [module.name for module in pkgutil.iter_modules([str(root)]) if module.ispkg]
    # The templates after every exercise: one may read another package's data, and importing
    # it early would change the order the exercises register in.
    for names in (("exercise", "report", "live"), ("templates",)):
        for package in packages:
            for name in names:
                if (root / package / f"{name}.py").exists():
                    importlib.import_module(f"ideas.{package}.{name}")
