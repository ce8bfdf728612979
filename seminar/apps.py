from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeminarConfig(AppConfig):
    name = "seminar"
    verbose_name = _("Seminars")

    def ready(self):
        from seminar import (
            endings,  # noqa: F401  (closes sockets when access ends)
            screens,  # noqa: F401  (registers the seminar's own live regions)
        )
