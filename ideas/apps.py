from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Boards and goals")

    def ready(self):
        from ideas import exercises, live  # noqa: F401  (live registers the providers and hooks)

        exercises.autodiscover()  # each exercise package registers its kinds
