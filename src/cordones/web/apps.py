from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "cordones.web"
    label = "web"
