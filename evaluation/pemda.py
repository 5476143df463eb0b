"""Every agency of a Pemda and its AKIP evaluation of a year, for the Pemda-wide table: state (not started /
draft / issued), score and predicate, last year's, and the follow-up of the year's recommendations. Five queries
whatever the number of agencies (agencies; evaluations of both years; their rubrics; their answers; the year's
recommendations with their follow-ups' decisions), read as plain values. Scores are computed here
(`evaluation.scoring`), never stored.

`drafts_visible`: whether the viewer may see a draft's score (the inspectorate; `workspace.access`): for anyone
else a draft shows as a draft, without its score, and last year's unissued evaluation as not issued.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from agencies.models import Agency, Government

from .followup import FollowUpRate, follow_up_rate, recommendation_status
from .models import Answer, Evaluation, Recommendation, RubricVersion
from .rubric import PredicateBand, Rubric, parsed_rubric
from .scoring import printed_score, score

NOT_STARTED, DRAFT, ISSUED = "belum", "draf", "terbit"
STATES = (NOT_STARTED, DRAFT, ISSUED)


@dataclass(frozen=True)
class YearScore:
    state: str
    total: Decimal | None  # printed (two decimals); None: not computable, or hidden from the viewer
    predicate: PredicateBand | None
    answered: int  # the evaluator's answers given (0 when hidden)
    criteria: int


NONE = YearScore(NOT_STARTED, None, None, 0, 0)


@dataclass(frozen=True)
class AgencyEvaluation:
    agency: Agency
    this_year: YearScore
    last_year: YearScore
    follow_up: FollowUpRate | None  # the year's recommendations (once issued, or for the inspectorate)

    @property
    def state(self) -> str:
        return self.this_year.state

    @property
    def rate(self) -> Decimal | None:
        return self.follow_up.rate if self.follow_up is not None else None


@dataclass(frozen=True)
class PemdaEvaluations:
    government: Government
    year: int
    rows: tuple[AgencyEvaluation, ...]

    def _mean(self, values: Iterable[Decimal | None]) -> Decimal | None:
        known = [value for value in values if value is not None]
        return sum(known, Decimal(0)) / len(known) if known else None

    @property
    def mean_score(self) -> Decimal | None:
        """The mean of the scores shown (each as printed)."""
        return self._mean(row.this_year.total for row in self.rows)

    @property
    def mean_last_score(self) -> Decimal | None:
        return self._mean(row.last_year.total for row in self.rows)

    @property
    def follow_up(self) -> FollowUpRate:
        """Every shown recommendation of the Pemda's agencies together."""
        rates = [row.follow_up for row in self.rows if row.follow_up is not None]
        return FollowUpRate(
            total=sum(rate.total for rate in rates),
            done=sum(rate.done for rate in rates),
            in_progress=sum(rate.in_progress for rate in rates),
            not_started=sum(rate.not_started for rate in rates),
        )

    @property
    def states(self) -> dict[str, int]:
        return {state: sum(1 for row in self.rows if row.state == state) for state in STATES}

    @property
    def predicates(self) -> list[tuple[PredicateBand, int]]:
        """How many agencies have each predicate (shown scores only), the best first."""
        counts: dict[PredicateBand, int] = {}
        for row in self.rows:
            if row.this_year.predicate is not None:
                counts[row.this_year.predicate] = counts.get(row.this_year.predicate, 0) + 1
        return sorted(counts.items(), key=lambda item: item[0].lower, reverse=True)


@dataclass(frozen=True)
class _Evaluation:
    """What the table reads of one evaluation (plain values: no model instances for thousands of answers)."""

    rubric_id: int
    issued: bool
    answers: dict[str, str | None]
    decisions: dict[int, list[str]]  # recommendation → the decisions on its follow-ups


def _year_score(
    evaluation: _Evaluation | None, rubrics: dict[int, Rubric], drafts_visible: bool
) -> YearScore:
    if evaluation is None:
        return NONE
    state = ISSUED if evaluation.issued else DRAFT
    if state == DRAFT and not drafts_visible:
        return YearScore(state, None, None, 0, 0)
    result = score(rubrics[evaluation.rubric_id], evaluation.answers)
    total = printed_score(result.total) if result.total is not None else None
    return YearScore(state, total, result.predicate, result.answered, result.criteria)


def _follow_up(evaluation: _Evaluation | None, drafts_visible: bool) -> FollowUpRate | None:
    if evaluation is None or not (evaluation.issued or drafts_visible):
        return None
    return follow_up_rate(recommendation_status(decisions) for decisions in evaluation.decisions.values())


def pemda_evaluations(government: Government, year: int, *, drafts_visible: bool) -> PemdaEvaluations:
    agencies = list(Agency.objects.filter(government=government).order_by("name", "code"))
    rows = Evaluation.objects.filter(agency__government=government, year__in=(year, year - 1)).values_list(
        "pk", "agency_id", "year", "rubric_id", "issued_at"
    )
    found = {
        pk: _Evaluation(rubric, issued is not None, {}, {}) for pk, _agency, _year, rubric, issued in rows
    }
    by_key = {(agency, evaluation_year): found[pk] for pk, agency, evaluation_year, _rubric, _issued in rows}
    # Each distinct rubric text is read and parsed once (usually one for the whole Pemda).
    rubrics = {
        pk: parsed_rubric(text)
        for pk, text in RubricVersion.objects.filter(
            pk__in={evaluation.rubric_id for evaluation in found.values()}
        ).values_list("pk", "text")
    }
    for evaluation_id, criterion, answer in Answer.objects.filter(evaluation_id__in=found).values_list(
        "evaluation_id", "criterion", "evaluator_answer"
    ):
        found[evaluation_id].answers[criterion] = answer or None
    # The year's recommendations with the decisions on their follow-ups (none: a row with None), in one query.
    for evaluation_id, recommendation, decision in Recommendation.objects.filter(
        evaluation_id__in=found, evaluation__year=year
    ).values_list("evaluation_id", "pk", "follow_ups__decision"):
        decisions = found[evaluation_id].decisions.setdefault(recommendation, [])
        if decision is not None:
            decisions.append(decision)
    table = []
    for agency in agencies:
        this_year = by_key.get((agency.pk, year))
        table.append(
            AgencyEvaluation(
                agency=agency,
                this_year=_year_score(this_year, rubrics, drafts_visible),
                last_year=_year_score(by_key.get((agency.pk, year - 1)), rubrics, drafts_visible),
                follow_up=_follow_up(this_year, drafts_visible),
            )
        )
    return PemdaEvaluations(government, year, tuple(table))


SORT_KEYS = ("name", "score", "last", "rate", "state")


def sorted_rows(rows: Iterable[AgencyEvaluation], key: str, descending: bool) -> list[AgencyEvaluation]:
    """The rows by a column; unknown figures always last, whichever the direction; ties by name."""
    rows = sorted(rows, key=lambda row: (row.agency.name, row.agency.code))
    if key == "name":
        return list(reversed(rows)) if descending else rows
    value: dict[int, Decimal | None]
    if key == "state":
        value = {row.agency.pk: Decimal(STATES.index(row.state)) for row in rows}
    else:
        value = {
            row.agency.pk: {"score": row.this_year.total, "last": row.last_year.total, "rate": row.rate}.get(
                key
            )
            for row in rows
        }
    known = [row for row in rows if value[row.agency.pk] is not None]
    unknown = [row for row in rows if value[row.agency.pk] is None]
    # sort is stable: ties keep the name order
    known.sort(key=lambda row: value[row.agency.pk] or Decimal(0), reverse=descending)
    return known + unknown
