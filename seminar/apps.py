from django.apps import AppConfig
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

# The apps whose models hold what people typed: their text is stored printable (seminar.input).
PLENUM_APPS = ("seminar", "agenda", "groups", "ideas")


class SeminarConfig(AppConfig):
    name = "seminar"
    verbose_name = _("Seminars")

    def ready(self):
        from django.apps import apps  # the registry, complete only now
        from django.db.models.signals import pre_save

        # The seminar's own live regions, and the sockets closed when access ends.
        from seminar import endings, screens  # noqa: F401
        from seminar.input import sanitise_instance  # with the models loaded

        for model in apps.get_models():
            if model._meta.app_label in PLENUM_APPS:
                pre_save.connect(sanitise_instance, sender=model, dispatch_uid="plenum.printable")

        norwegian_readers_get_bokmal()


def norwegian_readers_get_bokmal():
    """A browser that asks for "no" or Nynorsk ("nn") reads Bokmål, the Norwegian Plenum speaks,
    not the site's default (Danish). Django follows LANG_INFO's fallbacks for a code it lacks."""
    for code in ("no", "nn", "no-no", "nn-no"):
        LANG_INFO.setdefault(code, {"bidi": False, "code": code, "name": "Norwegian"})
        LANG_INFO[code]["fallback"] = ["nb"]
