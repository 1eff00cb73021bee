from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cordones.core"
    label = "core"
