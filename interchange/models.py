from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppliedImport(models.Model):
    """A confirmed workbook import: its pending file's name, so that a second confirmation of the same preview
    (a double click, a resent form) is answered "already applied" instead of being applied again."""

    name = models.CharField(_("berkas pratinjau"), max_length=64, unique=True)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    values = models.PositiveIntegerField(_("nilai disimpan"))
    applied_at = models.DateTimeField(_("diterapkan"), auto_now_add=True)

    class Meta:
        verbose_name = _("impor Excel yang diterapkan")
        verbose_name_plural = _("impor Excel yang diterapkan")

    def __str__(self):
        return self.name


class ImportRun(models.Model):
    """One import run by a task worker (interchange/tasks.py): a confirmed workbook preview or a dataset file.

    The run carries everything its task needs (the workbook's bytes or the dataset's text, the preview's digest,
    who asked), so a worker on another machine needs only the database. Its outcome stays for the status page and
    the admin: what was written (`summary`), or why nothing was (`error`, Indonesian / English, and `problems`).
    A workbook run is unique per preview (`name`): however many clicks confirm it, one task applies it.
    """

    class Kind(models.TextChoices):
        WORKBOOK = "workbook", _("buku kerja Excel")
        DATASET = "dataset", _("dataset")

    class Status(models.TextChoices):
        QUEUED = "queued", _("menunggu giliran")
        RUNNING = "running", _("sedang diimpor")
        DONE = "done", _("selesai")
        FAILED = "failed", _("gagal")

    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    agency_code = models.CharField(_("kode perangkat daerah"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("tahun"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diminta oleh"),
    )
    name = models.CharField(_("berkas pratinjau"), max_length=64, unique=True, null=True, blank=True)
    digest = models.CharField(_("ringkasan pratinjau"), max_length=64, blank=True)
    replace = models.BooleanField(_("ganti data yang ada"), default=False)
    source = models.BinaryField(_("masukan"), blank=True, default=b"")  # emptied once the run has finished
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    queued_at = models.DateTimeField(_("diantrekan"), auto_now_add=True)
    started_at = models.DateTimeField(_("dimulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    summary = models.JSONField(_("hasil"), default=dict, blank=True)
    problems = models.JSONField(_("masalah"), default=list, blank=True)
    error = models.TextField(_("kesalahan"), blank=True)
    detail = models.TextField(_("rincian untuk admin"), blank=True)

    class Meta:
        verbose_name = _("impor")
        verbose_name_plural = _("impor")
        ordering = ["-queued_at", "-pk"]

    def __str__(self):
        year = f" {self.year}" if self.year else ""
        return f"{self.get_kind_display()} {self.agency_code}{year} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class SipdCodeMapping(models.Model):
    """A SIPD sub kegiatan code the agency's Renstra names otherwise (a renamed or renumbered sub kegiatan): the
    planner maps it once on the SIPD import's mapping screen, and every later SIPD import reads the code as that
    sub kegiatan."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="sipd_mappings")
    sipd_code = models.CharField(_("kode sub kegiatan SIPD"), max_length=100)
    sub_activity = models.ForeignKey(
        "budgets.SubActivity",
        on_delete=models.CASCADE,
        related_name="sipd_mappings",
        verbose_name=_("sub kegiatan"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("pemetaan kode SIPD")
        verbose_name_plural = _("pemetaan kode SIPD")
        ordering = ["agency", "sipd_code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "sipd_code"], name="sipd_code_mapping_unique")
        ]

    def __str__(self):
        return f"{self.sipd_code} → {self.sub_activity.code}"
