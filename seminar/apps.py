from django.apps import AppConfig
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
