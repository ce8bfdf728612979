from django.apps import AppConfig
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _


class SeminarConfig(AppConfig):
    name = "seminar"
    verbose_name = _("Seminars")

    def ready(self):
        from seminar import screens  # noqa: F401  (registers the seminar's own live regions)

        norwegian_readers_get_bokmal()


def norwegian_readers_get_bokmal():
    """A browser that asks for "no" or Nynorsk ("nn") reads Bokmål, the Norwegian Plenum speaks,
    not the site's default (Danish). Django follows LANG_INFO's fallbacks for a code it lacks."""
    for code in ("no", "nn", "no-no", "nn-no"):
        LANG_INFO.setdefault(code, {"bidi": False, "code": code, "name": "Norwegian"})
        LANG_INFO[code]["fallback"] = ["nb"]
