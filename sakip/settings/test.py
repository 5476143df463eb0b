import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / ".test-media"
WHITENOISE_AUTOREFRESH = True  # serve from the finders in tests; no collectstatic needed
# A task runs inside the request that enqueues it, so a download test gets its PDF in one request; the tests of the
# queued flow switch to the database backend and run a worker (tests/reports/test_rendering.py), which they
# start with TASKS_BACKEND=database.
if not env.str("TASKS_BACKEND", default=""):
    from sakip.tasks_api import IMMEDIATE_BACKEND

    TASKS = {"default": {"BACKEND": IMMEDIATE_BACKEND}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: the live-server tests fire parallel requests, each on its own connection as in
    # production (an in-memory test database is one connection shared by every thread of the live server).
    # One file per test run (pytest's process), so that two runs never share it; Django deletes it at the end.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"sakip-test-{os.getpid()}.sqlite3")
    }
