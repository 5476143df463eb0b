"""The test settings with the tables made straight from the models (`migrate --run-syncdb`) instead of by running
every migration (~25 s): for a command's test in a process of its own that needs the tables, not the migrations
(those are checked by the test database itself and by `makemigrations --check`)."""

from sakip.settings.test import *  # noqa: F403


class _NoMigrations(dict):
    def __contains__(self, app_label):
        return True

    def __getitem__(self, app_label):
        return None


MIGRATION_MODULES = _NoMigrations()
