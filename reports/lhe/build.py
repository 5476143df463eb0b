"""Build the LHE document of an agency's evaluation in a fixed number of queries, whatever the rubric's size:
the evaluation (with its rubric, agency and Pemda), its answers, component notes and recommendations, last year's
evaluation with its answers, and the Pemda's inspectorate (for the letterhead)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from agencies.models import Agency
from evaluation.models import Evaluation, Recommendation
from evaluation.scoring import score
from reports.documents.base import logo_data_url
from reports.readmodel.types import ReportUnavailable

from .document import (
    ComponentRow,
    CriterionAnswer,
    Letterhead,
    LheDocument,
    RecommendationRow,
    SubComponentRow,
    year_result,
)

INSPECTORATE_PREFIX = "Inspektorat"


def _evaluator_answers(evaluation: Evaluation) -> dict[str, str | None]:
    return {answer.criterion: answer.evaluator_answer or None for answer in evaluation.answers.all()}


def _letterhead(agency: Agency) -> Letterhead:
    government = agency.government
    inspectorate = (
        Agency.objects.filter(government=government, name__istartswith=INSPECTORATE_PREFIX)
        .order_by("code")
        .first()
    )
    return Letterhead(
        government=f"PEMERINTAH {government.name.upper()}",
        inspectorate=(inspectorate.name if inspectorate else INSPECTORATE_PREFIX).upper(),
        address=inspectorate.address if inspectorate else "",
        website=inspectorate.website if inspectorate else "",
        logo=logo_data_url(government.logo),
    )


def lhe_build(agency: Agency, year: int) -> LheDocument:
    """The LHE of the agency's evaluation of `year`; `ReportUnavailable` when there is no evaluation."""
    evaluation = (
        Evaluation.objects.select_related("rubric", "agency__government")
        .prefetch_related(
            "answers",
            "component_notes",
            Prefetch("recommendations", queryset=Recommendation.objects.order_by("position", "pk")),
        )
        .filter(agency=agency, year=year)
        .first()
    )
    if evaluation is None:
        raise ReportUnavailable(
            _("Belum ada evaluasi AKIP untuk tahun ini. / There is no AKIP evaluation for this year.")
        )
    rubric = evaluation.rubric.rubric
    stored = {answer.criterion: answer for answer in evaluation.answers.all()}
    result = score(rubric, _evaluator_answers(evaluation))
    notes = {note.component: note.text for note in evaluation.component_notes.all()}
    components = tuple(
        ComponentRow(
            code=component.code,
            name=component.name,
            weight=component.weight,
            value=scored.value,
            sub_components=tuple(
                SubComponentRow(sub.code, sub.name, sub.weight, sub_scored.value)
                for sub, sub_scored in zip(component.sub_components, scored.sub_components, strict=True)
            ),
            note=notes.get(component.code, ""),
        )
        for component, scored in zip(rubric.components, result.components, strict=True)
    )
    last = (
        Evaluation.objects.select_related("rubric")
        .prefetch_related("answers")
        .filter(agency=agency, year=year - 1, issued_at__isnull=False)
        .first()
    )
    last_year = None
    if last is not None:
        last_year = year_result(last.year, score(last.rubric.rubric, _evaluator_answers(last)), True)
    recommendations = tuple(
        RecommendationRow(
            number=number,
            text=row.text,
            criterion=row.criterion,
            priority=row.priority.capitalize(),  # the letter is Indonesian whatever the UI language
            target_date=row.target_date,
        )
        for number, row in enumerate(evaluation.recommendations.all(), start=1)
    )
    owner = evaluation.agency
    return LheDocument(
        agency=owner,
        government=owner.government,
        year=year,
        rubric=rubric,
        issued=evaluation.issued,
        letter_number=evaluation.letter_number,
        letter_date=evaluation.letter_date,
        addressee=evaluation.addressee,
        signatory_name=evaluation.signatory_name,
        signatory_title=evaluation.signatory_title,
        signatory_nip=evaluation.signatory_nip,
        copies=tuple(line.strip() for line in evaluation.copies.splitlines() if line.strip()),
        letterhead=_letterhead(owner),
        score=result,
        components=components,
        this_year=year_result(year, result, evaluation.issued),
        last_year=last_year,
        recommendations=recommendations,
        answers=tuple(
            CriterionAnswer(
                criterion.code,
                (stored[criterion.code].evaluator_answer or None) if criterion.code in stored else None,
                stored[criterion.code].evaluator_note if criterion.code in stored else "",
            )
            for criterion in rubric.criteria
        ),
    )
