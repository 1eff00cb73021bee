from django.apps import AppConfig


class CliConfig(AppConfig):
    name = "cordones.cli"
    label = "cli"
