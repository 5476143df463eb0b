from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "interchange"

    def ready(self):
        from sakip.tasks_api import task_finished

        from .tasks import run_ended

        # An import whose worker process died is marked failed, not left running (interchange/tasks.py)
        task_finished.connect(run_ended, dispatch_uid="interchange.import_task_ended")
