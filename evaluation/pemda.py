"""Every agency of a Pemda and its AKIP evaluation of a year, for the Pemda-wide table: state (not started /
draft / issued), score and predicate, last year's, and the follow-up of the year's recommendations. Five queries
whatever the number of agencies (agencies; evaluations of both years with their rubrics; their answers; the year's
recommendations; their follow-ups). Scores are computed here (`evaluation.scoring`), never stored.

`drafts_visible`: whether the viewer may see a draft's score (the inspectorate; `workspace.access`): for anyone
else a draft shows as a draft, without its score, and last year's unissued evaluation as not issued.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from agencies.models import Agency, Government

from .followup import FollowUpRate, follow_up_rate, recommendation_status
from .models import Answer, Evaluation, FollowUp, Recommendation
from .rubric import PredicateBand
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


def _year_score(evaluation: Evaluation | None, drafts_visible: bool) -> YearScore:
    if evaluation is None:
        return NONE
    state = ISSUED if evaluation.issued else DRAFT
    if state == DRAFT and not drafts_visible:
        return YearScore(state, None, None, 0, 0)
    rubric = evaluation.rubric.rubric
    answers = {answer.criterion: answer.evaluator_answer or None for answer in evaluation.answers.all()}
    result = score(rubric, answers)
    total = printed_score(result.total) if result.total is not None else None
    return YearScore(state, total, result.predicate, result.answered, result.criteria)


def _follow_up(evaluation: Evaluation | None, drafts_visible: bool) -> FollowUpRate | None:
    if evaluation is None or not (evaluation.issued or drafts_visible):
        return None
    return follow_up_rate(
        recommendation_status(follow_up.decision for follow_up in recommendation.follow_ups.all())
        for recommendation in evaluation.recommendations.all()
    )


def pemda_evaluations(government: Government, year: int, *, drafts_visible: bool) -> PemdaEvaluations:
    agencies = list(Agency.objects.filter(government=government).order_by("name", "code"))
    evaluations = (
        Evaluation.objects.filter(agency__government=government, year__in=(year, year - 1))
        .select_related("rubric")
        .prefetch_related(
            Prefetch(
                "answers", queryset=Answer.objects.only("evaluation_id", "criterion", "evaluator_answer")
            ),
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.filter(evaluation__year=year)
                .only("evaluation_id", "position")
                .prefetch_related(
                    Prefetch("follow_ups", queryset=FollowUp.objects.only("recommendation_id", "decision"))
                ),
            ),
        )
    )
    by_key = {(evaluation.agency_id, evaluation.year): evaluation for evaluation in evaluations}
    rows = []
    for agency in agencies:
        this_year = by_key.get((agency.pk, year))
        rows.append(
            AgencyEvaluation(
                agency=agency,
                this_year=_year_score(this_year, drafts_visible),
                last_year=_year_score(by_key.get((agency.pk, year - 1)), drafts_visible),
                follow_up=_follow_up(this_year, drafts_visible),
            )
        )
    return PemdaEvaluations(government, year, tuple(rows))


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
