from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeminarConfig(AppConfig):
    name = "seminar"
    verbose_name = _("Seminars")

    def ready(self):
        # Registers the seminar's own live regions, and closes sockets when access ends.
        from seminar import endings, screens  # noqa: F401
