from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurplusConfig(AppConfig):
    name = "cordones.surplus"
    label = "surplus"
    verbose_name = _("Year close and surplus distribution")

    def ready(self) -> None:
        # an adopted (or rejected) motion on a surplus agenda item decides the proposal
        from cordones.surplus.agenda import register

        register()
