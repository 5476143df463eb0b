from django.contrib import admin

from .models import Evaluation, RubricVersion


@admin.register(RubricVersion)
class RubricVersionAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "version", "government", "loaded_at"]
    readonly_fields = ["sha256", "loaded_at", "loaded_by"]


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "rubric", "issued_at"]
    list_filter = ["year"]
