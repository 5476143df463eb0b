"""What collectstatic gathers from the installed apps (STATICFILES_FINDERS)."""

from django.contrib.staticfiles.finders import AppDirectoriesFinder


class AppDirectoriesWithoutReDoc(AppDirectoriesFinder):
    """The apps' static folders, but ReDoc: drf-spectacular-sidecar ships it (4,8 MB) beside Swagger UI, and only
    Swagger UI is served (/api/docs/), so collectstatic need not hash and compress it on every deployment."""

    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), "redoc"])
