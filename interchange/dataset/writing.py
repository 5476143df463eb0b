"""Writing a validated `sakip-dataset/2` (or `/1`) document: in one transaction, with bulk inserts per table.

`dataset_import` writes nothing unless `validation.validate` finds no problem; a replacement keeps the
agency's users and the Renstra screens' own records, and refuses when a year of the agency is frozen
(review/locks.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from agencies.audit import VIA_IMPORT, baseline_record, history_paused, import_event_record
from agencies.models import Agency, Facility, Government, OrgUnit, Risk, StaffCount, StrategicIssue
from agencies.revisions import note_agency
from budgets.models import (
    Activity,
    BudgetLine,
    Expenditure,
    Program,
    SpendingGroup,
    SpendingGroupMember,
    SubActivity,
)
from indicators.models import (
    Goal,
    Indicator,
    Mission,
    Narrative,
    Objective,
    ObjectiveNote,
    PerformanceAgreement,
    Policy,
    Realisation,
    ReportSigning,
    StrategicPlan,
    Strategy,
    Target,
)
from reports.renstra.carry import renstra_inputs_keep, renstra_inputs_restore
from review.locks import YearLocked, dataset_locked_years
from sakip.numbers import decimal_places, parse_canonical
from surveys.models import SatisfactionSurvey, SurveyElement

from .validation import GRADE_RE, DatasetError, Problem, validate

TARGET_KINDS = ("renstra", "pk", "pk_revised")


@dataclass
class ImportSummary:
    agency: Agency
    replaced: bool
    counts: dict[str, int] = field(default_factory=dict)

    def __str__(self):
        parts = ", ".join(f"{n} {name}" for name, n in self.counts.items())
        verb = "diganti / replaced" if self.replaced else "diimpor / imported"
        return f"{self.agency.code}: {verb} — {parts}"


def dataset_import(data: dict, *, replace: bool = False) -> ImportSummary:
    """Validate and import one agency's dataset; raises DatasetError (nothing saved) on any problem."""
    problems = validate(data)
    if problems:
        raise DatasetError(problems)
    code = data["agency"]["code"]
    with transaction.atomic():
        existing = Agency.objects.select_for_update().filter(code=code).first()
        if existing and not replace:
            raise DatasetError(
                [
                    Problem(
                        "$.agency.code",
                        f"perangkat daerah {code!r} sudah ada; gunakan --replace / "
                        f"agency {code!r} already exists; use --replace",
                    )
                ]
            )
        if existing:
            locked = dataset_locked_years(existing)  # a frozen year is never replaced silently
            if locked:
                raise DatasetError([Problem("$.agency.code", message) for message in locked])
        writer = _Writer(data)
        # The Renstra screens' own records (narratives, frozen revisions, printed program funding) are not in the
        # format: kept across a replacement and given back to the same plan period and program code.
        kept = renstra_inputs_keep(existing) if existing else None
        # History: one import event and a baseline row per imported record, none per replaced record (agencies/audit.py).
        with history_paused():
            agency = writer.write(existing)
            if kept is not None:
                renstra_inputs_restore(agency, kept)
        import_event_record(agency, replaced=existing is not None)
        note_agency(agency.pk)  # written in bulk, without signals: the agency's revision is raised here
    return ImportSummary(agency=agency, replaced=existing is not None, counts=writer.counts)


EXPENDITURE_AMOUNTS = ("ceiling_original", "ceiling_rationalised", "ceiling_revised", "spent")


def _tracked_values(row) -> tuple:
    return tuple(getattr(row, f.attname) for f in type(row).history.model.tracked_fields)


def _text(value) -> str:
    return value if value is not None else ""


class _Writer:
    """Writes a validated dataset with a bounded number of queries (bulk inserts per table)."""

    def __init__(self, data: dict):
        self.data = data
        self.counts: dict[str, int] = {}

    def _bulk(self, model, objects, label=None, *, history=True):
        model.objects.bulk_create(objects)
        if history and hasattr(model, "history"):  # a baseline history row each: a later edit shows old → new
            baseline_record(model, [o.pk for o in objects])
        if label:
            self.counts[label] = self.counts.get(label, 0) + len(objects)
        return objects

    def write(self, existing: Agency | None) -> Agency:
        d = self.data
        g = d["government"]
        settings = d.get("settings") or {}
        government, created = Government.objects.get_or_create(code=g["code"], defaults={"name": g["name"]})
        before = None if created else _tracked_values(government)
        government.name = g["name"]
        government.level = g.get("level") or ""
        government.head_title = _text(g.get("head_title"))
        government.predicate_scale = settings.get("predicate_scale") or "permendagri-86-2017"
        government.indicator_scale = settings.get("indicator_scale") or ""
        government.objective_cap = parse_canonical(settings.get("objective_cap"))
        government.ikm_weight = settings.get("ikm_weight") or Government.IkmWeight.EXACT
        government.ikm_scale = settings.get("ikm_scale") or Government.IkmScale.PERMENPAN_14_2017
        government.renstra_series = settings.get("renstra_series") or Government.RenstraSeries.FINAL_YEAR
        government.full_clean(exclude=["code"])
        # The Pemda's settings are used by its other agencies' frozen years (review/guards.py).
        try:
            government.save()
        except YearLocked as error:
            raise DatasetError([Problem("$.settings", message) for message in error.messages]) from error
        if created or _tracked_values(government) != before:
            # The import rewrote the Pemda's settings: one history row (reason "import"), so that the Pemda's
            # history shows the import and a later edit on screen compares with what the import wrote.
            Government.history.bulk_history_create(
                [government], update=not created, default_change_reason=VIA_IMPORT
            )

        a = d["agency"]
        head = a.get("head") or {}
        agency = existing or Agency(code=a["code"])
        agency.government = government
        agency.name = a["name"]
        agency.short_name = _text(a.get("short_name"))
        agency.address = _text(a.get("address"))
        agency.website = _text(a.get("website"))
        agency.head_name = _text(head.get("name"))
        agency.head_nip = _text(head.get("nip"))
        agency.head_rank = _text(head.get("rank"))
        agency.save()
        if existing:
            # Users and their profiles stay; everything the dataset describes is replaced.
            for related in (
                agency.plans,
                agency.org_units,
                agency.agreements,
                agency.narratives,
                agency.report_signings,
                agency.surveys,
                agency.expenditures,
                agency.spending_groups,
                agency.staff_counts,
                agency.facilities,
                agency.strategic_issues,
                agency.risks,
            ):
                related.all().delete()

        units = self._bulk(
            OrgUnit,
            [
                OrgUnit(
                    agency=agency,
                    code=u["code"],
                    name=u["name"],
                    head_title=_text(u.get("head_title")),
                    duties=_text(u.get("duties")),
                    functions="\n".join(u.get("functions") or []),
                    position=i,
                )
                for i, u in enumerate(d.get("org_units") or [])
            ],
            "unit kerja",
            history=False,  # recorded with their parents by import_event_record
        )
        self.units = {u.code: u for u in units}
        parented = []
        for u in d.get("org_units") or []:
            if u.get("parent"):
                unit = self.units[u["code"]]
                unit.parent = self.units[u["parent"]]
                parented.append(unit)
        OrgUnit.objects.bulk_update(parented, ["parent"])

        p = d["plan"]
        plan = StrategicPlan.objects.create(
            agency=agency,
            start_year=int(p["start_year"]),
            end_year=int(p["end_year"]),
            revision=_text(p.get("revision")),
            vision=_text(p.get("vision")),
        )
        self.plan = plan
        missions = self._bulk(
            Mission,
            [Mission(plan=plan, position=i, statement=m) for i, m in enumerate(p.get("missions") or [])],
        )

        goals = self._bulk(
            Goal,
            [
                Goal(plan=plan, code=g["code"], statement=g["statement"], position=i)
                for i, g in enumerate(d["goals"])
            ],
            "tujuan",
        )
        objectives, raw_objectives = [], []
        for goal, raw_goal in zip(goals, d["goals"], strict=True):
            for i, o in enumerate(raw_goal.get("objectives") or []):
                objectives.append(
                    Objective(
                        plan=plan,
                        goal=goal,
                        code=o["code"],
                        statement=o["statement"],
                        position=i,
                        mission=missions[o["mission"] - 1] if o.get("mission") else None,
                        rpjmd_goal=_text(o.get("rpjmd_goal")),
                    )
                )
                raw_objectives.append(o)
        self._bulk(Objective, objectives, "sasaran")
        self.objectives = {o.code: o for o in objectives}
        strategies, raw_strategies = [], []
        for objective, raw in zip(objectives, raw_objectives, strict=True):
            for i, s in enumerate(raw.get("strategies") or []):
                strategies.append(Strategy(objective=objective, statement=s["statement"], position=i))
                raw_strategies.append(s)
        self._bulk(Strategy, strategies)
        self._bulk(
            Policy,
            [
                Policy(strategy=strategy, statement=text, position=i)
                for strategy, raw in zip(strategies, raw_strategies, strict=True)
                for i, text in enumerate(raw.get("policies") or [])
            ],
        )

        raw_programs = d.get("programs") or []
        programs = self._bulk(
            Program,
            [
                Program(plan=plan, code=r["code"], name=r["name"], position=i)
                for i, r in enumerate(raw_programs)
            ],
            "program",
        )
        Program.objectives.through.objects.bulk_create(
            [
                Program.objectives.through(program_id=program.pk, objective_id=self.objectives[code].pk)
                for program, raw in zip(programs, raw_programs, strict=True)
                for code in raw.get("objectives") or []
            ]
        )
        activities, raw_activities = [], []
        for program, raw in zip(programs, raw_programs, strict=True):
            for i, r in enumerate(raw.get("activities") or []):
                activities.append(
                    Activity(
                        program=program,
                        code=r["code"],
                        name=r["name"],
                        position=i,
                        responsible_unit=self.units.get(r.get("responsible_unit")),
                    )
                )
                raw_activities.append(r)
        self._bulk(Activity, activities, "kegiatan")
        subs, raw_subs = [], []
        for activity, raw in zip(activities, raw_activities, strict=True):
            for i, r in enumerate(raw.get("sub_activities") or []):
                subs.append(SubActivity(activity=activity, code=r["code"], name=r["name"], position=i))
                raw_subs.append(r)
        self._bulk(SubActivity, subs, "sub kegiatan")

        owners = [
            ("goal", goals, d["goals"]),
            ("objective", objectives, raw_objectives),
            ("program", programs, raw_programs),
            ("activity", activities, raw_activities),
            ("sub_activity", subs, raw_subs),
        ]
        self._indicators(owners)
        program_by_code = {p.code: p for p in programs}
        self._bulk(
            ObjectiveNote,
            [
                ObjectiveNote(
                    objective=objective,
                    year=int(year),
                    kind=item["kind"],
                    position=k,
                    text=item["text"],
                    program=program_by_code.get(item.get("program")),
                    partner=item.get("partner") or "",
                )
                for objective, raw in zip(objectives, raw_objectives, strict=True)
                for year, items in (raw.get("analysis") or {}).items()
                for k, item in enumerate(items)
            ],
        )
        self._budget_lines(activities, raw_activities, subs, raw_subs)
        self._whole_budget(agency, program_by_code)
        self._organisation_profile(agency)
        self._agreements(agency)
        self._surveys(agency)
        self._bulk(
            ReportSigning,
            [
                ReportSigning(
                    agency=agency,
                    year=int(year),
                    signed_on=datetime.date.fromisoformat(s["signed_on"]) if s.get("signed_on") else None,
                    **{key: s.get(key) or "" for key in ("place", "title", "name", "nip", "rank")},
                )
                for year, s in (d.get("report_signing") or {}).items()
            ],
        )
        self._bulk(
            Narrative,
            [
                Narrative(agency=agency, year=int(year), key=key, text=text)
                for year, sections in (d.get("narratives") or {}).items()
                for key, text in sections.items()
            ],
            "narasi",
        )
        return agency

    def _organisation_profile(self, agency: Agency) -> None:
        """Each year's staff tables, sarana-prasarana, strategic issues and risks, in their listed order."""
        staff, facilities, issues, risks = [], [], [], []
        for year, profile in (self.data.get("organisation_profile") or {}).items():
            year_of = {"agency": agency, "year": int(year)}
            for breakdown, lines in (profile.get("staff") or {}).items():
                staff += [
                    StaffCount(
                        **year_of, breakdown=breakdown, position=k, label=line["label"], count=line["count"]
                    )
                    for k, line in enumerate(lines)
                ]
            facilities += [
                Facility(
                    **year_of,
                    position=k,
                    category=f.get("category") or "",
                    name=f["name"],
                    quantity=f.get("quantity"),
                    unit=f.get("unit") or "",
                    acquired_year=int(f["acquired_year"]) if f.get("acquired_year") else None,
                    condition=f.get("condition") or "",
                    value=parse_canonical(f.get("value")),
                    note=f.get("note") or "",
                )
                for k, f in enumerate(profile.get("facilities") or [])
            ]
            issues += [
                StrategicIssue(
                    **year_of,
                    position=k,
                    issue=i["issue"],
                    cause=i.get("cause") or "",
                    objective=self.objectives.get(i.get("objective")),
                )
                for k, i in enumerate(profile.get("strategic_issues") or [])
            ]
            risks += [
                Risk(
                    **year_of,
                    position=k,
                    statement=r["statement"],
                    cause=r.get("cause") or "",
                    impact=r.get("impact") or "",
                    likelihood=r.get("likelihood"),
                    severity=r.get("severity"),
                    mitigation=r.get("mitigation") or "",
                    schedule=r.get("schedule") or "",
                    owner_unit=self.units.get(r.get("owner_unit")),
                    objective=self.objectives.get(r.get("objective")),
                )
                for k, r in enumerate(profile.get("risks") or [])
            ]
        # Counted in the summary only when the dataset has them, so older datasets' summaries read as before.
        for model, rows, label in (
            (StaffCount, staff, "jumlah pegawai"),
            (Facility, facilities, "sarana prasarana"),
            (StrategicIssue, issues, "isu strategis"),
            (Risk, risks, "risiko"),
        ):
            self._bulk(model, rows, label if rows else None)

    def _indicators(self, owners):
        indicators, raws = [], []
        position = 0
        for owner_kind, objects, raw_owners in owners:
            for owner, raw_owner in zip(objects, raw_owners, strict=True):
                for r in raw_owner.get("indicators") or []:
                    baseline = r.get("baseline") or {}
                    b_value, b_grade = _measure(baseline.get("value"))
                    n_value, n_grade = _measure(r.get("national_standard"))
                    indicators.append(
                        Indicator(
                            plan=self.plan,
                            position=position,
                            code=r["code"],
                            name=r["name"],
                            unit=_text(r.get("unit")),
                            kind=r.get("kind") or "number",
                            grade_scale=_text(r.get("grade_scale")),
                            polarity=r.get("polarity") or "higher",
                            is_key=bool(r.get("key")),
                            computation=r.get("computation") or "direct",
                            multiplier=parse_canonical(r.get("multiplier")),
                            numerator_label=_text(r.get("numerator_label")),
                            denominator_label=_text(r.get("denominator_label")),
                            cumulative=bool(r.get("cumulative")),
                            quarter_mode=r.get("quarters") or "",
                            formula=_text(r.get("formula")),
                            data_source=_text(r.get("data_source")),
                            responsible_unit=self.units.get(r.get("responsible_unit")),
                            baseline_year=int(baseline["year"]) if baseline.get("year") is not None else None,
                            baseline_value=b_value,
                            baseline_grade=b_grade,
                            national_standard_value=n_value,
                            national_standard_grade=n_grade,
                            national_standard_kind=r.get("national_standard_kind") or "",
                            national_standard_source=_text(r.get("national_standard_source")),
                            **{owner_kind: owner},
                        )
                    )
                    raws.append(r)
                    position += 1
        self._bulk(Indicator, indicators, "indikator")
        targets, realisations = [], []
        for indicator, r in zip(indicators, raws, strict=True):
            reasons = r.get("revision_reasons") or {}
            for kind in TARGET_KINDS:
                for year, raw_value in ((r.get("targets") or {}).get(kind) or {}).items():
                    value, grade = _measure(raw_value)
                    if value is not None or grade:
                        reason = reasons.get(year, "") if kind == "pk_revised" else ""
                        targets.append(
                            Target(
                                indicator=indicator,
                                kind=kind,
                                year=int(year),
                                value=value,
                                grade=grade,
                                revision_reason=reason,
                            )
                        )
            for year, values in (r.get("quarter_targets") or {}).items():
                for q, raw_value in enumerate(values, start=1):
                    value, grade = _measure(raw_value)
                    if value is not None or grade:
                        targets.append(
                            Target(
                                indicator=indicator,
                                kind=Target.Kind.QUARTER,
                                year=int(year),
                                quarter=q,
                                value=value,
                                grade=grade,
                            )
                        )
            annual = {}
            for year, raw in (r.get("realisations") or {}).items():
                value, grade = _measure(raw.get("value"))
                annual[int(year)] = Realisation(
                    indicator=indicator,
                    year=int(year),
                    quarter=0,
                    value=value,
                    value_places=_typed_places(raw.get("value"), value),
                    unit=_text(raw.get("unit")),
                    grade=grade,
                    numerator=parse_canonical(raw.get("numerator")),
                    denominator=parse_canonical(raw.get("denominator")),
                    status=raw.get("status") or Realisation.Status.FINAL,
                    note=_text(raw.get("note")),
                    declared_capaian=_declared((raw.get("declared") or {}).get("capaian")),
                )
            for year, text in (r.get("analysis") or {}).items():
                row = annual.setdefault(
                    int(year), Realisation(indicator=indicator, year=int(year), quarter=0)
                )
                row.analysis = text
            realisations.extend(annual.values())
            for year, values in (r.get("quarter_realisations") or {}).items():
                for q, raw_value in enumerate(values, start=1):
                    value, grade = _measure(raw_value)
                    if value is not None or grade:
                        realisations.append(
                            Realisation(
                                indicator=indicator,
                                year=int(year),
                                quarter=q,
                                value=value,
                                value_places=_typed_places(raw_value, value),
                                grade=grade,
                            )
                        )
        self._bulk(Target, targets, "target")
        self._bulk(Realisation, realisations, "realisasi")

    def _budget_lines(self, activities, raw_activities, subs, raw_subs):
        lines = []
        for owner_kind, objects, raw_owners in (
            ("activity", activities, raw_activities),
            ("sub_activity", subs, raw_subs),
        ):
            for owner, raw_owner in zip(objects, raw_owners, strict=True):
                for raw in raw_owner.get("budget") or []:
                    quarters = raw.get("spent_quarters") or [None] * 4
                    planned = raw.get("planned_quarters") or [None] * 4
                    physical = raw.get("physical_quarters") or [None] * 4
                    declared = raw.get("declared") or {}
                    lines.append(
                        BudgetLine(
                            year=int(raw["year"]),
                            **{owner_kind: owner},
                            **{
                                k: parse_canonical(raw.get(k))
                                for k in (
                                    "ceiling_original",
                                    "ceiling_rationalised",
                                    "ceiling_revised",
                                    "ceiling_plan",
                                    "spent",
                                    "physical_progress",
                                )
                            },
                            spent_q1=parse_canonical(quarters[0]),
                            spent_q2=parse_canonical(quarters[1]),
                            spent_q3=parse_canonical(quarters[2]),
                            spent_q4=parse_canonical(quarters[3]),
                            **{f"planned_q{q + 1}": parse_canonical(planned[q]) for q in range(4)},
                            **{f"physical_q{q + 1}": parse_canonical(physical[q]) for q in range(4)},
                            **{
                                f"declared_{k}": _declared(declared.get(k))
                                for k in ("ceiling", "spent", "absorption", "remaining", "remaining_pct")
                            },
                        )
                    )
        self._bulk(BudgetLine, lines, "baris anggaran")

    def _whole_budget(self, agency, program_by_code):
        """The whole budget's parts per year, and the realisations declared for groups of programs."""
        d = self.data
        self._bulk(
            Expenditure,
            [
                Expenditure(
                    agency=agency,
                    year=int(year),
                    part=part,
                    **{k: parse_canonical(raw.get(k)) for k in EXPENDITURE_AMOUNTS},
                )
                for year, parts in (d.get("expenditures") or {}).items()
                for part, raw in parts.items()
            ],
            "belanja OPD",
        )
        groups, raw_groups = [], []
        for year, items in (d.get("spending_groups") or {}).items():
            for k, raw in enumerate(items):
                groups.append(
                    SpendingGroup(
                        agency=agency,
                        year=int(year),
                        label=raw["label"],
                        spent=parse_canonical(raw.get("spent")),
                        position=k,
                    )
                )
                raw_groups.append(raw)
        self._bulk(SpendingGroup, groups, "realisasi gabungan")
        self._bulk(
            SpendingGroupMember,
            [
                SpendingGroupMember(group=group, program=program_by_code[code])
                for group, raw in zip(groups, raw_groups, strict=True)
                for code in raw.get("programs") or []
            ],
        )

    def _agreements(self, agency):
        objects = []
        for raw in self.data.get("agreements") or []:
            first, second = raw.get("first_party") or {}, raw.get("second_party") or {}
            objects.append(
                PerformanceAgreement(
                    agency=agency,
                    year=int(raw["year"]),
                    revision=raw.get("revision") or "murni",
                    signed_on=_text(raw.get("signed_on")),
                    place=_text(raw.get("place")),
                    first_party_name=_text(first.get("name")),
                    first_party_nip=_text(first.get("nip")),
                    first_party_position=_text(first.get("position")),
                    second_party_name=_text(second.get("name")),
                    second_party_position=_text(second.get("position")),
                )
            )
        self._bulk(PerformanceAgreement, objects, "perjanjian kinerja")

    def _surveys(self, agency):
        raws = self.data.get("surveys") or []
        indicators = (
            {i.code: i for i in Indicator.objects.filter(plan=self.plan).only("id", "code")} if raws else {}
        )
        surveys = self._bulk(
            SatisfactionSurvey,
            [
                SatisfactionSurvey(
                    agency=agency,
                    year=int(raw["year"]),
                    conducted_by=_text(raw.get("conducted_by")),
                    indicator=indicators.get(raw.get("indicator")),
                    declared_ikm=_declared((raw.get("declared") or {}).get("ikm")),
                    declared_skm=_declared((raw.get("declared") or {}).get("skm")),
                )
                for raw in raws
            ],
            "survei",
        )
        self._bulk(
            SurveyElement,
            [
                SurveyElement(
                    survey=survey,
                    code=e["code"],
                    name=_text(e.get("name")),
                    total=parse_canonical(e.get("total")),
                    answered=parse_canonical(e.get("answered")),
                    position=i,
                )
                for survey, raw in zip(surveys, raws, strict=True)
                for i, e in enumerate(raw["unsur"])
            ],
        )


def _measure(raw):
    """(decimal, grade) of an already validated indicator value."""
    if raw is None:
        return None, ""
    if isinstance(raw, str) and GRADE_RE.match(raw):
        return None, raw.upper()
    return parse_canonical(raw), ""


def _typed_places(raw, value) -> int | None:
    """The decimals of a value written as a string ("0.10" → 2: as typed, though 0.1 is kept); a JSON number
    carries none (None: compared at its canonical precision)."""
    return decimal_places(raw) if isinstance(raw, str) and value is not None else None


def _declared(raw) -> str:
    if raw is None:
        return ""
    return raw if isinstance(raw, str) else str(Decimal(str(raw)))
