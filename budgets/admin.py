from django.contrib import admin

from .models import (
    Activity,
    BudgetLine,
    Expenditure,
    Program,
    SpendingGroup,
    SpendingGroupMember,
    SubActivity,
)


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "plan")
    list_filter = ("plan__agency",)
    search_fields = ("code", "name")
    filter_horizontal = ("objectives",)


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "program", "responsible_unit")
    list_filter = ("program__plan__agency",)
    search_fields = ("code", "name")
    list_select_related = ("program", "responsible_unit")


@admin.register(SubActivity)
class SubActivityAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "activity")
    list_filter = ("activity__program__plan__agency",)
    search_fields = ("code", "name")
    list_select_related = ("activity",)


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ("__str__", "year", "ceiling_original", "ceiling_rationalised", "ceiling_revised", "spent")
    list_filter = ("year",)
    search_fields = ("activity__code", "sub_activity__code")
    list_select_related = ("activity", "sub_activity")
    raw_id_fields = ("activity", "sub_activity")


@admin.register(Expenditure)
class ExpenditureAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "part", "ceiling_original", "ceiling_revised", "spent")
    list_filter = ("year", "part")
    list_select_related = ("agency",)


class SpendingGroupMemberInline(admin.TabularInline):
    model = SpendingGroupMember
    raw_id_fields = ("program",)


@admin.register(SpendingGroup)
class SpendingGroupAdmin(admin.ModelAdmin):
    list_display = ("label", "agency", "year", "spent")
    list_filter = ("year",)
    inlines = (SpendingGroupMemberInline,)
