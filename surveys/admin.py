from django.contrib import admin

from .models import SatisfactionSurvey, SurveyElement


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
