from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurplusConfig(AppConfig):
    name = "cordones.surplus"
    label = "surplus"
    verbose_name = _("Year close and surplus distribution")
