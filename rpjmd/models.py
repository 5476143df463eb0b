"""The RPJMD: the Pemda's own five-year plan (visi, misi, tujuan, sasaran), its key indicators (IKU Pemda) with
their targets and realisations, and the kepala daerah's Perjanjian Kinerja.

Figures are `Decimal` (`FigureField`); derived figures (capaian, predicate, a sasaran's mean) are never stored:
`rpjmd/figures.py` computes them. An IKU's realisation is typed here, or taken from an agency's indicator
(`source_indicator`) as that agency's report computes it (`reports/pemda/rpjmd.py`).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from agencies.audit import AuditedRecords
from agencies.models import Agency, Government
from indicators.models import MEASURE, Indicator
from sakip.fields import FigureField
from sakip.numbers import PERCENT

MAX_PLAN_YEARS = 10


class RegionalPlanQuerySet(models.QuerySet):
    def covering(self, year: int):
        """Plans whose period covers the year, the most recent first."""
        return self.filter(start_year__lte=year, end_year__gte=year).order_by("-start_year", "-pk")


class RegionalPlan(models.Model):
    """RPJMD: the Pemda's five-year plan (possibly revised: "Perubahan")."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="regional_plans")
    start_year = models.PositiveSmallIntegerField(_("tahun awal"))
    end_year = models.PositiveSmallIntegerField(_("tahun akhir"))
    revision = models.CharField(_("revisi"), max_length=100, blank=True)
    vision = models.TextField(_("visi"), blank=True)
    head_name = models.CharField(_("nama kepala daerah"), max_length=200, blank=True)

    objects = RegionalPlanQuerySet.as_manager()

    history = AuditedRecords()

    class Meta:
        verbose_name = _("RPJMD")
        verbose_name_plural = _("RPJMD")
        ordering = ["government", "-start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")), name="regional_plan_years_ordered"
            ),
            models.UniqueConstraint(
                fields=["government", "start_year", "end_year", "revision"],
                name="regional_plan_unique_per_period_revision",
            ),
        ]

    def __str__(self):
        label = f"RPJMD {self.start_year}–{self.end_year}"
        return f"{label} ({self.revision})" if self.revision else label

    @property
    def years(self):
        return range(self.start_year, self.end_year + 1)


class RegionalMission(models.Model):
    """Misi of the RPJMD."""

    plan = models.ForeignKey(RegionalPlan, on_delete=models.CASCADE, related_name="missions")
    position = models.PositiveIntegerField(default=0)
    statement = models.TextField(_("misi"))

    history = AuditedRecords()

    class Meta:
        verbose_name = _("misi RPJMD")
        verbose_name_plural = _("misi RPJMD")
        ordering = ["plan", "position", "pk"]

    def __str__(self):
        return self.statement[:80]


class RegionalGoal(models.Model):
    """Tujuan of the RPJMD, under the misi it serves when the RPJMD says so."""

    plan = models.ForeignKey(RegionalPlan, on_delete=models.CASCADE, related_name="goals")
    mission = models.ForeignKey(
        RegionalMission,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("misi"),
    )
    code = models.CharField(_("kode"), max_length=100)
    statement = models.TextField(_("tujuan"))
    position = models.PositiveIntegerField(default=0)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("tujuan RPJMD")
        verbose_name_plural = _("tujuan RPJMD")
        ordering = ["plan", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="regional_goal_code_unique_per_plan")
        ]

    def __str__(self):
        return f"{self.code} {self.statement}"


class RegionalObjective(models.Model):
    """Sasaran of the RPJMD. `plan` repeats the goal's plan so that codes are unique across the whole plan."""

    plan = models.ForeignKey(RegionalPlan, on_delete=models.CASCADE, related_name="objectives")
    goal = models.ForeignKey(RegionalGoal, on_delete=models.CASCADE, related_name="objectives")
    code = models.CharField(_("kode"), max_length=100)
    statement = models.TextField(_("sasaran"))
    position = models.PositiveIntegerField(default=0)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("sasaran RPJMD")
        verbose_name_plural = _("sasaran RPJMD")
        ordering = ["plan", "goal__position", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="regional_objective_code_unique_per_plan")
        ]

    def __str__(self):
        return f"{self.code} {self.statement}"

    def clean(self):
        if self.goal_id and self.plan_id and self.goal.plan_id != self.plan_id:
            raise ValidationError(
                _("Tujuan harus dari RPJMD yang sama. / The tujuan must belong to the same RPJMD.")
            )


class RegionalIndicator(models.Model):
    """Indikator Kinerja Utama (IKU) Pemda of an RPJMD sasaran."""

    class Kind(models.TextChoices):
        # The values `indicators.achievement` knows (Indicator.Kind's), so capaian is computed the same way.
        NUMBER = Indicator.Kind.NUMBER.value, _("Jumlah")
        PERCENT = Indicator.Kind.PERCENT.value, _("Persen")

    Polarity = Indicator.Polarity

    plan = models.ForeignKey(RegionalPlan, on_delete=models.CASCADE, related_name="indicators")
    objective = models.ForeignKey(RegionalObjective, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveIntegerField(default=0)
    code = models.CharField(_("kode"), max_length=100)
    name = models.TextField(_("nama indikator"))
    formula = models.TextField(_("formulasi"), blank=True)
    unit = models.CharField(_("satuan"), max_length=100, blank=True)
    polarity = models.CharField(
        _("polaritas"), max_length=6, choices=Indicator.Polarity.choices, default=Indicator.Polarity.HIGHER
    )
    kind = models.CharField(_("jenis nilai"), max_length=10, choices=Kind.choices, default=Kind.NUMBER)
    baseline_year = models.PositiveSmallIntegerField(_("tahun kondisi awal"), null=True, blank=True)
    baseline_value = FigureField(_("kondisi awal"), units=PERCENT, **MEASURE)
    final_target = FigureField(_("target akhir RPJMD"), units=PERCENT, **MEASURE)
    data_source = models.TextField(_("sumber data"), blank=True)
    agencies = models.ManyToManyField(
        Agency,
        blank=True,
        related_name="regional_indicators",
        verbose_name=_("perangkat daerah penanggung jawab"),
    )
    source_indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="regional_indicators",
        verbose_name=_("realisasi diambil dari indikator perangkat daerah"),
    )

    history = AuditedRecords(m2m_fields=[agencies])

    class Meta:
        verbose_name = _("IKU Pemda")
        verbose_name_plural = _("IKU Pemda")
        ordering = ["plan", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="regional_indicator_code_unique_per_plan"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


class RegionalTarget(models.Model):
    """An IKU Pemda's target of a year: as the RPJMD sets it, or as the kepala daerah's PK signs it."""

    class Kind(models.TextChoices):
        RPJMD = "rpjmd", _("RPJMD")
        PK = "pk", _("Perjanjian Kinerja kepala daerah")

    indicator = models.ForeignKey(RegionalIndicator, on_delete=models.CASCADE, related_name="targets")
    kind = models.CharField(_("jenis target"), max_length=5, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("tahun"))
    value = FigureField(_("target"), units=PERCENT, max_digits=20, decimal_places=4)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("target IKU Pemda")
        verbose_name_plural = _("target IKU Pemda")
        ordering = ["indicator", "kind", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "kind", "year"], name="regional_target_unique"),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.kind} {self.year}"

    def save(self, *args, **kwargs):
        # Every path (forms, grids, the dataset import) meets the rule: no figure outside the plan's period.
        self.clean()
        super().save(*args, **kwargs)

    def clean(self):
        _inside_plan(self.indicator.plan if self.indicator_id else None, self.year)


class RegionalRealisation(models.Model):
    """An IKU Pemda's realisation of a year, typed by the Pemda (an IKU with a source indicator takes its own
    from the agency instead)."""

    indicator = models.ForeignKey(RegionalIndicator, on_delete=models.CASCADE, related_name="realisations")
    year = models.PositiveSmallIntegerField(_("tahun"))
    value = FigureField(_("realisasi"), units=PERCENT, max_digits=20, decimal_places=4)
    note = models.TextField(_("catatan"), blank=True)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("realisasi IKU Pemda")
        verbose_name_plural = _("realisasi IKU Pemda")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="regional_realisation_unique"),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.year}"

    def save(self, *args, **kwargs):
        # Every path (forms, grids, the dataset import) meets the rule: no figure outside the plan's period.
        self.clean()
        super().save(*args, **kwargs)

    def clean(self):
        _inside_plan(self.indicator.plan if self.indicator_id else None, self.year)


class HeadAgreement(models.Model):
    """The kepala daerah's Perjanjian Kinerja of a year: its targets are `RegionalTarget` rows of kind pk."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="head_agreements")
    year = models.PositiveSmallIntegerField(_("tahun"))
    signed_on = models.DateField(_("tanggal tanda tangan"), null=True, blank=True)
    signatory = models.CharField(_("penanda tangan"), max_length=200, blank=True)
    place = models.CharField(_("tempat"), max_length=200, blank=True)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("perjanjian kinerja kepala daerah")
        verbose_name_plural = _("perjanjian kinerja kepala daerah")
        ordering = ["government", "year"]
        constraints = [
            models.UniqueConstraint(fields=["government", "year"], name="head_agreement_unique_per_year"),
        ]

    def __str__(self):
        return f"PK {self.government} {self.year}"


def _inside_plan(plan: RegionalPlan | None, year: int | None) -> None:
    if plan is None or year is None:
        return
    if not plan.start_year <= year <= plan.end_year:
        raise ValidationError(
            _(
                "Tahun %(year)s di luar periode RPJMD %(start)s–%(end)s. / "
                "The year %(year)s is outside the RPJMD period %(start)s–%(end)s."
            ),
            code="year_outside_plan",
            params={"year": year, "start": plan.start_year, "end": plan.end_year},
        )
