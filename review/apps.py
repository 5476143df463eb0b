from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    """The inspectorate's review of a year's report: workflow, locking, comments and entry windows."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "review"
    verbose_name = _("Reviu dan penguncian")

    def ready(self):
        from . import guards, revisions

        guards.connect()
        revisions.connect()
