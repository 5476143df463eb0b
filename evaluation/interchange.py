"""The JSON interchange of an AKIP evaluation, `sakip-evaluation/1` (docs/evaluation.md): one agency's evaluation of
one year (rubric version, answers and notes, component notes, the LHE's particulars, recommendations).

- Export: canonical text (keys sorted, indent 2, a trailing newline; answers and notes in the rubric's order,
  recommendations by position), so that the same evaluation always gives the same bytes and an exported file
  imported elsewhere exports byte-identical.
- Import: checked whole before anything is written, in two layers, every problem with its JSON path: the JSON
  Schema (`evaluation/schema/sakip-evaluation-1.json`, with jsonschema as for sakip-dataset), then the references
  (the agency and its Pemda, a rubric version loaded for that Pemda, criterion and component codes of that
  rubric, answers among the criterion's options, dates). Then one transaction writes it all, or nothing.
  An issued evaluation is never overwritten (reopen it first); evidence files and follow-ups are not part of the
  format and stay as they are.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]  # no stubs in the environment

from agencies.audit import VIA_IMPORT, history_reason
from agencies.models import Agency
from agencies.writes import lock_agency

from .models import Answer, ComponentNote, Evaluation, Recommendation, RubricVersion
from .rubric import Rubric, default_rubric_text, parsed_rubric
from .services import default_rubric

FORMAT = "sakip-evaluation/1"
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "sakip-evaluation-1.json"
ANSWER_FIELDS = ("self_answer", "self_note", "evaluator_answer", "evaluator_note")


class EvaluationImportError(ValueError):
    """Every problem of a sakip-evaluation/1 document, each as "path: message"; nothing has been written."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ImportSummary:
    evaluation: Evaluation
    created: bool
    answers: int
    component_notes: int
    recommendations: int

    def __str__(self) -> str:
        evaluation = self.evaluation
        action = "dibuat / created" if self.created else "diperbarui / updated"
        return (
            f"{evaluation.agency.code} {evaluation.year} ({evaluation.rubric.code} v{evaluation.rubric.version}) "
            f"{action}: {self.answers} jawaban / answers, {self.component_notes} catatan komponen / component "
            f"notes, {self.recommendations} rekomendasi / recommendations"
        )


# --- export ------------------------------------------------------------------------------------------------------
def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def evaluation_export(evaluation: Evaluation) -> dict[str, Any]:
    """The evaluation as a sakip-evaluation/1 document (a dict; `dumps` gives its canonical text)."""
    rubric = evaluation.rubric.rubric
    order = {criterion.code: index for index, criterion in enumerate(rubric.criteria)}
    component_order = {component.code: index for index, component in enumerate(rubric.components)}
    answers = [
        answer
        for answer in evaluation.answers.all()
        if any(getattr(answer, field) for field in ANSWER_FIELDS)  # a row with nothing in it says nothing
    ]
    answers.sort(key=lambda answer: (order.get(answer.criterion, len(order)), answer.criterion))
    notes = sorted(
        evaluation.component_notes.all(),
        key=lambda note: (component_order.get(note.component, len(component_order)), note.component),
    )
    recommendations = sorted(evaluation.recommendations.all(), key=lambda row: (row.position, row.pk))
    return {
        "format": FORMAT,
        "rubric": {"code": evaluation.rubric.code, "version": evaluation.rubric.version},
        "government": evaluation.agency.government.code,
        "agency": evaluation.agency.code,
        "year": evaluation.year,
        "answers": [
            {"criterion": answer.criterion, **{field: getattr(answer, field) for field in ANSWER_FIELDS}}
            for answer in answers
        ],
        "component_notes": [{"component": note.component, "text": note.text} for note in notes],
        "letter": {
            "number": evaluation.letter_number,
            "date": _date(evaluation.letter_date),
            "addressee": evaluation.addressee,
            "signatory": {
                "name": evaluation.signatory_name,
                "title": evaluation.signatory_title,
                "nip": evaluation.signatory_nip,
            },
            "copies": evaluation.copies.split("\n") if evaluation.copies else [],
        },
        "recommendations": [
            {
                "position": row.position,
                "text": row.text,
                "criterion": row.criterion,
                "priority": row.priority,
                "target_date": _date(row.target_date),
            }
            for row in recommendations
        ],
    }


def dumps(data: dict[str, Any]) -> str:
    """Canonical text: keys sorted, indent 2, UTF-8 as is, one trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export_text(evaluation: Evaluation) -> str:
    return dumps(evaluation_export(evaluation))


# --- import: checks ----------------------------------------------------------------------------------------------
@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def _json_path(parts: Any) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _schema_problems(data: Any) -> list[str]:
    problems = []
    errors = _validator().iter_errors(data)
    for error in sorted(errors, key=lambda e: [str(part) for part in e.absolute_path]):
        path = _json_path(error.absolute_path)
        if error.validator == "additionalProperties":
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            message = f"kunci tidak dikenal / unknown key: {', '.join(map(repr, extra))}"
        elif error.validator == "required":
            message = f"kunci wajib tidak ada / required key missing: {error.message.split(' ')[0]}"
        elif error.validator == "const" and path == "$.format":
            message = f"format harus / the format must be {FORMAT!r}"
        else:
            message = f"tidak sesuai skema / does not match the schema: {error.message}"
        problems.append(f"{path}: {message}")
    return problems


def _parse_date(value: str | None, path: str, problems: list[str]) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        problems.append(f"{path}: tanggal tidak valid / not a date ({value!r})")
        return None


def _rubric_version(data: dict[str, Any], agency: Agency | None, problems: list[str]) -> RubricVersion | None:
    """The loaded rubric version the document names: the Pemda's own variant of that code and version, else a
    shared one (the shipped default, stored on first use)."""
    code, version = data["rubric"]["code"], data["rubric"]["version"]
    found = None
    if agency is not None:
        found = RubricVersion.objects.filter(code=code, version=version, government=agency.government).first()
    if found is None:
        shipped = parsed_rubric(default_rubric_text())
        if (code, version) == (shipped.code, shipped.version):
            found = default_rubric()
        else:
            found = RubricVersion.objects.filter(code=code, version=version, government=None).first()
    if found is None:
        problems.append(
            f"$.rubric: rubrik {code} versi {version} belum dimuat untuk Pemda ini (manage.py load_rubric) / "
            f"rubric {code} version {version} is not loaded for this Pemda"
        )
    return found


def _answer_problems(rubric: Rubric, answers: list[dict[str, Any]], problems: list[str]) -> None:
    criteria = rubric.criteria_by_code()
    seen: set[str] = set()
    for index, answer in enumerate(answers):
        path = f"$.answers[{index}]"
        code = answer["criterion"]
        criterion = criteria.get(code)
        if criterion is None:
            problems.append(f"{path}.criterion: kriteria tidak dikenal / unknown criterion {code!r}")
            continue
        if code in seen:
            problems.append(f"{path}.criterion: kriteria ganda / duplicate criterion {code!r}")
        seen.add(code)
        options = [option.answer for option in rubric.options(criterion)]
        for field in ("self_answer", "evaluator_answer"):
            given = answer.get(field, "")
            if given and given not in options:
                problems.append(
                    f"{path}.{field}: {given!r} bukan jawaban {criterion.answer_type} / "
                    f"not an answer of type {criterion.answer_type} ({', '.join(options)})"
                )


def _note_problems(rubric: Rubric, notes: list[dict[str, Any]], problems: list[str]) -> None:
    components = {component.code for component in rubric.components}
    seen: set[str] = set()
    for index, note in enumerate(notes):
        code = note["component"]
        path = f"$.component_notes[{index}].component"
        if code not in components:
            problems.append(f"{path}: komponen tidak dikenal / unknown component {code!r}")
        elif code in seen:
            problems.append(f"{path}: komponen ganda / duplicate component {code!r}")
        seen.add(code)


def _recommendation_problems(rubric: Rubric, rows: list[dict[str, Any]], problems: list[str]) -> None:
    criteria = rubric.criteria_by_code()
    positions: set[int] = set()
    for index, row in enumerate(rows):
        path = f"$.recommendations[{index}]"
        if row["position"] in positions:
            problems.append(f"{path}.position: nomor ganda / duplicate position {row['position']}")
        positions.add(row["position"])
        code = row.get("criterion", "")
        if code and code not in criteria:
            problems.append(f"{path}.criterion: kriteria tidak dikenal / unknown criterion {code!r}")
        _parse_date(row.get("target_date"), f"{path}.target_date", problems)


@dataclass(frozen=True)
class _Checked:
    data: dict[str, Any]
    agency: Agency
    rubric: RubricVersion
    existing: Evaluation | None


def _check(text: str) -> _Checked:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise EvaluationImportError(
            [f"$: JSON tidak valid / invalid JSON ({error.msg}, baris/line {error.lineno})"]
        ) from None
    if not isinstance(data, dict):
        raise EvaluationImportError(["$: bukan objek JSON / not a JSON object"])
    problems = _schema_problems(data)
    if problems:  # the references below read the shape the schema guarantees
        raise EvaluationImportError(problems)

    lock_agency(
        data["agency"]
    )  # one writer per agency (agencies/writes.py): what is checked is what is written over
    agency = Agency.objects.select_related("government").filter(code=data["agency"]).first()
    if agency is None:
        problems.append(f"$.agency: perangkat daerah tidak dikenal / unknown agency {data['agency']!r}")
    elif agency.government.code != data["government"]:
        problems.append(
            f"$.government: {data['agency']!r} milik / belongs to {agency.government.code!r}, "
            f"bukan / not {data['government']!r}"
        )
    record = _rubric_version(data, agency, problems)
    existing = None
    if agency is not None:
        existing = (
            Evaluation.objects.select_related("rubric").filter(agency=agency, year=data["year"]).first()
        )
    if existing is not None:
        if existing.issued:
            problems.append(
                f"$: evaluasi {agency} {data['year']} sudah diterbitkan (LHE); buka kembali dahulu / "
                f"the evaluation's LHE has been issued; reopen it first"
            )
        if record is not None and existing.rubric_id != record.pk:
            problems.append(
                f"$.rubric: evaluasi ini memakai {existing.rubric.code} v{existing.rubric.version} / "
                f"this evaluation uses {existing.rubric.code} v{existing.rubric.version}"
            )
        if existing.recommendations.filter(follow_ups__isnull=False).exists():
            problems.append(
                "$.recommendations: rekomendasi yang sudah ditindaklanjuti tidak diganti / "
                "recommendations that have follow-ups are not replaced"
            )
    letter = data.get("letter", {})
    _parse_date(letter.get("date"), "$.letter.date", problems)
    if record is not None:
        rubric = record.rubric
        _answer_problems(rubric, data.get("answers", []), problems)
        _note_problems(rubric, data.get("component_notes", []), problems)
        _recommendation_problems(rubric, data.get("recommendations", []), problems)
    if problems or agency is None or record is None:
        raise EvaluationImportError(problems)
    return _Checked(data, agency, record, existing)


# --- import: writing ---------------------------------------------------------------------------------------------
def import_evaluation(text: str) -> ImportSummary:
    """Check a sakip-evaluation/1 document whole (`EvaluationImportError` lists every problem), then write it in
    one transaction: the answers, notes and letter particulars it gives replace the evaluation's."""
    with transaction.atomic(), history_reason(VIA_IMPORT):
        checked = _check(text)  # inside the transaction: what is checked is what is written over
        data, letter = checked.data, checked.data.get("letter", {})
        evaluation = checked.existing or Evaluation(agency=checked.agency, year=data["year"])
        evaluation.rubric = checked.rubric
        signatory = letter.get("signatory", {})
        evaluation.letter_number = letter.get("number", "")
        evaluation.letter_date = _parse_date(letter.get("date"), "", [])
        evaluation.addressee = letter.get("addressee", "")
        evaluation.signatory_name = signatory.get("name", "")
        evaluation.signatory_title = signatory.get("title", "")
        evaluation.signatory_nip = signatory.get("nip", "")
        evaluation.copies = "\n".join(letter.get("copies", []))
        evaluation.save()
        _write_answers(evaluation, data.get("answers", []))
        _write_notes(evaluation, data.get("component_notes", []))
        evaluation.recommendations.all().delete()
        for row in data.get("recommendations", []):
            Recommendation.objects.create(
                evaluation=evaluation,
                position=row["position"],
                text=row["text"],
                criterion=row.get("criterion", ""),
                priority=row.get("priority", Recommendation.Priority.MEDIUM),
                target_date=_parse_date(row.get("target_date"), "", []),
            )
    return ImportSummary(
        evaluation=evaluation,
        created=checked.existing is None,
        answers=len(data.get("answers", [])),
        component_notes=len(data.get("component_notes", [])),
        recommendations=len(data.get("recommendations", [])),
    )


def _write_answers(evaluation: Evaluation, rows: list[dict[str, Any]]) -> None:
    """Rows are updated in place (their history shows old → new); a criterion the document leaves out is emptied."""
    stored = {answer.criterion: answer for answer in evaluation.answers.all()}
    given = {row["criterion"]: row for row in rows}
    for code in sorted(given.keys() | stored.keys()):
        row = given.get(code, {})
        new = code not in stored
        answer = stored[code] if not new else Answer(evaluation=evaluation, criterion=code)
        values = {field: row.get(field, "") for field in ANSWER_FIELDS}
        if new and not any(values.values()):
            continue
        if new or any(getattr(answer, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(answer, field, value)
            answer.save()


def _write_notes(evaluation: Evaluation, rows: list[dict[str, Any]]) -> None:
    stored = {note.component: note for note in evaluation.component_notes.all()}
    given = {row["component"]: row["text"] for row in rows}
    for code, note in stored.items():
        if code not in given:
            note.delete()
    for code, text in given.items():
        new = code not in stored
        note = stored[code] if not new else ComponentNote(evaluation=evaluation, component=code)
        if new or note.text != text:
            note.text = text
            note.save()
