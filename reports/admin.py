from django.contrib import admin

from .models import PlanNarrative, PlanRevision, ProgramFunding


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
