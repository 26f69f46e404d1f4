from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "kongres.common"
    label = "common"
