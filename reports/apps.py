from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"

    def ready(self):
        from reports import system_checks  # noqa: F401  (registers the deployment check of the PDF fonts)
        from reports.batch import task_ended as batch_task_ended
        from reports.documents.pdf import fix_font_subset_dates
        from reports.rendering import task_ended
        from sakip.tasks_api import task_finished

        fix_font_subset_dates()  # before any thread renders

        # A render whose worker process died is marked failed, so that asking again renders it (reports/rendering.py)
        task_finished.connect(task_ended, dispatch_uid="reports.render_task_ended")
        # A batch whose preparation died is marked failed, so that its page offers to start again (reports/batch.py)
        task_finished.connect(batch_task_ended, dispatch_uid="reports.batch_task_ended")
