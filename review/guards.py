"""The year lock as a model invariant: saving or deleting a row of a frozen year raises `YearLocked`.

Connected to pre_save and pre_delete of every model holding a year's figures, so that the admin, management
commands, forms and cascades all meet it, not only the workspace screens. Bulk writes (bulk_create,
bulk_update, QuerySet.update) send no signals: their callers check `review.locks` themselves.

Each check is one query, and it looks at the row as stored as well as the row being saved, so that moving a
figure out of a frozen year (changing its year or its indicator) is refused too.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import pre_delete, pre_save

from .locks import YearLocked, frozen_message
from .models import YearReview
from .workflow import FROZEN


@dataclass(frozen=True)
class Owner:
    """How a new row reaches its agency: a foreign key, and the path from the referenced model to the agency."""

    attname: str
    model: str | None  # None: the foreign key is the agency itself
    to_agency: str = ""
    to_year: str = ""  # when the year lives on the referenced row (a survey's unsur)


@dataclass(frozen=True)
class Guarded:
    model: str
    owners: tuple[Owner, ...]
    to_agency: tuple[str, ...]  # paths from the model to the agency, for the stored row
    to_year: str = "year"


_INDICATOR = Owner("indicator_id", "indicators.Indicator", "plan__agency")
_AGENCY = Owner("agency_id", None)

GUARDED = (
    Guarded("indicators.Target", (_INDICATOR,), ("indicator__plan__agency",)),
    Guarded("indicators.Realisation", (_INDICATOR,), ("indicator__plan__agency",)),
    Guarded("indicators.Evidence", (_INDICATOR,), ("indicator__plan__agency",)),
    Guarded("indicators.Narrative", (_AGENCY,), ("agency",)),
    Guarded("indicators.PerformanceAgreement", (_AGENCY,), ("agency",)),
    Guarded(
        "budgets.BudgetLine",
        (
            Owner("activity_id", "budgets.Activity", "program__plan__agency"),
            Owner("sub_activity_id", "budgets.SubActivity", "activity__program__plan__agency"),
        ),
        ("activity__program__plan__agency", "sub_activity__activity__program__plan__agency"),
    ),
    Guarded("surveys.SatisfactionSurvey", (_AGENCY,), ("agency",)),
    Guarded(
        "surveys.SurveyElement",
        (Owner("survey_id", "surveys.SatisfactionSurvey", "agency", to_year="year"),),
        ("survey__agency",),
        to_year="survey__year",
    ),
)


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


def frozen_review_for(guard: Guarded, instance) -> YearReview | None:
    condition = _new_row_condition(guard, instance)
    if instance.pk is not None:
        condition |= _stored_row_condition(guard, type(instance), instance.pk)
    if not condition:
        return None
    return YearReview.objects.filter(condition, state__in=FROZEN).order_by("year").first()


def _nothing_frozen(origin) -> bool:
    """In a cascade, ask once whether any year at all is frozen: usually none is, and then no row needs a query."""
    if origin is None:
        return False
    try:
        cached = origin._review_nothing_frozen
    except AttributeError:
        cached = not YearReview.objects.filter(state__in=FROZEN).exists()
        try:
            origin._review_nothing_frozen = cached
        except AttributeError:
            return cached
    return cached


def _receiver(guard: Guarded, deleting: bool):
    def check(sender, instance, raw=False, origin=None, **kwargs):
        if raw:  # loaddata writes fixtures as they are
            return
        if deleting and _nothing_frozen(origin):
            return
        review = frozen_review_for(guard, instance)
        if review is not None:
            raise YearLocked(frozen_message(review.year, review.state), code="year_locked")

    return check


def connect() -> None:
    for guard in GUARDED:
        model = apps.get_model(guard.model)
        for signal, deleting in ((pre_save, False), (pre_delete, True)):
            signal.connect(
                _receiver(guard, deleting),
                sender=model,
                weak=False,
                dispatch_uid=f"review-lock-{guard.model}-{deleting}",
            )
