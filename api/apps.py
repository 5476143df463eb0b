from django.apps import AppConfig


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = "API"

    def ready(self):
        # drf-spectacular finds the key's security scheme by its registered extension (api/openapi.py).
        from . import openapi  # noqa: F401
