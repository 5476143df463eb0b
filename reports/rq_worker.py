"""The RQ worker for TASKS_BACKEND=rq: `manage.py rqworker default --job-class django_tasks_rq.Job
--worker-class reports.rq_worker.WarmWorker`.

RQ forks a child ("work horse") for each job, as `task_worker` does, so a render's memory goes back to the system
when it ends. RQ's own worker does not know what our renders need, so each child would load the fonts and parse
the stylesheets again (~0,6 s of a demo render, docs/performance.md); this one does that once, before it forks.
"""

from __future__ import annotations

from django.db import connections
from rq.worker import Worker


class WarmWorker(Worker):
    def work(self, *args, **kwargs):
        from reports.registry import warm_up

        warm_up()
        connections.close_all()  # the children open their own connections
        return super().work(*args, **kwargs)
