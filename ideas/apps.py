from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Boards and goals")

    def ready(self):
        from ideas import live  # noqa: F401  (registers the app's live providers and hooks)
