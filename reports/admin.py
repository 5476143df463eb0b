from django.contrib import admin

from reports.models import PlanNarrative, PlanRevision, ProgramFunding, RenderedFile


@admin.register(PlanNarrative)
class PlanNarrativeAdmin(admin.ModelAdmin):
    list_display = ("plan", "key")
    list_filter = ("plan__agency",)
    search_fields = ("key", "text")
    list_select_related = ("plan__agency",)


@admin.register(PlanRevision)
class PlanRevisionAdmin(admin.ModelAdmin):
    """Frozen revisions are records of a past state: readable, not editable (freeze a new one instead)."""

    list_display = ("plan", "label", "created_at", "created_by")
    list_filter = ("plan__agency",)
    readonly_fields = ("plan", "label", "snapshot", "created_at", "created_by")
    list_select_related = ("plan__agency", "created_by")


@admin.register(ProgramFunding)
class ProgramFundingAdmin(admin.ModelAdmin):
    list_display = ("program", "year", "amount")
    list_filter = ("program__plan__agency", "year")
    list_select_related = ("program",)


@admin.register(RenderedFile)
class RenderedFileAdmin(admin.ModelAdmin):
    """The renders and their outcome, for the operator: which failed and why, how long they took. Made by the task
    workers only (a record added by hand would have no render input); deleting one makes the next request for it
    render it again."""

    list_display = ("kind", "agency", "year", "status", "size", "queued_at", "started_at", "finished_at")
    list_filter = ("status", "kind", "agency")
    list_select_related = ("agency",)
    readonly_fields = (
        "kind",
        "version",
        "agency",
        "year",
        "filename",
        "status",
        "size",
        "queued_at",
        "started_at",
        "finished_at",
        "attempts",
        "error",
    )
    exclude = ("source", "content")

    def get_queryset(self, request):
        return super().get_queryset(request).defer("source", "content")

    def has_add_permission(self, request):
        return False
