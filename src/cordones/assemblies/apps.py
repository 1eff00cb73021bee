from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssembliesConfig(AppConfig):
    name = "cordones.assemblies"
    label = "assemblies"
    verbose_name = _("Assemblies and decisions")

    def ready(self) -> None:
        # registers the admission effect of adopted motions
        from cordones.assemblies.services import admissions  # noqa: F401
