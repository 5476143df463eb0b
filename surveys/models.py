"""IKM/SKM community satisfaction surveys (PermenPAN-RB 14/2017): per-unsur totals per agency and year."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from indicators.models import DECLARED, Indicator
from sakip.fields import FigureField
from sakip.numbers import NO_UNIT


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


# A survey's totals: plain counts and sums of scores, never negative, no unit.
SURVEY_COUNT = {
    "max_digits": 20,
    "decimal_places": 4,
    "null": True,
    "blank": True,
    "units": NO_UNIT,
    "minimum": 0,
}


class SurveyElement(models.Model):
    """Unsur pelayanan: jumlah nilai (JNU) and the number of answered questionnaires."""

    survey = models.ForeignKey(SatisfactionSurvey, on_delete=models.CASCADE, related_name="elements")
    code = models.CharField(_("kode"), max_length=100)
    name = models.CharField(_("unsur"), max_length=300, blank=True)
    total = FigureField(_("jumlah nilai"), **SURVEY_COUNT)
    answered = FigureField(_("kuesioner terjawab"), **SURVEY_COUNT)
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


#: The score fields of a questionnaire, one per standard unsur (U1..U9 of PermenPAN-RB 14/2017).
SCORE_FIELDS = tuple(f"u{k}" for k in range(1, 10))


def _score_field(k: int):
    return models.PositiveSmallIntegerField(f"U{k}")


class SurveyResponse(models.Model):
    """One filled-in questionnaire: the respondent's profile and a score of 1–4 for each of the 9 unsur.

    When a survey has responses, its SurveyElement totals and answered counts are derived from them by
    `surveys.responses.survey_totals_refresh` (in the same transaction as every change of the responses), so
    the report engine keeps reading SurveyElement only. Nine columns rather than a score table: one row per
    respondent, and every total is one aggregate query.
    """

    survey = models.ForeignKey(SatisfactionSurvey, on_delete=models.CASCADE, related_name="responses")
    number = models.PositiveIntegerField(_("nomor responden"))
    gender = models.CharField(_("jenis kelamin"), max_length=100, blank=True)
    age_group = models.CharField(_("umur"), max_length=100, blank=True)
    education = models.CharField(_("pendidikan"), max_length=100, blank=True)
    occupation = models.CharField(_("pekerjaan"), max_length=100, blank=True)
    service = models.CharField(_("layanan"), max_length=300, blank=True)
    u1 = _score_field(1)
    u2 = _score_field(2)
    u3 = _score_field(3)
    u4 = _score_field(4)
    u5 = _score_field(5)
    u6 = _score_field(6)
    u7 = _score_field(7)
    u8 = _score_field(8)
    u9 = _score_field(9)

    class Meta:
        verbose_name = _("respons survei")
        verbose_name_plural = _("respons survei")
        ordering = ["survey", "number"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "number"], name="survey_response_number_unique"),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 4}), name=f"survey_response_{name}_1_4"
                )
                for name in SCORE_FIELDS
            ),
        ]

    def __str__(self):
        return f"{self.survey} #{self.number}"

    @property
    def scores(self) -> tuple[int, ...]:
        return tuple(getattr(self, name) for name in SCORE_FIELDS)
