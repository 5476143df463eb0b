from django.contrib import admin

from .models import (
    Goal,
    Indicator,
    Mission,
    Narrative,
    Objective,
    ObjectiveNote,
    PerformanceAgreement,
    Policy,
    Realisation,
    ReportSigning,
    StrategicPlan,
    Strategy,
    Target,
)


class MissionInline(admin.TabularInline):
    model = Mission
    extra = 0


@admin.register(StrategicPlan)
class StrategicPlanAdmin(admin.ModelAdmin):
    list_display = ("__str__", "agency", "start_year", "end_year", "revision")
    list_filter = ("agency",)
    inlines = [MissionInline]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ("code", "statement", "plan")
    list_filter = ("plan__agency",)
    search_fields = ("code", "statement")


class StrategyInline(admin.TabularInline):
    model = Strategy
    extra = 0


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ("code", "statement", "goal", "plan")
    list_filter = ("plan__agency",)
    search_fields = ("code", "statement")
    list_select_related = ("goal", "plan")
    inlines = [StrategyInline]


class PolicyInline(admin.TabularInline):
    model = Policy
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ("statement", "objective")
    list_filter = ("objective__plan__agency",)
    inlines = [PolicyInline]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ("kind", "year", "quarter", "value", "grade", "revision_reason")


class RealisationInline(admin.TabularInline):
    model = Realisation
    extra = 0
    fields = ("year", "quarter", "value", "grade", "numerator", "denominator", "status", "declared_capaian")


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "unit", "kind", "polarity", "is_key", "computation", "quarter_mode")
    list_filter = ("plan__agency", "is_key", "kind", "polarity", "computation", "cumulative")
    search_fields = ("code", "name")
    list_select_related = ("plan",)
    raw_id_fields = ("goal", "objective", "program", "activity", "sub_activity", "responsible_unit")
    inlines = [TargetInline, RealisationInline]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("indicator", "kind", "year", "quarter", "value", "grade")
    list_filter = ("kind", "year", "indicator__plan__agency")
    search_fields = ("indicator__code", "indicator__name")
    list_select_related = ("indicator",)
    raw_id_fields = ("indicator",)


@admin.register(Realisation)
class RealisationAdmin(admin.ModelAdmin):
    list_display = ("indicator", "year", "quarter", "value", "grade", "numerator", "denominator", "status")
    list_filter = ("year", "quarter", "status", "indicator__plan__agency")
    search_fields = ("indicator__code", "indicator__name")
    list_select_related = ("indicator",)
    raw_id_fields = ("indicator",)


@admin.register(PerformanceAgreement)
class PerformanceAgreementAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "agency",
        "year",
        "revision",
        "signed_on",
        "first_party_name",
        "second_party_name",
    )
    list_filter = ("agency", "year", "revision")


@admin.register(Narrative)
class NarrativeAdmin(admin.ModelAdmin):
    list_display = ("key", "year", "agency")
    list_filter = ("agency", "year", "key")
    search_fields = ("text",)


@admin.register(ObjectiveNote)
class ObjectiveNoteAdmin(admin.ModelAdmin):
    list_display = ("objective", "year", "kind", "position", "text")
    list_filter = ("year", "kind", "objective__plan__agency")
    search_fields = ("text", "partner", "objective__code")
    list_select_related = ("objective",)
    raw_id_fields = ("objective", "program")


@admin.register(ReportSigning)
class ReportSigningAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "signed_on", "name", "title")
    list_filter = ("agency", "year")
