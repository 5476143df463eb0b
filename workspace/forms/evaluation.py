"""Forms of the LKE page: one row per criterion for the self-assessment and one for the evaluator's answers, one
per component for the evaluator's notes, the LHE's particulars, and the self-assessment's evidence (a file or a
link). The rows are `RowForm`s: saved all or nothing through `sakip.grids.grid_save`, with conflict detection."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from evaluation.models import Answer, AnswerEvidence, Evaluation
from evaluation.rubric import Component, Criterion, Rubric
from indicators.forms.realisations import EvidenceForm
from sakip.forms import PlannerDateField, RowForm

INVALID_ANSWER = _("Pilih salah satu jawaban yang tersedia. / Choose one of the offered answers.")
NOTE_WIDGET = {"rows": 2, "class": "form-control form-control-sm"}


def _length_error(limit: int) -> str:
    return f"Paling banyak {limit} karakter. / At most {limit} characters."


def _answer_field(rubric: Rubric, criterion: Criterion, label: Any) -> forms.ChoiceField:
    choices = [("", "–")] + [(o.answer, o.label) for o in rubric.options(criterion)]
    field = forms.ChoiceField(
        label=label, choices=choices, required=False, error_messages={"invalid_choice": INVALID_ANSWER}
    )
    field.widget.attrs["class"] = "form-select form-select-sm"
    return field


def stored_answer(answer: Answer | None) -> dict[str, str]:
    if answer is None:
        return {"self_answer": "", "self_note": "", "evaluator_answer": "", "evaluator_note": ""}
    return {
        "self_answer": answer.self_answer,
        "self_note": answer.self_note,
        "evaluator_answer": answer.evaluator_answer,
        "evaluator_note": answer.evaluator_note,
    }


class AnswerRow(RowForm):
    answer_name = ""
    note_name = ""

    def __init__(
        self, data: Mapping[str, Any] | None = None, *, rubric: Rubric, criterion: Criterion, **kwargs: Any
    ) -> None:
        self.criterion = criterion
        super().__init__(data, **kwargs)
        self.value_fields = (self.answer_name, self.note_name)
        self.fields[self.answer_name] = _answer_field(rubric, criterion, self.answer_label)
        self.fields[self.note_name] = forms.CharField(
            label=self.note_label, required=False, widget=forms.Textarea(attrs=NOTE_WIDGET)
        )
        self.order_fields([self.answer_name, self.note_name, "version"])

    answer_label: Any = ""
    note_label: Any = ""

    def write(self, answer: Answer) -> None:
        setattr(answer, self.answer_name, self.cleaned_data.get(self.answer_name) or "")
        setattr(answer, self.note_name, (self.cleaned_data.get(self.note_name) or "").strip())


class SelfAssessmentRow(AnswerRow):
    """The agency's own answer and note on one criterion."""

    answer_name, note_name = "self_answer", "self_note"
    answer_label, note_label = _("Jawaban mandiri"), _("Catatan mandiri")


class EvaluatorRow(AnswerRow):
    """The evaluator's answer and note on one criterion."""

    answer_name, note_name = "evaluator_answer", "evaluator_note"
    answer_label, note_label = _("Jawaban evaluator"), _("Catatan evaluator")


class ComponentNoteRow(RowForm):
    """The evaluator's note on one component (printed in the LHE); emptied, it is deleted."""

    value_fields = ("text",)
    text = forms.CharField(
        label=_("Catatan komponen"), required=False, widget=forms.Textarea(attrs=NOTE_WIDGET)
    )

    def __init__(self, data: Mapping[str, Any] | None = None, *, component: Component, **kwargs: Any) -> None:
        self.component = component
        super().__init__(data, **kwargs)


LETTER_FIELDS = (
    "letter_number",
    "letter_date",
    "addressee",
    "signatory_name",
    "signatory_title",
    "signatory_nip",
    "copies",
)


def stored_letter(evaluation: Evaluation) -> dict[str, Any]:
    return {name: getattr(evaluation, name) for name in LETTER_FIELDS}


def _text_field(name: str, **kwargs: Any) -> forms.CharField:
    model_field = Evaluation._meta.get_field(name)
    limit = getattr(model_field, "max_length", None)
    return forms.CharField(
        label=capfirst(getattr(model_field, "verbose_name", name)),
        required=False,
        max_length=limit,
        error_messages={"max_length": _length_error(limit)} if limit else {},
        **kwargs,
    )


class LetterForm(RowForm):
    """The LHE letter's particulars: number, date ("3 Januari 2022"), addressee, signatory, copies."""

    value_fields = LETTER_FIELDS
    letter_number = _text_field("letter_number", widget=forms.TextInput(attrs={"class": "form-control"}))
    letter_date = PlannerDateField(label=_("Tanggal surat"), required=False)
    addressee = _text_field("addressee", widget=forms.TextInput(attrs={"class": "form-control"}))
    signatory_name = _text_field("signatory_name", widget=forms.TextInput(attrs={"class": "form-control"}))
    signatory_title = _text_field("signatory_title", widget=forms.TextInput(attrs={"class": "form-control"}))
    signatory_nip = _text_field("signatory_nip", widget=forms.TextInput(attrs={"class": "form-control"}))
    copies = _text_field("copies", widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}))

    def write(self, evaluation: Evaluation) -> None:
        for name in LETTER_FIELDS:
            value = self.cleaned_data.get(name)
            setattr(evaluation, name, value.strip() if isinstance(value, str) else value)


class AnswerEvidenceForm(EvidenceForm):
    """Evidence of one criterion of the self-assessment: files (checked as the realisations' evidence is, by
    `indicators.evidence`) or a link, or both."""

    criterion = forms.CharField(widget=forms.HiddenInput)
    link = forms.URLField(
        label=_("Tautan"),
        required=False,
        max_length=AnswerEvidence._meta.get_field("link").max_length,
        assume_scheme="https",
        error_messages={"invalid": _("Tautan tidak valid. / Not a valid link.")},
    )

    def __init__(self, *args: Any, criteria: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.fields["file"].required = False

    def clean_criterion(self) -> str:
        code = self.cleaned_data["criterion"]
        if code not in self.criteria:
            raise forms.ValidationError(_("Kriteria tidak dikenal. / Unknown criterion."), code="criterion")
        return code

    def clean_file(self):
        self.cleaned_data["file"] = [upload for upload in self.cleaned_data.get("file") or [] if upload]
        return super().clean_file()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("file") and not data.get("link"):
            raise forms.ValidationError(
                _("Unggah berkas atau isi tautan. / Upload a file or give a link."), code="empty"
            )
        return data
