import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / ".test-media"
WHITENOISE_AUTOREFRESH = True  # serve from the finders in tests; no collectstatic needed
# No background PDF renders competing with the suite for the CPU; the tests that need them switch them on.
PDF_PRERENDER = False

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: the live-server tests fire parallel requests, each on its own connection as in
    # production (an in-memory test database is one connection shared by every thread of the live server).
    # One file per test run (pytest's process), so that two runs never share it; Django deletes it at the end.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"sakip-test-{os.getpid()}.sqlite3")
    }
