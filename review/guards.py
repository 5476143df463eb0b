"""The year lock as a model invariant: saving or deleting a row a frozen year uses raises `YearLocked`.

Connected to pre_save and pre_delete of every model whose rows appear in a year's report, so that the admin,
management commands, forms and cascades all meet it, not only the workspace screens. Bulk writes (bulk_create,
bulk_update, QuerySet.update) send no signals: their callers check `review.locks` themselves.

Three kinds of rows, three rules of which years use a row:
- a year's figures (`GUARDED`: targets, realisations, budget lines, narratives, the survey and its unsur and
  responses): the year of the row, and, while they are under review, the other years whose report prints it
  (`printed_by`: the Renstra targets by every year of the period, realisations and IKM surveys by later years);
- the plan's rows (`PLAN_BOUND`: misi, tujuan, sasaran, strategi, arah kebijakan, indikator, program, kegiatan,
  sub kegiatan, and the program ↔ sasaran links): every year of the plan's period;
- the Renstra itself, the agency and the Pemda (`FIELD_GUARDED`): only the fields the report prints or computes
  with (period and vision; name, address and head; computation settings), for the plan's years, the agency's
  years, and the years of every agency of the Pemda.

Rows a report shares with other years (the last two kinds, and `printed_by`) freeze an approved year only when it
has no approved edition (`review.locks.renders_live`): with one, the approved report is served from it and later
changes cannot reach it (reports/lkjip/editions.py).

Each check is one query (two for the field-guarded rows, whose stored values are compared first), and it looks
at the row as stored as well as the row being saved, so that moving a row out of a frozen year is refused too.
In a cascade (a deletion reaching many rows) the answer is asked once per parent, not once per row.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import m2m_changed, pre_delete, pre_save

from .locks import (
    YearLocked,
    agency_locked_message,
    frozen_message,
    frozen_reviews,
    frozen_years,
    frozen_years_between,
    government_locked_message,
    org_unit_locked_message,
    period_change_error,
    plan_locked_message,
    printed_message,
    renders_live,
)
from .models import ApprovedEdition, YearReview
from .workflow import FROZEN


@dataclass(frozen=True)
class Owner:
    """How a new row reaches its agency: a foreign key, and the path from the referenced model to the agency."""

    attname: str
    model: str | None  # None: the foreign key is the agency itself
    to_agency: str = ""
    to_year: str = ""  # when the year lives on the referenced row (a survey's unsur)


# Also printed by later years' reports (history N-2, N-1; cumulative realisations; earlier IKM surveys):
EARLIER = "earlier"
# Also printed by the report of every year of the plan's period (the Renstra targets, the final target):
PERIOD = "period"


@dataclass(frozen=True)
class Guarded:
    model: str
    owners: tuple[Owner, ...]
    to_agency: tuple[str, ...]  # paths from the model to the agency, for the stored row
    to_year: str = "year"
    # Which other years' reports print the row: while such a year is under review (so rendered live), the row
    # is read-only too. An approved year is served from its edition and needs no such lock.
    printed_by: str = ""
    printed_only: tuple[str, str] | None = None  # (field, value): only such rows are printed by other years


_INDICATOR = Owner("indicator_id", "indicators.Indicator", "plan__agency")
_AGENCY = Owner("agency_id", None)

GUARDED = (
    # Only the Renstra targets: a year's PK and quarterly targets are printed by its own report alone.
    Guarded(
        "indicators.Target",
        (_INDICATOR,),
        ("indicator__plan__agency",),
        printed_by=PERIOD,
        printed_only=("kind", "renstra"),
    ),
    Guarded("indicators.Realisation", (_INDICATOR,), ("indicator__plan__agency",), printed_by=EARLIER),
    Guarded("indicators.Evidence", (_INDICATOR,), ("indicator__plan__agency",)),
    Guarded("indicators.Narrative", (_AGENCY,), ("agency",)),
    Guarded("indicators.ReportSigning", (_AGENCY,), ("agency",)),
    Guarded(
        "indicators.ObjectiveNote",
        (Owner("objective_id", "indicators.Objective", "plan__agency"),),
        ("objective__plan__agency",),
    ),
    Guarded("indicators.PerformanceAgreement", (_AGENCY,), ("agency",)),
    # The organisation profile of the year (BAB I and the risk annex).
    Guarded("agencies.StaffCount", (_AGENCY,), ("agency",)),
    Guarded("agencies.Facility", (_AGENCY,), ("agency",)),
    Guarded("agencies.StrategicIssue", (_AGENCY,), ("agency",)),
    Guarded("agencies.Risk", (_AGENCY,), ("agency",)),
    Guarded(
        "budgets.BudgetLine",
        (
            Owner("activity_id", "budgets.Activity", "program__plan__agency"),
            Owner("sub_activity_id", "budgets.SubActivity", "activity__program__plan__agency"),
        ),
        ("activity__program__plan__agency", "sub_activity__activity__program__plan__agency"),
    ),
    # The whole budget of year N-1 is printed beside year N's (the comparison with the previous year).
    Guarded("budgets.Expenditure", (_AGENCY,), ("agency",), printed_by=EARLIER),
    Guarded("budgets.SpendingGroup", (_AGENCY,), ("agency",)),
    Guarded(
        "budgets.SpendingGroupMember",
        (Owner("group_id", "budgets.SpendingGroup", "agency", to_year="year"),),
        ("group__agency",),
        to_year="group__year",
    ),
    Guarded("surveys.SatisfactionSurvey", (_AGENCY,), ("agency",), printed_by=EARLIER),
    Guarded(
        "surveys.SurveyElement",
        (Owner("survey_id", "surveys.SatisfactionSurvey", "agency", to_year="year"),),
        ("survey__agency",),
        to_year="survey__year",
        printed_by=EARLIER,
    ),
    # The raw questionnaires: deleting some in the admin would leave totals that no longer add up.
    Guarded(
        "surveys.SurveyResponse",
        (Owner("survey_id", "surveys.SatisfactionSurvey", "agency", to_year="year"),),
        ("survey__agency",),
        to_year="survey__year",
        printed_by=EARLIER,
    ),
)


@dataclass(frozen=True)
class PlanBound:
    """A row of the plan: used by the report of every year of its plan's period."""

    model: str
    parent_attname: str  # the foreign key through which a new row reaches its plan
    parent_model: str
    parent_to_plan: str  # path from the parent to the plan ("" when the parent is the plan)
    to_plan: str  # path from the model to its plan, for the stored row


_PLAN = "indicators.StrategicPlan"

PLAN_BOUND = (
    PlanBound("indicators.Mission", "plan_id", _PLAN, "", "plan"),
    PlanBound("indicators.Goal", "plan_id", _PLAN, "", "plan"),
    PlanBound("indicators.Objective", "plan_id", _PLAN, "", "plan"),
    PlanBound("indicators.Strategy", "objective_id", "indicators.Objective", "plan", "objective__plan"),
    PlanBound(
        "indicators.Policy",
        "strategy_id",
        "indicators.Strategy",
        "objective__plan",
        "strategy__objective__plan",
    ),
    PlanBound("indicators.Indicator", "plan_id", _PLAN, "", "plan"),
    PlanBound("budgets.Program", "plan_id", _PLAN, "", "plan"),
    PlanBound("budgets.Activity", "program_id", "budgets.Program", "plan", "program__plan"),
    PlanBound(
        "budgets.SubActivity", "activity_id", "budgets.Activity", "program__plan", "activity__program__plan"
    ),
)

# The fields of the Renstra, the agency and the Pemda that a year's report prints or computes with.
PLAN_FIELDS = ("agency_id", "start_year", "end_year", "vision")
AGENCY_FIELDS = (
    "government_id",
    "name",
    "short_name",
    "address",
    "website",
    "head_name",
    "head_nip",
    "head_rank",
)
GOVERNMENT_FIELDS = (
    "name",
    "logo",
    "predicate_scale",
    "indicator_scale",
    "objective_cap",
    "ikm_weight",
    "ikm_scale",
    "renstra_series",
)
# The org chart and the units' tugas and fungsi (BAB I) and each indicator's responsible unit (IKU tables) are
# printed from the units.
ORG_UNIT_FIELDS = ("agency_id", "parent_id", "code", "name", "head_title", "duties", "functions")
FIELD_GUARDED = {
    "indicators.StrategicPlan": PLAN_FIELDS,
    "agencies.Agency": AGENCY_FIELDS,
    "agencies.Government": GOVERNMENT_FIELDS,
    "agencies.OrgUnit": ORG_UNIT_FIELDS,
}


def _new_row_condition(guard: Guarded, instance) -> Q:
    condition = Q()
    for owner in guard.owners:
        ref = getattr(instance, owner.attname)
        if ref is None:
            continue
        if owner.model is None:
            condition |= Q(agency_id=ref, year=instance.year)
            continue
        match = {"pk": ref, owner.to_agency: OuterRef("agency")}
        if owner.to_year:
            match[owner.to_year] = OuterRef("year")
            condition |= Q(Exists(apps.get_model(owner.model).objects.filter(**match)))
        else:
            condition |= Q(Exists(apps.get_model(owner.model).objects.filter(**match)), year=instance.year)
    return condition


def _stored_row_condition(guard: Guarded, model, pk) -> Q:
    paths = Q()
    for path in guard.to_agency:
        paths |= Q(**{path: OuterRef("agency")})
    return Q(Exists(model.objects.filter(paths, pk=pk, **{guard.to_year: OuterRef("year")})))


def _plan_path(to_agency: str) -> str:
    """indicator__plan__agency → indicator__plan: the plan on the way to the agency."""
    return to_agency.removesuffix("__agency")


def _printed_new_condition(guard: Guarded, instance) -> Q:
    """The live reviews of other years that print the row as saved (see `Guarded.printed_by`)."""
    condition = Q()
    if not guard.printed_by:
        return condition
    if guard.printed_only and getattr(instance, guard.printed_only[0]) != guard.printed_only[1]:
        return condition
    for owner in guard.owners:
        ref = getattr(instance, owner.attname)
        if ref is None:
            continue
        if owner.model is None:
            if guard.printed_by == EARLIER:
                condition |= Q(agency_id=ref, year__gt=instance.year)
            continue
        match = {"pk": ref, owner.to_agency: OuterRef("agency")}
        later = Q()
        if guard.printed_by == PERIOD:
            plan = _plan_path(owner.to_agency)
            match |= {
                f"{plan}__start_year__lte": OuterRef("year"),
                f"{plan}__end_year__gte": OuterRef("year"),
            }
        elif owner.to_year:
            match[f"{owner.to_year}__lt"] = OuterRef("year")
        else:
            later = Q(year__gt=instance.year)
        condition |= Q(Exists(apps.get_model(owner.model).objects.filter(**match))) & later
    return condition


def _printed_stored_condition(guard: Guarded, model, pk) -> Q:
    """The live reviews of other years that print the row as stored."""
    if not guard.printed_by:
        return Q()
    condition = Q()
    for path in guard.to_agency:
        match = {path: OuterRef("agency"), "pk": pk}
        if guard.printed_only:
            match[guard.printed_only[0]] = guard.printed_only[1]
        if guard.printed_by == PERIOD:
            plan = _plan_path(path)
            match |= {
                f"{plan}__start_year__lte": OuterRef("year"),
                f"{plan}__end_year__gte": OuterRef("year"),
            }
        else:
            match[f"{guard.to_year}__lt"] = OuterRef("year")
        condition |= Q(Exists(model.objects.filter(**match)))
    return condition


def _review_of(own: Q, printed: Q) -> YearReview | None:
    """The first review that freezes the row: its own year's (under review or approved), or a later or
    plan-period year's that is rendered live and prints it. One query."""
    condition = Q()
    if own:
        condition |= own & Q(state__in=FROZEN)
    if printed:
        condition |= printed & renders_live()
    if not condition:
        return None
    return YearReview.objects.filter(condition).order_by("year").first()


def frozen_review_for(guard: Guarded, instance) -> YearReview | None:
    own, printed = _new_row_condition(guard, instance), _printed_new_condition(guard, instance)
    if instance.pk is not None:
        own |= _stored_row_condition(guard, type(instance), instance.pk)
        printed |= _printed_stored_condition(guard, type(instance), instance.pk)
    return _review_of(own, printed)


def _covering(to_plan: str) -> dict:
    """The lookups that match a plan (reached through `to_plan`) whose period covers the outer review's year."""
    prefix = f"{to_plan}__" if to_plan else ""
    return {
        f"{prefix}agency": OuterRef("agency"),
        f"{prefix}start_year__lte": OuterRef("year"),
        f"{prefix}end_year__gte": OuterRef("year"),
    }


def _plan_new_condition(guard: PlanBound, instance) -> Q:
    ref = getattr(instance, guard.parent_attname)
    if ref is None:
        return Q()
    parent = apps.get_model(guard.parent_model)
    return Q(Exists(parent.objects.filter(pk=ref, **_covering(guard.parent_to_plan))))


def plan_bound_years(guard: PlanBound, instance, *, stored: bool = True) -> dict[int, str]:
    """Year → state of the frozen years using the plan of the row (as saved, and as stored): one query."""
    condition = _plan_new_condition(guard, instance)
    if stored and instance.pk is not None:
        condition |= Q(Exists(type(instance).objects.filter(pk=instance.pk, **_covering(guard.to_plan))))
    if not condition:
        return {}
    return dict(frozen_reviews(shared=True).filter(condition).values_list("year", "state").order_by("year"))


def _plan_bound_error(guard: PlanBound, instance, stored: bool = True) -> YearLocked | None:
    years = plan_bound_years(guard, instance, stored=stored)
    return YearLocked(plan_locked_message(years), code="year_locked") if years else None


# --- a grid's rows checked together ------------------------------------------------------------------------------
# Within `one_save()`, the year-bound rows whose facts are the same share one answer (see `_batched_review`).
_answers: ContextVar[dict | None] = ContextVar("review_guard_answers", default=None)


@contextlib.contextmanager
def one_save() -> Iterator[None]:
    """Check the rows of one save together: a grid writing forty realisations of one agency's year asks whether
    that year (or a year printing it) is frozen once, not forty times.

    The answer for a row depends only on its facts (owners, year, and the field that makes it printed by other
    years) and on the reviews, plans and owners it reaches; a save of any row those depend on (a review, an
    approved edition, the plan's rows, the agency, the Pemda) inside the block forgets every answer kept. Rows are
    still read as stored, so moving a row is checked in full.

    A block inside another is part of it (one set of answers, forgotten for both), and the answers are forgotten
    only through the models' save and delete signals: a review or an edition changes through `review_transition`
    and its models' `save()`, never a queryset's `update()` or `bulk_create()`.
    """
    if _answers.get() is not None:
        yield
        return
    token = _answers.set({})
    try:
        yield
    finally:
        _answers.reset(token)


def _forget_answers(*args, **kwargs) -> None:
    answers = _answers.get()
    if answers:
        answers.clear()


def _row_fields(guard: Guarded) -> tuple[str, ...]:
    """The fields of a year-bound row that its answer depends on: `_new_row_condition` and
    `_printed_new_condition` read nothing else of the row."""
    fields = [owner.attname for owner in guard.owners]
    if guard.to_year == "year":
        fields.append("year")
    if guard.printed_only:
        fields.append(guard.printed_only[0])
    return tuple(fields)


def _owner_paths(guard: Guarded, owner: Owner) -> tuple[str, ...]:
    """What those conditions read of a referenced row (a realisation's indicator): its agency, its year for a
    survey's unsur, its plan's period for a printed Renstra target."""
    if owner.model is None:  # the reference is the agency itself
        return ()
    paths = [owner.to_agency]
    if owner.to_year:
        paths.append(owner.to_year)
    if guard.printed_by == PERIOD:
        plan = _plan_path(owner.to_agency)
        paths += [f"{plan}__start_year", f"{plan}__end_year"]
    return tuple(paths)


def _facts(guard: Guarded, instance) -> tuple | None:
    """The row's year and printed field, its agency-owner, and what the conditions read of its other owners: rows
    with the same facts get the same answer. One query: the stored row with its owners' facts joined, or, for a
    new row, the owner's. None when the row as stored has other owners or another year than the row being saved
    (moved): then `frozen_review_for` checks both places, as outside a batch."""
    fields = _row_fields(guard)
    values = tuple(getattr(instance, name) for name in fields)
    owners = [owner for owner in guard.owners if owner.model is not None]
    referenced = {owner.attname for owner in owners}
    own = tuple(value for name, value in zip(fields, values, strict=True) if name not in referenced)
    if instance.pk is not None:
        joined = [
            f"{owner.attname.removesuffix('_id')}__{path}"
            for owner in owners
            for path in _owner_paths(guard, owner)
        ]
        stored = type(instance).objects.filter(pk=instance.pk).values_list(*fields, *joined).first()
        if stored is not None:
            return own + stored[len(fields) :] if stored[: len(fields)] == values else None
    facts = own
    for owner in owners:
        paths = _owner_paths(guard, owner)
        ref = getattr(instance, owner.attname)
        found = None
        if ref is not None:
            found = apps.get_model(owner.model).objects.filter(pk=ref).values_list(*paths).first()
        facts += found or (None,) * len(paths)
    return facts


def _batched_review(guard: Guarded, instance, answers: dict) -> YearReview | None:
    """`frozen_review_for` inside `one_save()`. When the row as stored has the same owners and year as the row being
    saved (a value changed: the usual case), the two conditions of `frozen_review_for` are one; its answer depends
    only on the row's facts (`_facts`), so it is asked once for the rows sharing them and kept."""
    facts = _facts(guard, instance)
    if facts is None:
        return frozen_review_for(guard, instance)
    key = (guard.model, facts)
    if key not in answers:
        answers[key] = _review_of(
            _new_row_condition(guard, instance), _printed_new_condition(guard, instance)
        )
    return answers[key]


def _year_bound_error(guard: Guarded, instance, stored: bool = True) -> YearLocked | None:
    answers = _answers.get()
    if stored and answers is not None:
        review = _batched_review(guard, instance, answers)
    elif stored:
        review = frozen_review_for(guard, instance)
    else:
        review = _review_of(_new_row_condition(guard, instance), _printed_new_condition(guard, instance))
    if review is None:
        return None
    if review.year == getattr(instance, "year", review.year):
        return YearLocked(frozen_message(review.year, review.state), code="year_locked")
    return YearLocked(printed_message(review.year, review.state), code="year_locked")


# --- the Renstra, the agency and the Pemda: only what the report uses ------------------------------------------
def _stored_values(instance, fields, update_fields):
    """The stored values of the guarded fields this save writes, or None when it writes none of them."""
    if instance.pk is None:
        return None
    if update_fields is not None:
        names = {f"{name}_id" for name in update_fields} | set(update_fields)
        fields = tuple(f for f in fields if f in names)
        if not fields:
            return None
    return type(instance).objects.filter(pk=instance.pk).values(*fields).first()


def _changed(instance, stored: dict | None) -> set[str]:
    if stored is None:
        return set()
    return {name for name, value in stored.items() if getattr(instance, name) != value}


def plan_error(plan, *, deleting: bool = False, update_fields=None) -> YearLocked | None:
    """A Renstra may not be created over, deleted from or changed under a frozen year (its period, vision)."""
    if deleting or plan.pk is None:
        if deleting and plan.pk is not None:
            stored = type(plan).objects.filter(pk=plan.pk).values(*PLAN_FIELDS).first() or {}
            agency_id, start, end = stored.get("agency_id"), stored.get("start_year"), stored.get("end_year")
        else:
            agency_id, start, end = plan.agency_id, plan.start_year, plan.end_year
        if agency_id is None or start is None or end is None:
            return None
        # Deleting a plan takes its frozen years' report, review page and history with it; a new plan over an
        # approved year does not change its edition.
        years = frozen_years_between(agency_id, start, end, shared=not deleting)
        return YearLocked(plan_locked_message(years), code="year_locked") if years else None
    stored = _stored_values(plan, PLAN_FIELDS, update_fields)
    changed = _changed(plan, stored)
    if not changed:
        return None
    old = range(stored.get("start_year", plan.start_year), stored.get("end_year", plan.end_year) + 1)
    new = range(plan.start_year, plan.end_year + 1)
    old_agency = stored.get("agency_id", plan.agency_id)
    if old_agency != plan.agency_id:  # the old agency's years lose their plan; the new agency's gain one
        years = frozen_years_between(old_agency, old.start, old.stop - 1) or frozen_years_between(
            plan.agency_id, new.start, new.stop - 1, shared=True
        )
        return YearLocked(plan_locked_message(years), code="year_locked") if years else None
    if changed & {"start_year", "end_year"}:
        error = period_change_error(plan.agency_id, old, new)
        if error is not None:
            return error
    if "vision" in changed:
        years = frozen_years_between(plan.agency_id, old.start, old.stop - 1, shared=True)
        return YearLocked(plan_locked_message(years), code="year_locked") if years else None
    return None


def agency_error(agency, *, deleting: bool = False, update_fields=None) -> YearLocked | None:
    """The agency's name, address and head are printed in every year's report (the signature block)."""
    if agency.pk is None:
        return None
    if not deleting and not _changed(agency, _stored_values(agency, AGENCY_FIELDS, update_fields)):
        return None
    years = frozen_years(agency, shared=True)
    return YearLocked(agency_locked_message(years), code="year_locked") if years else None


def org_unit_error(unit, *, deleting: bool = False, update_fields=None) -> YearLocked | None:
    """A unit's name and place in the tree are printed in every year's report (org chart, responsible units).

    A new unit changes the printed org chart too; deleting one would also blank the indicators' responsible unit
    (SET_NULL, an update without signals), so it is refused here, before the cascade."""
    editing = unit.pk is not None and not deleting
    if editing and not _changed(unit, _stored_values(unit, ORG_UNIT_FIELDS, update_fields)):
        return None
    years = frozen_years(unit.agency_id, shared=True)
    return YearLocked(org_unit_locked_message(years), code="year_locked") if years else None


def government_error(government, *, deleting: bool = False, update_fields=None) -> YearLocked | None:
    """The Pemda's computation settings are used by the report of every agency of the Pemda."""
    if government.pk is None:
        return None
    if not deleting and not _changed(
        government, _stored_values(government, GOVERNMENT_FIELDS, update_fields)
    ):
        return None
    reports = [
        (short_name or name, year, state)
        for short_name, name, year, state in frozen_reviews(shared=True)
        .filter(agency__government_id=government.pk)
        .values_list("agency__short_name", "agency__name", "year", "state")
        .order_by("agency__name", "year")
    ]
    return YearLocked(government_locked_message(reports), code="year_locked") if reports else None


_FIELD_CHECKS = {
    "indicators.StrategicPlan": plan_error,
    "agencies.Agency": agency_error,
    "agencies.Government": government_error,
    "agencies.OrgUnit": org_unit_error,
}
_YEAR_GUARDS = {guard.model.lower(): guard for guard in GUARDED}
_PLAN_GUARDS = {guard.model.lower(): guard for guard in PLAN_BOUND}
_FIELD_GUARDS = {label.lower(): check for label, check in _FIELD_CHECKS.items()}


def is_guarded(model) -> bool:
    label = model._meta.label_lower
    return label in _YEAR_GUARDS or label in _PLAN_GUARDS or label in _FIELD_GUARDS


def write_error(instance, *, deleting: bool = False, update_fields=None) -> YearLocked | None:
    """Why this save (or deletion) of `instance` would change a frozen year's report; None when it would not.

    The one test the signals, the admin and the forms share.
    """
    label = instance._meta.label_lower
    if label in _YEAR_GUARDS:
        return _year_bound_error(_YEAR_GUARDS[label], instance)
    if label in _PLAN_GUARDS:
        return _plan_bound_error(_PLAN_GUARDS[label], instance)
    if label in _FIELD_GUARDS:
        return _FIELD_GUARDS[label](instance, deleting=deleting, update_fields=update_fields)
    return None


def is_frozen(instance) -> bool:
    """A stored row the admin shows read-only: it belongs to a frozen year (its figures, or its plan's years)."""
    if instance is None or instance.pk is None:
        return False
    label = instance._meta.label_lower
    if label in _YEAR_GUARDS:
        return frozen_review_for(_YEAR_GUARDS[label], instance) is not None
    if label in _PLAN_GUARDS:
        return bool(plan_bound_years(_PLAN_GUARDS[label], instance))
    return False


# --- signals ----------------------------------------------------------------------------------------------------
def _origin_cache(origin) -> dict:
    """A cache kept on the object (or queryset) whose deletion started the cascade: gone with it."""
    try:
        return origin._review_cascade
    except AttributeError:
        cache = {}
        with contextlib.suppress(AttributeError):  # an object that takes no attribute: no cache, same answers
            origin._review_cascade = cache
        return cache


def _frozen_agencies(origin) -> frozenset:
    """In a cascade, ask once which agencies have a frozen year: usually none, and then no row needs a query."""
    cache = _origin_cache(origin)
    if "agencies" not in cache:
        cache["agencies"] = frozenset(
            YearReview.objects.filter(state__in=FROZEN).values_list("agency_id", flat=True).distinct()
        )
    return cache["agencies"]


def _in_frozen_agency(origin, model_label: str | None, to_agency: str, ref) -> bool:
    """Whether the row referenced (`ref`, a row of `model_label`) belongs to an agency with a frozen year.

    One query per referenced model and cascade, whatever the number of rows: the ids of that model's rows in
    those agencies (usually few agencies, so few rows).
    """
    if ref is None:
        return False
    agencies = _frozen_agencies(origin)
    if model_label is None:  # the reference is the agency itself
        return ref in agencies
    cache = _origin_cache(origin)
    key = ("rows", model_label, to_agency)
    if key not in cache:
        rows = apps.get_model(model_label).objects.filter(**{f"{to_agency}__in": agencies})
        cache[key] = frozenset(rows.values_list("pk", flat=True))
    return ref in cache[key]


def _may_be_frozen(origin, label: str, instance) -> bool:
    if label in _YEAR_GUARDS:
        return any(
            _in_frozen_agency(origin, o.model, o.to_agency or "agency", getattr(instance, o.attname))
            for o in _YEAR_GUARDS[label].owners
        )
    guard = _PLAN_GUARDS[label]
    to_agency = f"{guard.parent_to_plan}__agency" if guard.parent_to_plan else "agency"
    return _in_frozen_agency(origin, guard.parent_model, to_agency, getattr(instance, guard.parent_attname))


def _cascade_key(label: str, instance):
    """What decides a cascaded row's answer: its parent (and year). Rows with the same key share one query."""
    if label in _YEAR_GUARDS:
        guard = _YEAR_GUARDS[label]
        printed = getattr(instance, guard.printed_only[0]) if guard.printed_only else None  # a target's kind
        return (
            label,
            *(getattr(instance, o.attname) for o in guard.owners),
            getattr(instance, "year", None),
            printed,
        )
    return (label, getattr(instance, _PLAN_GUARDS[label].parent_attname))


def _cascade_error(origin, label: str, instance) -> YearLocked | None:
    """A row reached by a cascade is read fresh from the database: its parent (and year) decide.

    Rows of agencies without a frozen year need no query; the others one per parent (and year), not per row.
    """
    if not _may_be_frozen(origin, label, instance):
        return None
    cache = _origin_cache(origin)
    key = _cascade_key(label, instance)
    if key not in cache:
        if label in _YEAR_GUARDS:
            cache[key] = _year_bound_error(_YEAR_GUARDS[label], instance, stored=False)
        else:
            cache[key] = _plan_bound_error(_PLAN_GUARDS[label], instance, stored=False)
    return cache[key]


def _check_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:  # loaddata writes fixtures as they are
        return
    if instance._meta.label_lower not in _YEAR_GUARDS:  # a plan's row, the agency, the Pemda: see `one_save`
        _forget_answers()
    error = write_error(instance, update_fields=update_fields)
    if error is not None:
        raise error


# The attribute naming the agency of a field-guarded row: in a cascade, rows of agencies without a frozen year
# need no query.
_AGENCY_OF = {
    "agencies.orgunit": "agency_id",
    "agencies.agency": "pk",
    "indicators.strategicplan": "agency_id",
}


def _check_delete(sender, instance, origin=None, **kwargs):
    if instance._meta.label_lower not in _YEAR_GUARDS:
        _forget_answers()
    if origin is not None and not _frozen_agencies(origin):
        return
    label = instance._meta.label_lower
    agency_attname = _AGENCY_OF.get(label)
    if (
        origin is not None
        and agency_attname
        and getattr(instance, agency_attname) not in _frozen_agencies(origin)
    ):
        return
    if origin is not None and instance is not origin and (label in _YEAR_GUARDS or label in _PLAN_GUARDS):
        error = _cascade_error(origin, label, instance)
    else:
        error = write_error(instance, deleting=True)
    if error is not None:
        raise error


def _check_program_objectives(sender, instance, action, reverse, **kwargs):
    """Linking a program to a sasaran (or unlinking it) changes the sasaran's budget and efficiency."""
    if action not in ("pre_add", "pre_remove", "pre_clear"):
        return
    error = write_error(instance)  # the program (or the sasaran, from the reverse side) and its plan's years
    if error is not None:
        raise error


def connect() -> None:
    labels = [g.model for g in GUARDED] + [g.model for g in PLAN_BOUND] + list(FIELD_GUARDED)
    for label in labels:
        model = apps.get_model(label)
        pre_save.connect(_check_save, sender=model, weak=False, dispatch_uid=f"review-lock-{label}-save")
        pre_delete.connect(
            _check_delete, sender=model, weak=False, dispatch_uid=f"review-lock-{label}-delete"
        )
    for model in (YearReview, ApprovedEdition):  # what the answers kept by `one_save` read besides the rows
        for signal in (pre_save, pre_delete):
            signal.connect(_forget_answers, sender=model, weak=False, dispatch_uid=f"review-answers-{model}")
    program = apps.get_model("budgets.Program")
    m2m_changed.connect(
        _check_program_objectives,
        sender=program.objectives.through,
        weak=False,
        dispatch_uid="review-lock-program-objectives",
    )
