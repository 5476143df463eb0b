"""A frozen year's report cannot change through what it is built on: the Renstra (its period and every element),
the agency's signature block, the Pemda's computation settings and the raw IKM questionnaires — on the plan
screen, in the admin and from a command (model saves). Each test makes the change a planner or an admin would
make and proves it is refused with the reason, and that nothing changed."""

import copy

import pytest
from django.db import transaction
from django.urls import reverse

from agencies.models import Agency, Government
from budgets.models import Activity, Program, SubActivity
from indicators.models import Goal, Indicator, Mission, Objective, Policy, StrategicPlan, Strategy
from interchange.dataset.validation import DatasetError
from interchange.dataset.writing import dataset_import
from review.locks import YearLocked
from review.workflow import State
from surveys.models import SatisfactionSurvey, SurveyElement, SurveyResponse
from surveys.responses import responses_replace
from tests.factories import OrgUnitFactory, YearReviewFactory
from tests.review.helpers import YEAR, set_state
from tests.review.test_guards import _admin_url, admin_form_data
from tests.workspace.views.test_plan import create_url, delete_url, edit_url, tree_url

FROZEN_STATES = [State.SUBMITTED, State.RESUBMITTED, State.APPROVED]
OPEN_STATES = [State.DRAFT, State.RETURNED, State.REOPENED]
PLAN_LOCKED = "Renstra ini dipakai laporan tahun 2021"


def plan_of(agency) -> StrategicPlan:
    return agency.plans.get()


def plan_rows(agency) -> dict:
    """One row of each kind of plan element (the demo has no strategy or policy: made while the year is open)."""
    plan = plan_of(agency)
    objective = Objective.objects.filter(plan=plan).order_by("pk").first()
    strategy = Strategy.objects.create(objective=objective, statement="Strategi uji")
    return {
        "misi": Mission.objects.filter(plan=plan).order_by("pk").first(),
        "tujuan": Goal.objects.filter(plan=plan).order_by("pk").first(),
        "sasaran": objective,
        "strategi": strategy,
        "kebijakan": Policy.objects.create(strategy=strategy, statement="Kebijakan uji"),
        # An indicator without figures: only its plan's years can refuse it.
        "indikator": Indicator.objects.create(
            plan=plan, objective=objective, code="S1.99", name="Tanpa angka"
        ),
        "program": Program.objects.filter(plan=plan).order_by("pk").first(),
        "kegiatan": Activity.objects.filter(program__plan=plan).order_by("pk").first(),
        "sub kegiatan": SubActivity.objects.filter(activity__program__plan=plan).order_by("pk").first(),
    }


def text_field(row) -> str:
    return "statement" if hasattr(row, "statement") else "name"


def stored(row):
    return type(row).objects.filter(pk=row.pk).values().first()


def test_every_plan_bound_model_is_exercised_below(demo_agency):
    from review.guards import PLAN_BOUND

    assert {g.model.split(".")[1] for g in PLAN_BOUND} == {
        type(row).__name__ for row in plan_rows(demo_agency).values()
    }


# --- model saves (management commands, scripts, shell) ----------------------------------------------------------
@pytest.mark.parametrize("state", FROZEN_STATES)
def test_plan_rows_refuse_save_and_delete_while_a_year_of_the_period_is_frozen(demo_agency, state):
    rows = plan_rows(demo_agency)
    set_state(demo_agency, state)
    for kind, row in rows.items():
        before = stored(row)
        setattr(row, text_field(row), "Diubah setelah dikunci")
        with pytest.raises(YearLocked) as refused:
            row.save()
        assert "2021" in refused.value.messages[0] and " / " in refused.value.messages[0], kind
        with pytest.raises(YearLocked), transaction.atomic():
            type(row).objects.get(pk=row.pk).delete()
        assert stored(row) == before, kind


@pytest.mark.parametrize("state", OPEN_STATES)
def test_plan_rows_save_and_delete_while_the_years_are_open(demo_agency, state):
    rows = plan_rows(demo_agency)
    set_state(demo_agency, state)
    for row in rows.values():
        setattr(row, text_field(row), "Diubah")
        row.save()
    rows["kebijakan"].delete()
    rows["indikator"].delete()


def test_a_new_element_of_a_frozen_plan_is_refused(demo_agency):
    plan = plan_of(demo_agency)
    objective = Objective.objects.filter(plan=plan).first()
    set_state(demo_agency, State.APPROVED)
    with pytest.raises(YearLocked):
        Indicator.objects.create(plan=plan, objective=objective, code="S1.98", name="Baru")
    with pytest.raises(YearLocked):
        Objective.objects.create(plan=plan, goal=objective.goal, code="S9", statement="Sasaran baru")
    with pytest.raises(YearLocked):
        Mission.objects.create(plan=plan, statement="Misi baru")
    assert not Indicator.objects.filter(code="S1.98").exists()


def test_a_program_cannot_be_linked_to_or_unlinked_from_a_sasaran(demo_agency):
    program = Program.objects.filter(plan__agency=demo_agency, objectives__isnull=False).first()
    linked = set(program.objectives.values_list("pk", flat=True))
    other = Objective.objects.filter(plan__agency=demo_agency).exclude(pk__in=linked).first()
    set_state(demo_agency, State.APPROVED)
    with pytest.raises(YearLocked), transaction.atomic():
        program.objectives.add(other)
    with pytest.raises(YearLocked), transaction.atomic():
        program.objectives.clear()
    with pytest.raises(YearLocked), transaction.atomic():
        other.programs.add(program)
    assert set(program.objectives.values_list("pk", flat=True)) == linked


def test_another_agencys_plan_stays_writable(demo_agency, other_agency):
    set_state(demo_agency, State.APPROVED)
    objective = Objective.objects.filter(plan__agency=other_agency).first()
    objective.statement = "Diubah"
    objective.save()
    other_plan = plan_of(other_agency)
    other_plan.end_year = 2020
    other_plan.save()


def test_an_indicators_definition_cannot_change(demo_agency):
    indicator = Indicator.objects.filter(plan__agency=demo_agency, targets__year=YEAR).first()
    set_state(demo_agency, State.SUBMITTED)
    for field, value in (
        ("polarity", "lower"),
        ("kind", "index"),
        ("computation", "growth"),
        ("name", "Lain"),
    ):
        setattr(indicator, field, value)
        with pytest.raises(YearLocked):
            indicator.save()
        indicator.refresh_from_db()


# --- the Renstra period ---------------------------------------------------------------------------------------
def test_a_period_that_drops_a_frozen_year_is_refused_with_the_reason(demo_agency):
    plan = plan_of(demo_agency)
    set_state(demo_agency, State.APPROVED)
    plan.end_year = 2020
    with pytest.raises(YearLocked) as refused:
        plan.save()
    message = refused.value.messages[0]
    assert "Periode Renstra tidak dapat diubah menjadi 2016–2020" in message and "2021 (Disetujui)" in message
    assert "/ The plan period cannot become 2016–2020" in message
    plan.refresh_from_db()
    assert (plan.start_year, plan.end_year) == (2016, 2021)


def test_any_period_change_under_a_frozen_year_is_refused(demo_agency):
    """The period's end gives the Renstra final target; its start, where cumulative indicators begin."""
    plan = plan_of(demo_agency)
    set_state(demo_agency, State.APPROVED, year=2018)
    for start, end in ((2016, 2022), (2017, 2021)):
        plan.start_year, plan.end_year = start, end
        with pytest.raises(YearLocked):
            plan.save()
    plan.refresh_from_db()
    plan.vision = "Visi baru"
    with pytest.raises(YearLocked):
        plan.save()


def test_a_new_plan_over_a_frozen_year_is_refused(demo_agency):
    set_state(demo_agency, State.APPROVED)
    with pytest.raises(YearLocked):
        StrategicPlan.objects.create(agency=demo_agency, start_year=2021, end_year=2026, revision="Perubahan")
    StrategicPlan.objects.create(agency=demo_agency, start_year=2022, end_year=2026, revision="Berikut")


def test_the_revision_label_and_open_periods_still_change(demo_agency):
    plan = plan_of(demo_agency)
    set_state(demo_agency, State.APPROVED)
    plan.revision = "Perubahan II"  # printed on the Renstra document, not in a year's report
    plan.save()
    plan.save(update_fields=["revision"])
    set_state(demo_agency, State.REOPENED)
    plan.end_year = 2020
    plan.save()


# --- the agency's signature block and the Pemda's settings ----------------------------------------------------
@pytest.mark.parametrize("state", FROZEN_STATES)
def test_the_agency_head_of_a_frozen_year_cannot_change(demo_agency, state):
    set_state(demo_agency, state)
    agency = Agency.objects.get(pk=demo_agency.pk)
    for field in ("head_name", "head_nip", "name"):
        setattr(agency, field, "Lain")
        with pytest.raises(YearLocked) as refused:
            agency.save()
        assert "2021" in refused.value.messages[0] and "tanda tangan" in refused.value.messages[0]
        agency.refresh_from_db()
    assert agency.head_name == demo_agency.head_name
    set_state(demo_agency, State.REOPENED)
    agency.head_name = "Kepala baru"
    agency.save()


def test_the_pemda_settings_cannot_change_while_any_of_its_agencies_has_a_frozen_year(demo_agency):
    set_state(demo_agency, State.SUBMITTED)
    government = Government.objects.get(pk=demo_agency.government_id)
    for field, value in (
        ("predicate_scale", "permendagri-54-2010"),
        ("objective_cap", 120),
        ("ikm_weight", "exact"),
        ("logo", "lambang/baru.png"),  # printed on the cover
    ):
        setattr(government, field, value)
        with pytest.raises(YearLocked) as refused:
            government.save()
        assert "DINKOP UKM 2021 (Diajukan)" in refused.value.messages[0]
        government.refresh_from_db()
    government.head_title = "Wali Kota"  # not used by the report
    government.save()


def test_a_dataset_for_the_same_pemda_keeps_its_settings_or_is_refused(demo_agency, demo_dataset):
    set_state(demo_agency, State.APPROVED)
    other = copy.deepcopy(demo_dataset)
    other["agency"].update(code="dinas-kedua", name="Dinas Kedua")
    assert dataset_import(other).agency.government_id == demo_agency.government_id  # same settings: imported
    changed = copy.deepcopy(demo_dataset)
    changed["agency"].update(code="dinas-ketiga", name="Dinas Ketiga")
    changed["settings"]["predicate_scale"] = "permendagri-54-2010"
    with pytest.raises(DatasetError) as refused:
        dataset_import(changed)
    assert refused.value.problems[0].path == "$.settings" and "2021" in refused.value.problems[0].message
    assert not Agency.objects.filter(code="dinas-ketiga").exists()
    assert Government.objects.get(pk=demo_agency.government_id).predicate_scale == "target-3"


# --- the plan screen ----------------------------------------------------------------------------------------------
def test_the_plan_screen_refuses_a_sasaran_edit_with_the_reason_beside_the_form(planner_client, demo_agency):
    objective = Objective.objects.filter(plan__agency=demo_agency).first()
    set_state(demo_agency, State.APPROVED)
    assert PLAN_LOCKED in planner_client.get(tree_url(demo_agency)).content.decode()
    url = edit_url(demo_agency, "sasaran", objective.pk)
    assert PLAN_LOCKED in planner_client.get(url).content.decode()  # said before anything is typed
    response = planner_client.post(url, {"code": objective.code, "statement": "Sasaran diubah"})
    assert response.status_code == 200 and PLAN_LOCKED in response.context["form"].non_field_errors()[0]
    objective.refresh_from_db()
    assert objective.statement != "Sasaran diubah"


def test_the_plan_screen_refuses_a_new_indicator(planner_client, demo_agency):
    objective = Objective.objects.get(plan__agency=demo_agency, code="S1")
    set_state(demo_agency, State.SUBMITTED)
    data = {"code": "S1.7", "name": "Indikator baru", "unit": "%", "kind": "percent", "polarity": "higher",
            "computation": "direct"}  # fmt: skip
    response = planner_client.post(
        create_url(demo_agency, "indikator", f"owner=objective:{objective.pk}"), data
    )
    assert response.status_code == 200 and PLAN_LOCKED in response.context["form"].non_field_errors()[0]
    assert not Indicator.objects.filter(plan__agency=demo_agency, code="S1.7").exists()


def test_the_plan_screen_refuses_deleting_a_misi(planner_client, demo_agency):
    mission = Mission.objects.filter(plan__agency=demo_agency).first()
    set_state(demo_agency, State.APPROVED)
    assert PLAN_LOCKED in planner_client.get(delete_url(demo_agency, "misi", mission.pk)).content.decode()
    response = planner_client.post(delete_url(demo_agency, "misi", mission.pk))
    assert response.status_code == 403 and PLAN_LOCKED in response.content.decode()
    assert Mission.objects.filter(pk=mission.pk).exists()


def test_the_plan_screen_refuses_a_period_that_drops_a_frozen_year_beside_the_field(
    planner_client, demo_agency
):
    """Before: the period was saved, and the 2021 report, its PDF, review page and history answered 404."""
    plan = plan_of(demo_agency)
    set_state(demo_agency, State.APPROVED)
    url = edit_url(demo_agency, "renstra", plan.pk)
    response = planner_client.post(
        url, {"start_year": 2016, "end_year": 2020, "revision": "", "vision": plan.vision}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Periode Renstra tidak dapat diubah menjadi 2016–2020" in page
    assert response.context["form"].errors["end_year"]
    plan.refresh_from_db()
    assert plan.end_year == 2021
    for name in ("reports:lkjip", "review:detail"):
        assert planner_client.get(reverse(name, args=[demo_agency.code, YEAR])).status_code == 200, name
    # The revision label alone still saves.
    ok = {"start_year": 2016, "end_year": 2021, "revision": "Perubahan", "vision": plan.vision}
    assert planner_client.post(url, ok).status_code == 302


# --- the admin ---------------------------------------------------------------------------------------------------
@pytest.fixture
def admin_client(client, demo_agency):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("root", password="x"))
    return client


def test_admin_opens_a_sasaran_of_a_frozen_plan_read_only(admin_client, demo_agency):
    objective = Objective.objects.filter(plan__agency=demo_agency).first()
    set_state(demo_agency, State.APPROVED)
    page = admin_client.get(_admin_url(Objective, "change", objective.pk))
    assert page.status_code == 200 and 'name="statement"' not in page.content.decode()
    posted = {"plan": objective.plan_id, "goal": objective.goal_id, "code": objective.code, "statement": "X"}
    assert admin_client.post(_admin_url(Objective, "change", objective.pk), posted).status_code == 403
    assert (
        admin_client.post(_admin_url(Objective, "delete", objective.pk), {"post": "yes"}).status_code == 403
    )
    objective.refresh_from_db()
    assert objective.statement != "X"


def test_admin_refuses_a_period_change_and_shows_the_misi_read_only_on_the_plan_page(
    admin_client, demo_agency
):
    plan = plan_of(demo_agency)
    mission = Mission.objects.filter(plan=plan).order_by("position", "pk").first()
    set_state(demo_agency, State.APPROVED)
    url = _admin_url(StrategicPlan, "change", plan.pk)
    page = admin_client.get(url)
    assert "missions-0-statement" not in page.content.decode() and mission.statement in page.content.decode()
    data = admin_form_data(page)
    response = admin_client.post(url, {**data, "end_year": 2020})
    assert response.status_code == 200 and "Periode Renstra tidak dapat diubah" in response.content.decode()
    forged = {
        **data,
        "missions-0-id": mission.pk,
        "missions-0-plan": plan.pk,
        "missions-0-statement": "Misi diubah",
    }
    admin_client.post(url, forged)
    plan.refresh_from_db()
    assert plan.end_year == 2021 and Mission.objects.get(pk=mission.pk).statement == mission.statement


def test_admin_refuses_the_agency_head_and_the_pemda_settings(admin_client, demo_agency):
    set_state(demo_agency, State.APPROVED)
    url = _admin_url(Agency, "change", demo_agency.pk)
    response = admin_client.post(url, {**admin_form_data(admin_client.get(url)), "head_name": "Kepala lain"})
    assert response.status_code == 200 and "tanda tangan" in response.content.decode()
    url = _admin_url(Government, "change", demo_agency.government_id)
    data = admin_form_data(admin_client.get(url))
    response = admin_client.post(url, {**data, "predicate_scale": "permendagri-54-2010"})
    assert response.status_code == 200 and "Pengaturan perhitungan Pemda ini" in response.content.decode()
    assert Agency.objects.get(pk=demo_agency.pk).head_name == demo_agency.head_name
    assert Government.objects.get(pk=demo_agency.government_id).predicate_scale == "target-3"


def _ikm_totals(agency):
    return sorted(
        SurveyElement.objects.filter(survey__agency=agency, survey__year=YEAR).values_list(
            "code", "total", "answered"
        )
    )


def test_admin_cannot_delete_ikm_responses_of_a_frozen_year(admin_client, demo_agency):
    """Before: deleting 10 of 20 left an approved report saying "10 responden" with the totals of 20."""
    survey = SatisfactionSurvey.objects.get(agency=demo_agency, year=YEAR)
    responses_replace(survey, [{"number": n, **{f"u{k}": 3 for k in range(1, 10)}} for n in range(1, 21)])
    totals = _ikm_totals(demo_agency)
    set_state(demo_agency, State.APPROVED)
    first = SurveyResponse.objects.filter(survey=survey).order_by("number").first()
    assert (
        admin_client.post(_admin_url(SurveyResponse, "delete", first.pk), {"post": "yes"}).status_code == 403
    )
    rows = list(SurveyResponse.objects.filter(survey=survey).values_list("pk", flat=True)[:10])
    changelist = _admin_url(SurveyResponse, "changelist")
    bulk = {"action": "delete_selected", "_selected_action": rows, "post": "yes"}
    assert admin_client.post(changelist, bulk).status_code == 403
    with pytest.raises(YearLocked), transaction.atomic():
        SurveyResponse.objects.filter(survey=survey).delete()  # a command or the shell
    assert SurveyResponse.objects.filter(survey=survey).count() == 20 and _ikm_totals(demo_agency) == totals


# --- cost ----------------------------------------------------------------------------------------------------------
def _import_queries(data) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        dataset_import(data, replace=True)
    return len(queries.captured_queries)


def test_replacing_an_agency_costs_no_query_per_row_when_another_agency_is_frozen(
    demo_agency, other_agency, demo_dataset
):
    """The replacement deletes the old plan in cascades: each row meets the guards, which ask once per cascade
    which agencies are frozen (and which parent rows belong to them), not once per row (before: 526 queries
    against 114 with nothing frozen)."""
    data = copy.deepcopy(demo_dataset)
    data["agency"].update(code=other_agency.code, name=other_agency.name)
    data["government"].update(code=other_agency.government.code, name=other_agency.government.name)
    nothing_frozen = _import_queries(data)
    set_state(demo_agency, State.APPROVED)
    assert _import_queries(data) <= nothing_frozen + 15


def test_admin_deleting_ikm_responses_of_an_open_year_refreshes_the_totals(admin_client, demo_agency):
    survey = SatisfactionSurvey.objects.get(agency=demo_agency, year=YEAR)
    responses_replace(survey, [{"number": n, **{f"u{k}": 3 for k in range(1, 10)}} for n in range(1, 21)])
    rows = list(
        SurveyResponse.objects.filter(survey=survey).order_by("number").values_list("pk", flat=True)[:10]
    )
    changelist = _admin_url(SurveyResponse, "changelist")
    bulk = {"action": "delete_selected", "_selected_action": rows, "post": "yes"}
    assert admin_client.post(changelist, bulk).status_code == 302
    one = SurveyResponse.objects.filter(survey=survey).order_by("number").first()
    assert admin_client.post(_admin_url(SurveyResponse, "delete", one.pk), {"post": "yes"}).status_code == 302
    u1 = SurveyElement.objects.get(survey=survey, code="U1")
    assert (u1.answered, u1.total) == (9, 27)  # 9 respondents left, each scoring 3


# --- the org units: the org chart and each indicator's responsible unit are printed --------------------------
@pytest.mark.parametrize("state", FROZEN_STATES)
def test_the_org_units_of_a_frozen_year_cannot_change_be_added_or_deleted(demo_agency, state):
    from agencies.models import OrgUnit

    unit = OrgUnit.objects.filter(agency=demo_agency).order_by("pk").first()
    name = unit.name
    set_state(demo_agency, state)
    unit.name = "Bidang Lain"
    with pytest.raises(YearLocked) as refused:
        unit.save()
    assert "2021" in refused.value.messages[0] and "Unit kerja" in refused.value.messages[0]
    with pytest.raises(YearLocked):
        OrgUnit.objects.create(agency=demo_agency, code="X9", name="Bidang Baru")
    with pytest.raises(YearLocked), transaction.atomic():  # the refusal breaks the deletion's transaction
        OrgUnit.objects.get(pk=unit.pk).delete()
    unit.refresh_from_db()
    assert unit.name == name
    unit.position += 1  # not printed: the order of the units on the admin page
    unit.save()
    set_state(demo_agency, State.REOPENED)
    unit.name = "Bidang Baru"
    unit.save()


def test_another_agencys_org_units_stay_writable(db):
    frozen = YearReviewFactory(state=State.APPROVED).agency
    OrgUnitFactory(agency__government=frozen.government)  # another agency of the same Pemda


def test_the_admin_lists_a_plans_deletion_without_a_query_per_row_when_nothing_is_frozen(
    admin_client, demo_agency
):
    """The confirmation page asks the delete permission of every cascaded row (543 queries for the demo plan
    before); with no frozen year anywhere none of them needs one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan = plan_of(demo_agency)
    with CaptureQueriesContext(connection) as queries:
        page = admin_client.get(_admin_url(StrategicPlan, "delete", plan.pk))
    assert page.status_code == 200
    assert len(queries) < 60
