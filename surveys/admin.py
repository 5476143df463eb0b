from django.contrib import admin

from .models import SatisfactionSurvey, SurveyElement, SurveyResponse
from .responses import survey_totals_refresh


class SurveyElementInline(admin.TabularInline):
    model = SurveyElement
    extra = 0
    fields = ("position", "code", "name", "total", "answered")


@admin.register(SatisfactionSurvey)
class SatisfactionSurveyAdmin(admin.ModelAdmin):
    list_display = ("__str__", "agency", "year", "conducted_by", "indicator")
    list_filter = ("agency", "year")
    raw_id_fields = ("indicator",)
    inlines = [SurveyElementInline]


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    """Raw questionnaires, for inspection. A survey holds hundreds, so they are not an inline of the survey.
    Scores are read-only here (use the survey page's import to change responses); deleting responses refreshes
    the survey's totals, so that the count of respondents and the totals agree. In a frozen year they cannot be
    deleted (review/guards.py)."""

    list_display = ("survey", "number", "gender", "age_group", "education", "occupation", "service")
    list_filter = ("survey__agency", "survey__year")
    list_select_related = ("survey",)
    raw_id_fields = ("survey",)
    readonly_fields = ("survey", "number", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9")

    def has_add_permission(self, request):
        return False

    def delete_model(self, request, obj):
        survey = obj.survey
        super().delete_model(request, obj)
        survey_totals_refresh(survey)

    def delete_queryset(self, request, queryset):
        surveys = list(SatisfactionSurvey.objects.filter(pk__in=queryset.values("survey_id")))
        super().delete_queryset(request, queryset)
        for survey in surveys:
            survey_totals_refresh(survey)
