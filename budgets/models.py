"""Budget structure (Permendagri 90/2019): program → kegiatan → sub kegiatan, and budget lines per year.

An activity with sub-activities has no budget of its own: its figures are the roll-up of its sub-activities
(`budgets/totals.py`); a line on it may carry only the figures a legacy document printed (`declared_*`).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.audit import AuditedRecords
from agencies.models import Agency, OrgUnit
from indicators.models import DECLARED, Objective, StrategicPlan
from sakip.fields import FigureField
from sakip.numbers import PERCENT, RUPIAH

# Rupiah: never negative (a pagu or spending below zero means nothing; MoneyField says so).
MONEY = {"max_digits": 18, "decimal_places": 2, "null": True, "blank": True, "units": RUPIAH, "minimum": 0}
MONEY_FIELDS = (
    "ceiling_original",
    "ceiling_rationalised",
    "ceiling_revised",
    "ceiling_plan",
    "spent",
    "spent_q1",
    "spent_q2",
    "spent_q3",
    "spent_q4",
    "planned_q1",
    "planned_q2",
    "planned_q3",
    "planned_q4",
)
PERCENT_FIELDS = ("physical_progress", "physical_q1", "physical_q2", "physical_q3", "physical_q4")
# A cumulative percentage of work done (realisasi fisik): 0 to 100.
PHYSICAL = {
    "max_digits": 9,
    "decimal_places": 4,
    "null": True,
    "blank": True,
    "units": PERCENT,
    "minimum": 0,
}


class Program(models.Model):
    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="programs")
    code = models.CharField(_("kode"), max_length=100)
    name = models.TextField(_("program"))
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="programs", verbose_name=_("sasaran")
    )
    position = models.PositiveIntegerField(default=0)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="program_code_unique_per_plan")]

    def __str__(self):
        return f"{self.code} {self.name}"


class Activity(models.Model):
    """Kegiatan."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="activities")
    code = models.CharField(_("kode"), max_length=100)
    name = models.TextField(_("kegiatan"))
    responsible_unit = models.ForeignKey(
        OrgUnit, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities"
    )
    position = models.PositiveIntegerField(default=0)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        ordering = ["program", "position"]
        constraints = [models.UniqueConstraint(fields=["program", "code"], name="activity_code_unique")]

    def __str__(self):
        return f"{self.code} {self.name}"


class SubActivity(models.Model):
    """Sub kegiatan."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="sub_activities")
    code = models.CharField(_("kode"), max_length=100)
    name = models.TextField(_("sub kegiatan"))
    position = models.PositiveIntegerField(default=0)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("sub kegiatan")
        verbose_name_plural = _("sub kegiatan")
        ordering = ["activity", "position"]
        constraints = [models.UniqueConstraint(fields=["activity", "code"], name="subactivity_code_unique")]

    def __str__(self):
        return f"{self.code} {self.name}"


def _non_negative(*fields):
    return [
        models.CheckConstraint(
            condition=Q(**{f"{f}__isnull": True}) | Q(**{f"{f}__gte": 0}), name=f"budget_{f}_gte_0"
        )
        for f in fields
    ]


class BudgetLine(models.Model):
    """Pagu and realisasi of one activity or sub-activity for one year."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, null=True, blank=True, related_name="budget_lines"
    )
    sub_activity = models.ForeignKey(
        SubActivity, on_delete=models.CASCADE, null=True, blank=True, related_name="budget_lines"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    ceiling_original = FigureField(_("pagu murni"), **MONEY)
    ceiling_rationalised = FigureField(_("pagu rasionalisasi"), **MONEY)
    ceiling_revised = FigureField(_("pagu perubahan"), **MONEY)
    ceiling_plan = FigureField(_("pagu indikatif Renstra"), **MONEY)
    spent = FigureField(_("realisasi anggaran"), **MONEY)
    spent_q1 = FigureField(_("realisasi TW I"), **MONEY)
    spent_q2 = FigureField(_("realisasi TW II"), **MONEY)
    spent_q3 = FigureField(_("realisasi TW III"), **MONEY)
    spent_q4 = FigureField(_("realisasi TW IV"), **MONEY)
    physical_progress = FigureField(_("realisasi fisik (%)"), **PHYSICAL)
    # Anggaran kas: the amount planned to be spent in each quarter (not cumulative, like spent_q*).
    planned_q1 = FigureField(_("anggaran kas TW I"), **MONEY)
    planned_q2 = FigureField(_("anggaran kas TW II"), **MONEY)
    planned_q3 = FigureField(_("anggaran kas TW III"), **MONEY)
    planned_q4 = FigureField(_("anggaran kas TW IV"), **MONEY)
    # Physical progress at the end of each quarter, cumulative (a share of the whole year's work).
    physical_q1 = FigureField(_("realisasi fisik TW I (%)"), **PHYSICAL)
    physical_q2 = FigureField(_("realisasi fisik TW II (%)"), **PHYSICAL)
    physical_q3 = FigureField(_("realisasi fisik TW III (%)"), **PHYSICAL)
    physical_q4 = FigureField(_("realisasi fisik TW IV (%)"), **PHYSICAL)
    declared_ceiling = models.CharField(_("pagu tercetak"), **DECLARED)
    declared_spent = models.CharField(_("realisasi tercetak"), **DECLARED)
    declared_absorption = models.CharField(_("serapan tercetak (%)"), **DECLARED)
    declared_remaining = models.CharField(_("sisa tercetak"), **DECLARED)
    declared_remaining_pct = models.CharField(_("sisa tercetak (%)"), **DECLARED)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("baris anggaran")
        verbose_name_plural = _("baris anggaran")
        ordering = ["year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(activity__isnull=False, sub_activity__isnull=True)
                | Q(activity__isnull=True, sub_activity__isnull=False),
                name="budget_line_has_one_owner",
            ),
            models.UniqueConstraint(
                fields=["activity", "year"],
                condition=Q(activity__isnull=False),
                name="budget_activity_year_unique",
            ),
            models.UniqueConstraint(
                fields=["sub_activity", "year"],
                condition=Q(sub_activity__isnull=False),
                name="budget_subactivity_year_unique",
            ),
            *_non_negative(*MONEY_FIELDS, *PERCENT_FIELDS),
        ]

    def __str__(self):
        owner = self.sub_activity or self.activity
        return f"{owner.code if owner else '?'} {self.year}"

    @property
    def spent_quarters(self):
        return [self.spent_q1, self.spent_q2, self.spent_q3, self.spent_q4]

    @property
    def planned_quarters(self):
        return [self.planned_q1, self.planned_q2, self.planned_q3, self.planned_q4]

    @property
    def physical_quarters(self):
        return [self.physical_q1, self.physical_q2, self.physical_q3, self.physical_q4]


class Expenditure(models.Model):
    """One part of the agency's whole budget (belanja OPD) for a year, as the APBD/DPA gives it: total belanja,
    belanja operasi and its parts (pegawai, barang dan jasa), belanja modal; for years before Permendagri
    90/2019 belanja tidak langsung and belanja langsung. A part left out is unknown, not zero; a part's figures
    are checked against the sum of its parts (`budgets/spending.py`)."""

    class Part(models.TextChoices):
        TOTAL = "total", _("Total belanja")
        OPERATING = "operating", _("Belanja operasi")
        PERSONNEL = "personnel", _("Belanja pegawai")
        GOODS = "goods", _("Belanja barang dan jasa")
        CAPITAL = "capital", _("Belanja modal")
        INDIRECT = "indirect", _("Belanja tidak langsung")
        DIRECT = "direct", _("Belanja langsung")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="expenditures")
    year = models.PositiveSmallIntegerField(_("tahun"))
    part = models.CharField(_("jenis belanja"), max_length=20, choices=Part.choices)
    ceiling_original = FigureField(_("pagu murni"), **MONEY)
    ceiling_rationalised = FigureField(_("pagu rasionalisasi"), **MONEY)
    ceiling_revised = FigureField(_("pagu perubahan"), **MONEY)
    spent = FigureField(_("realisasi anggaran"), **MONEY)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("belanja OPD")
        verbose_name_plural = _("belanja OPD")
        ordering = ["agency", "year", "part"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "part"], name="expenditure_part_unique"),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{f}__isnull": True}) | Q(**{f"{f}__gte": 0}),
                    name=f"expenditure_{f}_gte_0",
                )
                for f in ("ceiling_original", "ceiling_rationalised", "ceiling_revised", "spent")
            ),
        ]

    def __str__(self):
        return f"{self.agency} {self.year} {self.get_part_display()}"


class SpendingGroup(models.Model):
    """A realisation declared for several programs together (e.g. "program penunjang" reported as one sum) when
    the per-program figures are not known: the whole budget's realisation is then still known."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="spending_groups")
    year = models.PositiveSmallIntegerField(_("tahun"))
    label = models.CharField(_("keterangan"), max_length=200)
    spent = FigureField(_("realisasi gabungan"), **MONEY)
    position = models.PositiveIntegerField(default=0)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("realisasi gabungan program")
        verbose_name_plural = _("realisasi gabungan program")
        ordering = ["agency", "year", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(spent__isnull=True) | Q(spent__gte=0), name="spending_group_spent_gte_0"
            )
        ]

    def __str__(self):
        return f"{self.year} {self.label}"


class SpendingGroupMember(models.Model):
    """One program of a `SpendingGroup` (a program belongs to at most one group a year)."""

    group = models.ForeignKey(SpendingGroup, on_delete=models.CASCADE, related_name="members")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="spending_groups")

    history = AuditedRecords()

    class Meta:
        verbose_name = _("program realisasi gabungan")
        verbose_name_plural = _("program realisasi gabungan")
        constraints = [
            models.UniqueConstraint(fields=["group", "program"], name="spending_group_member_unique")
        ]

    def __str__(self):
        return f"{self.group} {self.program.code}"
