"""The inspectorate's AKIP evaluation (LKE PermenPAN-RB 88/2021) of each agency and year.

- `RubricVersion`: a rubric as loaded (its sakip-rubric/1 text, kept verbatim); the shipped default has no Pemda,
  a Pemda's own variant names it. An evaluation keeps the version it started with.
- `Evaluation`: one per agency and year evaluated, with its LHE letter's particulars once issued.
- `Answer`: per criterion, the agency's self-assessment (answer, note) and the evaluator's answer and note beside
  it; both with their history. The evaluator's answers make the score (`evaluation/scoring.py`); nothing derived
  (score, predicate, status, rate) is stored.
- `AnswerEvidence`: the agency's evidence for a criterion (a file or a link).
- `ComponentNote`: the evaluator's note per component, printed in the LHE.
- `Recommendation` and `FollowUp`: what the LHE recommends and what the agency did about it; the status of a
  recommendation is derived from the decisions on its follow-ups (`evaluation/followup.py`).
"""

import hashlib
import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.audit import AuditedRecords
from agencies.models import Agency, Government

from . import followup
from .rubric import Rubric, parsed_rubric


class RubricVersion(models.Model):
    """A rubric as loaded, verbatim: parsed (and checked) by `evaluation.rubric` whenever it is read."""

    government = models.ForeignKey(
        Government,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rubrics",
        help_text=_("Kosong = rubrik bawaan untuk semua Pemda."),
    )
    code = models.SlugField(_("kode"), max_length=60)
    version = models.PositiveIntegerField(_("versi"))
    title = models.CharField(_("judul"), max_length=300)
    text = models.TextField(_("isi (sakip-rubric/1)"))
    sha256 = models.CharField(max_length=64, editable=False)
    loaded_at = models.DateTimeField(_("dimuat"), auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("rubrik evaluasi")
        verbose_name_plural = _("rubrik evaluasi")
        ordering = ["code", "-version", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "code", "version"], name="rubric_version_unique_per_government"
            ),
            models.UniqueConstraint(
                fields=["code", "version"],
                condition=Q(government__isnull=True),
                name="rubric_version_unique_default",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.code} v{self.version})"

    def save(self, *args, **kwargs):
        self.sha256 = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        super().save(*args, **kwargs)

    @property
    def rubric(self) -> Rubric:
        return parsed_rubric(self.text)


class Evaluation(models.Model):
    """The AKIP evaluation of one agency for one year (the year whose accountability is evaluated)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="evaluations")
    year = models.PositiveSmallIntegerField(_("tahun yang dievaluasi"))
    rubric = models.ForeignKey(RubricVersion, on_delete=models.PROTECT, related_name="evaluations")
    # The LHE letter (Laporan Hasil Evaluasi): filled by the evaluator, printed once issued.
    letter_number = models.CharField(_("nomor surat"), max_length=100, blank=True)
    letter_date = models.DateField(_("tanggal surat"), null=True, blank=True)
    addressee = models.CharField(_("kepada (yth.)"), max_length=300, blank=True)
    signatory_name = models.CharField(_("nama penandatangan"), max_length=200, blank=True)
    signatory_title = models.CharField(_("jabatan penandatangan"), max_length=200, blank=True)
    signatory_nip = models.CharField(_("NIP penandatangan"), max_length=30, blank=True)
    copies = models.TextField(_("tembusan"), blank=True, help_text=_("Satu tembusan per baris."))
    issued_at = models.DateTimeField(_("LHE diterbitkan"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = AuditedRecords()

    class Meta:
        verbose_name = _("evaluasi AKIP")
        verbose_name_plural = _("evaluasi AKIP")
        ordering = ["agency", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="evaluation_unique_per_agency_year")
        ]

    def __str__(self):
        return f"Evaluasi AKIP {self.agency} {self.year}"

    @property
    def issued(self) -> bool:
        return self.issued_at is not None


class Answer(models.Model):
    """One criterion's answers: the agency's own and the evaluator's (a code of the criterion's answer type)."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="answers")
    criterion = models.CharField(_("kriteria"), max_length=20)
    self_answer = models.CharField(_("jawaban mandiri"), max_length=4, blank=True)
    self_note = models.TextField(_("catatan mandiri"), blank=True)
    evaluator_answer = models.CharField(_("jawaban evaluator"), max_length=4, blank=True)
    evaluator_note = models.TextField(_("catatan evaluator"), blank=True)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("jawaban LKE")
        verbose_name_plural = _("jawaban LKE")
        ordering = ["evaluation", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "criterion"], name="answer_unique_per_criterion")
        ]

    def __str__(self):
        return f"{self.evaluation} {self.criterion}"


def evaluation_file_path(instance, filename):
    # Random stored names (the original is kept in `original_name`), as for realisation evidence.
    suffix = Path(filename).suffix.lower()
    evaluation = (
        instance.evaluation if hasattr(instance, "evaluation_id") else instance.recommendation.evaluation
    )
    return f"evaluasi/{evaluation.agency_id}/{evaluation.year}/{uuid.uuid4().hex}{suffix}"


class EvidenceFile(models.Model):
    """A file or a link offered as evidence; the abstract base of the self-assessment's and follow-ups' evidence."""

    file = models.FileField(_("berkas"), upload_to=evaluation_file_path, max_length=300, blank=True)
    original_name = models.CharField(_("nama berkas"), max_length=255, blank=True)
    content_type = models.CharField(_("jenis berkas"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("ukuran (byte)"), default=0)
    link = models.URLField(_("tautan"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        abstract = True


class AnswerEvidence(EvidenceFile):
    """The agency's evidence for one criterion of its self-assessment."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.CharField(_("kriteria"), max_length=20)
    description = models.CharField(_("keterangan"), max_length=300, blank=True)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("bukti dukung LKE")
        verbose_name_plural = _("bukti dukung LKE")
        ordering = ["evaluation", "criterion", "uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(file="") | ~Q(link=""), name="answer_evidence_file_or_link")
        ]

    def __str__(self):
        return self.original_name or self.link


class ComponentNote(models.Model):
    """The evaluator's note on one component, printed under Hasil in the LHE."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="component_notes")
    component = models.CharField(_("komponen"), max_length=20)
    text = models.TextField(_("catatan"))

    history = AuditedRecords()

    class Meta:
        verbose_name = _("catatan komponen")
        verbose_name_plural = _("catatan komponen")
        ordering = ["evaluation", "component"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "component"], name="component_note_unique")
        ]

    def __str__(self):
        return f"{self.evaluation} {self.component}"


class Recommendation(models.Model):
    """A numbered recommendation of the LHE, optionally tied to one criterion."""

    class Priority(models.TextChoices):
        HIGH = "tinggi", _("Tinggi")
        MEDIUM = "sedang", _("Sedang")
        LOW = "rendah", _("Rendah")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="recommendations")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(_("rekomendasi"))
    criterion = models.CharField(_("kriteria terkait"), max_length=20, blank=True)
    priority = models.CharField(
        _("prioritas"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    target_date = models.DateField(_("target selesai"), null=True, blank=True)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("rekomendasi")
        verbose_name_plural = _("rekomendasi")
        ordering = ["evaluation", "position", "pk"]

    def __str__(self):
        return self.text[:80]

    def status(self, follow_ups=None) -> str:
        """belum / proses / selesai (`evaluation.followup`); pass the follow-ups when they are prefetched."""
        rows = self.follow_ups.all() if follow_ups is None else follow_ups
        return followup.recommendation_status(row.decision for row in rows)


class FollowUp(EvidenceFile):
    """What the agency did about a recommendation, with its evidence, and the inspectorate's decision on it."""

    class Decision(models.TextChoices):
        PENDING = followup.PENDING, _("Menunggu tanggapan")
        ACCEPTED = followup.ACCEPTED, _("Diterima")
        RETURNED = followup.RETURNED, _("Dikembalikan")

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="follow_ups")
    text = models.TextField(_("tindak lanjut"))
    decision = models.CharField(
        _("keputusan"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decision_note = models.TextField(_("catatan keputusan"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        ordering = ["recommendation", "uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="pending") | Q(decided_at__isnull=False),
                name="follow_up_decided_when_decided",
            ),
            models.CheckConstraint(
                condition=~Q(decision="returned") | ~Q(decision_note=""), name="follow_up_returned_has_note"
            ),
        ]

    def __str__(self):
        return self.text[:80]
