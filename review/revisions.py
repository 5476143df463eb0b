"""Connects `agencies.revisions` to every model whose rows a report reads: the lock guards' table (`guards`)
already says how each row reaches its agency, so a model guarded against frozen years is also one whose writes
raise its agency's revision."""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from agencies import revisions

from .guards import FIELD_GUARDED, GUARDED, PLAN_BOUND


def _guarded_noter(owners):
    def noted(sender, instance, raw=False, **kwargs):
        if raw:
            return
        for owner in owners:
            ref = getattr(instance, owner.attname)
            if ref is not None:
                if owner.model is None:
                    revisions.note_agency(ref)
                else:
                    revisions.note(owner.model, owner.to_agency or "agency", ref)

    return noted


def _plan_bound_noter(guard):
    path = f"{guard.parent_to_plan}__agency" if guard.parent_to_plan else "agency"

    def noted(sender, instance, raw=False, **kwargs):
        if not raw:
            revisions.note(guard.parent_model, path, getattr(instance, guard.parent_attname))

    return noted


def _field_noter(label: str):
    def noted(sender, instance, raw=False, **kwargs):
        if raw:
            return
        if label == "agencies.Government":
            revisions.note_government(instance.pk)
        elif label == "agencies.Agency":
            revisions.note_agency(instance.pk)
        else:  # the Renstra, an org unit
            revisions.note_agency(instance.agency_id)

    return noted


def _program_objectives(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):  # a program or a sasaran: both have their plan
        revisions.note("indicators.StrategicPlan", "agency", instance.plan_id)


def connect() -> None:
    noters = [(g.model, _guarded_noter(g.owners)) for g in GUARDED]
    noters += [(g.model, _plan_bound_noter(g)) for g in PLAN_BOUND]
    noters += [(label, _field_noter(label)) for label in FIELD_GUARDED]
    for label, noted in noters:
        model = apps.get_model(label)
        post_save.connect(noted, sender=model, weak=False, dispatch_uid=f"revision-{label}-save")
        post_delete.connect(noted, sender=model, weak=False, dispatch_uid=f"revision-{label}-delete")
    program = apps.get_model("budgets.Program")
    m2m_changed.connect(
        _program_objectives,
        sender=program.objectives.through,
        weak=False,
        dispatch_uid="revision-program-objectives",
    )
