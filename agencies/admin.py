from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .models import Agency, Government, OrgUnit, Profile


@admin.register(Government)
class GovernmentAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "predicate_scale", "indicator_scale", "ikm_weight", "ikm_scale")
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


class ProfileInline(admin.StackedInline):
    """A user's role and scope on the user's own page: assigning a role is one step with creating the user."""

    model = Profile
    can_delete = False
    fields = ("role", "agency", "government")
    extra = 1
    max_num = 1


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserWithRoleAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, ProfileInline]
    list_display = (*UserAdmin.list_display, "role")
    list_filter = (*UserAdmin.list_filter, "profile__role")
    list_select_related = ("profile",)

    @admin.display(description=Profile._meta.get_field("role").verbose_name, ordering="profile__role")
    def role(self, user):
        profile = getattr(user, "profile", None)
        return profile.get_role_display() if profile else "–"
