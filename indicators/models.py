"""The performance plan: Renstra (goals, objectives, strategies), indicators, targets and realisations.

Values of an indicator are either a decimal (`value`) or a letter grade (`grade`, for kind `grade`), never both.
Derived figures (capaian, predicates, means) are never stored: `indicators/achievement.py` computes them.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.audit import AuditedRecords
from agencies.models import Agency, OrgUnit
from sakip.fields import FigureField
from sakip.numbers import NO_UNIT, PERCENT, RUPIAH

MEASURE = {"max_digits": 20, "decimal_places": 4, "null": True, "blank": True}
DECLARED = {"max_length": 40, "blank": True}  # a printed figure kept verbatim: its decimals matter (SPEC §3)


class StrategicPlanQuerySet(models.QuerySet):
    def covering(self, year: int):
        """Plans whose period covers the year, the most recent first (periods may overlap after a revision)."""
        return self.filter(start_year__lte=year, end_year__gte=year).order_by("-start_year", "-pk")


class StrategicPlan(models.Model):
    """Renstra: the agency's 5-year plan, possibly revised ("Perubahan II")."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="plans")
    start_year = models.PositiveSmallIntegerField(_("tahun awal"))
    end_year = models.PositiveSmallIntegerField(_("tahun akhir"))
    revision = models.CharField(_("revisi"), max_length=100, blank=True)
    vision = models.TextField(_("visi"), blank=True)

    objects = StrategicPlanQuerySet.as_manager()

    history = AuditedRecords()

    class Meta:
        verbose_name = _("renstra")
        verbose_name_plural = _("renstra")
        ordering = ["agency", "-start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")), name="plan_years_ordered"
            ),
            models.UniqueConstraint(
                fields=["agency", "start_year", "end_year", "revision"],
                name="plan_unique_per_period_revision",
            ),
        ]

    def __str__(self):
        label = f"Renstra {self.start_year}–{self.end_year}"
        return f"{label} ({self.revision})" if self.revision else label

    @property
    def years(self):
        return range(self.start_year, self.end_year + 1)


class Mission(models.Model):
    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="missions")
    position = models.PositiveIntegerField(default=0)
    statement = models.TextField(_("misi"))

    history = AuditedRecords()

    class Meta:
        verbose_name = _("misi")
        verbose_name_plural = _("misi")
        ordering = ["plan", "position"]

    def __str__(self):
        return self.statement[:80]


class Goal(models.Model):
    """Tujuan."""

    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="goals")
    code = models.CharField(_("kode"), max_length=100)
    statement = models.TextField(_("tujuan"))
    position = models.PositiveIntegerField(default=0)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("tujuan")
        verbose_name_plural = _("tujuan")
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="goal_code_unique_per_plan")]

    def __str__(self):
        return f"{self.code} {self.statement}"


class Objective(models.Model):
    """Sasaran strategis. `plan` repeats the goal's plan so that codes are unique across the whole plan."""

    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="objectives")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="objectives")
    code = models.CharField(_("kode"), max_length=100)
    statement = models.TextField(_("sasaran"))
    position = models.PositiveIntegerField(default=0)
    # The strategic context BAB II prints: the misi of the Renstra this sasaran serves, and the RPJMD tujuan or
    # sasaran it supports, as the Pemda's RPJMD words it (the RPJMD itself is not kept here).
    mission = models.ForeignKey(
        Mission,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="objectives",
        verbose_name=_("misi yang didukung"),
    )
    rpjmd_goal = models.TextField(
        _("tujuan/sasaran RPJMD yang didukung"),
        blank=True,
        help_text=_('Sebagaimana tertulis di RPJMD, mis. "Mewujudkan Pembangunan Manusia Seutuhnya".'),
    )
    # The RPJMD sasaran (of the agency's own Pemda) this sasaran serves: the Pemda's pohon kinerja hangs on it.
    # By reference: the rpjmd app sits above this one.
    rpjmd_objective = models.ForeignKey(
        "rpjmd.RegionalObjective",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agency_objectives",
        verbose_name=_("sasaran RPJMD yang didukung"),
    )

    history = AuditedRecords()

    class Meta:
        verbose_name = _("sasaran")
        verbose_name_plural = _("sasaran")
        ordering = ["plan", "goal__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="objective_code_unique_per_plan")
        ]

    def __str__(self):
        return f"{self.code} {self.statement}"


class Strategy(models.Model):
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="strategies")
    statement = models.TextField(_("strategi"))
    position = models.PositiveIntegerField(default=0)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("strategi")
        verbose_name_plural = _("strategi")
        ordering = ["objective", "position"]

    def __str__(self):
        return self.statement[:80]


class Policy(models.Model):
    """Arah kebijakan of a strategy."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="policies")
    statement = models.TextField(_("arah kebijakan"))
    position = models.PositiveIntegerField(default=0)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("arah kebijakan")
        verbose_name_plural = _("arah kebijakan")
        ordering = ["strategy", "position"]

    def __str__(self):
        return self.statement[:80]


OWNER_FIELDS = ("goal", "objective", "program", "activity", "sub_activity")


def _exactly_one_of(fields):
    condition = Q()
    for chosen in fields:
        term = Q(**{f"{chosen}__isnull": False})
        for other in fields:
            if other != chosen:
                term &= Q(**{f"{other}__isnull": True})
        condition |= term
    return condition


class Indicator(models.Model):
    """Indikator kinerja of a goal, objective, program, activity or sub-activity (exactly one owner)."""

    class Kind(models.TextChoices):
        PERCENT = "percent", _("Persen")
        NUMBER = "number", _("Jumlah")
        CURRENCY = "currency", _("Rupiah")
        INDEX = "index", _("Indeks")
        GRADE = "grade", _("Nilai huruf")

    class Polarity(models.TextChoices):
        HIGHER = "higher", _("Makin tinggi makin baik")
        LOWER = "lower", _("Makin rendah makin baik")

    class Computation(models.TextChoices):
        DIRECT = "direct", _("Langsung")
        RATIO = "ratio", _("Rasio (pembilang ÷ penyebut)")
        GROWTH = "growth", _("Pertumbuhan")

    class StandardKind(models.TextChoices):
        NATIONAL = "nasional", _("Standar nasional")
        SPM = "spm", _("Standar Pelayanan Minimal (SPM)")
        IKK = "ikk", _("Indikator Kinerja Kunci (IKK)")
        OTHER = "lainnya", _("Standar lain")

    class QuarterMode(models.TextChoices):
        INCREMENT = "increment", _("Bertambah (TW dijumlahkan)")
        LEVEL = "level", _("Posisi (TW terakhir)")

    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="indicators")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators")
    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    program = models.ForeignKey(
        "budgets.Program", on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    activity = models.ForeignKey(
        "budgets.Activity", on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    sub_activity = models.ForeignKey(
        "budgets.SubActivity", on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    position = models.PositiveIntegerField(default=0)

    code = models.CharField(_("kode"), max_length=100)
    name = models.TextField(_("nama indikator"))
    unit = models.CharField(_("satuan"), max_length=100, blank=True)
    kind = models.CharField(_("jenis nilai"), max_length=10, choices=Kind.choices, default=Kind.NUMBER)
    grade_scale = models.CharField(_("skala nilai huruf"), max_length=30, blank=True)
    polarity = models.CharField(
        _("polaritas"), max_length=6, choices=Polarity.choices, default=Polarity.HIGHER
    )
    is_key = models.BooleanField(_("IKU"), default=False)
    computation = models.CharField(
        _("cara hitung"), max_length=6, choices=Computation.choices, default=Computation.DIRECT
    )
    multiplier = FigureField(_("pengali"), units=NO_UNIT, **MEASURE)
    numerator_label = models.TextField(_("pembilang"), blank=True)
    denominator_label = models.TextField(_("penyebut"), blank=True)
    cumulative = models.BooleanField(_("kumulatif"), default=False)
    quarter_mode = models.CharField(
        _("penggabungan triwulan"),
        max_length=9,
        choices=QuarterMode.choices,
        blank=True,
        help_text=_("Kosong = bawaan menurut jenis nilai."),
    )
    formula = models.TextField(_("formulasi"), blank=True)
    data_source = models.TextField(_("sumber data"), blank=True)
    responsible_unit = models.ForeignKey(
        OrgUnit, on_delete=models.SET_NULL, null=True, blank=True, related_name="indicators"
    )
    baseline_year = models.PositiveSmallIntegerField(_("tahun kondisi awal"), null=True, blank=True)
    baseline_value = FigureField(_("kondisi awal"), units=PERCENT, **MEASURE)
    baseline_grade = models.CharField(_("kondisi awal (huruf)"), max_length=4, blank=True)
    national_standard_value = FigureField(_("standar nasional"), units=PERCENT, **MEASURE)
    national_standard_grade = models.CharField(_("standar nasional (huruf)"), max_length=4, blank=True)
    # Which standard the value above is (analysis 4 prints it by name), and where it is set (a regulation, a
    # ministry's target): empty kind with a value reads as a national standard.
    national_standard_kind = models.CharField(
        _("jenis standar"), max_length=8, choices=StandardKind.choices, blank=True
    )
    national_standard_source = models.TextField(
        _("dasar / sumber standar"), blank=True, help_text=_("Mis. Permendagri 100/2018 tentang SPM.")
    )

    history = AuditedRecords()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="indicator_code_unique_per_plan"),
            models.CheckConstraint(condition=_exactly_one_of(OWNER_FIELDS), name="indicator_has_one_owner"),
            models.CheckConstraint(
                condition=Q(multiplier__isnull=True) | ~Q(multiplier=0), name="indicator_multiplier_not_zero"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def level(self):
        return next(field for field in OWNER_FIELDS if getattr(self, f"{field}_id") is not None)

    @property
    def owner_id(self):
        return getattr(self, f"{self.level}_id")

    @property
    def owner(self):
        return getattr(self, self.level)


class Target(models.Model):
    """A target per kind and year; Rencana Aksi quarter targets are kind `quarter` with quarter 1–4."""

    class Kind(models.TextChoices):
        RENSTRA = "renstra", _("Renstra")
        PK = "pk", _("Perjanjian Kinerja")
        PK_REVISED = "pk_revised", _("Perjanjian Kinerja Perubahan")
        QUARTER = "quarter", _("Rencana Aksi (triwulan)")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    kind = models.CharField(_("jenis target"), max_length=10, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), default=0, help_text=_("0 = tahunan"))
    value = FigureField(_("target"), units=PERCENT, **MEASURE)
    grade = models.CharField(_("target (huruf)"), max_length=4, blank=True)
    revision_reason = models.TextField(_("alasan perubahan"), blank=True)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("target")
        ordering = ["indicator", "kind", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "kind", "year", "quarter"], name="target_unique"),
            models.CheckConstraint(
                condition=(Q(kind="quarter") & Q(quarter__gte=1) & Q(quarter__lte=4))
                | (~Q(kind="quarter") & Q(quarter=0)),
                name="target_quarter_matches_kind",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(grade=""), name="target_value_or_grade"
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.kind} {self.year}"

    @property
    def measure(self):
        return self.grade or self.value


class Realisation(models.Model):
    """Realisasi per year (quarter 0) or per quarter (1–4). `value` wins over numerator/denominator."""

    class Status(models.TextChoices):
        FINAL = "final", _("Final")
        PROVISIONAL = "provisional", _("Sementara")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="realisations")
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), default=0, help_text=_("0 = tahunan"))
    value = FigureField(_("realisasi"), units=PERCENT, **MEASURE)
    grade = models.CharField(_("realisasi (huruf)"), max_length=4, blank=True)
    numerator = FigureField(_("pembilang"), units=RUPIAH, **MEASURE)
    denominator = FigureField(_("penyebut"), units=RUPIAH, **MEASURE)
    status = models.CharField(_("status"), max_length=11, choices=Status.choices, default=Status.FINAL)
    note = models.TextField(_("catatan"), blank=True)
    analysis = models.TextField(_("analisis"), blank=True)
    declared_capaian = models.CharField(_("capaian tercetak di dokumen"), **DECLARED)
    # The column keeps 0,10 as 0,1: the decimals the planner typed are kept beside it, since an entered value
    # is compared with numerator ÷ denominator at its own precision (SPEC §3). None: not known (older rows).
    value_places = models.PositiveSmallIntegerField(_("desimal yang diketik"), null=True, blank=True)
    # The year's unit when it is not the indicator's (a legacy document printing a count where the indicator is
    # a percentage): the series is broken there, not compared across units. Blank: the indicator's unit.
    unit = models.CharField(_("satuan tahun ini"), max_length=100, blank=True)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["indicator", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "quarter"], name="realisation_unique"),
            models.CheckConstraint(condition=Q(quarter__lte=4), name="realisation_quarter_range"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(grade=""), name="realisation_value_or_grade"
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.year} TW{self.quarter}"

    @property
    def measure(self):
        return self.grade or self.value


class PerformanceAgreement(models.Model):
    """Perjanjian Kinerja: the signed form (parties, place, date); its targets are `Target` rows of kind pk."""

    class Revision(models.TextChoices):
        ORIGINAL = "murni", _("Murni")
        REVISED = "perubahan", _("Perubahan")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="agreements")
    year = models.PositiveSmallIntegerField(_("tahun"))
    revision = models.CharField(
        _("revisi"), max_length=9, choices=Revision.choices, default=Revision.ORIGINAL
    )
    signed_on = models.CharField(
        _("tanggal tanda tangan"), max_length=10, blank=True, help_text=_("YYYY-MM-DD atau YYYY-MM")
    )
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    first_party_name = models.CharField(_("pihak pertama"), max_length=200, blank=True)
    first_party_nip = models.CharField(_("NIP pihak pertama"), max_length=40, blank=True)
    first_party_position = models.CharField(_("jabatan pihak pertama"), max_length=300, blank=True)
    second_party_name = models.CharField(_("pihak kedua"), max_length=200, blank=True)
    second_party_position = models.CharField(_("jabatan pihak kedua"), max_length=300, blank=True)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("perjanjian kinerja")
        verbose_name_plural = _("perjanjian kinerja")
        ordering = ["agency", "year", "revision"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "revision"], name="agreement_unique_per_year"),
        ]

    def __str__(self):
        return f"PK {self.year} ({self.get_revision_display()})"


class Narrative(models.Model):
    """Free text of a report section for one year (kata_pengantar, latar_belakang, penutup, ...)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="narratives")
    year = models.PositiveSmallIntegerField(_("tahun"))
    key = models.SlugField(_("bagian"), max_length=100)
    text = models.TextField(_("teks"), blank=True)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("narasi")
        verbose_name_plural = _("narasi")
        ordering = ["agency", "year", "key"]
        constraints = [models.UniqueConstraint(fields=["agency", "year", "key"], name="narrative_unique")]

    def __str__(self):
        return f"{self.year} {self.key}"


class ReportSigning(models.Model):
    """Who signs a year's LKjIP, where and when. The head who signs may differ from the PK's first party (a new
    head, an acting head: "Plt."); without a row the report prints the agency's head and "<place>, Desember N"."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="report_signings")
    year = models.PositiveSmallIntegerField(_("tahun laporan"))
    signed_on = models.DateField(_("tanggal laporan"), null=True, blank=True)
    place = models.CharField(_("tempat"), max_length=100, blank=True)
    title = models.CharField(
        _("jabatan penanda tangan"), max_length=200, blank=True, help_text=_("Misalnya: Plt. Kepala Dinas")
    )
    name = models.CharField(_("nama penanda tangan"), max_length=200, blank=True)
    nip = models.CharField(_("NIP penanda tangan"), max_length=40, blank=True)
    rank = models.CharField(_("pangkat/golongan penanda tangan"), max_length=100, blank=True)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("penanda tangan laporan")
        verbose_name_plural = _("penanda tangan laporan")
        ordering = ["agency", "year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="report_signing_unique")]

    def __str__(self):
        return f"{self.agency} {self.year}"


class ObjectiveNote(models.Model):
    """One item of a sasaran's analysis for a year, as real LKjIPs list them (analyses 5 and 7 of PermenPAN-RB
    53/2014): what drove success, the obstacles, their solutions and follow-ups, the programs that supported or
    hindered, and work done without APBD money (CSR, partners). Typed by the planner; printed in order."""

    class Kind(models.TextChoices):
        SUCCESS_FACTOR = "success", _("Faktor pendorong keberhasilan")
        OBSTACLE = "obstacle", _("Kendala / hambatan")
        SOLUTION = "solution", _("Solusi / langkah antisipatif")
        FOLLOW_UP = "follow_up", _("Rencana tindak lanjut")
        SUPPORTING_PROGRAM = "supporting", _("Program pendukung keberhasilan")
        HINDERING_PROGRAM = "hindering", _("Program penghambat")
        NON_APBD = "non_apbd", _("Kegiatan tanpa dana APBD (CSR, mitra)")

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="notes")
    year = models.PositiveSmallIntegerField(_("tahun"))
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(_("uraian"))
    # The program a supporting / hindering item is about (by reference: budgets sits above this app).
    program = models.ForeignKey(
        "budgets.Program", on_delete=models.CASCADE, null=True, blank=True, related_name="objective_notes"
    )
    # Who carried out work without APBD money (a company's CSR, a partner institution).
    partner = models.CharField(_("mitra / sumber dana"), max_length=200, blank=True)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("butir analisis sasaran")
        verbose_name_plural = _("butir analisis sasaran")
        ordering = ["objective", "year", "kind", "position", "pk"]
        indexes = [models.Index(fields=["year", "objective"], name="objective_note_year")]

    def __str__(self):
        return f"{self.objective.code} {self.year} {self.get_kind_display()}"


def evidence_path(instance, filename):
    # The stored name is random: the planner's file name is kept in `original_name`, never used as a path.
    suffix = Path(filename).suffix.lower()
    return f"bukti/{instance.indicator.plan.agency_id}/{instance.year}/{uuid.uuid4().hex}{suffix}"


class Evidence(models.Model):
    """A supporting document (bukti dukung) of a realisation: PDF, image or spreadsheet.

    Tied to the indicator, year and quarter rather than to a Realisation row, so that evidence can be
    attached before the figure is typed. Files are served only through a view that checks access.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="evidence")
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), default=0, help_text=_("0 = tahunan"))
    file = models.FileField(_("berkas"), upload_to=evidence_path, max_length=300)
    original_name = models.CharField(_("nama berkas"), max_length=255)
    content_type = models.CharField(_("jenis berkas"), max_length=100)
    size = models.PositiveBigIntegerField(_("ukuran (byte)"))
    description = models.CharField(_("keterangan"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    history = AuditedRecords()  # the metadata; the file's stored name only

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["indicator", "year", "quarter", "uploaded_at", "pk"]
        constraints = [models.CheckConstraint(condition=Q(quarter__lte=4), name="evidence_quarter_range")]

    def __str__(self):
        return self.original_name
