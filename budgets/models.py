"""Budget structure (Permendagri 90/2019): program → kegiatan → sub kegiatan, and budget lines per year.

An activity with sub-activities has no budget of its own: its figures are the roll-up of its sub-activities
(`budgets/totals.py`); a line on it may carry only the figures a legacy document printed (`declared_*`).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.audit import AuditedRecords
from agencies.models import OrgUnit
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
)


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
    physical_progress = FigureField(
        _("realisasi fisik (%)"),
        max_digits=9,
        decimal_places=4,
        null=True,
        blank=True,
        units=PERCENT,
        minimum=0,
    )
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
            *_non_negative(*MONEY_FIELDS, "physical_progress"),
        ]

    def __str__(self):
        owner = self.sub_activity or self.activity
        return f"{owner.code if owner else '?'} {self.year}"

    @property
    def spent_quarters(self):
        return [self.spent_q1, self.spent_q2, self.spent_q3, self.spent_q4]
