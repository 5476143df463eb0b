"""The `sakip-rpjmd/1` file: one Pemda's RPJMD (docs/dataset-format.md, "The RPJMD file").

- `validate(data)`: every problem, each with its JSON path: the JSON Schema (interchange/schemas/), then the
  numbers (plain decimals the columns keep exactly), the years (inside the plan's period), the codes (unique in
  the plan) and the misi numbers.
- `rpjmd_import(data, replace=)`: all or nothing, in one transaction. The Pemda is created when missing. Agencies
  are referred to by code: a reference to an agency (or an agency's sasaran or indicator) that does not exist is
  a warning, and only that link is left out, so an RPJMD imports before its agencies do.
- `rpjmd_export(plan)`: the same document back; export → import → export gives the same bytes.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.db import transaction
from jsonschema import Draft202012Validator

from agencies.models import Agency, Government
from indicators.models import Indicator, Objective
from interchange.dataset.validation import DatasetError, Problem
from rpjmd.models import (
    MAX_PLAN_YEARS,
    HeadAgreement,
    RegionalGoal,
    RegionalIndicator,
    RegionalMission,
    RegionalObjective,
    RegionalPlan,
    RegionalRealisation,
    RegionalTarget,
)
from sakip.numbers import NumberBounds, NumberFormatError, canonical_str, parse_canonical, storable_decimal

FORMAT = "sakip-rpjmd/1"
SCHEMA = Path(__file__).parent / "schemas" / "sakip-rpjmd-1.schema.json"
MEASURE = NumberBounds.of(RegionalTarget._meta.get_field("value"))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def _path(parts) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _schema_problems(data) -> list[Problem]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        return [Problem("$.format", f"format harus / must be {FORMAT!r}, bukan / not {found!r}")]
    problems = []
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        if error.validator == "additionalProperties":
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            message = f"kunci tidak dikenal / unknown key: {', '.join(map(repr, extra))}"
        elif error.validator == "required":
            message = f"kunci wajib tidak ada / required key missing: {error.message.split(' ')[0]}"
        else:
            message = f"tidak sesuai skema / does not match the schema: {error.message}"
        problems.append(Problem(_path(error.absolute_path), message))
    return problems


def _number(value, path: str, problems: list[Problem]) -> Decimal | None:
    try:
        number = parse_canonical(value)
        return None if number is None else storable_decimal(number, MEASURE)
    except NumberFormatError as error:
        problems.append(Problem(path, str(error)))
        return None


def _indicators(data):
    for g, goal in enumerate(data.get("goals") or []):
        for o, objective in enumerate(goal.get("objectives") or []):
            for i, indicator in enumerate(objective.get("indicators") or []):
                yield f"$.goals[{g}].objectives[{o}].indicators[{i}]", indicator


def validate(data) -> list[Problem]:
    """Every problem of the document; empty when it can be imported."""
    problems = _schema_problems(data)
    if problems:
        return problems
    plan = data["plan"]
    start, end = plan["start_year"], plan["end_year"]
    if end < start or end - start + 1 > MAX_PLAN_YEARS:
        problems.append(
            Problem(
                "$.plan.end_year",
                f"periode tidak valid / invalid period: {start}–{end} (paling lama / at most {MAX_PLAN_YEARS})",
            )
        )
        return problems

    def year_of(key: str, path: str) -> None:
        if not start <= int(key) <= end:
            problems.append(
                Problem(path, f"tahun di luar periode RPJMD / year outside the RPJMD period: {key}")
            )

    missions = len(data.get("missions") or [])
    codes: dict[str, dict[str, str]] = {"goal": {}, "objective": {}, "indicator": {}}

    def unique(kind: str, code: str, path: str) -> None:
        if code in codes[kind]:
            problems.append(
                Problem(path, f"kode ganda / duplicate code {code!r} (juga di / also at {codes[kind][code]})")
            )
        codes[kind].setdefault(code, path)

    for g, goal in enumerate(data.get("goals") or []):
        unique("goal", goal["code"], f"$.goals[{g}].code")
        if goal.get("mission") is not None and goal["mission"] > missions:
            problems.append(
                Problem(f"$.goals[{g}].mission", f"misi tidak ada / no such misi: {goal['mission']}")
            )
        for o, objective in enumerate(goal.get("objectives") or []):
            unique("objective", objective["code"], f"$.goals[{g}].objectives[{o}].code")
    for path, indicator in _indicators(data):
        unique("indicator", indicator["code"], f"{path}.code")
        for key in ("baseline", "final_target"):
            _number(indicator.get(key), f"{path}.{key}", problems)
        for kind, values in (indicator.get("targets") or {}).items():
            for year, value in values.items():
                year_of(year, f"{path}.targets.{kind}.{year}")
                _number(value, f"{path}.targets.{kind}.{year}", problems)
        for year, entry in (indicator.get("realisations") or {}).items():
            year_of(year, f"{path}.realisations.{year}")
            _number(entry["value"], f"{path}.realisations.{year}.value", problems)
    for year, entry in (data.get("head_agreements") or {}).items():
        year_of(year, f"$.head_agreements.{year}")
        if entry.get("signed_on"):
            try:
                datetime.date.fromisoformat(entry["signed_on"])
            except ValueError:
                problems.append(
                    Problem(
                        f"$.head_agreements.{year}.signed_on",
                        f"tanggal tidak valid / invalid date: {entry['signed_on']!r}",
                    )
                )
    return problems


@dataclass
class RpjmdImportSummary:
    plan: RegionalPlan
    replaced: bool
    counts: dict[str, int]
    warnings: list[Problem] = field(default_factory=list)

    def __str__(self):
        counts = ", ".join(f"{n} {name}" for name, n in self.counts.items())
        head = f"{self.plan.government.code}: {self.plan} ({'diganti / replaced' if self.replaced else 'baru / new'}): {counts}"
        return "\n".join([head, *(f"peringatan / warning {w}" for w in self.warnings)])


class _Agencies:
    """The Pemda's agencies by code, and their sasaran and indicators by code in the most recent Renstra holding
    each code (three queries)."""

    def __init__(self, government: Government):
        self.by_code = {a.code: a for a in Agency.objects.filter(government=government)}
        self.objectives: dict[tuple[str, str], Objective] = {}
        for o in (
            Objective.objects.filter(plan__agency__government=government)
            .select_related("plan__agency")
            .order_by("plan__start_year", "pk")
        ):
            self.objectives[(o.plan.agency.code, o.code)] = o  # the latest plan wins
        self.indicators: dict[tuple[str, str], Indicator] = {}
        for i in (
            Indicator.objects.filter(plan__agency__government=government)
            .select_related("plan__agency")
            .order_by("plan__start_year", "pk")
        ):
            self.indicators[(i.plan.agency.code, i.code)] = i


def rpjmd_import(
    data: dict,
    *,
    replace: bool = False,
    how_to_replace: tuple[str, str] = ("pakai --replace", "use --replace"),
) -> RpjmdImportSummary:
    """Write the document (validated first: DatasetError lists every problem, nothing is written).
    `how_to_replace` (Indonesian, English) ends the refusal of an RPJMD that exists: the command's option, or the
    screen's checkbox."""
    problems = validate(data)
    if problems:
        raise DatasetError(problems)
    warnings: list[Problem] = []
    counts = dict.fromkeys(("misi", "tujuan", "sasaran", "IKU", "target", "realisasi", "PK"), 0)
    with transaction.atomic():
        g = data["government"]
        government, _created = Government.objects.get_or_create(code=g["code"], defaults={"name": g["name"]})
        p = data["plan"]
        key = {"start_year": p["start_year"], "end_year": p["end_year"], "revision": p.get("revision", "")}
        existing = RegionalPlan.objects.filter(government=government, **key).first()
        if existing is not None and not replace:
            raise DatasetError(
                [
                    Problem(
                        "$.plan",
                        f"RPJMD dengan periode dan revisi ini sudah ada; {how_to_replace[0]}. / "
                        f"An RPJMD with this period and revision exists; {how_to_replace[1]}.",
                    )
                ]
            )
        if existing is not None:
            existing.delete()
        plan = RegionalPlan.objects.create(
            government=government, vision=p.get("vision", ""), head_name=p.get("head_name", ""), **key
        )
        agencies = _Agencies(government)
        missions = [
            RegionalMission.objects.create(plan=plan, position=n, statement=text)
            for n, text in enumerate(data.get("missions") or [], start=1)
        ]
        counts["misi"] = len(missions)
        position = 0
        for gi, goal_data in enumerate(data.get("goals") or []):
            number = goal_data.get("mission")
            goal = RegionalGoal.objects.create(
                plan=plan,
                code=goal_data["code"],
                statement=goal_data["statement"],
                position=gi + 1,
                mission=missions[number - 1] if number else None,
            )
            counts["tujuan"] += 1
            for oi, objective_data in enumerate(goal_data.get("objectives") or []):
                path = f"$.goals[{gi}].objectives[{oi}]"
                objective = RegionalObjective.objects.create(
                    plan=plan,
                    goal=goal,
                    code=objective_data["code"],
                    statement=objective_data["statement"],
                    position=oi + 1,
                )
                counts["sasaran"] += 1
                for ai, ref in enumerate(objective_data.get("agency_objectives") or []):
                    linked = agencies.objectives.get((ref["agency"], ref["code"]))
                    if linked is None:
                        warnings.append(
                            Problem(
                                f"{path}.agency_objectives[{ai}]",
                                f"sasaran perangkat daerah tidak ada, tautan dilewati / agency sasaran not found, "
                                f"link skipped: {ref['agency']} {ref['code']}",
                            )
                        )
                        continue
                    Objective.objects.filter(pk=linked.pk).update(rpjmd_objective=objective)
                for ii, i in enumerate(objective_data.get("indicators") or []):
                    position += 1
                    counts["IKU"] += _indicator(
                        plan, objective, i, position, agencies, f"{path}.indicators[{ii}]", warnings, counts
                    )
        for year, entry in sorted((data.get("head_agreements") or {}).items()):
            HeadAgreement.objects.update_or_create(
                government=government,
                year=int(year),
                defaults={
                    "signed_on": datetime.date.fromisoformat(entry["signed_on"])
                    if entry.get("signed_on")
                    else None,
                    "signatory": entry.get("signatory", ""),
                    "place": entry.get("place", ""),
                },
            )
            counts["PK"] += 1
    return RpjmdImportSummary(plan=plan, replaced=existing is not None, counts=counts, warnings=warnings)


def _indicator(plan, objective, data, position, agencies: _Agencies, path, warnings, counts) -> int:
    source = None
    ref = data.get("source")
    if ref:
        source = agencies.indicators.get((ref["agency"], ref["code"]))
        if source is None:
            warnings.append(
                Problem(
                    f"{path}.source",
                    f"indikator perangkat daerah tidak ada, realisasi diisi Pemda / agency indicator not found, "
                    f"realisation typed by the Pemda: {ref['agency']} {ref['code']}",
                )
            )
    indicator = RegionalIndicator.objects.create(
        plan=plan,
        objective=objective,
        position=position,
        code=data["code"],
        name=data["name"],
        formula=data.get("formula", ""),
        unit=data.get("unit", ""),
        kind=data.get("kind", "number"),
        polarity=data.get("polarity", "higher"),
        baseline_value=parse_canonical(data.get("baseline")),
        baseline_year=data.get("baseline_year"),
        final_target=parse_canonical(data.get("final_target")),
        data_source=data.get("data_source", ""),
        source_indicator=source,
    )
    found = []
    for ai, code in enumerate(data.get("agencies") or []):
        agency = agencies.by_code.get(code)
        if agency is None:
            warnings.append(
                Problem(f"{path}.agencies[{ai}]", f"perangkat daerah tidak ada / agency not found: {code}")
            )
        else:
            found.append(agency)
    indicator.agencies.set(found)
    for kind, values in (data.get("targets") or {}).items():
        for year, value in values.items():
            RegionalTarget.objects.create(
                indicator=indicator, kind=kind, year=int(year), value=parse_canonical(value)
            )
            counts["target"] += 1
    for year, entry in (data.get("realisations") or {}).items():
        RegionalRealisation.objects.create(
            indicator=indicator,
            year=int(year),
            value=parse_canonical(entry["value"]),
            note=entry.get("note", ""),
        )
        counts["realisasi"] += 1
    return 1


def _years(values: dict[int, Decimal]) -> dict[str, str]:
    return {str(year): canonical_str(values[year]) for year in sorted(values)}


def rpjmd_export(plan: RegionalPlan) -> dict:
    """The RPJMD as a `sakip-rpjmd/1` document, every key written, in the order the screens show."""
    government = plan.government
    missions = list(RegionalMission.objects.filter(plan=plan).order_by("position", "pk"))
    numbers = {m.pk: n for n, m in enumerate(missions, start=1)}
    linked: dict[int, list[dict]] = {}
    for o in Objective.objects.filter(rpjmd_objective__plan=plan).select_related("plan__agency"):
        linked.setdefault(o.rpjmd_objective_id, []).append({"agency": o.plan.agency.code, "code": o.code})
    targets: dict[tuple[int, str], dict[int, Decimal]] = {}
    for t in RegionalTarget.objects.filter(indicator__plan=plan):
        targets.setdefault((t.indicator_id, t.kind), {})[t.year] = t.value
    realisations: dict[int, dict[int, RegionalRealisation]] = {}
    for r in RegionalRealisation.objects.filter(indicator__plan=plan):
        realisations.setdefault(r.indicator_id, {})[r.year] = r
    indicators: dict[int, list[RegionalIndicator]] = {}
    for i in (
        RegionalIndicator.objects.filter(plan=plan)
        .select_related("source_indicator__plan__agency")
        .prefetch_related("agencies")
        .order_by("position", "pk")
    ):
        indicators.setdefault(i.objective_id, []).append(i)
    objectives: dict[int, list[RegionalObjective]] = {}
    for o in RegionalObjective.objects.filter(plan=plan).order_by("position", "pk"):
        objectives.setdefault(o.goal_id, []).append(o)

    def indicator(i: RegionalIndicator) -> dict:
        source = i.source_indicator
        mine = realisations.get(i.pk, {})
        return {
            "code": i.code,
            "name": i.name,
            "formula": i.formula,
            "unit": i.unit,
            "kind": i.kind,
            "polarity": i.polarity,
            "baseline": canonical_str(i.baseline_value),
            "baseline_year": i.baseline_year,
            "final_target": canonical_str(i.final_target),
            "data_source": i.data_source,
            "agencies": sorted(a.code for a in i.agencies.all()),
            "source": {"agency": source.plan.agency.code, "code": source.code} if source else None,
            "targets": {
                "rpjmd": _years(targets.get((i.pk, "rpjmd"), {})),
                "pk": _years(targets.get((i.pk, "pk"), {})),
            },
            "realisations": {
                str(y): {"value": canonical_str(mine[y].value), "note": mine[y].note} for y in sorted(mine)
            },
        }

    goals = [
        {
            "code": g.code,
            "statement": g.statement,
            "mission": numbers.get(g.mission_id),
            "objectives": [
                {
                    "code": o.code,
                    "statement": o.statement,
                    "agency_objectives": sorted(linked.get(o.pk, []), key=lambda r: (r["agency"], r["code"])),
                    "indicators": [indicator(i) for i in indicators.get(o.pk, [])],
                }
                for o in objectives.get(g.pk, [])
            ],
        }
        for g in RegionalGoal.objects.filter(plan=plan).order_by("position", "pk")
    ]
    agreements = HeadAgreement.objects.filter(
        government=government, year__gte=plan.start_year, year__lte=plan.end_year
    ).order_by("year")
    return {
        "format": FORMAT,
        "government": {"code": government.code, "name": government.name},
        "plan": {
            "start_year": plan.start_year,
            "end_year": plan.end_year,
            "revision": plan.revision,
            "vision": plan.vision,
            "head_name": plan.head_name,
        },
        "missions": [m.statement for m in missions],
        "goals": goals,
        "head_agreements": {
            str(a.year): {
                "signed_on": a.signed_on.isoformat() if a.signed_on else None,
                "signatory": a.signatory,
                "place": a.place,
            }
            for a in agreements
        },
    }
