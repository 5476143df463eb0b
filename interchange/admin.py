from django.contrib import admin

from .models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """The import runs and their outcome, for the operator: who asked, when, what was written or why nothing was.
    Made by the import screens and `import_dataset` only, and read-only: a run is a record of what happened."""

    list_display = ("pk", "kind", "agency_code", "year", "user", "status", "queued_at", "finished_at")
    list_filter = ("status", "kind", "agency")
    list_select_related = ("user",)
    search_fields = ("agency_code", "error")
    exclude = ("source",)
    readonly_fields = (
        "kind",
        "agency",
        "agency_code",
        "year",
        "user",
        "name",
        "digest",
        "replace",
        "status",
        "queued_at",
        "started_at",
        "finished_at",
        "summary",
        "problems",
        "error",
        "detail",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).defer("source")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
