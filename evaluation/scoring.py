"""The score of an AKIP evaluation: criterion → sub-component → component → total, its predicate, and the
logic-frame warnings. Pure: a `Rubric` and the answers (criterion code → "Y", "B", … or None) in, values out.

- mean_of_criteria (the default, LKE 88/2021 as practised): a sub-component's value is the mean of its criteria's
  answer values (0..1) × its weight, computed as sum × weight ÷ count (multiplied first, so that it stays exact);
  a component the sum of its sub-components; the total the sum of components.
- sum_of_points: each criterion carries its own points (adding up to the sub-component's weight); a sub-component's
  value is the sum of answer value × points.
A sub-component with an unanswered criterion cannot be computed (None), nor can its component or the total: a
half-filled worksheet never shows a score that looks final. Nothing is rounded here; the predicate is read off the
total as it is printed, rounded half-up to two decimals (so that 90,004 prints 90,00 and is A, never AA).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .rubric import Criterion, LogicRule, PredicateBand, Rubric, SubComponent

Answers = Mapping[str, str | None]
SCORE_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class SubComponentScore:
    code: str
    weight: Decimal
    answered: int
    criteria: int
    mean: Decimal | None  # of the answered criteria's values (0..1); None when none is answered
    value: Decimal | None  # points of the total; None until every criterion is answered

    @property
    def complete(self) -> bool:
        return self.answered == self.criteria


@dataclass(frozen=True)
class ComponentScore:
    code: str
    weight: Decimal
    sub_components: tuple[SubComponentScore, ...]
    value: Decimal | None

    @property
    def percent(self) -> Decimal | None:
        """The component's value as a share of its weight (0..100)."""
        if self.value is None or not self.weight:
            return None
        return self.value * 100 / self.weight  # multiply first, as for the sub-components


@dataclass(frozen=True)
class Score:
    components: tuple[ComponentScore, ...]
    total: Decimal | None
    answered: int
    criteria: int
    predicate: PredicateBand | None

    @property
    def complete(self) -> bool:
        return self.answered == self.criteria

    def sub_component(self, code: str) -> SubComponentScore | None:
        for component in self.components:
            for sub in component.sub_components:
                if sub.code == code:
                    return sub
        return None

    def component(self, code: str) -> ComponentScore | None:
        return next((component for component in self.components if component.code == code), None)


def printed_score(total: Decimal) -> Decimal:
    """The score as the LHE and the worksheet print it: two decimals, half up."""
    return total.quantize(SCORE_PLACES, rounding=ROUND_HALF_UP)


def predicate(rubric: Rubric, total: Decimal | None) -> PredicateBand | None:
    """The band of the predicate table that holds the printed score; None for no score (or one outside 0..100)."""
    if total is None:
        return None
    shown = printed_score(total)
    return next((band for band in rubric.predicates if band.contains(shown)), None)


def _values(rubric: Rubric, criteria: tuple[Criterion, ...], answers: Answers) -> list[Decimal | None]:
    return [rubric.answer_value(criterion, answers.get(criterion.code)) for criterion in criteria]


def sub_component_score(rubric: Rubric, sub: SubComponent, answers: Answers) -> SubComponentScore:
    values = _values(rubric, sub.criteria, answers)
    given = [value for value in values if value is not None]
    total = sum(given, Decimal(0))
    mean = total / len(given) if given else None  # for display only: the value below never goes through it
    value = None
    if len(given) == len(values) and values:
        if rubric.scoring_method == "sum_of_points":
            value = sum(
                (v * (criterion.points or 0) for v, criterion in zip(given, sub.criteria, strict=True)),
                Decimal(0),
            )
        else:
            # Multiply before dividing: 1/3 of 30 is 10 exactly, where (1/3) × 30 would be 9,99…9.
            value = total * sub.weight / len(given)
    return SubComponentScore(sub.code, sub.weight, len(given), len(values), mean, value)


def score(rubric: Rubric, answers: Answers) -> Score:
    components = []
    for component in rubric.components:
        subs = tuple(sub_component_score(rubric, sub, answers) for sub in component.sub_components)
        sub_values = [sub.value for sub in subs if sub.value is not None]
        value = sum(sub_values, Decimal(0)) if len(sub_values) == len(subs) else None
        components.append(ComponentScore(component.code, component.weight, subs, value))
    component_values = [component.value for component in components if component.value is not None]
    total = sum(component_values, Decimal(0)) if len(component_values) == len(components) else None
    answered = sum(sub.answered for component in components for sub in component.sub_components)
    count = sum(sub.criteria for component in components for sub in component.sub_components)
    return Score(tuple(components), total, answered, count, predicate(rubric, total))


@dataclass(frozen=True)
class Warning:
    criterion: str
    message: str
    rule: LogicRule


def logic_warnings(rubric: Rubric, answers: Answers) -> tuple[Warning, ...]:
    """Where an answer exceeds what its reference allows (the logic-frame rules), in the rubric's order.

    A "value" rule: the answer's value may not exceed any reference criterion's (unanswered counts as 0). A "mean"
    rule: it may not exceed the mean of the reference sub-components' answered criteria (none answered: 0).
    Unanswered criteria raise nothing.
    """
    criteria = rubric.criteria_by_code()
    subs = {sub.code: sub for sub in rubric.sub_components}
    found: dict[str, list[Warning]] = {}
    for rule in rubric.rules:
        if rule.kind == "mean":
            reference_values = [
                value
                for code in rule.reference
                for value in _values(rubric, subs[code].criteria, answers)
                if value is not None
            ]
            ceiling = (
                sum(reference_values, Decimal(0)) / len(reference_values) if reference_values else Decimal(0)
            )
        else:
            ceiling = min(
                (
                    rubric.answer_value(criteria[code], answers.get(code)) or Decimal(0)
                    for code in rule.reference
                ),
                default=Decimal(0),
            )
        for code in rule.criteria:
            value = rubric.answer_value(criteria[code], answers.get(code))
            if value is not None and value > ceiling:
                found.setdefault(code, []).append(Warning(code, rule.message, rule))
    return tuple(warning for criterion in rubric.criteria for warning in found.get(criterion.code, []))
