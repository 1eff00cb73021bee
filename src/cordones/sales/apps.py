from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SalesConfig(AppConfig):
    name = "cordones.sales"
    label = "sales"
    verbose_name = _("Sales and customers")
