"""IKM/SKM community satisfaction surveys (PermenPAN-RB 14/2017): per-unsur totals per agency and year."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from indicators.models import DECLARED, Indicator


class SatisfactionSurvey(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="surveys")
    year = models.PositiveSmallIntegerField(_("tahun"))
    conducted_by = models.CharField(_("pelaksana survei"), max_length=300, blank=True)
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
        help_text=_("Indikator yang realisasinya adalah nilai IKM ini."),
    )
    declared_ikm = models.CharField(_("IKM tercetak (1–4)"), **DECLARED)
    declared_skm = models.CharField(_("SKM tercetak (25–100)"), **DECLARED)

    class Meta:
        verbose_name = _("survei kepuasan masyarakat")
        verbose_name_plural = _("survei kepuasan masyarakat")
        ordering = ["agency", "year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="survey_unique_per_year")]

    def __str__(self):
        return f"IKM {self.year}"


class SurveyElement(models.Model):
    """Unsur pelayanan: jumlah nilai (JNU) and the number of answered questionnaires."""

    survey = models.ForeignKey(SatisfactionSurvey, on_delete=models.CASCADE, related_name="elements")
    code = models.CharField(_("kode"), max_length=100)
    name = models.CharField(_("unsur"), max_length=300, blank=True)
    total = models.DecimalField(_("jumlah nilai"), max_digits=20, decimal_places=4, null=True, blank=True)
    answered = models.DecimalField(
        _("kuesioner terjawab"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("unsur IKM")
        verbose_name_plural = _("unsur IKM")
        ordering = ["survey", "position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="survey_element_code_unique"),
            models.CheckConstraint(
                condition=Q(total__isnull=True) | Q(total__gte=0), name="survey_total_gte_0"
            ),
            models.CheckConstraint(
                condition=Q(answered__isnull=True) | Q(answered__gte=0), name="survey_answered_gte_0"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"
