from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Evaluasi AKIP")

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
