"""The inspectorate's review of an agency's year: its state, the append-only log of what happened, reviewers'
comments beside the data, and the quarterly entry windows set by the admin."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.audit import AuditedRecords
from agencies.models import Agency, Government

from .workflow import Action, State

QUARTER = {"choices": [(1, "TW I"), (2, "TW II"), (3, "TW III"), (4, "TW IV")]}


class YearReview(models.Model):
    """The review state of one agency's year. No row means draft."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField(_("tahun"))
    state = models.CharField(_("status"), max_length=11, choices=State.choices, default=State.DRAFT)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("reviu tahunan")
        verbose_name_plural = _("reviu tahunan")
        ordering = ["agency", "-year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="review_unique_per_year")]

    def __str__(self):
        return f"{self.agency} {self.year}: {self.get_state_display()}"


class ReviewEvent(models.Model):
    """One step of the workflow, kept for ever: who did what, when, from which state, with which note."""

    review = models.ForeignKey(YearReview, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("tindakan"), max_length=10, choices=Action.choices)
    from_state = models.CharField(_("dari status"), max_length=11, choices=State.choices)
    to_state = models.CharField(_("ke status"), max_length=11, choices=State.choices)
    note = models.TextField(_("catatan / alasan"), blank=True)
    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    # On approval: the sakip-report/1 figures that were approved, so that any later difference shows.
    snapshot = models.JSONField(_("angka yang disetujui"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("riwayat reviu")
        verbose_name_plural = _("riwayat reviu")
        ordering = ["review", "at", "pk"]

    def __str__(self):
        return f"{self.review} · {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValueError("Riwayat reviu tidak dapat diubah / review events are append-only")
        super().save(*args, **kwargs)


class EditionDocuments(models.Model):
    """The documents of a report as approved, zlib-compressed (HTML shrinks ~10×): what `ApprovedEdition` (an
    agency's LKjIP) and `PemdaEdition` (the Pemda LKjIP) keep; `reports.lkjip.editions.Edition` serves either."""

    title = models.CharField(_("judul"), max_length=300)
    page_body = models.BinaryField(_("isi halaman"))  # the report's body as the web page shows it
    print_html = models.BinaryField(_("HTML cetak"))  # what WeasyPrint gets (charts as images)
    stylesheet = models.BinaryField(_("lembar gaya"))
    download_html = models.BinaryField(_("HTML unduhan"))  # self-contained, the "Unduh HTML" file
    report_json = models.BinaryField(_("JSON laporan"))  # sakip-report/1 with its checks (`render_report`)
    workbook = models.BinaryField(_("lampiran Excel"))

    class Meta:
        abstract = True


class ApprovedEdition(EditionDocuments):
    """The year's LKjIP exactly as the inspectorate approved it, kept with the approval.

    A report also prints rows that outlive its year's lock: the plan's statements and indicators, the Renstra
    targets of the whole period, two earlier years, the agency's signature block, the Pemda's settings. While the
    year stays approved, its page and downloads are served from this edition, so that nothing saved later (a new
    year's targets, a renamed sasaran) changes what was approved; the review page lists what changed since.
    Reopening the year shows the live report again; approving it again keeps a new edition. The documents are
    stored zlib-compressed (HTML shrinks ~10×); the PDF is rendered from `print_html`, the same bytes as at
    approval (same HTML, stylesheet and WeasyPrint → same PDF).
    """

    event = models.OneToOneField(ReviewEvent, on_delete=models.CASCADE, related_name="edition")

    class Meta:
        verbose_name = _("edisi yang disetujui")
        verbose_name_plural = _("edisi yang disetujui")

    def __str__(self):
        return f"{self.event.review} · {self.event.at:%Y-%m-%d}"


class PemdaReportReview(models.Model):
    """Whether the Pemda LKjIP of a year is approved by the Pemda's inspectorate. No row means draft.

    The Pemda's own report has no submission round (it is built from the agencies' data, not typed by a planner):
    the inspectorate approves it or reopens it, nothing else (`reports.lkjip_pemda.editions`). Its own table, not
    `YearReview`, which is an agency's year and locks that agency's data."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="report_reviews")
    year = models.PositiveSmallIntegerField(_("tahun"))
    state = models.CharField(_("status"), max_length=11, choices=State.choices, default=State.DRAFT)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("persetujuan LKjIP Pemda")
        verbose_name_plural = _("persetujuan LKjIP Pemda")
        ordering = ["government", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["government", "year"], name="pemda_report_review_unique_per_year")
        ]

    def __str__(self):
        return f"{self.government} {self.year}: {self.get_state_display()}"


class PemdaReportEvent(models.Model):
    """One approval or reopening of the Pemda LKjIP of a year, kept for ever: who, when."""

    review = models.ForeignKey(PemdaReportReview, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("tindakan"), max_length=10, choices=Action.choices)
    at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat persetujuan LKjIP Pemda")
        verbose_name_plural = _("riwayat persetujuan LKjIP Pemda")
        ordering = ["review", "at", "pk"]

    def __str__(self):
        return f"{self.review} · {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValueError("Riwayat persetujuan tidak dapat diubah / approval events are append-only")
        super().save(*args, **kwargs)


class PemdaEdition(EditionDocuments):
    """The Pemda LKjIP of a year exactly as the inspectorate approved it (why: `ApprovedEdition`). Its agencies'
    figures keep moving after approval (another agency's year reopened, a realisation corrected): while the year
    stays approved, the page and downloads are served from here; reopening shows the live report again."""

    event = models.OneToOneField(PemdaReportEvent, on_delete=models.CASCADE, related_name="edition")

    class Meta:
        verbose_name = _("edisi LKjIP Pemda yang disetujui")
        verbose_name_plural = _("edisi LKjIP Pemda yang disetujui")

    def __str__(self):
        return f"{self.event.review} · {self.event.at:%Y-%m-%d}"


class Comment(models.Model):
    """A reviewer's comment on a part of the year's report, shown to planners beside that data."""

    class Anchor(models.TextChoices):
        GENERAL = "general", _("Umum")
        SECTION = "section", _("Bagian laporan")
        OBJECTIVE = "objective", _("Sasaran")
        INDICATOR = "indicator", _("Indikator")
        BUDGET = "budget", _("Baris anggaran")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="review_comments")
    year = models.PositiveSmallIntegerField(_("tahun"))
    anchor_kind = models.CharField(_("tentang"), max_length=10, choices=Anchor.choices)
    # The code of the sasaran, indicator or budget owner, or the narrative section key: codes survive a
    # re-import of the dataset, database ids do not.
    anchor_key = models.CharField(_("kode"), max_length=100, blank=True)
    text = models.TextField(_("catatan"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    resolved = models.BooleanField(_("selesai"), default=False)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(_("diselesaikan"), null=True, blank=True)
    # The planner's "answered": the reviewer still decides whether the comment is resolved.
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("dijawab"), null=True, blank=True)

    class Meta:
        verbose_name = _("catatan reviu")
        verbose_name_plural = _("catatan reviu")
        ordering = ["agency", "year", "created_at", "pk"]
        indexes = [models.Index(fields=["agency", "year"], name="comment_agency_year")]
        constraints = [
            models.CheckConstraint(
                condition=Q(anchor_kind="general", anchor_key="")
                | (~Q(anchor_kind="general") & ~Q(anchor_key="")),
                name="comment_anchor_key_matches_kind",
            ),
            models.CheckConstraint(
                condition=Q(resolved=False) | Q(resolved_at__isnull=False), name="comment_resolved_has_time"
            ),
        ]

    def __str__(self):
        return self.text[:80]


class CommentReply(models.Model):
    """An answer in a comment's conversation, by the agency's side or by a reviewer."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="replies")
    text = models.TextField(_("balasan"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("balasan catatan reviu")
        verbose_name_plural = _("balasan catatan reviu")
        ordering = ["comment", "created_at", "pk"]

    def __str__(self):
        return self.text[:80]


class MailOptOut(models.Model):
    """A user who asked for no e-mail notifications (everyone else with an address receives them)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_opt_out"
    )
    since = models.DateTimeField(_("sejak"), auto_now_add=True)

    class Meta:
        verbose_name = _("berhenti menerima email")
        verbose_name_plural = _("berhenti menerima email")

    def __str__(self):
        return str(self.user)


class DeadlineReminder(models.Model):
    """That the reminder of an entry window was sent: a second run of the daily command sends nothing."""

    window = models.OneToOneField("EntryWindow", on_delete=models.CASCADE, related_name="reminder")
    sent_at = models.DateTimeField(_("dikirim"), auto_now_add=True)
    recipients = models.PositiveIntegerField(_("penerima"), default=0)

    class Meta:
        verbose_name = _("pengingat batas pengisian")
        verbose_name_plural = _("pengingat batas pengisian")

    def __str__(self):
        return f"{self.window}: {self.sent_at:%Y-%m-%d}"


class EntryWindow(models.Model):
    """The last day planners may enter a quarter's realisations, for every agency of a Pemda."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="entry_windows")
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), **QUARTER)
    deadline = models.DateField(_("batas pengisian"), help_text=_("Hari terakhir pengisian (termasuk)."))

    history = AuditedRecords()  # who set or moved a deadline (the Pemda administration's history page)

    class Meta:
        verbose_name = _("batas pengisian triwulan")
        verbose_name_plural = _("batas pengisian triwulan")
        ordering = ["government", "-year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["government", "year", "quarter"], name="entry_window_unique"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="entry_window_quarter"),
        ]

    def __str__(self):
        return f"{self.government} {self.year} TW{self.quarter}: {self.deadline}"


class EntryException(models.Model):
    """An admin's extension of a closed quarter for one agency."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="entry_exceptions")
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), **QUARTER)
    until = models.DateField(_("dibuka sampai"), help_text=_("Hari terakhir pengisian (termasuk)."))
    reason = models.TextField(_("alasan"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(_("diberikan"), auto_now_add=True)

    history = AuditedRecords()  # who granted, changed or withdrew an extension

    class Meta:
        verbose_name = _("perpanjangan pengisian")
        verbose_name_plural = _("perpanjangan pengisian")
        ordering = ["agency", "-year", "quarter", "-until"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="entry_exception_quarter"
            ),
        ]

    def __str__(self):
        return f"{self.agency} {self.year} TW{self.quarter} s.d. {self.until}"
