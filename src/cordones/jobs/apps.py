from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "cordones.jobs"
    label = "jobs"
    verbose_name = _("Background work")

    def ready(self) -> None:
        from cordones.jobs import signals  # noqa: F401
