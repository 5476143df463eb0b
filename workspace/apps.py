from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The shell above every domain app and document: the access layer, the workspace screens and their URLs."""

    name = "workspace"
    verbose_name = _("Ruang kerja")
