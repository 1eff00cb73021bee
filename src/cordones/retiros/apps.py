from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetirosConfig(AppConfig):
    name = "cordones.retiros"
    label = "retiros"
    verbose_name = _("Retiros (monthly advances)")
