"""Admin: review states and their log (read-only, reopened with a reason), the Pemda LKjIP's approvals and the
approved editions (read-only), comments, entry windows and extensions; and the year lock in the admin pages of
every model holding a year's figures."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models.functions import Length
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .guards import is_frozen, is_guarded, write_error
from .locks import plan_frozen_years
from .models import (
    ApprovedEdition,
    Comment,
    CommentReply,
    EntryException,
    EntryWindow,
    PemdaEdition,
    PemdaReportEvent,
    PemdaReportReview,
    ReviewEvent,
    YearReview,
)
from .services import review_transition
from .workflow import FROZEN, Action, State, TransitionRefused


class ReviewEventInline(admin.TabularInline):
    model = ReviewEvent
    extra = 0
    fields = ("at", "actor", "action", "from_state", "to_state", "note")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Alasan membuka kembali"), widget=forms.Textarea(attrs={"rows": 4, "cols": 80})
    )


@admin.register(YearReview)
class YearReviewAdmin(admin.ModelAdmin):
    """States change only through the workflow (the review page, or this list's "reopen" action)."""

    list_display = ("agency", "year", "state", "updated_at")
    list_filter = ("state", "year", "agency__government")
    search_fields = ("agency__name", "agency__code")
    list_select_related = ("agency",)
    readonly_fields = ("agency", "year", "state", "updated_at")
    inlines = [ReviewEventInline]
    actions = ["reopen"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=gettext_lazy("Buka kembali tahun yang disetujui (dengan alasan)"))
    def reopen(self, request, queryset):
        approved = [r for r in queryset.select_related("agency") if r.state == State.APPROVED]
        if not approved:
            self.message_user(request, _("Tidak ada tahun disetujui yang dipilih."), messages.WARNING)
            return None
        form = ReopenForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            for review in approved:
                try:
                    review_transition(
                        agency=review.agency,
                        year=review.year,
                        action=Action.REOPEN,
                        user=request.user,
                        note=form.cleaned_data["reason"],
                    )
                except TransitionRefused as error:
                    raise PermissionDenied(str(error)) from error
            self.message_user(
                request, _("%(n)d tahun dibuka kembali.") % {"n": len(approved)}, messages.SUCCESS
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Buka kembali tahun yang disetujui"),
            "opts": self.model._meta,
            "reviews": approved,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/review/reopen.html", context)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by their workflow (the Pemda LKjIP page, an approval): shown, never added, changed or
    deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PemdaReportEventInline(admin.TabularInline):
    model = PemdaReportEvent
    extra = 0
    fields = ("at", "actor", "action")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PemdaReportReview)
class PemdaReportReviewAdmin(ReadOnlyAdmin):
    """The Pemda LKjIP is approved and reopened on its own page (`pemda:lkjip`), where its edition is kept in the
    same transaction; here it is only read."""

    list_display = ("government", "year", "state", "updated_at")
    list_filter = ("state", "year", "government")
    list_select_related = ("government",)
    fields = ("government", "year", "state", "updated_at")
    readonly_fields = fields
    inlines = [PemdaReportEventInline]


@admin.register(PemdaReportEvent)
class PemdaReportEventAdmin(ReadOnlyAdmin):
    """Append-only, as an agency's review log."""

    list_display = ("review", "action", "actor", "at")
    list_filter = ("action", "review__year", "review__government")
    list_select_related = ("review__government", "actor")
    fields = ("review", "action", "actor", "at")
    readonly_fields = fields
    date_hierarchy = "at"


DOCUMENTS = ("page_body", "print_html", "stylesheet", "download_html", "report_json", "workbook")


class EditionAdmin(ReadOnlyAdmin):
    """An approved edition is what the page, the downloads and the public page serve while its year stays
    approved: never edited here. Its documents (compressed) are not loaded, only their stored sizes shown."""

    list_display = ("title", "approved_at", "approved_by", "stored_size")
    fields = ("title", "event", "approved_at", "approved_by", "stored_size")
    readonly_fields = fields
    search_fields = ("title",)

    def get_queryset(self, request):
        sizes = {f"{name}_size": Length(name) for name in DOCUMENTS}
        return (
            super().get_queryset(request).defer(*DOCUMENTS).select_related("event__actor").annotate(**sizes)
        )

    @admin.display(description=gettext_lazy("disetujui pada"), ordering="event__at")
    def approved_at(self, edition):
        return edition.event.at

    @admin.display(description=gettext_lazy("disetujui oleh"))
    def approved_by(self, edition):
        return edition.event.actor or "–"

    @admin.display(description=gettext_lazy("ukuran tersimpan (KB)"))
    def stored_size(self, edition):
        total = sum(getattr(edition, f"{name}_size") or 0 for name in DOCUMENTS)
        return f"{total / 1024:.0f}"


@admin.register(ApprovedEdition)
class ApprovedEditionAdmin(EditionAdmin):
    list_filter = ("event__review__year", "event__review__agency__government")


@admin.register(PemdaEdition)
class PemdaEditionAdmin(EditionAdmin):
    list_filter = ("event__review__year", "event__review__government")


class CommentReplyInline(admin.TabularInline):
    model = CommentReply
    extra = 0
    fields = ("author", "created_at", "text")
    readonly_fields = ("author", "created_at")


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = (
        "agency",
        "year",
        "anchor_kind",
        "anchor_key",
        "author",
        "created_at",
        "answered_at",
        "resolved",
    )
    list_filter = ("resolved", "anchor_kind", "year", "agency")
    search_fields = ("text", "anchor_key")
    list_select_related = ("agency", "author")
    readonly_fields = ("author", "created_at", "resolved_by", "resolved_at", "answered_by", "answered_at")
    inlines = [CommentReplyInline]


@admin.register(EntryWindow)
class EntryWindowAdmin(admin.ModelAdmin):
    list_display = ("government", "year", "quarter", "deadline")
    list_editable = ("deadline",)
    list_filter = ("government", "year")


@admin.register(EntryException)
class EntryExceptionAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "quarter", "until", "granted_by", "granted_at", "reason")
    list_filter = ("year", "quarter", "agency__government")
    search_fields = ("agency__name", "reason")
    list_select_related = ("agency", "granted_by")
    readonly_fields = ("granted_by", "granted_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)


# --- the year lock in other apps' admin pages ---------------------------------------------------------------
# The model guards (review/guards.py) refuse every write of a frozen year; here the admin says so politely: a
# frozen row opens read-only and cannot be deleted (alone or selected in a list), and a form that would write a frozen year shows the reason.


def _locked_form(base):
    class FrozenYearForm(base):
        def _post_clean(self):
            super()._post_clean()
            if self.errors or (self.instance.pk is not None and not self.has_changed()):
                return  # an unchanged row (an inline's other rows) is not written
            error = write_error(self.instance)
            if error is not None:
                self.add_error(None, error.messages[0])

    FrozenYearForm.__name__ = f"FrozenYear{base.__name__}"
    return FrozenYearForm


def _anything_frozen(request) -> bool:
    try:
        return request._review_anything_frozen
    except AttributeError:
        request._review_anything_frozen = YearReview.objects.filter(state__in=FROZEN).exists()
        return request._review_anything_frozen


def _protect(model_admin):
    change, delete = model_admin.has_change_permission, model_admin.has_delete_permission

    def has_change_permission(request, obj=None):
        return change(request, obj) and not is_frozen(obj)

    def has_delete_permission(request, obj=None):
        # Also asked per row by the "delete selected" action and by the cascade listed before a deletion: with no
        # frozen year anywhere (asked once per request) no row needs a query.
        if not delete(request, obj):
            return False
        if obj is None or obj.pk is None or not _anything_frozen(request):
            return True
        return write_error(obj, deleting=True) is None

    model_admin.form = _locked_form(model_admin.form)
    model_admin.has_change_permission = has_change_permission
    model_admin.has_delete_permission = has_delete_permission


def protect_registered_admins(site=admin.site) -> None:
    """Applied once the other apps' admin modules are loaded (this app comes last in INSTALLED_APPS)."""
    for model, model_admin in site._registry.items():
        if is_guarded(model) and not getattr(model_admin, "_review_protected", False):
            _protect(model_admin)
            model_admin._review_protected = True
        for inline in model_admin.inlines:
            if is_guarded(inline.model) and not getattr(inline, "_review_protected", False):
                inline.form = _locked_form(inline.form)
                _protect_inline(inline)
                inline._review_protected = True


def _parent_frozen(obj) -> bool:
    """An inline's parent whose rows a frozen year uses: a frozen row, or a Renstra covering a frozen year."""
    if obj is None or obj.pk is None:
        return False
    if obj._meta.label_lower == "indicators.strategicplan":
        return bool(plan_frozen_years(obj))
    return is_frozen(obj)


def _protect_inline(inline):
    """The rows of a frozen parent show read-only (the misi of a frozen Renstra on its admin page)."""
    for name in ("has_add_permission", "has_change_permission", "has_delete_permission"):
        original = getattr(inline, name)

        def permission(self, request, obj=None, _original=original):
            return _original(self, request, obj) and not _parent_frozen(obj)

        setattr(inline, name, permission)


protect_registered_admins()
