"""Who reports: the Pemda, its agencies (OPD), their organisation units, and the people who use the app."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sakip.fields import FigureField
from sakip.numbers import PERCENT, RUPIAH
from sakip.uploads import LOGO_MAX_BYTES, image_type

from .audit import AuditedRecords

# Kept as literal choices (not imported from the pure modules) so migrations stay stable if a label changes.
PREDICATE_SCALE_CHOICES = [
    ("permendagri-86-2017", "Permendagri 86/2017"),
    ("target-3", _("Capaian terhadap target (3 kategori)")),
    ("permendagri-54-2010", "Permendagri 54/2010"),
]


def validate_logo(file) -> None:
    """A Pemda's logo: a PNG or JPEG image (by its content, not its name) of at most LOGO_MAX_BYTES."""
    if file.size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("Lambang paling besar 512 KB. / The logo may be at most 512 KB."), code="logo_too_large"
        )
    file.seek(0)
    if image_type(file.read(16)) is None:
        raise ValidationError(
            _("Lambang harus berkas PNG atau JPEG. / The logo must be a PNG or JPEG image."), code="logo_type"
        )
    file.seek(0)


class Government(models.Model):
    """Pemda: a province, city or regency. Computation variants are chosen per Pemda (SPEC.md §2)."""

    class Level(models.TextChoices):
        PROVINCE = "provinsi", _("Provinsi")
        CITY = "kota", _("Kota")
        REGENCY = "kabupaten", _("Kabupaten")

    class IkmWeight(models.TextChoices):
        EXACT = "exact", _("Tepat 1/n")
        PRINTED = "0.11", _("0,11 (tercetak di PermenPAN-RB 14/2017)")

    class RenstraSeries(models.TextChoices):
        """Which years the LKjIP's comparison tables reprint (issue 18): `indicators.achievement.series_years`."""

        FINAL_YEAR = "final_year", _("N-2 s.d. N; seluruh tahun Renstra pada tahun terakhirnya")
        ALWAYS = "always", _("Selalu seluruh tahun sejak tahun pertama Renstra")
        SHORT = "short", _("Selalu N-2 s.d. N")

    class IkmScale(models.TextChoices):
        PERMENPAN_14_2017 = "14/2017", "PermenPAN-RB 14/2017"
        PERMENPAN_16_2014 = "16/2014", "PermenPAN-RB 16/2014"

    code = models.SlugField(_("kode"), max_length=100, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices, blank=True)
    head_title = models.CharField(_("jabatan kepala daerah"), max_length=200, blank=True)
    predicate_scale = models.CharField(
        _("skala predikat"), max_length=30, choices=PREDICATE_SCALE_CHOICES, default="permendagri-86-2017"
    )
    # A second scale printed beside the first for each indicator (e.g. "Tercapai / Tidak Tercapai" per indicator
    # while sasaran means keep the 5-level scale); empty: one scale for everything.
    indicator_scale = models.CharField(
        _("skala predikat tambahan per indikator"),
        max_length=30,
        choices=PREDICATE_SCALE_CHOICES,
        blank=True,
        help_text=_("Dicetak sebagai kolom tambahan pada tabel capaian indikator. Kosong = tidak ada."),
    )
    objective_cap = FigureField(
        _("batas capaian per indikator"),
        units=PERCENT,
        max_digits=9,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Dibatasi sebelum dirata-rata per sasaran (mis. 120). Kosong = tanpa batas."),
    )
    # Not printed: above it a capaian is asked about before submission (reports/readmodel/plausibility.py).
    plausible_capaian_max = FigureField(
        _("batas capaian wajar (%)"),
        units=PERCENT,
        max_digits=9,
        decimal_places=4,
        default=Decimal(200),
        help_text=_("Capaian di atas batas ini diperingatkan sebelum laporan diajukan."),
    )
    ikm_weight = models.CharField(
        _("bobot IKM"), max_length=5, choices=IkmWeight.choices, default=IkmWeight.EXACT
    )
    ikm_scale = models.CharField(
        _("tabel mutu IKM"), max_length=7, choices=IkmScale.choices, default=IkmScale.PERMENPAN_14_2017
    )
    renstra_series = models.CharField(
        _("tahun pada tabel perbandingan"),
        max_length=10,
        choices=RenstraSeries.choices,
        default=RenstraSeries.FINAL_YEAR,
    )
    # Printed on every LKjIP cover of the Pemda, embedded in the HTML as a data: URL (a PDF worker reads no file).
    logo = models.FileField(
        _("lambang daerah"),
        upload_to="lambang/",
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG atau JPEG, paling besar 512 KB; dicetak di sampul LKjIP."),
    )

    # Who changed which setting (the Pemda administration's history page); the logo's stored name only.
    history = AuditedRecords()

    class Meta:
        verbose_name = _("pemerintah daerah")
        verbose_name_plural = _("pemerintah daerah")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(objective_cap__isnull=True) | Q(objective_cap__gt=0),
                name="government_cap_positive",
            ),
            models.CheckConstraint(
                condition=Q(plausible_capaian_max__gt=0), name="government_plausible_capaian_positive"
            ),
        ]

    def __str__(self):
        return self.name


class Agency(models.Model):
    """OPD / Perangkat Daerah: the reporting agency."""

    government = models.ForeignKey(Government, on_delete=models.PROTECT, related_name="agencies")
    code = models.SlugField(_("kode"), max_length=100, unique=True)
    name = models.CharField(_("nama"), max_length=300)
    short_name = models.CharField(_("singkatan"), max_length=100, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    website = models.CharField(_("situs web"), max_length=300, blank=True)
    head_name = models.CharField(_("nama kepala dinas"), max_length=200, blank=True)
    head_nip = models.CharField(_("NIP kepala dinas"), max_length=40, blank=True)
    head_rank = models.CharField(_("pangkat/golongan kepala dinas"), max_length=100, blank=True)

    history = AuditedRecords()  # who changed what (agencies/audit.py); a dataset import is one event here

    class Meta:
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name


class OrgUnit(models.Model):
    """Unit kerja (Sekretariat, Bidang, Seksi, Sub Bagian, UPTD): a tree inside one agency."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="org_units")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    code = models.CharField(_("kode"), max_length=100)
    name = models.CharField(_("nama"), max_length=300)
    head_title = models.CharField(_("jabatan kepala unit"), max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)
    # Printed in BAB I as the unit's tugas, then its fungsi as a list (one per line), as the Perwal states them.
    duties = models.TextField(_("tugas"), blank=True)
    functions = models.TextField(_("fungsi"), blank=True, help_text=_("Satu fungsi per baris."))

    history = AuditedRecords()

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["agency", "position"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="orgunit_code_unique_per_agency"),
        ]

    def __str__(self):
        return self.name


# --- the organisation profile of a report year (BAB I): staff, sarana-prasarana, strategic issues, risks ----------
class StaffCount(models.Model):
    """One line of a year's staff tables: how many employees of one golongan, education level, employment
    status or unit. The totals and shares printed under each table are computed (agencies/staffing.py)."""

    class Breakdown(models.TextChoices):
        RANK = "rank", _("Golongan")
        EDUCATION = "education", _("Pendidikan")
        EMPLOYMENT = "employment", _("Status kepegawaian")
        UNIT = "unit", _("Unit kerja")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="staff_counts")
    year = models.PositiveSmallIntegerField(_("tahun"))
    breakdown = models.CharField(_("rincian"), max_length=12, choices=Breakdown.choices)
    position = models.PositiveIntegerField(default=0)
    label = models.CharField(_("uraian"), max_length=200, help_text=_("Misalnya: IV/a, S1, PNS, Sekretariat"))
    count = models.PositiveIntegerField(_("jumlah pegawai"))

    history = AuditedRecords()

    class Meta:
        verbose_name = _("jumlah pegawai")
        verbose_name_plural = _("jumlah pegawai")
        ordering = ["agency", "year", "breakdown", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "breakdown", "label"], name="staff_count_label_unique"
            ),
        ]

    def __str__(self):
        return f"{self.agency} {self.year} {self.get_breakdown_display()} {self.label}"


class Facility(models.Model):
    """One line of the sarana-prasarana / aset table as real reports print it: a group (Peralatan dan Mesin,
    Gedung dan Bangunan), the item, how many and in which unit, the year bought, its condition, its value and a
    note (a vehicle's plate number)."""

    class Condition(models.TextChoices):
        GOOD = "baik", _("Baik")
        FAIR = "rusak_ringan", _("Rusak ringan")
        POOR = "rusak_berat", _("Rusak berat")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="facilities")
    year = models.PositiveSmallIntegerField(_("tahun"))
    position = models.PositiveIntegerField(default=0)
    category = models.CharField(_("kelompok barang"), max_length=200, blank=True)
    name = models.CharField(_("nama / jenis barang"), max_length=300)
    quantity = models.PositiveIntegerField(_("jumlah"), null=True, blank=True)
    unit = models.CharField(_("satuan"), max_length=50, blank=True)
    acquired_year = models.PositiveSmallIntegerField(_("tahun perolehan"), null=True, blank=True)
    condition = models.CharField(_("kondisi"), max_length=12, choices=Condition.choices, blank=True)
    value = FigureField(
        _("nilai aset"), max_digits=18, decimal_places=2, null=True, blank=True, units=RUPIAH, minimum=0
    )
    note = models.CharField(_("keterangan"), max_length=200, blank=True)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("sarana dan prasarana")
        verbose_name_plural = _("sarana dan prasarana")
        ordering = ["agency", "year", "position", "pk"]

    def __str__(self):
        return f"{self.agency} {self.year} {self.name}"


class StrategicIssue(models.Model):
    """One line of the year's problem mapping (isu strategis): the issue, what causes it, and the sasaran it
    concerns when the planner names one."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="strategic_issues")
    year = models.PositiveSmallIntegerField(_("tahun"))
    position = models.PositiveIntegerField(default=0)
    issue = models.TextField(_("isu strategis"))
    cause = models.TextField(_("penyebab / permasalahan"), blank=True)
    # By reference: the plan tree (indicators) sits above this app.
    objective = models.ForeignKey(
        "indicators.Objective",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="strategic_issues",
        verbose_name=_("sasaran terkait"),
    )

    history = AuditedRecords()

    class Meta:
        verbose_name = _("isu strategis")
        verbose_name_plural = _("isu strategis")
        ordering = ["agency", "year", "position", "pk"]

    def __str__(self):
        return f"{self.agency} {self.year} {self.issue[:60]}"


class Risk(models.Model):
    """One line of the year's risk register (the annex real reports attach from their SPIP forms): the risk,
    its cause and impact, the likelihood and impact scores (their product, the risk level, is computed in
    agencies/staffing.py), the control planned, when, the unit that owns it, and the sasaran it threatens."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="risks")
    year = models.PositiveSmallIntegerField(_("tahun"))
    position = models.PositiveIntegerField(default=0)
    statement = models.TextField(_("pernyataan risiko"))
    cause = models.TextField(_("penyebab"), blank=True)
    impact = models.TextField(_("dampak"), blank=True)
    likelihood = models.PositiveSmallIntegerField(_("skor kemungkinan"), null=True, blank=True)
    severity = models.PositiveSmallIntegerField(_("skor dampak"), null=True, blank=True)
    mitigation = models.TextField(_("rencana tindak pengendalian"), blank=True)
    schedule = models.CharField(_("target waktu"), max_length=200, blank=True)
    owner_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="risks",
        verbose_name=_("penanggung jawab"),
    )
    objective = models.ForeignKey(
        "indicators.Objective",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="risks",
        verbose_name=_("sasaran terkait"),
    )

    history = AuditedRecords()

    class Meta:
        verbose_name = _("risiko")
        verbose_name_plural = _("risiko")
        ordering = ["agency", "year", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__isnull=True) | Q(likelihood__gte=1, likelihood__lte=5),
                name="risk_likelihood_scale",
            ),
            models.CheckConstraint(
                condition=Q(severity__isnull=True) | Q(severity__gte=1, severity__lte=5),
                name="risk_severity_scale",
            ),
        ]

    def __str__(self):
        return f"{self.agency} {self.year} {self.statement[:60]}"


class Profile(models.Model):
    """A user's role and scope: planners and agency heads belong to one agency; reviewers (the inspectorate) and
    Pemda administrators (Bappeda, the Bagian Organisasi) to one Pemda."""

    class Role(models.TextChoices):
        PLANNER = "planner", _("Perencana")
        HEAD = "head", _("Kepala perangkat daerah")
        REVIEWER = "reviewer", _("Reviu (Inspektorat)")
        PEMDA = "pemda", _("Admin Pemda (Bappeda / Bagian Organisasi)")
        ADMIN = "admin", _("Administrator")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(_("peran"), max_length=10, choices=Role.choices)
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="members"
    )
    government = models.ForeignKey(
        Government, on_delete=models.CASCADE, null=True, blank=True, related_name="members"
    )

    class Meta:
        verbose_name = _("profil pengguna")
        verbose_name_plural = _("profil pengguna")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=["planner", "head"]) | Q(agency__isnull=False),
                name="profile_agency_roles_have_agency",
            ),
            models.CheckConstraint(
                condition=~Q(role="reviewer") | Q(government__isnull=False),
                name="profile_reviewer_has_government",
            ),
            models.CheckConstraint(
                condition=~Q(role="pemda") | Q(government__isnull=False),
                name="profile_pemda_admin_has_government",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


def role_of(user) -> str | None:
    """The user's role (`Profile.Role`), None for anonymous users and users without a profile; superusers are
    administrators. What a role may do is decided in one place above the apps (workspace/access.py)."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Profile.Role.ADMIN
    profile = getattr(user, "profile", None)
    return profile.role if profile else None


class AgencyRevision(models.Model):
    """How many committed transactions have changed an agency's data, and when the last one did: the key of
    whatever is cached from the agency's figures (the Pemda dashboard) and its "last change". Written by
    `agencies.revisions` only; no row: never changed since the revisions began."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, primary_key=True, related_name="revision")
    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("revisi data perangkat daerah")
        verbose_name_plural = _("revisi data perangkat daerah")

    def __str__(self):
        return f"{self.agency_id} #{self.number}"


class ApiToken(models.Model):
    """A personal key for the REST API (`api/`), created and revoked by its user on their account page.

    The key is shown once, when created; only its SHA-256 digest is stored (`digest`), with its first characters
    (`prefix`) so that the user can tell their keys apart. A request with the key acts as the user: the same access
    layer, roles and locks as their browser session. A revoked key is refused (401) and kept, with its last use.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("nama"), max_length=100)
    prefix = models.CharField(_("awalan"), max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.user} {self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
