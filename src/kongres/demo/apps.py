from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Only the ``load_demo`` command; the demo has no models of its own."""

    name = "kongres.demo"
    label = "demo"
