"""What the Renstra document stores beyond the plan itself: its narratives, frozen revisions and the program
funding its signed text printed.

The LKjIP stores nothing here (its narratives are per year, `indicators.Narrative`); a Renstra's texts belong to
the plan, not to a year.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from budgets.models import Program
from indicators.models import StrategicPlan
from sakip.fields import FigureField
from sakip.numbers import RUPIAH


class PlanNarrative(models.Model):
    """Free text of one section of the Renstra document (latar_belakang, isu_strategis, penutup, ...)."""

    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="renstra_narratives")
    key = models.SlugField(_("bagian"), max_length=100)
    text = models.TextField(_("teks"), blank=True)

    class Meta:
        verbose_name = _("narasi Renstra")
        verbose_name_plural = _("narasi Renstra")
        ordering = ["plan", "key"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="plan_narrative_unique")]

    def __str__(self):
        return f"{self.plan} {self.key}"


class PlanRevision(models.Model):
    """A frozen state of the plan's Renstra content ("Renstra awal", "Perubahan I", ...).

    `snapshot` is `reports.renstra.plan_snapshot` of the document at freezing time: tujuan, sasaran, indicators
    with baseline and Renstra targets, programs and kegiatan with their indicative funding per year. The live
    plan is always the current revision (`StrategicPlan.revision` names it); frozen ones are kept to compare.
    """

    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="frozen_revisions")
    label = models.CharField(_("nama revisi"), max_length=100)
    note = models.TextField(_("catatan"), blank=True)
    snapshot = models.JSONField(_("isi Renstra"))
    created_at = models.DateTimeField(_("dibekukan pada"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("revisi Renstra")
        verbose_name_plural = _("revisi Renstra")
        ordering = ["plan", "created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "label"], name="plan_revision_label_unique")]

    def __str__(self):
        return f"{self.plan} — {self.label}"


class ProgramFunding(models.Model):
    """A program's indicative funding for one year as the signed Renstra prints it (a "declared" figure).

    The document computes each program's funding as the sum of its kegiatan; this figure is what the legacy
    document says, so the Renstra checks can show where the printed table does not add up (SPEC §3).
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="declared_funding")
    year = models.PositiveSmallIntegerField(_("tahun"))
    amount = FigureField(_("pagu program tercetak"), max_digits=18, decimal_places=2, units=RUPIAH, minimum=0)

    class Meta:
        verbose_name = _("pagu program tercetak")
        verbose_name_plural = _("pagu program tercetak")
        ordering = ["program", "year"]
        constraints = [
            models.UniqueConstraint(fields=["program", "year"], name="program_funding_unique"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="program_funding_gte_0"),
        ]

    def __str__(self):
        return f"{self.program.code} {self.year}"


class RenderedFile(models.Model):
    """One version of a document rendered by a task worker (reports/rendering.py): the PDF and what it cost.

    `version` is the SHA-256 of the exact render input (the print HTML and its stylesheets), so the same data gives
    the same record and at most one render, however many people ask at once (the unique constraint). The input is
    kept with the record (`source`, compressed) until it is rendered: the worker renders the version that was asked
    for, even if the data changed meanwhile. The file is kept in the database rather than under MEDIA_ROOT: every
    web process and worker on every machine already shares the database, whereas a media folder would have to be
    shared on purpose (a network file system or object storage), and the status and the file change in one commit.
    """

    class Kind(models.TextChoices):
        LKJIP_PDF = "lkjip-pdf", _("PDF LKjIP")
        RENSTRA_PDF = "renstra-pdf", _("PDF Renstra")
        LKJIP_PEMDA_PDF = "lkjip-pemda-pdf", _("PDF LKjIP Pemda")
        LHE_PDF = "lhe-pdf", _("PDF LHE AKIP")

    class Status(models.TextChoices):
        QUEUED = "queued", _("menunggu giliran")
        RUNNING = "running", _("sedang dibuat")
        READY = "ready", _("siap")
        FAILED = "failed", _("gagal")

    kind = models.CharField(_("jenis"), max_length=32, choices=Kind.choices)
    version = models.CharField(_("versi"), max_length=64, help_text=_("SHA-256 masukan render"))
    # Whose document: an agency's (LKjIP, Renstra) or a Pemda's (the Pemda LKjIP); exactly one of the two.
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    government = models.ForeignKey(
        "agencies.Government", on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    year = models.PositiveSmallIntegerField(_("tahun"), null=True, blank=True)  # None: the Renstra
    filename = models.CharField(_("nama berkas"), max_length=200)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    source = models.BinaryField(_("masukan render (zlib)"), default=b"", editable=False)
    content = models.BinaryField(_("berkas"), default=b"", editable=False)
    size = models.PositiveIntegerField(_("ukuran (byte)"), null=True, blank=True)
    queued_at = models.DateTimeField(_("masuk antrean"))
    started_at = models.DateTimeField(_("mulai dibuat"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    error = models.TextField(_("galat"), blank=True)

    class Meta:
        verbose_name = _("berkas hasil render")
        verbose_name_plural = _("berkas hasil render")
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="rendered_file_one_per_version"),
            models.CheckConstraint(
                condition=models.Q(agency__isnull=False, government__isnull=True)
                | models.Q(agency__isnull=True, government__isnull=False),
                name="rendered_file_one_owner",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "agency", "year", "status"], name="rendered_file_document"),
            models.Index(fields=["status", "queued_at"], name="rendered_file_queue"),
        ]

    def __str__(self):
        owner = self.agency_id if self.agency_id is not None else f"pemda {self.government_id}"
        return f"{self.kind} {owner} {self.year or ''} {self.version[:12]} ({self.status})"


class RenderBatch(models.Model):
    """Every agency's LKjIP of one year for a Pemda, asked for at once (reports/batch.py): the files it waits for.

    The PDFs are the agencies' `RenderedFile` versions (a member names its version; a version rendered before is
    reused, never rendered twice); the workbooks are made when the batch is prepared, from the same report object
    as the PDF's input, and kept on the member, so the two files of an agency show the same data. Only the newest
    batches of a Pemda's year are kept (`reports.batch.KEEP_BATCHES`).
    """

    government = models.ForeignKey("agencies.Government", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    formats = models.CharField(_("format"), max_length=32, help_text=_("pdf, xlsx"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("diminta pada"))
    total = models.PositiveIntegerField(_("jumlah perangkat daerah"))
    prepared_at = models.DateTimeField(_("masukan siap"), null=True, blank=True)
    error = models.TextField(_("galat"), blank=True)

    class Meta:
        verbose_name = _("laporan semua perangkat daerah")
        verbose_name_plural = _("laporan semua perangkat daerah")
        indexes = [models.Index(fields=["government", "year", "created_at"], name="render_batch_latest")]

    def __str__(self):
        return f"{self.government_id} {self.year} {self.formats} #{self.pk}"

    @property
    def format_list(self) -> list[str]:
        return [f for f in self.formats.split(",") if f]


class RenderBatchMember(models.Model):
    """One agency of a batch: the version of its PDF (a `RenderedFile`'s, by kind and version) and its workbook."""

    batch = models.ForeignKey(RenderBatch, on_delete=models.CASCADE, related_name="members")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    version = models.CharField(_("versi PDF"), max_length=64, blank=True)
    approved = models.BooleanField(_("edisi disetujui"), default=False)
    workbook = models.BinaryField(_("berkas Excel"), default=b"", editable=False)
    error = models.TextField(_("galat"), blank=True)

    class Meta:
        verbose_name = _("perangkat daerah dalam batch")
        verbose_name_plural = _("perangkat daerah dalam batch")
        constraints = [models.UniqueConstraint(fields=["batch", "agency"], name="render_batch_member_once")]

    def __str__(self):
        return f"{self.batch_id} {self.agency_id}"
