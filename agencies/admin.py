from django.contrib import admin

from .models import Agency, Government, OrgUnit, Profile


@admin.register(Government)
class GovernmentAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "predicate_scale", "ikm_weight", "ikm_scale")
    list_filter = ("level", "predicate_scale")
    search_fields = ("name", "code")


class OrgUnitInline(admin.TabularInline):
    model = OrgUnit
    fk_name = "agency"
    extra = 0
    fields = ("position", "code", "name", "parent", "head_title")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "code", "government", "head_name")
    list_filter = ("government",)
    search_fields = ("name", "short_name", "code")
    inlines = [OrgUnitInline]


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "agency", "parent", "head_title")
    list_filter = ("agency",)
    search_fields = ("name", "code")
    list_select_related = ("agency", "parent")


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "agency", "government")
    list_filter = ("role", "agency", "government")
    search_fields = ("user__username",)
    list_select_related = ("user", "agency", "government")
