from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .api_tokens import revoke
from .models import Agency, ApiToken, Facility, Government, OrgUnit, Profile, Risk, StaffCount, StrategicIssue


@admin.register(Government)
class GovernmentAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "code",
        "level",
        "predicate_scale",
        "indicator_scale",
        "ikm_weight",
        "ikm_scale",
        "renstra_series",
    )
    list_filter = ("level", "predicate_scale")
    search_fields = ("name", "code")


class OrgUnitInline(admin.TabularInline):
    model = OrgUnit
    fk_name = "agency"
    extra = 0
    fields = ("position", "code", "name", "parent", "head_title", "duties", "functions")


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


@admin.register(StaffCount)
class StaffCountAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "breakdown", "label", "count")
    list_filter = ("agency", "year", "breakdown")


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "category", "name", "quantity", "unit", "condition", "value")
    list_filter = ("agency", "year", "condition")
    search_fields = ("name", "category", "note")


@admin.register(StrategicIssue)
class StrategicIssueAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "issue", "objective")
    list_filter = ("agency", "year")
    list_select_related = ("agency", "objective")
    raw_id_fields = ("objective",)


@admin.register(Risk)
class RiskAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "statement", "likelihood", "severity", "owner_unit")
    list_filter = ("agency", "year")
    list_select_related = ("agency", "owner_unit")
    raw_id_fields = ("objective", "owner_unit")


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


TOKEN_FIELDS = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Personal API keys, read only: their users make them on their account page (the key is shown to them once,
    only its digest is stored). An administrator can see who holds which key and when it was last used, and
    revoke it (a leaked key, a colleague who left)."""

    list_display = TOKEN_FIELDS
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    search_fields = ("user__username", "name", "prefix")
    list_select_related = ("user",)
    fields = TOKEN_FIELDS
    readonly_fields = TOKEN_FIELDS
    actions = ["revoke_tokens"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The list (and its revoke action) needs it; a key's own page is read only.
        return obj is None and super().has_change_permission(request)

    @admin.action(description=_("Cabut token API terpilih"), permissions=["change"])
    def revoke_tokens(self, request, queryset):
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            revoke(token)
        self.message_user(
            request,
            ngettext("%(count)d token dicabut.", "%(count)d token dicabut.", len(tokens))
            % {"count": len(tokens)},
            messages.SUCCESS,
        )
