"""Validation of a `sakip-dataset/2` (or `/1`) document (SPEC.md §5): every problem, each with its JSON path.

Validation happens in three layers, and every problem of every layer is reported with its JSON path:
1. JSON Schema (interchange/schemas/, the one of the document's own format): shape, unknown keys, enums;
2. numbers: canonical plain decimals only, within the precision of the database columns;
3. references: duplicate codes, links to missing objectives / org units / indicators, grades on the
   wrong kind of indicator.
Nothing is written unless all three pass (`writing.dataset_import`).
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

from agencies.models import Agency, Facility, Government, OrgUnit, Risk, StaffCount
from budgets.models import BudgetLine, SpendingGroup
from indicators.models import (
    Indicator,
    ObjectiveNote,
    PerformanceAgreement,
    Realisation,
    ReportSigning,
    StrategicPlan,
    Target,
)
from interchange.walk import dataset_indicators
from sakip.grades import GRADE_SCALES
from sakip.numbers import NumberBounds, NumberFormatError, parse_canonical, storable_decimal
from surveys.models import SatisfactionSurvey, SurveyElement

SCHEMAS = Path(__file__).parent.parent / "schemas"
# Every format this release reads; a document keeps its own format's rules (a /1 file with a /2 key is refused).
FORMATS = {
    "sakip-dataset/1": SCHEMAS / "sakip-dataset-1.schema.json",
    "sakip-dataset/2": SCHEMAS / "sakip-dataset-2.schema.json",
}
CURRENT_FORMAT = "sakip-dataset/2"  # what the export writes
GRADE_RE = re.compile(r"^[A-Za-z][A-Za-z+-]{0,3}$")
# What each column keeps, read from the model fields (sakip.numbers.storable_decimal checks every figure).
MEASURE = NumberBounds.of(Target._meta.get_field("value"))
MONEY = NumberBounds.of(BudgetLine._meta.get_field("spent"))
PROGRESS = NumberBounds.of(BudgetLine._meta.get_field("physical_progress"))
OBJECTIVE_CAP = NumberBounds.of(Government._meta.get_field("objective_cap"))
SURVEY_TOTAL = NumberBounds.of(SurveyElement._meta.get_field("total"))
SURVEY_ANSWERED = NumberBounds.of(SurveyElement._meta.get_field("answered"))
# A printed ("declared") figure is kept as text, verbatim: only a sanity bound, not a column's.
DECLARED_DIGITS, DECLARED_PLACES = 30, 10


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self):
        return f"{self.path}: {self.message}"


class DatasetError(Exception):
    """Every problem found in a dataset; nothing has been saved."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} masalah / problems")


@cache
def _validator(format_tag: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads(FORMATS[format_tag].read_text(encoding="utf-8")))


def _json_path(parts) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _schema_problems(data) -> list[Problem]:
    format_tag = data.get("format")
    if format_tag not in FORMATS:
        known = ", ".join(FORMATS)
        return [
            Problem(
                "$.format",
                f"format tidak dikenal / unknown format: {format_tag!r} (dikenal / known: {known})",
            )
        ]
    problems = []
    errors = _validator(format_tag).iter_errors(data)
    for error in sorted(errors, key=lambda e: list(map(str, e.absolute_path))):
        path = _json_path(error.absolute_path)
        if error.validator == "additionalProperties":
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            message = f"kunci tidak dikenal / unknown key: {', '.join(map(repr, extra))}"
        elif (
            error.validator == "anyOf"
            and isinstance(error.instance, str)
            and "decimal" in json.dumps(error.schema)
        ):
            # A number in Indonesian or decorated form: say which form the interchange format wants.
            try:
                parse_canonical(error.instance)
                message = f"nilai tidak valid / invalid value: {error.instance!r}"
            except NumberFormatError as exc:
                message = str(exc)
        elif error.validator == "required":
            message = f"kunci wajib tidak ada / required key missing: {error.message.split(' ')[0]}"
        else:
            message = f"tidak sesuai skema / does not match the schema: {error.message}"
        problems.append(Problem(path, message))
    return problems


class _Reader:
    """Second and third validation layers; builds unsaved model instances linked in memory."""

    def __init__(self, data: dict):
        self.data = data
        self.problems: list[Problem] = []
        self.seen_codes: dict[str, dict[str, str]] = {}

    # -- values ---------------------------------------------------------------------------------------------
    def problem(self, path, message):
        self.problems.append(Problem(path, message))

    def decimal(self, raw, path, *, bounds=MEASURE, non_negative=False):
        """A figure stored in a decimal column: kept only when both databases give it back unchanged."""
        if raw is None:
            return None
        try:
            value = storable_decimal(parse_canonical(raw), bounds)
        except NumberFormatError as exc:
            self.problem(path, f"{exc} ({raw})")
            return None
        if non_negative and value < 0:
            self.problem(path, f"tidak boleh negatif / must not be negative: {raw}")
            return None
        return value

    def text_figure(self, raw, path, *, digits=DECLARED_DIGITS, places=DECLARED_PLACES):
        if raw is None:
            return None
        try:
            value = parse_canonical(raw)
        except NumberFormatError as exc:
            self.problem(path, str(exc))
            return None
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > places:
            self.problem(
                path, f"paling banyak {places} angka desimal / at most {places} decimal places: {raw}"
            )
            return None
        if abs(value) >= Decimal(10) ** (digits - places):
            self.problem(path, f"angka terlalu besar / number too large: {raw}")
            return None
        return value

    def money(self, raw, path):
        return self.decimal(raw, path, bounds=MONEY, non_negative=True)

    def measure(self, raw, path, indicator: dict):
        """An indicator value: (decimal, grade). Grades only for indicators of kind grade."""
        if raw is None:
            return None, ""
        is_grade_kind = indicator.get("kind") == "grade"
        if isinstance(raw, str) and GRADE_RE.match(raw):
            if not is_grade_kind:
                self.problem(
                    path,
                    f"nilai huruf hanya untuk indikator jenis grade / letter grade {raw!r} "
                    "is only allowed on an indicator of kind grade",
                )
                return None, ""
            scale = GRADE_SCALES.get(indicator.get("grade_scale") or "akip", {})
            if raw.upper() not in {g.upper() for g in scale}:
                self.problem(path, f"nilai huruf tidak ada di skala / grade not in scale: {raw!r}")
                return None, ""
            return None, raw.upper()
        if is_grade_kind:
            self.problem(
                path,
                f"indikator jenis grade memerlukan nilai huruf / a grade indicator needs a letter grade: {raw!r}",
            )
            return None, ""
        return self.decimal(raw, path), ""

    def declared(self, raw, path):
        """A printed figure, kept verbatim in canonical form (its number of decimals matters)."""
        if raw is None:
            return ""
        value = self.text_figure(raw, path)
        if value is None:
            return ""
        text = raw if isinstance(raw, str) else str(Decimal(str(raw)))
        return text

    def year(self, raw) -> int:
        return int(raw)

    def unique(self, kind: str, code: str, path: str):
        seen = self.seen_codes.setdefault(kind, {})
        if code in seen:
            self.problem(path, f"kode ganda / duplicate code {code!r} (juga di / also at {seen[code]})")
        else:
            seen[code] = path

    # -- structure ------------------------------------------------------------------------------------------
    def read(self):
        d = self.data
        self.government = d["government"]
        self.org_units = []
        for i, unit in enumerate(d.get("org_units") or []):
            self.unique("org_unit", unit["code"], f"$.org_units[{i}]")
        unit_codes = set(self.seen_codes.get("org_unit", {}))
        for i, unit in enumerate(d.get("org_units") or []):
            if unit.get("parent") and unit["parent"] not in unit_codes:
                self.problem(
                    f"$.org_units[{i}].parent",
                    f"unit induk tidak ada / unknown parent unit {unit['parent']!r}",
                )
        self.unit_codes = unit_codes
        self._check_unit_cycles()

        plan = d["plan"]
        if self.year(plan["end_year"]) < self.year(plan["start_year"]):
            self.problem("$.plan.end_year", "tahun akhir sebelum tahun awal / end year before start year")

        self.indicators = []  # (path, raw, owner_kind, owner_key)
        for gi, goal in enumerate(d["goals"]):
            gpath = f"$.goals[{gi}]"
            self.unique("goal", goal["code"], gpath)
            self._indicators(goal, gpath, "goal", goal["code"])
            for oi, objective in enumerate(goal.get("objectives") or []):
                opath = f"{gpath}.objectives[{oi}]"
                self.unique("objective", objective["code"], opath)
                mission = objective.get("mission")
                if mission is not None and mission > len(plan.get("missions") or []):
                    self.problem(
                        f"{opath}.mission", f"misi tidak ada / no mission number {mission} in plan.missions"
                    )
                self._indicators(objective, opath, "objective", objective["code"])
        objective_codes = set(self.seen_codes.get("objective", {}))
        self._objective_notes()
        self._organisation_profile(objective_codes)
        for year, signing in (d.get("report_signing") or {}).items():
            if signing.get("signed_on"):
                try:
                    datetime.date.fromisoformat(signing["signed_on"])
                except ValueError:
                    self.problem(
                        f"$.report_signing.{year}.signed_on",
                        f"tanggal tidak ada di kalender / not a calendar date: {signing['signed_on']!r}",
                    )
            for key in ("place", "title", "name", "nip", "rank"):
                too_long = _too_long(
                    f"$.report_signing.{year}.{key}", signing.get(key), _max_length(ReportSigning, key)
                )
                if too_long:
                    self.problems.append(too_long)

        for pi, program in enumerate(d.get("programs") or []):
            ppath = f"$.programs[{pi}]"
            self.unique("program", program["code"], ppath)
            for k, code in enumerate(program.get("objectives") or []):
                if code not in objective_codes:
                    self.problem(
                        f"{ppath}.objectives[{k}]", f"sasaran tidak ada / unknown objective {code!r}"
                    )
            self._indicators(program, ppath, "program", program["code"])
            for ai, activity in enumerate(program.get("activities") or []):
                apath = f"{ppath}.activities[{ai}]"
                self.unique("activity", activity["code"], apath)
                self._unit_ref(activity.get("responsible_unit"), f"{apath}.responsible_unit")
                self._indicators(activity, apath, "activity", activity["code"])
                has_subs = bool(activity.get("sub_activities"))
                self._budget(activity.get("budget") or [], f"{apath}.budget", roll_up_only=has_subs)
                for si, sub in enumerate(activity.get("sub_activities") or []):
                    spath = f"{apath}.sub_activities[{si}]"
                    self.unique("sub_activity", sub["code"], spath)
                    self._indicators(sub, spath, "sub_activity", sub["code"])
                    self._budget(sub.get("budget") or [], f"{spath}.budget", roll_up_only=False)

        indicator_codes = set(self.seen_codes.get("indicator", {}))
        agreement_keys = set()
        for i, agreement in enumerate(d.get("agreements") or []):
            key = (self.year(agreement["year"]), agreement.get("revision") or "murni")
            if key in agreement_keys:
                self.problem(
                    f"$.agreements[{i}]", f"perjanjian kinerja ganda / duplicate agreement {key[0]} {key[1]}"
                )
            agreement_keys.add(key)
        survey_years = set()
        for i, survey in enumerate(d.get("surveys") or []):
            spath = f"$.surveys[{i}]"
            year = self.year(survey["year"])
            if year in survey_years:
                self.problem(spath, f"survei ganda untuk tahun / duplicate survey for year {year}")
            survey_years.add(year)
            if survey.get("indicator") and survey["indicator"] not in indicator_codes:
                self.problem(
                    f"{spath}.indicator", f"indikator tidak ada / unknown indicator {survey['indicator']!r}"
                )
            element_codes = set()
            for k, element in enumerate(survey["unsur"]):
                epath = f"{spath}.unsur[{k}]"
                if element["code"] in element_codes:
                    self.problem(epath, f"kode unsur ganda / duplicate unsur code {element['code']!r}")
                element_codes.add(element["code"])
                self.decimal(element.get("total"), f"{epath}.total", bounds=SURVEY_TOTAL, non_negative=True)
                self.decimal(
                    element.get("answered"), f"{epath}.answered", bounds=SURVEY_ANSWERED, non_negative=True
                )
            for key in ("ikm", "skm"):
                self.declared((survey.get("declared") or {}).get(key), f"{spath}.declared.{key}")

        self._whole_budget()

        settings = d.get("settings") or {}
        cap = self.decimal(settings.get("objective_cap"), "$.settings.objective_cap", bounds=OBJECTIVE_CAP)
        if cap is not None and cap <= 0:
            self.problem("$.settings.objective_cap", "harus positif / must be positive")

    def _whole_budget(self):
        """The whole budget's parts (/2) and the realisations declared for groups of programs: amounts in rupiah;
        a group names programs of the plan, each program in one group a year at most."""
        d = self.data
        for year, parts in (d.get("expenditures") or {}).items():
            for part, amounts in parts.items():
                for key, value in amounts.items():
                    self.money(value, f"$.expenditures.{year}.{part}.{key}")
        programs = {p.get("code") for p in d.get("programs") or []}
        for year, groups in (d.get("spending_groups") or {}).items():
            grouped: set[str] = set()
            for k, group in enumerate(groups):
                gpath = f"$.spending_groups.{year}[{k}]"
                self.money(group.get("spent"), f"{gpath}.spent")
                too_long = _too_long(
                    f"{gpath}.label", group.get("label"), _max_length(SpendingGroup, "label")
                )
                if too_long:
                    self.problems.append(too_long)
                for m, code in enumerate(group.get("programs") or []):
                    if code not in programs:
                        self.problem(
                            f"{gpath}.programs[{m}]", f"program tidak ada / unknown program {code!r}"
                        )
                    elif code in grouped:
                        self.problem(
                            f"{gpath}.programs[{m}]",
                            f"program sudah ada di kelompok lain tahun ini / program already in another group "
                            f"this year: {code!r}",
                        )
                    grouped.add(code)

    def _objective_notes(self):
        """A sasaran's analysis items (/2): years of the plan, programs of the plan, program items name one."""
        plan = self.data["plan"]
        years = range(self.year(plan["start_year"]), self.year(plan["end_year"]) + 1)
        programs = {p.get("code") for p in self.data.get("programs") or []}
        for gi, goal in enumerate(self.data["goals"]):
            for oi, objective in enumerate(goal.get("objectives") or []):
                for year, items in (objective.get("analysis") or {}).items():
                    ypath = f"$.goals[{gi}].objectives[{oi}].analysis.{year}"
                    if int(year) not in years:
                        self.problem(ypath, f"tahun di luar periode Renstra / year outside the plan: {year}")
                    for k, item in enumerate(items):
                        too_long = _too_long(
                            f"{ypath}[{k}].partner",
                            item.get("partner"),
                            _max_length(ObjectiveNote, "partner"),
                        )
                        if too_long:
                            self.problems.append(too_long)
                        if item.get("program") is not None and item["program"] not in programs:
                            self.problem(
                                f"{ypath}[{k}].program",
                                f"program tidak ada / unknown program {item['program']!r}",
                            )
                        elif item["kind"] in ("supporting", "hindering") and not item.get("program"):
                            self.problem(
                                f"{ypath}[{k}].program",
                                "butir program perlu kode program / a program item names its program",
                            )

    def _organisation_profile(self, objective_codes: set[str]):
        """Each year's profile (/2): a staff label once per table, texts within their columns, values in rupiah,
        issues and risks naming sasaran of the plan and units of the agency."""
        for year, profile in (self.data.get("organisation_profile") or {}).items():
            ypath = f"$.organisation_profile.{year}"
            for breakdown, lines in (profile.get("staff") or {}).items():
                seen: set[str] = set()
                for k, line in enumerate(lines):
                    lpath = f"{ypath}.staff.{breakdown}[{k}].label"
                    if line["label"].lower() in seen:
                        self.problem(lpath, f"uraian ganda / duplicate label {line['label']!r}")
                    seen.add(line["label"].lower())
                    self._length(lpath, line["label"], StaffCount, "label")
            for k, facility in enumerate(profile.get("facilities") or []):
                fpath = f"{ypath}.facilities[{k}]"
                for key in ("category", "name", "unit", "note"):
                    self._length(f"{fpath}.{key}", facility.get(key), Facility, key)
                self.money(facility.get("value"), f"{fpath}.value")
            for k, issue in enumerate(profile.get("strategic_issues") or []):
                self._objective_ref(
                    issue.get("objective"), f"{ypath}.strategic_issues[{k}].objective", objective_codes
                )
            for k, risk in enumerate(profile.get("risks") or []):
                rpath = f"{ypath}.risks[{k}]"
                self._length(f"{rpath}.schedule", risk.get("schedule"), Risk, "schedule")
                self._unit_ref(risk.get("owner_unit"), f"{rpath}.owner_unit")
                self._objective_ref(risk.get("objective"), f"{rpath}.objective", objective_codes)

    def _objective_ref(self, code, path, objective_codes):
        if code and code not in objective_codes:
            self.problem(path, f"sasaran tidak ada / unknown objective {code!r}")

    def _length(self, path, value, model, field_name):
        too_long = _too_long(path, value, _max_length(model, field_name))
        if too_long:
            self.problems.append(too_long)

    def _check_unit_cycles(self):
        parents = {u["code"]: u.get("parent") for u in self.data.get("org_units") or []}
        for i, unit in enumerate(self.data.get("org_units") or []):
            seen, code = set(), unit["code"]
            while code is not None and code in parents:
                if code in seen:
                    self.problem(f"$.org_units[{i}].parent", "unit kerja melingkar / org unit cycle")
                    break
                seen.add(code)
                code = parents[code]

    def _unit_ref(self, code, path):
        if code and code not in self.unit_codes:
            self.problem(path, f"unit kerja tidak ada / unknown org unit {code!r}")

    def _indicators(self, owner: dict, path: str, owner_kind: str, owner_code: str):
        for k, raw in enumerate(owner.get("indicators") or []):
            ipath = f"{path}.indicators[{k}]"
            self.unique("indicator", raw["code"], ipath)
            self._unit_ref(raw.get("responsible_unit"), f"{ipath}.responsible_unit")
            if raw.get("kind") == "grade" and (raw.get("grade_scale") or "akip") not in GRADE_SCALES:
                self.problem(
                    f"{ipath}.grade_scale",
                    f"skala nilai huruf tidak dikenal / unknown grade scale {raw['grade_scale']!r}",
                )
            multiplier = self.decimal(raw.get("multiplier"), f"{ipath}.multiplier")
            if multiplier == 0:
                self.problem(f"{ipath}.multiplier", "pengali tidak boleh 0 / multiplier must not be 0")
            baseline = raw.get("baseline") or {}
            self.measure(baseline.get("value"), f"{ipath}.baseline.value", raw)
            self.measure(raw.get("national_standard"), f"{ipath}.national_standard", raw)
            for kind, years in (raw.get("targets") or {}).items():
                for year, value in years.items():
                    self.measure(value, f"{ipath}.targets.{kind}.{year}", raw)
            revised = ((raw.get("targets") or {}).get("pk_revised")) or {}
            for year in raw.get("revision_reasons") or {}:
                if revised.get(year) is None:
                    self.problem(
                        f"{ipath}.revision_reasons.{year}",
                        "alasan perubahan tanpa target PK perubahan tahun itu / "
                        "a revision reason without a pk_revised target that year",
                    )
            for group in ("quarter_targets", "quarter_realisations"):
                for year, values in (raw.get(group) or {}).items():
                    for q, value in enumerate(values):
                        self.measure(value, f"{ipath}.{group}.{year}[{q}]", raw)
            for year, real in (raw.get("realisations") or {}).items():
                rpath = f"{ipath}.realisations.{year}"
                self.measure(real.get("value"), f"{rpath}.value", raw)
                self.decimal(real.get("numerator"), f"{rpath}.numerator")
                self.decimal(real.get("denominator"), f"{rpath}.denominator")
                self.declared((real.get("declared") or {}).get("capaian"), f"{rpath}.declared.capaian")
            self.indicators.append((ipath, raw, owner_kind, owner_code))

    def _budget(self, lines: list, path: str, *, roll_up_only: bool):
        years = set()
        for k, line in enumerate(lines):
            lpath = f"{path}[{k}]"
            year = self.year(line["year"])
            if year in years:
                self.problem(
                    lpath, f"baris anggaran ganda untuk tahun / duplicate budget line for year {year}"
                )
            years.add(year)
            own = [key for key in line if key not in ("year", "declared")]
            if roll_up_only and own:
                self.problem(
                    lpath,
                    "kegiatan yang memiliki sub kegiatan tidak boleh punya anggaran sendiri (hanya declared) / an "
                    f"activity with sub-activities carries no budget of its own (only declared): {', '.join(own)}",
                )
            for key in (
                "ceiling_original",
                "ceiling_rationalised",
                "ceiling_revised",
                "ceiling_plan",
                "spent",
            ):
                self.money(line.get(key), f"{lpath}.{key}")
            for q, value in enumerate(line.get("spent_quarters") or []):
                self.money(value, f"{lpath}.spent_quarters[{q}]")
            for q, value in enumerate(line.get("planned_quarters") or []):
                self.money(value, f"{lpath}.planned_quarters[{q}]")
            for q, value in enumerate(line.get("physical_quarters") or []):
                self.decimal(value, f"{lpath}.physical_quarters[{q}]", bounds=PROGRESS, non_negative=True)
            self.decimal(
                line.get("physical_progress"),
                f"{lpath}.physical_progress",
                bounds=PROGRESS,
                non_negative=True,
            )
            for key, value in (line.get("declared") or {}).items():
                self.declared(value, f"{lpath}.declared.{key}")


def validate(data) -> list[Problem]:
    """Every problem of a parsed dataset (empty when it can be imported)."""
    if not isinstance(data, dict):
        return [Problem("$", "dokumen harus berupa objek JSON / the document must be a JSON object")]
    problems = _schema_problems(data)
    reader = _Reader(data)
    try:
        reader.read()
    except (KeyError, TypeError, ValueError, AttributeError):
        # The shape is wrong somewhere the schema already reported; list what the reader found up to there.
        if not problems:
            raise
    reported = {p.path for p in problems}
    problems.extend(p for p in reader.problems if p.path not in reported)
    problems.extend(p for p in _length_problems(data) if p.path not in reported)
    return problems


def _max_length(model, field_name) -> int:
    return model._meta.get_field(field_name).max_length


# Text limits come from the columns they are stored in, so the database never truncates or refuses silently.
_TEXT_LIMITS = (
    ("government.name", Government, "name"),
    ("government.head_title", Government, "head_title"),
    ("agency.name", Agency, "name"),
    ("agency.short_name", Agency, "short_name"),
    ("agency.website", Agency, "website"),
    ("agency.head.name", Agency, "head_name"),
    ("agency.head.nip", Agency, "head_nip"),
    ("agency.head.rank", Agency, "head_rank"),
    ("org_units[].name", OrgUnit, "name"),
    ("org_units[].head_title", OrgUnit, "head_title"),
    ("plan.revision", StrategicPlan, "revision"),
    ("agreements[].place", PerformanceAgreement, "place"),
    ("agreements[].first_party.name", PerformanceAgreement, "first_party_name"),
    ("agreements[].first_party.nip", PerformanceAgreement, "first_party_nip"),
    ("agreements[].first_party.position", PerformanceAgreement, "first_party_position"),
    ("agreements[].second_party.name", PerformanceAgreement, "second_party_name"),
    ("agreements[].second_party.position", PerformanceAgreement, "second_party_position"),
    ("surveys[].conducted_by", SatisfactionSurvey, "conducted_by"),
    ("surveys[].unsur[].name", SurveyElement, "name"),
)
_INDICATOR_TEXT_LIMITS = (("unit", "unit"), ("grade_scale", "grade_scale"))


def _walk(node, steps, path="$"):
    """Yield (json path, value) for a dotted path where `name[]` iterates a list."""
    if not steps:
        yield path, node
        return
    step, rest = steps[0], steps[1:]
    if not isinstance(node, dict):
        return
    if step.endswith("[]"):
        items = node.get(step[:-2])
        for k, item in enumerate(items if isinstance(items, list) else []):
            yield from _walk(item, rest, f"{path}.{step[:-2]}[{k}]")
    elif step in node:
        yield from _walk(node[step], rest, f"{path}.{step}")


def _too_long(path, value, limit):
    if isinstance(value, str) and len(value) > limit:
        return Problem(path, f"teks terlalu panjang ({len(value)} > {limit} karakter) / text too long")
    return None


def _length_problems(data) -> list[Problem]:
    found = []
    for dotted, model, field_name in _TEXT_LIMITS:
        limit = _max_length(model, field_name)
        for path, value in _walk(data, dotted.split(".")):
            found.append(_too_long(path, value, limit))
    for path, indicator in dataset_indicators(data):
        if isinstance(indicator, dict):
            for key, field_name in _INDICATOR_TEXT_LIMITS:
                found.append(
                    _too_long(f"{path}.{key}", indicator.get(key), _max_length(Indicator, field_name))
                )
            realisations = indicator.get("realisations")
            for year, real in (realisations if isinstance(realisations, dict) else {}).items():
                if isinstance(real, dict):
                    found.append(
                        _too_long(
                            f"{path}.realisations.{year}.unit",
                            real.get("unit"),
                            _max_length(Realisation, "unit"),
                        )
                    )
    return [p for p in found if p]


def parse_json(text: str | bytes):
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DatasetError(
            [
                Problem(
                    "$", f"JSON tidak valid (baris {exc.lineno}, kolom {exc.colno}) / invalid JSON: {exc.msg}"
                )
            ]
        ) from exc
    except RecursionError as exc:  # thousands of nested brackets: no dataset looks like that
        raise DatasetError(
            [Problem("$", "JSON bersarang terlalu dalam. / The JSON is nested too deeply.")]
        ) from exc
