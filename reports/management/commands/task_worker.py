"""`manage.py task_worker`: django-tasks-db's `db_worker`, warmed up for PDFs, running each task in a fork.

The worker process parses the report stylesheets and loads the fonts once (`reports.registry.warm_up`), then for each
task it claims it forks: the child runs the task with everything already warm, and exits. So
- a worker runs one task at a time (one render per worker process: the bound on renders at once is the number of
  workers), and
- its memory is bounded: a render's memory (~150 MB for the demo LKjIP, ~1 GB at ten times its size) goes back to
  the system when the child exits, and the child never spends time collecting the render's garbage. The parent
  stays at its warmed-up size however many renders it has run (docs/performance.md).
A child that dies (killed, out of memory, a crash in a C library) fails its task, and its render is marked failed
(`reports.rendering.task_ended`): asking for the download again queues it again; the worker goes on.

Every option of `db_worker` applies (`--queue-name`, `--interval`, `--batch`, `--max-tasks`, …); `--no-fork` runs
the tasks in the worker process itself (then `--max-tasks` recycles it).
"""

from __future__ import annotations

import logging
import os
import resource
import signal
import time

from django.db import connections
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger("django_tasks_db")


class ChildProcessLost(Exception):
    """The process running a task ended without recording its outcome."""


def _peak_rss_mb(usage: resource.struct_rusage) -> float:
    return usage.ru_maxrss / 1024  # kilobytes on Linux


class ForkingWorker(db_worker.Worker):
    def __init__(self, *, fork: bool, **kwargs):
        super().__init__(**kwargs)
        self.fork = fork

    def run_task(self, db_task_result) -> None:
        if not self.fork:
            return super().run_task(db_task_result)
        # The child must not share the parent's database connections (one socket, two processes): close them, and
        # each process opens its own when it next needs one.
        connections.close_all()
        self.running_task = True  # the child inherits it: a signal during the task lets the task finish
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:  # the child: run the task, record its outcome, leave
            code = 1
            try:
                super().run_task(db_task_result)
                code = 0
            finally:
                connections.close_all()
                os._exit(code)  # no interpreter shutdown: nothing to flush, no garbage to collect
        try:
            _, status, usage = os.wait4(pid, 0)
        except BaseException:  # the worker is being stopped by force: stop its task too
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            self._lost(db_task_result, "the worker was stopped during the task")
            raise
        finally:
            self.running_task = False
            self._run_tasks += 1
        logger.info(
            "Task id=%s ran in a child process: %.1f s, CPU %.2f s, peak memory %.0f MB",
            db_task_result.id,
            time.monotonic() - started,
            usage.ru_utime + usage.ru_stime,
            _peak_rss_mb(usage),
        )
        if os.WIFSIGNALED(status) or os.waitstatus_to_exitcode(status) != 0:
            code = os.waitstatus_to_exitcode(status)
            reason = f"signal {-code} ({signal.Signals(-code).name})" if code < 0 else f"exit status {code}"
            self._lost(db_task_result, f"the process running the task ended by {reason}")

    def _lost(self, db_task_result, reason: str) -> None:
        db_task_result.refresh_from_db()
        if db_task_result.finished_at is None:  # the child recorded no outcome
            logger.error("Task id=%s lost: %s", db_task_result.id, reason)
            try:
                raise ChildProcessLost(reason)
            except ChildProcessLost as error:
                db_task_result.set_failed(error)
            db_worker.task_finished.send(
                sender=type(db_task_result.task.get_backend()), task_result=db_task_result.task_result
            )


class Command(db_worker.Command):
    help = (
        "Jalankan pekerja antrean tugas (render PDF), tiap tugas di proses anak. / Run a task worker (PDF renders), "
        "each task in a child process of a warmed-up worker."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--no-fork",
            action="store_false",
            dest="fork",
            help="Run each task in the worker process itself (its memory then grows with the largest render).",
        )

    def handle(self, *, fork: bool = True, **options) -> None:
        from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

        from reports.registry import warm_up

        # With --reload (db_worker's default when DEBUG) this process only watches the files and restarts a copy of
        # itself that does the work: only that copy warms up.
        if not options.get("reload") or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            warm_up()
        connections.close_all()  # opened by the warm-up's template loading, if at all: not to be shared by forks
        # db_worker's handle() builds its Worker by the module's name and has no hook for another class; the swap
        # lasts for this command only (a management command is one process, one worker).
        original = db_worker.Worker
        db_worker.Worker = lambda **kwargs: ForkingWorker(fork=fork, **kwargs)
        try:
            super().handle(**options)
        finally:
            db_worker.Worker = original
