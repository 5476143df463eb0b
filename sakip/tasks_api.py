"""Django's Tasks API, wherever it comes from: `django.tasks` from Django 6 on, the `django-tasks` backport on
Django 5.2 (the same API; django-tasks-db and django-tasks-rq follow the same rule). Import `task` and the signals
from here, and the code needs no change when Django is upgraded.
"""

from importlib.util import find_spec

if find_spec("django.tasks"):  # Django 6
    from django.tasks import task
    from django.tasks.signals import task_finished

    MODULE = "django.tasks"
else:
    from django_tasks import task
    from django_tasks.signals import task_finished

    MODULE = "django_tasks"

IMMEDIATE_BACKEND = (
    f"{MODULE}.backends.immediate.ImmediateBackend"  # runs a task inside the call that queues it
)
DUMMY_BACKEND = f"{MODULE}.backends.dummy.DummyBackend"  # keeps a queued task without running it

__all__ = ["DUMMY_BACKEND", "IMMEDIATE_BACKEND", "MODULE", "task", "task_finished"]
