from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"

    def ready(self):
        from django.core.signals import request_finished

        from . import system_checks  # noqa: F401  (registers the deployment check of the PDF fonts)
        from .pdf import collect_after_request_finished, fix_font_subset_dates

        fix_font_subset_dates()  # before any request thread can render

        # A PDF view's render leaves its garbage for after the response (reports.pdf.collect_garbage_after_response)
        request_finished.connect(
            collect_after_request_finished, dispatch_uid="reports.collect_after_response"
        )
