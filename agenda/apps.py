from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Programme")

    def ready(self):
        from agenda import live, services  # noqa: F401  (its live regions, its signal receivers)
