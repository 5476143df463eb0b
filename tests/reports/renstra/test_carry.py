"""`import_dataset --replace` rewrites the plan from the dataset; the Renstra screens' own records, which the
interchange format does not carry, survive it on the same plan period and program code."""

import copy
import datetime
from decimal import Decimal

from django.utils import timezone

from budgets.models import Program
from interchange.dataset.writing import dataset_import
from reports.models import PlanNarrative, PlanRevision, ProgramFunding


def test_replace_keeps_narratives_frozen_revisions_and_printed_funding(semarang, semarang_dataset):
    plan = semarang.plans.get()
    program = Program.objects.filter(plan=plan).order_by("code").first()
    PlanNarrative.objects.create(plan=plan, key="isu_strategis", text="Akses pembiayaan masih terbatas.")
    revision = PlanRevision.objects.create(
        plan=plan, label="Renstra awal", note="Ditetapkan", snapshot={"x": 1}
    )
    frozen_at = timezone.make_aware(datetime.datetime(2017, 3, 1, 9, 30))
    PlanRevision.objects.filter(pk=revision.pk).update(created_at=frozen_at)
    ProgramFunding.objects.create(program=program, year=plan.start_year, amount=Decimal("1250000000.00"))

    dataset_import(copy.deepcopy(semarang_dataset), replace=True)

    new_plan = semarang.plans.get()
    assert new_plan.pk != plan.pk  # the plan itself was written anew
    assert (
        PlanNarrative.objects.get(plan=new_plan, key="isu_strategis").text
        == "Akses pembiayaan masih terbatas."
    )
    kept = PlanRevision.objects.get(plan=new_plan)
    assert (kept.label, kept.note, kept.snapshot, kept.created_at) == (
        "Renstra awal",
        "Ditetapkan",
        {"x": 1},
        frozen_at,
    )
    funding = ProgramFunding.objects.get(program__plan=new_plan)
    assert (funding.program.code, funding.year, funding.amount) == (
        program.code,
        plan.start_year,
        Decimal("1250000000.00"),
    )


def test_inputs_of_a_program_the_dataset_no_longer_has_are_dropped(semarang, semarang_dataset):
    plan = semarang.plans.get()
    program = Program.objects.filter(plan=plan).order_by("code").first()
    ProgramFunding.objects.create(program=program, year=plan.start_year, amount=Decimal("5"))
    data = copy.deepcopy(semarang_dataset)
    data["programs"] = [p for p in data["programs"] if p["code"] != program.code]

    dataset_import(data, replace=True)

    assert not ProgramFunding.objects.filter(program__plan__agency=semarang).exists()
