"""The rubric of an AKIP evaluation (LKE) as data: read from its JSON form (sakip-rubric/1), checked, and held as
immutable values that the scoring, the screens, the letter and the worksheet read.

Pure: no ORM. `rubric_from_json` raises `RubricError` with every problem found (by JSON path), so that a Pemda
loading its own variant learns all of them at once. The default rubric, the LKE of PermenPAN-RB 88/2021, ships
as `evaluation/rubrics/lke-88-2021.json` (built from the shared reference by `scripts/build_rubric.py`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

FORMAT = "sakip-rubric/1"
DEFAULT_RUBRIC_PATH = Path(__file__).resolve().parent / "rubrics" / "lke-88-2021.json"
SCORING_METHODS = ("mean_of_criteria", "sum_of_points")
RULE_KINDS = ("value", "mean")
SUB_COMPONENT_KINDS = ("pemenuhan", "kualitas", "pemanfaatan")
HUNDRED = Decimal(100)
# The rubric's code names it in URLs and files (RubricVersion.code, a slug of at most 60); a component's,
# sub-component's or criterion's code is what answers and notes are stored under (at most 20 characters).
RUBRIC_CODE_RE = re.compile(r"^[-a-zA-Z0-9_]{1,60}$")
PART_CODE_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,19})$")
ANSWER_MAX_LENGTH = 4  # Answer.self_answer / evaluator_answer
TITLE_MAX_LENGTH = 300  # RubricVersion.title
MAX_VERSION = 2_147_483_647  # RubricVersion.version, a PositiveIntegerField


class RubricError(ValueError):
    """Every problem of a rubric's JSON, each as "path: message" (Indonesian / English)."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class AnswerOption:
    answer: str  # what is stored: "Y", "T", "A" … "E"
    label: str
    value: Decimal  # 0..1


@dataclass(frozen=True)
class Criterion:
    code: str  # "1.a.3"
    text: str
    answer_type: str  # a key of Rubric.answer_types
    evidence: tuple[str, ...]  # the evidence an evaluator expects to see
    points: Decimal | None = None  # sum_of_points only: the criterion's share of its sub-component's weight


@dataclass(frozen=True)
class SubComponent:
    code: str  # "1.a"
    kind: str  # pemenuhan / kualitas / pemanfaatan
    name: str
    weight: Decimal  # points of the total (of 100)
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Component:
    code: str  # "1"
    name: str
    weight: Decimal
    sub_components: tuple[SubComponent, ...]


@dataclass(frozen=True)
class PredicateBand:
    code: str  # "AA"
    label: str  # "Sangat Memuaskan"
    lower: Decimal
    lower_inclusive: bool
    upper: Decimal
    upper_inclusive: bool
    meaning: str

    def contains(self, score: Decimal) -> bool:
        above = score >= self.lower if self.lower_inclusive else score > self.lower
        below = score <= self.upper if self.upper_inclusive else score < self.upper
        return above and below

    @property
    def range_text(self) -> str:
        """ "> 90 – 100" as the LHE prints it."""
        lower = f"{'' if self.lower_inclusive else '> '}{self.lower}"
        upper = f"{'' if self.upper_inclusive else '< '}{self.upper}"
        return f"{lower} – {upper}"


@dataclass(frozen=True)
class LogicRule:
    """An answer of `criteria` may not exceed the answer of each `reference` criterion (kind "value"), or the mean
    of the answers of the `reference` sub-components (kind "mean"). Advisory: shown as a warning, never refused."""

    kind: str
    criteria: tuple[str, ...]
    reference: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class Rubric:
    code: str
    version: int
    title: str
    regulation: str
    year: int
    scoring_method: str
    answer_types: dict[str, tuple[AnswerOption, ...]]
    predicates: tuple[PredicateBand, ...]
    components: tuple[Component, ...]
    rules: tuple[LogicRule, ...]
    note: str = ""

    @property
    def sub_components(self) -> tuple[SubComponent, ...]:
        return tuple(sub for component in self.components for sub in component.sub_components)

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(criterion for sub in self.sub_components for criterion in sub.criteria)

    def criterion(self, code: str) -> Criterion | None:
        return self.criteria_by_code().get(code)

    def criteria_by_code(self) -> dict[str, Criterion]:
        return {criterion.code: criterion for criterion in self.criteria}

    def options(self, criterion: Criterion) -> tuple[AnswerOption, ...]:
        return self.answer_types[criterion.answer_type]

    def answer_value(self, criterion: Criterion, answer: str | None) -> Decimal | None:
        """The value (0..1) of an answer to the criterion; None when unanswered or not one of its options."""
        for option in self.options(criterion):
            if option.answer == answer:
                return option.value
        return None

    @property
    def label(self) -> str:
        return f"{self.title} ({self.code} v{self.version})"

    def __hash__(
        self,
    ) -> int:  # dicts inside: hashed by identity of code and version (one object per version)
        return hash((self.code, self.version))


def _decimal(value: Any, path: str, problems: list[str]) -> Decimal:
    try:
        number = Decimal(str(value))
        if not number.is_finite():
            raise InvalidOperation
        return number
    except (InvalidOperation, ValueError):
        problems.append(f"{path}: bukan angka / not a number ({value!r})")
        return Decimal(0)


def _text(data: dict[str, Any], key: str, path: str, problems: list[str]) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{path}.{key}: wajib diisi / required")
        return ""
    return value


def _code(data: dict[str, Any], path: str, problems: list[str]) -> str:
    """A component's, sub-component's or criterion's code: required, and short and plain enough to be stored."""
    code = _text(data, "code", path, problems)
    if code and not PART_CODE_RE.match(code):
        problems.append(
            f"{path}.code: huruf, angka, titik, - dan _ saja, paling banyak 20 / "
            f"letters, digits, dots, - and _ only, at most 20 ({code!r})"
        )
    return code


def _list(data: dict[str, Any], key: str, path: str, problems: list[str]) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        problems.append(f"{path}.{key}: daftar wajib diisi / a non-empty list is required")
        return []
    return value


def rubric_from_json(data: Any) -> Rubric:
    """Read and check a sakip-rubric/1 document; `RubricError` lists every problem."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise RubricError(["$: bukan objek JSON / not a JSON object"])
    if data.get("format") != FORMAT:
        problems.append(f"$.format: harus {FORMAT!r} / must be {FORMAT!r}")
    rubric_code = _text(data, "code", "$", problems)
    if rubric_code and not RUBRIC_CODE_RE.match(rubric_code):
        problems.append(
            "$.code: huruf, angka, - dan _ saja, paling banyak 60 / letters, digits, - and _ only, at most 60"
        )
    title = _text(data, "title", "$", problems)
    if len(title) > TITLE_MAX_LENGTH:
        problems.append(
            f"$.title: paling banyak {TITLE_MAX_LENGTH} karakter / at most {TITLE_MAX_LENGTH} characters"
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= MAX_VERSION:
        problems.append("$.version: bilangan bulat ≥ 1 / an integer ≥ 1")
        version = 1
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        problems.append("$.year: tahun peraturan / the regulation's year")
        year = 0
    method = data.get("scoring_method", "mean_of_criteria")
    if method not in SCORING_METHODS:
        problems.append(f"$.scoring_method: salah satu dari / one of {', '.join(SCORING_METHODS)}")

    answer_types: dict[str, tuple[AnswerOption, ...]] = {}
    raw_types = data.get("answer_types")
    if not isinstance(raw_types, dict) or not raw_types:
        problems.append("$.answer_types: wajib diisi / required")
        raw_types = {}
    for name, raw_options in raw_types.items():
        path = f"$.answer_types[{name!r}]"
        options = []
        if not isinstance(raw_options, list) or not raw_options:
            problems.append(f"{path}: daftar pilihan jawaban / a list of answer options")
            continue
        for index, raw in enumerate(raw_options):
            option_path = f"{path}[{index}]"
            if not isinstance(raw, dict):
                problems.append(f"{option_path}: bukan objek / not an object")
                continue
            value = _decimal(raw.get("value"), f"{option_path}.value", problems)
            if not Decimal(0) <= value <= Decimal(1):
                problems.append(f"{option_path}.value: antara 0 dan 1 / between 0 and 1")
            answer = _text(raw, "answer", option_path, problems)
            if len(answer) > ANSWER_MAX_LENGTH:
                problems.append(
                    f"{option_path}.answer: paling banyak {ANSWER_MAX_LENGTH} karakter / "
                    f"at most {ANSWER_MAX_LENGTH} characters"
                )
            options.append(AnswerOption(answer, str(raw.get("label") or answer), value))
        if len({option.answer for option in options}) != len(options):
            problems.append(f"{path}: jawaban ganda / duplicate answers")
        answer_types[name] = tuple(options)

    predicates = []
    for index, raw in enumerate(_list(data, "predicates", "$", problems)):
        path = f"$.predicates[{index}]"
        if not isinstance(raw, dict):
            problems.append(f"{path}: bukan objek / not an object")
            continue
        predicates.append(
            PredicateBand(
                code=_text(raw, "code", path, problems),
                label=_text(raw, "label", path, problems),
                lower=_decimal(raw.get("lower"), f"{path}.lower", problems),
                lower_inclusive=bool(raw.get("lower_inclusive", False)),
                upper=_decimal(raw.get("upper"), f"{path}.upper", problems),
                upper_inclusive=bool(raw.get("upper_inclusive", True)),
                meaning=str(raw.get("meaning") or ""),
            )
        )
    problems.extend(_predicate_gaps(predicates))

    components = []
    seen: set[str] = set()
    total_weight = Decimal(0)
    for c_index, raw_component in enumerate(_list(data, "components", "$", problems)):
        c_path = f"$.components[{c_index}]"
        if not isinstance(raw_component, dict):
            problems.append(f"{c_path}: bukan objek / not an object")
            continue
        weight = _decimal(raw_component.get("weight"), f"{c_path}.weight", problems)
        total_weight += weight
        subs = []
        sub_weights = Decimal(0)
        for s_index, raw_sub in enumerate(_list(raw_component, "sub_components", c_path, problems)):
            s_path = f"{c_path}.sub_components[{s_index}]"
            if not isinstance(raw_sub, dict):
                problems.append(f"{s_path}: bukan objek / not an object")
                continue
            sub_weight = _decimal(raw_sub.get("weight"), f"{s_path}.weight", problems)
            sub_weights += sub_weight
            kind = raw_sub.get("kind")
            if kind not in SUB_COMPONENT_KINDS:
                problems.append(f"{s_path}.kind: salah satu dari / one of {', '.join(SUB_COMPONENT_KINDS)}")
            criteria = []
            points_total = Decimal(0)
            for k_index, raw_criterion in enumerate(_list(raw_sub, "criteria", s_path, problems)):
                k_path = f"{s_path}.criteria[{k_index}]"
                if not isinstance(raw_criterion, dict):
                    problems.append(f"{k_path}: bukan objek / not an object")
                    continue
                code = _code(raw_criterion, k_path, problems)
                answer_type = raw_criterion.get("answer_type")
                if answer_type not in answer_types:
                    problems.append(f"{k_path}.answer_type: tidak dikenal / unknown ({answer_type!r})")
                points = None
                if "points" in raw_criterion:
                    points = _decimal(raw_criterion["points"], f"{k_path}.points", problems)
                    points_total += points
                elif method == "sum_of_points":
                    problems.append(f"{k_path}.points: wajib untuk sum_of_points / required by sum_of_points")
                evidence = raw_criterion.get("evidence", [])
                criteria.append(
                    Criterion(
                        code=code,
                        text=_text(raw_criterion, "text", k_path, problems),
                        answer_type=str(answer_type),
                        evidence=tuple(str(item) for item in evidence) if isinstance(evidence, list) else (),
                        points=points,
                    )
                )
                if code and code in seen:
                    problems.append(f"{k_path}.code: kode ganda / duplicate code {code!r}")
                seen.add(code)
            if method == "sum_of_points" and points_total != sub_weight:
                problems.append(
                    f"{s_path}: jumlah poin kriteria {points_total} ≠ bobot {sub_weight} / "
                    f"the criteria's points do not add up to the weight"
                )
            sub_code = _code(raw_sub, s_path, problems)
            if sub_code and sub_code in seen:
                problems.append(f"{s_path}.code: kode ganda / duplicate code {sub_code!r}")
            seen.add(sub_code)
            subs.append(
                SubComponent(
                    sub_code, str(kind), _text(raw_sub, "name", s_path, problems), sub_weight, tuple(criteria)
                )
            )
        if sub_weights != weight:
            problems.append(
                f"{c_path}: jumlah bobot sub-komponen {sub_weights} ≠ bobot komponen {weight} / "
                f"the sub-components' weights do not add up to the component's"
            )
        component_code = _code(raw_component, c_path, problems)
        if component_code and component_code in seen:
            problems.append(f"{c_path}.code: kode ganda / duplicate code {component_code!r}")
        seen.add(component_code)
        components.append(
            Component(
                component_code,
                _text(raw_component, "name", c_path, problems),
                weight,
                tuple(subs),
            )
        )
    if components and total_weight != HUNDRED:
        problems.append(f"$.components: jumlah bobot {total_weight} ≠ 100 / the weights must add up to 100")

    sub_codes = {sub.code for component in components for sub in component.sub_components}
    criterion_codes = {
        criterion.code
        for component in components
        for sub in component.sub_components
        for criterion in sub.criteria
    }
    rules = []
    for index, raw in enumerate(data.get("rules", []) or []):
        path = f"$.rules[{index}]"
        if not isinstance(raw, dict):
            problems.append(f"{path}: bukan objek / not an object")
            continue
        kind = raw.get("kind")
        if kind not in RULE_KINDS:
            problems.append(f"{path}.kind: salah satu dari / one of {', '.join(RULE_KINDS)}")
        constrained = tuple(str(code) for code in raw.get("criteria") or [])
        reference = tuple(str(code) for code in raw.get("reference") or [])
        unknown = [code for code in constrained if code not in criterion_codes]
        allowed_references = sub_codes if kind == "mean" else criterion_codes
        unknown += [code for code in reference if code not in allowed_references]
        if unknown or not constrained or not reference:
            problems.append(f"{path}: kode tidak dikenal atau kosong / unknown or missing codes {unknown}")
        rules.append(LogicRule(str(kind), constrained, reference, _text(raw, "message", path, problems)))

    if problems:
        raise RubricError(problems)
    return Rubric(
        code=rubric_code,
        version=version,
        title=title,
        regulation=str(data.get("regulation") or ""),
        year=year,
        scoring_method=method,
        answer_types=answer_types,
        predicates=tuple(predicates),
        components=tuple(components),
        rules=tuple(rules),
        note=str(data.get("note") or ""),
    )


def _predicate_gaps(bands: list[PredicateBand]) -> list[str]:
    """The predicate table must cover 0..100 without gap or overlap."""
    ordered = sorted(bands, key=lambda band: band.lower)
    problems: list[str] = []
    if not ordered:
        return problems
    if ordered[0].lower != 0 or not ordered[0].lower_inclusive:
        problems.append("$.predicates: harus mulai dari 0 (inklusif) / must start at 0 inclusive")
    if ordered[-1].upper != HUNDRED or not ordered[-1].upper_inclusive:
        problems.append("$.predicates: harus berakhir di 100 (inklusif) / must end at 100 inclusive")
    for below, above in zip(ordered, ordered[1:], strict=False):
        if below.upper != above.lower or below.upper_inclusive == above.lower_inclusive:
            problems.append(
                f"$.predicates: celah atau tumpang tindih antara {below.code} dan {above.code} / "
                f"a gap or an overlap between {below.code} and {above.code}"
            )
    return problems


def rubric_from_text(text: str) -> Rubric:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise RubricError(
            [f"$: JSON tidak valid / invalid JSON ({error.msg}, baris/line {error.lineno})"]
        ) from None
    return rubric_from_json(data)


@cache
def default_rubric_text() -> str:
    return DEFAULT_RUBRIC_PATH.read_text(encoding="utf-8")


@cache
def parsed_rubric(text: str) -> Rubric:
    """One parsed object per distinct rubric text (a stored rubric is parsed once per process)."""
    return rubric_from_text(text)
