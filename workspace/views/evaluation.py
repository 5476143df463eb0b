"""The LKE page of an agency's year (PermenPAN-RB 88/2021): the rubric's criteria with the agency's self-assessment
and evidence, the evaluator's answers beside them, the app's suggestions, logic-frame warnings and scores; the LHE's
particulars; issuing and reopening the LHE; each criterion's history; the evidence files.

Who writes what is decided here (`agency_view(review=True)`), not by the year's review lock: the evaluated year is
usually approved and locked by the time the inspectorate evaluates it. The agency's planners (`may_self_assess`)
write the self-assessment and its evidence; the inspectorate (`may_evaluate`) its answers, notes and the LHE's
particulars; everyone else reads (403 on a write). An issued evaluation is frozen (`writable_message`): every
write is refused with a 403 page that says so, until the inspectorate reopens it.

The evaluator's answers, notes, score, component notes and letter are not rendered at all for the agency until
the LHE is issued (`sees_evaluator_work`), nor are the app's suggestions (they are the evaluator's tool).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from agencies.writes import serialised_writes
from evaluation.models import Answer, AnswerEvidence, ComponentNote, Evaluation
from evaluation.rubric import Rubric
from evaluation.scoring import Score, logic_warnings, score
from evaluation.services import (
    answers_of,
    current_rubric,
    evaluation_for,
    evaluator_answers,
    self_answers,
    writable_message,
)
from reports.evaluation import facts
from sakip.forms import RowForm
from sakip.grids import grid_messages, grid_save
from sakip.numbers import format_number
from workspace.access import agency_view, locked_response, may_evaluate, may_self_assess, sees_evaluator_work
from workspace.forms.evaluation import (
    AnswerEvidenceForm,
    AnswerRow,
    ComponentNoteRow,
    EvaluatorRow,
    LetterForm,
    SelfAssessmentRow,
    stored_answer,
    stored_letter,
)
from workspace.history.entries import (
    Entry,
    FieldSpec,
    Version,
    change_entry,
    previous_versions,
    via_label,
    when_label,
    who_label,
)
from workspace.shell import workspace_context

# The years an evaluation may be kept for (the column is a small integer; no AKIP evaluation predates SAKIP).
FIRST_YEAR, LAST_YEAR = 2000, 2100
SELF_FORM, EVALUATOR_FORM = "lke-self", "lke-evaluator"
READ_ONLY = "Anda hanya dapat membaca evaluasi ini. / You may only read this evaluation."


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("Tahun tidak dikenal / unknown year")


def _evaluation(agency, year: int, *, create: bool) -> Evaluation:
    """The agency's evaluation of the year; on a GET before anyone wrote, an unsaved one (a page view stores
    nothing) with the rubric the Pemda would start it with."""
    evaluation = evaluation_for(agency, year, create=create)
    if evaluation is None:
        evaluation = Evaluation(agency=agency, year=year, rubric=current_rubric(agency.government))
    return evaluation


def _score_text(value) -> str:
    return format_number(value, 2)


def _tie_to(rows: Sequence[RowForm], form_id: str) -> None:
    """The inputs sit in the criteria table, outside their <form>: the `form` attribute ties them to it."""
    for row in rows:
        for field in row.fields.values():
            field.widget.attrs["form"] = form_id


class _Page:
    """Everything the LKE page shows, read in a fixed number of queries whatever the number of answers."""

    def __init__(self, request, agency, evaluation: Evaluation, *, data=None, part: str | None = None):
        user = request.user
        self.agency, self.evaluation = agency, evaluation
        self.rubric: Rubric = evaluation.rubric.rubric
        self.frozen = writable_message(evaluation)
        self.self_assesses = may_self_assess(user, agency)
        self.evaluates = may_evaluate(user, agency)
        self.sees = sees_evaluator_work(user, agency, evaluation.issued)
        stored = evaluation.pk is not None
        self.answers: dict[str, Answer] = answers_of(evaluation) if stored else {}
        evidence = (
            AnswerEvidence.objects.filter(evaluation=evaluation).select_related("uploaded_by")
            if stored
            else []
        )
        self.evidence: dict[str, list[AnswerEvidence]] = {}
        for item in evidence:
            self.evidence.setdefault(item.criterion, []).append(item)
        notes = list(ComponentNote.objects.filter(evaluation=evaluation)) if stored and self.sees else []
        self.notes = {note.component: note for note in notes}

        self.self_rows: dict[str, SelfAssessmentRow] = {}
        self.evaluator_rows: dict[str, EvaluatorRow] = {}
        self.note_rows: dict[str, ComponentNoteRow] = {}
        self.letter: LetterForm | None = None
        if self.self_assesses and not self.frozen:
            self.self_rows = {
                c.code: SelfAssessmentRow(
                    data if part == "self" else None,
                    rubric=self.rubric,
                    criterion=c,
                    stored=stored_answer(self.answers.get(c.code)),
                    prefix=f"s-{c.code}",
                )
                for c in self.rubric.criteria
            }
            _tie_to(list(self.self_rows.values()), SELF_FORM)
        if self.evaluates and not self.frozen:
            bound = data if part == "evaluator" else None
            self.evaluator_rows = {
                c.code: EvaluatorRow(
                    bound,
                    rubric=self.rubric,
                    criterion=c,
                    stored=stored_answer(self.answers.get(c.code)),
                    prefix=f"e-{c.code}",
                )
                for c in self.rubric.criteria
            }
            self.note_rows = {
                component.code: ComponentNoteRow(
                    bound,
                    component=component,
                    stored={"text": getattr(self.notes.get(component.code), "text", "")},
                    prefix=f"n-{component.code}",
                )
                for component in self.rubric.components
            }
            self.letter = LetterForm(bound, stored=stored_letter(evaluation), prefix="lhe")
            _tie_to([*self.evaluator_rows.values(), *self.note_rows.values(), self.letter], EVALUATOR_FORM)
        # The app's suggestions are the evaluator's tool: gathered only for the evaluator.
        self.suggestions = facts.evaluation_suggestions(agency, evaluation.year) if self.evaluates else {}

    @property
    def may_write(self) -> bool:
        return self.self_assesses or self.evaluates

    # --- saving -------------------------------------------------------------------------------------------
    def evaluator_forms(self) -> list[RowForm]:
        forms: list[RowForm] = [*self.evaluator_rows.values(), *self.note_rows.values()]
        return [*forms, self.letter] if self.letter is not None else forms

    def write(self, row: RowForm) -> None:
        evaluation = self.evaluation
        if isinstance(row, AnswerRow):
            code = row.criterion.code
            answer = self.answers.get(code) or Answer(evaluation=evaluation, criterion=code)
            row.write(answer)
            answer.save()
            self.answers[code] = answer
        elif isinstance(row, ComponentNoteRow):
            text = (row.cleaned_data.get("text") or "").strip()
            note = self.notes.get(row.component.code)
            if not text:
                if note is not None:
                    note.delete()
                return
            note = note or ComponentNote(evaluation=evaluation, component=row.component.code)
            note.text = text
            note.save()
        elif isinstance(row, LetterForm):
            row.write(evaluation)
            evaluation.save()

    def missing(self) -> list[str]:
        """What the LHE needs before it is issued: every criterion answered by the evaluator, number and date."""
        out = [
            _("Kriteria %(code)s belum dijawab evaluator. / Criterion %(code)s has no evaluator's answer.")
            % {"code": c.code}
            for c in self.rubric.criteria
            if not getattr(self.answers.get(c.code), "evaluator_answer", "")
        ]
        if not self.evaluation.letter_number.strip():
            out.append(_("Nomor surat LHE belum diisi. / The LHE's letter number is missing."))
        if self.evaluation.letter_date is None:
            out.append(_("Tanggal surat LHE belum diisi. / The LHE's letter date is missing."))
        return out

    # --- showing ------------------------------------------------------------------------------------------
    def context(self) -> dict[str, Any]:
        rubric = self.rubric
        own = self_answers(self.answers)
        theirs = evaluator_answers(self.answers) if self.sees else {}
        own_score = score(rubric, own)
        their_score = score(rubric, theirs) if self.sees else None
        own_warnings = _warnings_by_code(rubric, own)
        their_warnings = _warnings_by_code(rubric, theirs) if self.sees else {}
        labels = {
            name: {option.answer: option.label for option in options}
            for name, options in rubric.answer_types.items()
        }
        components = []
        for component in rubric.components:
            subs = []
            for sub in component.sub_components:
                items = []
                for criterion in sub.criteria:
                    answer = self.answers.get(criterion.code)
                    suggestion = self.suggestions.get(criterion.code)
                    suggested = suggestion.answer if suggestion else None
                    items.append(
                        {
                            "criterion": criterion,
                            "options": " / ".join(labels[criterion.answer_type]),
                            "answer": answer,
                            "self_label": _label(labels, criterion, getattr(answer, "self_answer", "")),
                            "evaluator_label": _label(
                                labels, criterion, getattr(answer, "evaluator_answer", "")
                            ),
                            "self_row": self.self_rows.get(criterion.code),
                            "evaluator_row": self.evaluator_rows.get(criterion.code),
                            "evidence": self.evidence.get(criterion.code, []),
                            "self_warnings": own_warnings.get(criterion.code, []),
                            "evaluator_warnings": their_warnings.get(criterion.code, []),
                            "suggestion": suggestion,
                            "suggested_label": _label(labels, criterion, suggested or ""),
                            "suggested_valid": rubric.answer_value(criterion, suggested) is not None,
                        }
                    )
                subs.append(
                    {
                        "sub": sub,
                        "items": items,
                        "self_score": _part_score(own_score, sub.code, sub=True),
                        "evaluator_score": _part_score(their_score, sub.code, sub=True),
                    }
                )
            note = self.notes.get(component.code)
            components.append(
                {
                    "component": component,
                    "subs": subs,
                    "self_score": _part_score(own_score, component.code),
                    "evaluator_score": _part_score(their_score, component.code),
                    "note": note.text if note else "",
                    "note_row": self.note_rows.get(component.code),
                }
            )
        return {
            "evaluation": self.evaluation,
            "rubric": rubric,
            "components": components,
            "self_total": _total(own_score),
            "evaluator_total": _total(their_score) if their_score else None,
            "frozen": self.frozen,
            "self_assesses": self.self_assesses and not self.frozen,
            "evaluates": self.evaluates and not self.frozen,
            "evaluator": self.evaluates,
            "sees_evaluator_work": self.sees,
            "letter": self.letter,
            "has_suggestions": any(
                s.answer is not None and not getattr(self.answers.get(code), "evaluator_answer", "")
                for code, s in self.suggestions.items()
            ),
            "self_form": SELF_FORM,
            "evaluator_form": EVALUATOR_FORM,
            "evidence_limit_mb": settings.EVIDENCE_MAX_BYTES // (1024 * 1024),
        }


def _label(labels, criterion, answer: str) -> str:
    if not answer:
        return ""
    return labels[criterion.answer_type].get(answer, answer)


def _warnings_by_code(rubric: Rubric, answers) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for warning in logic_warnings(rubric, answers):
        found.setdefault(warning.criterion, []).append(warning.message)
    return found


def _part_score(result: Score | None, code: str, *, sub: bool = False) -> dict[str, Any] | None:
    if result is None:
        return None
    part = result.sub_component(code) if sub else result.component(code)
    if part is None:
        return None
    if sub:
        answered, count = part.answered, part.criteria  # type: ignore[union-attr]
    else:
        answered = sum(s.answered for s in part.sub_components)  # type: ignore[union-attr]
        count = sum(s.criteria for s in part.sub_components)  # type: ignore[union-attr]
    return {
        "value": _score_text(part.value),
        "weight": _score_text(part.weight),
        "answered": answered,
        "criteria": count,
    }


def _total(result: Score) -> dict[str, Any]:
    return {
        "value": _score_text(result.total),
        "predicate": result.predicate,
        "answered": result.answered,
        "criteria": result.criteria,
        "complete": result.complete,
    }


def _render(request, agency, page: _Page, **extra):
    evaluation = page.evaluation
    year = evaluation.year
    context = workspace_context(
        request,
        agency,
        section="evaluation",
        year=year,
        **page.context(),
        **extra,
    )
    # The year's review lock does not bind the evaluation: the page is "editable" for who may write a part of it.
    context["can_edit"] = page.may_write
    context["documents"] = page.sees  # the LHE and worksheet: the evaluator always, the agency once issued
    context["history_url"] = reverse("evaluation:answer_history", args=[agency.code, year])
    return render(request, "evaluation/lke.html", context)


def _refuse_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(READ_ONLY)


@serialised_writes
@agency_view(review=True)
def lke(request, agency, year):
    _check_year(year)
    if request.method != "POST":
        return _render(request, agency, _Page(request, agency, _evaluation(agency, year, create=False)))
    user = request.user
    self_assesses, evaluates = may_self_assess(user, agency), may_evaluate(user, agency)
    _refuse_unless(self_assesses or evaluates)
    evaluation = _evaluation(agency, year, create=True)
    if message := writable_message(evaluation):
        return locked_response(request, agency, message)
    part = request.POST.get("part")
    allowed = {"self": self_assesses, "evidence": self_assesses, "evaluator": evaluates, "apply": evaluates}
    if part not in allowed:
        return HttpResponseBadRequest(_("Bagian yang disimpan tidak dikenal. / Unknown part to save."))
    _refuse_unless(allowed[part])
    if part == "evidence":
        return _evidence_upload(request, agency, evaluation)
    page = _Page(request, agency, evaluation, data=request.POST, part=part)
    if part == "apply":
        return _apply_suggestions(request, page)
    rows: list[RowForm] = list(page.self_rows.values()) if part == "self" else page.evaluator_forms()
    outcome = grid_save([row for row in rows if _posted(row)], page.write)
    grid_messages(
        request,
        outcome,
        lambda n: ngettext("%(n)d isian LKE disimpan.", "%(n)d isian LKE disimpan.", n) % {"n": n},
    )
    if outcome.ok:
        return redirect(request.get_full_path())
    return _render(request, agency, page)


def _posted(row: RowForm) -> bool:
    """Whether the POST carries the row at all: a row it leaves out (a client posting part of the page) keeps its
    stored values instead of being emptied. The page itself always posts every row."""
    return any(row.add_prefix(name) in row.data for name in (*row.value_fields, "version"))


def _apply_suggestions(request, page: _Page):
    """Every suggested answer into the evaluator's empty answers (an answer given is never overwritten)."""
    applied = 0
    for criterion in page.rubric.criteria:
        suggestion = page.suggestions.get(criterion.code)
        if suggestion is None or page.rubric.answer_value(criterion, suggestion.answer) is None:
            continue
        answer = page.answers.get(criterion.code) or Answer(
            evaluation=page.evaluation, criterion=criterion.code
        )
        if answer.evaluator_answer:
            continue
        answer.evaluator_answer = suggestion.answer or ""
        answer.save()
        applied += 1
    if applied:
        messages.success(
            request,
            ngettext(
                "%(n)d saran diterapkan ke jawaban evaluator yang kosong.",
                "%(n)d saran diterapkan ke jawaban evaluator yang kosong.",
                applied,
            )
            % {"n": applied},
        )
    else:
        messages.info(request, _("Tidak ada saran untuk jawaban yang masih kosong."))
    return redirect(request.get_full_path())


def _evidence_upload(request, agency, evaluation: Evaluation):
    rubric = evaluation.rubric.rubric
    form = AnswerEvidenceForm(
        request.POST, request.FILES, criteria={c.code for c in rubric.criteria}, prefix="bukti"
    )
    if not form.is_valid():
        page = _Page(request, agency, evaluation)
        return _render(
            request, agency, page, evidence_form=form, evidence_criterion=request.POST.get("bukti-criterion")
        )
    data = form.cleaned_data
    code = data["criterion"]
    names = []
    for upload in data["file"]:
        AnswerEvidence.objects.create(
            evaluation=evaluation,
            criterion=code,
            file=upload,
            original_name=upload.name[:255],
            content_type=upload.sniffed_type,
            size=upload.size,
            description=data["description"],
            uploaded_by=request.user,
        )
        names.append(upload.name)
    if data.get("link"):
        AnswerEvidence.objects.create(
            evaluation=evaluation,
            criterion=code,
            link=data["link"],
            description=data["description"],
            uploaded_by=request.user,
        )
        names.append(data["link"])
    messages.success(
        request,
        _("Bukti dukung kriteria %(code)s disimpan: %(names)s.") % {"code": code, "names": ", ".join(names)},
    )
    return redirect(f"{request.get_full_path()}#k-{code}")


# --- issue and reopen ------------------------------------------------------------------------------------------
@serialised_writes
@agency_view(review=True)
@require_POST
def issue(request, agency, year):
    """Issue the LHE: every criterion answered by the evaluator, the letter's number and date given."""
    _check_year(year)
    _refuse_unless(may_evaluate(request.user, agency))
    evaluation = _evaluation(agency, year, create=True)
    back = redirect("evaluation:lke", agency.code, year)
    if evaluation.issued:
        messages.info(request, _("LHE sudah diterbitkan. / The LHE is already issued."))
        return back
    page = _Page(request, agency, evaluation)
    missing = page.missing()
    if missing:
        messages.error(
            request,
            _("LHE belum dapat diterbitkan; lengkapi dulu yang berikut. / The LHE cannot be issued yet."),
        )
        return _render(request, agency, page, missing=missing)
    evaluation.issued_at = timezone.now()
    evaluation.issued_by = request.user
    evaluation.save()
    messages.success(request, _("LHE diterbitkan. / The LHE has been issued."))
    return back


@serialised_writes
@agency_view(review=True)
@require_POST
def reopen(request, agency, year):
    """Reopen an issued LHE for changes (its issue stays in the evaluation's history)."""
    _check_year(year)
    _refuse_unless(may_evaluate(request.user, agency))
    evaluation = _evaluation(agency, year, create=True)
    if evaluation.issued:
        evaluation.issued_at = None
        evaluation.issued_by = None
        evaluation.save()
        messages.success(request, _("LHE dibuka kembali untuk perubahan. / The LHE is reopened for changes."))
    else:
        messages.info(request, _("LHE belum diterbitkan. / The LHE has not been issued."))
    return redirect("evaluation:lke", agency.code, year)


# --- evidence files --------------------------------------------------------------------------------------------
def _evidence_of(agency, year: int, pk: int) -> AnswerEvidence:
    return get_object_or_404(
        AnswerEvidence.objects.select_related("evaluation"),
        pk=pk,
        evaluation__agency=agency,
        evaluation__year=year,
    )


@agency_view(review=True)
def evidence_download(request, agency, year, pk):
    item = _evidence_of(agency, year, pk)  # first: another agency's evidence is a 404 whatever the method
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    if not item.file:
        raise Http404("Bukti ini berupa tautan / this evidence is a link")
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("Berkas tidak ditemukan / file missing") from error
    return FileResponse(
        handle,
        as_attachment=True,
        filename=item.original_name or "bukti",
        content_type=item.content_type or "application/octet-stream",
    )


@serialised_writes
@agency_view(review=True)
@require_POST
def evidence_delete(request, agency, year, pk):
    item = _evidence_of(agency, year, pk)
    _refuse_unless(may_self_assess(request.user, agency))
    if message := writable_message(item.evaluation):
        return locked_response(request, agency, message)
    item.delete()  # the file goes with it once committed (evaluation/signals.py)
    messages.success(request, _("Bukti dukung %(name)s dihapus.") % {"name": str(item)})
    return redirect(f"{reverse('evaluation:lke', args=[agency.code, year])}#k-{item.criterion}")


# --- a criterion's history -------------------------------------------------------------------------------------
SELF_FIELDS = (
    ("self_answer", "Jawaban mandiri"),
    ("self_note", "Catatan mandiri"),
)
EVALUATOR_FIELDS = (
    ("evaluator_answer", "Jawaban evaluator"),
    ("evaluator_note", "Catatan evaluator"),
)


def _issue_entries(evaluation: Evaluation) -> list[Entry]:
    """The LHE's issues and reopenings, read off the evaluation's own history (reopening clears `issued_at`)."""
    rows = evaluation.history.select_related("history_user").order_by("history_date", "history_id")
    out, before = [], None
    for row in rows:
        issued = row.issued_at is not None
        if before is not None and issued != before:
            user = row.history_user
            out.append(
                Entry(
                    when=row.history_date,
                    who=who_label((user.get_full_name() or user.get_username()) if user else None),
                    via=via_label(row.history_change_reason, user.get_username() if user else None),
                    action="~",
                    action_label=_("LHE diterbitkan") if issued else _("LHE dibuka kembali"),
                    kind="lhe",
                    subject=_("LHE"),
                    changes=(),
                    source="evaluation",
                    object_id=row.id,
                    history_id=row.history_id,
                )
            )
        before = issued
    return out


@agency_view(review=True)
@require_safe
def answer_history(request, agency, year):
    """Who changed a criterion's answers, when and how (`?kriteria=1.a.1`; without it, every criterion). The
    evaluator's fields are left out for the agency until the LHE is issued, and so are the changes that only
    touched them."""
    _check_year(year)
    evaluation = _evaluation(agency, year, create=False)
    rubric = evaluation.rubric.rubric
    code = request.GET.get("kriteria", "").strip()
    criterion = rubric.criterion(code) if code else None
    if code and criterion is None:
        raise Http404("Kriteria tidak dikenal / unknown criterion")
    sees = sees_evaluator_work(request.user, agency, evaluation.issued)
    names = SELF_FIELDS + (EVALUATOR_FIELDS if sees else ())
    specs = [FieldSpec(name, _(label)) for name, label in names]
    rows = []
    if evaluation.pk is not None:
        history = Answer.history.filter(evaluation_id=evaluation.pk).select_related("history_user")
        if code:
            history = history.filter(criterion=code)
        rows = list(history.order_by("history_date", "history_id"))
    versions = [
        Version(
            source="answer",
            object_id=row.id,
            history_id=row.history_id,
            when=row.history_date,
            action=row.history_type,
            user=(row.history_user.get_full_name() or row.history_user.get_username())
            if row.history_user
            else None,
            reason=row.history_change_reason,
            values={name: getattr(row, name) for name, _label in names} | {"criterion": row.criterion},
        )
        for row in rows
    ]
    before = previous_versions(versions)
    entries = []
    for version in versions:
        entry = change_entry(
            version,
            before[(version.source, version.history_id)],
            kind="lke",
            subject=str(version.values["criterion"]),
            fields=specs,
        )
        if entry.changes:  # a change of the evaluator's fields alone, hidden: no entry at all
            entries.append(entry)
    if not code and evaluation.pk is not None:
        entries.extend(_issue_entries(evaluation))
    entries.sort(key=lambda entry: (entry.when, entry.history_id), reverse=True)
    zone = settings.TIME_ZONE
    context = workspace_context(
        request,
        agency,
        section="evaluation",
        year=year,
        evaluation=evaluation,
        criterion=criterion,
        rows=[(when_label(entry.when, zone), entry) for entry in entries],
        sees_evaluator_work=sees,
    )
    context["can_edit"] = may_self_assess(request.user, agency) or may_evaluate(request.user, agency)
    return render(request, "evaluation/answer_history.html", context)
