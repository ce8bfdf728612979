from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Groups and tables")

    def ready(self):
        from groups import live, services  # noqa: F401  (its live regions, its signal receivers)
