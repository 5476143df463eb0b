"""Forms of the LHE's recommendations (the evaluator's) and of the agency's follow-ups and their decisions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from evaluation.models import FollowUp, Recommendation
from evaluation.rubric import Rubric
from indicators.forms.realisations import checked_evidence_upload
from sakip.forms import PlannerDateField

CRITERION_LABEL_CHARS = 90


def criterion_label(rubric: Rubric, code: str) -> str:
    """ "1.a.3 Dokumen Renstra telah …": the code and the start of the criterion's text (the code alone when the
    rubric no longer has it)."""
    criterion = rubric.criterion(code)
    if criterion is None:
        return code
    return f"{code} {Truncator(criterion.text).chars(CRITERION_LABEL_CHARS)}"


class RecommendationForm(forms.ModelForm):
    """A recommendation of the LHE: its text, the criterion it follows from (one of the evaluation's rubric's),
    priority and target date ("3 Januari 2022")."""

    criterion = forms.ChoiceField(
        label=_("Kriteria terkait"),
        required=False,
        error_messages={
            "invalid_choice": "%(value)s bukan kode kriteria rubrik evaluasi ini. / "
            "%(value)s is not a criterion code of this evaluation's rubric."
        },
    )
    target_date = PlannerDateField(label=_("Target selesai"), required=False)

    class Meta:
        model = Recommendation
        fields = ["text", "criterion", "priority", "target_date"]
        labels = {"text": _("Rekomendasi"), "priority": _("Prioritas rekomendasi")}
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "text": {"required": "Tulis rekomendasinya. / Write the recommendation."},
            "priority": {
                "required": "Pilih prioritasnya. / Choose a priority.",
                "invalid_choice": "Prioritas %(value)s tidak dikenal; pilih tinggi, sedang atau rendah. / "
                "Unknown priority %(value)s; choose tinggi, sedang or rendah.",
            },
        }

    def __init__(self, *args: Any, rubric: Rubric, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, str]] = [("", str(_("— tidak terkait kriteria tertentu —")))]
        choices += [(c.code, criterion_label(rubric, c.code)) for c in rubric.criteria]
        criterion = self.fields["criterion"]
        assert isinstance(criterion, forms.ChoiceField)
        criterion.choices = choices

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("Tulis rekomendasinya. / Write the recommendation.", code="required")
        return text


class FollowUpForm(forms.Form):
    """What the agency did, with its evidence: a file (checked as the realisations' evidence is: size, type and
    content) or a link."""

    text = forms.CharField(
        label=_("Tindak lanjut"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Tulis tindak lanjutnya. / Describe the follow-up."},
    )
    file = forms.FileField(
        label=_("Berkas bukti"),
        required=False,
        help_text=_("PDF, gambar (PNG/JPEG) atau lembar kerja (XLSX/XLS/CSV/ODS)."),
    )
    link = forms.URLField(
        label=_("atau tautan bukti"),
        required=False,
        max_length=FollowUp._meta.get_field("link").max_length,
        assume_scheme="https",
        error_messages={"invalid": "Tautan tidak valid. / Enter a valid link (URL)."},
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("Tulis tindak lanjutnya. / Describe the follow-up.", code="required")
        return text

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if not upload:
            return upload
        return checked_evidence_upload(upload)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not cleaned.get("file") and not cleaned.get("link"):
            raise forms.ValidationError(
                "Lampirkan berkas bukti atau tautannya. / Attach an evidence file or a link to it.",
                code="no_evidence",
            )
        return cleaned


class DecisionForm(forms.Form):
    """The inspectorate's answer to a follow-up: accepted, or returned with a note saying what is missing."""

    decision = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[
            (FollowUp.Decision.ACCEPTED, _("Terima (selesai)")),
            (FollowUp.Decision.RETURNED, _("Kembalikan dengan catatan")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Pilih: terima atau kembalikan. / Choose: accept or return.",
            "invalid_choice": "Pilih: terima atau kembalikan. / Choose: accept or return.",
        },
    )
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["note"] = (cleaned.get("note") or "").strip()
        if cleaned.get("decision") == FollowUp.Decision.RETURNED and not cleaned["note"]:
            self.add_error(
                "note",
                forms.ValidationError(
                    "Tulis catatan mengapa tindak lanjut dikembalikan. / "
                    "A returned follow-up needs a note saying why.",
                    code="required",
                ),
            )
        return cleaned
