"""No path changes a frozen year: the workspace forms, the htmx endpoints, evidence files, the plan editor, the Excel
import, the dataset import and its command, and the admin. Each test makes a real change a planner (or an admin)
would make, on a page opened while the year was still open, and proves that nothing of the year changed."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db.models.fields.files import FieldFile
from django.urls import reverse

from budgets.models import BudgetLine
from indicators.models import Evidence, Indicator, Realisation, Target
from interchange.dataset.validation import DatasetError
from interchange.dataset.writing import dataset_import
from interchange.workbook.applying import workbook_apply
from interchange.workbook.reading import workbook_changes
from review.locks import YearLocked
from review.workflow import State
from surveys.models import SatisfactionSurvey
from tests.interchange.workbook.test_applying import _bytes, _column, _row, _template, _upload
from tests.review.helpers import PDF, YEAR, approve_with_edition, evidence_for, set_state, year_data
from tests.workspace.views import test_budgets as budget_page
from tests.workspace.views import test_realisations as realisation_page
from tests.workspace.views import test_targets as target_page

LOCKED = 'data-testid="locked"'


def a_realisation(agency) -> Realisation:
    return (
        Realisation.objects.filter(indicator__plan__agency=agency, year=YEAR, quarter=4)
        .order_by("pk")
        .first()
    )


@pytest.fixture
def approved(demo_agency):
    """Approve the demo year; returns a function that proves the year is as it was before."""
    before = year_data(demo_agency)
    set_state(demo_agency, State.APPROVED)

    def unchanged():
        assert year_data(demo_agency) == before

    return unchanged


# --- workspace forms ------------------------------------------------------------------------------------------
def test_the_realisation_grid_opened_before_approval_saves_nothing_after(planner_client, demo_agency):
    row = a_realisation(demo_agency)
    data = realisation_page.grid_data(planner_client.get(realisation_page.grid_url(demo_agency, 4)))
    before = year_data(demo_agency)
    set_state(demo_agency, State.APPROVED)
    data[f"r{row.indicator_id}-value"] = "999"
    response = planner_client.post(realisation_page.grid_url(demo_agency, 4), data)
    assert response.status_code == 403 and LOCKED in response.content.decode()
    assert "disetujui" in response.content.decode()
    assert year_data(demo_agency) == before


def test_the_refusal_page_keeps_the_planner_signed_in_with_their_menu(planner_client, planner, demo_agency):
    set_state(demo_agency, State.APPROVED)
    response = planner_client.post(realisation_page.grid_url(demo_agency, 4), {})
    html = response.content.decode()
    assert response.status_code == 403 and LOCKED in html
    assert planner.get_username() in html and reverse("logout") in html  # not a page for a stranger


@pytest.mark.parametrize("state", [State.SUBMITTED, State.RESUBMITTED])
def test_a_year_under_review_is_frozen_too(planner_client, demo_agency, state):
    row = a_realisation(demo_agency)
    data = realisation_page.grid_data(planner_client.get(realisation_page.grid_url(demo_agency, 4)))
    set_state(demo_agency, state)
    data[f"r{row.indicator_id}-value"] = "999"
    response = planner_client.post(realisation_page.grid_url(demo_agency, 4), data)
    assert response.status_code == 403 and "direviu" in response.content.decode()
    assert a_realisation(demo_agency).value == row.value


def test_a_returned_year_is_editable_again(planner_client, demo_agency):
    row = a_realisation(demo_agency)
    set_state(demo_agency, State.RETURNED)
    data = realisation_page.grid_data(planner_client.get(realisation_page.grid_url(demo_agency, 4)))
    data[f"r{row.indicator_id}-value"] = "999"
    assert planner_client.post(realisation_page.grid_url(demo_agency, 4), data).status_code == 302
    assert a_realisation(demo_agency).value == 999


def test_target_grids_refuse_the_frozen_year(planner_client, demo_agency):
    urls = target_page.urls(demo_agency)
    code = Indicator.objects.filter(plan__agency=demo_agency).order_by("pk").first().code
    pk_data = target_page.grid_data(planner_client.get(urls["pk"]).content.decode())
    quarter_data = target_page.grid_data(planner_client.get(urls["quarters"]).content.decode())
    before = year_data(demo_agency)
    set_state(demo_agency, State.APPROVED)
    pk_data[target_page.field(demo_agency, code, "pk")] = "12345"
    assert planner_client.post(urls["pk"], pk_data).status_code == 403
    quarter_data[target_page.field(demo_agency, code, "q1")] = "12345"
    assert planner_client.post(urls["quarters"], quarter_data).status_code == 403
    signatory = {"action": "agreement-murni", "murni-place": "Kota Lain", "murni-first_party_name": "X"}
    assert planner_client.post(urls["pk"], signatory).status_code == 403
    assert year_data(demo_agency) == before


def test_the_renstra_grid_shows_a_frozen_year_read_only_and_saves_the_others(planner_client, demo_agency):
    url = target_page.urls(demo_agency)["renstra"]
    approve_with_edition(demo_agency)  # the approved report is its edition: other years' targets may move on
    page = planner_client.get(url).content.decode()
    code = Indicator.objects.filter(plan__agency=demo_agency).order_by("pk").first().code
    frozen_cell, open_cell = (
        target_page.field(demo_agency, code, f"y{YEAR}"),
        target_page.field(demo_agency, code, f"y{YEAR - 1}"),
    )
    assert f'name="{frozen_cell}"' in page
    assert "readonly" in page.split(f'name="{frozen_cell}"')[1].split(">")[0]
    assert "readonly" not in page.split(f'name="{open_cell}"')[1].split(">")[0]
    assert 'data-testid="locked-year"' in page
    data = target_page.grid_data(page)
    before = year_data(demo_agency)
    data[open_cell] = "888"  # the frozen cell is posted as shown
    assert planner_client.post(url, data).status_code == 302
    assert year_data(demo_agency) == before
    assert target_page.target(demo_agency, code, Target.Kind.RENSTRA, year=YEAR - 1).value == 888


def test_a_value_typed_into_a_frozen_year_of_the_renstra_grid_is_refused_naming_the_year(
    planner_client, demo_agency
):
    """The planner opened the grid while the year was open, the year was submitted meanwhile, then they typed
    into its column: the save says which year is locked and saves nothing (it used to drop the value silently
    and save the rest)."""
    url = target_page.urls(demo_agency)["renstra"]
    code = Indicator.objects.filter(plan__agency=demo_agency).order_by("pk").first().code
    frozen_cell = target_page.field(demo_agency, code, f"y{YEAR}")
    open_cell = target_page.field(demo_agency, code, f"y{YEAR - 1}")
    data = target_page.grid_data(planner_client.get(url).content.decode())
    stored = data[frozen_cell]
    approve_with_edition(demo_agency)
    reason = "disetujui"
    before = year_data(demo_agency)
    open_before = target_page.target(demo_agency, code, Target.Kind.RENSTRA, year=YEAR - 1)
    data[frozen_cell], data[open_cell] = "777", "888"
    response = planner_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Target tahun {YEAR} terkunci" in html and f"The {YEAR} targets are locked" in html
    cell = target_page.row(html, code)
    assert reason in cell and "is-invalid" in cell
    assert "777, tidak disimpan" in cell and "777, was not saved" in cell
    assert year_data(demo_agency) == before
    assert target_page.target(demo_agency, code, Target.Kind.RENSTRA, year=YEAR - 1) == open_before
    # The page shows the stored figure again in the locked cell and keeps the other edit: saving once more
    # stores the open year only.
    again = target_page.grid_data(html)
    assert again[frozen_cell] == stored and again[open_cell] == "888"
    assert planner_client.post(url, again).status_code == 302
    assert year_data(demo_agency) == before
    assert target_page.target(demo_agency, code, Target.Kind.RENSTRA, year=YEAR - 1).value == 888


def test_under_review_the_whole_renstra_grid_holds_still_since_the_report_prints_every_year(
    planner_client, demo_agency
):
    """The report under review prints the Renstra targets of every year of the period (and the final target):
    the page opened before the submission is refused whole, each cell naming the report that prints it."""
    url = target_page.urls(demo_agency)["renstra"]
    code = Indicator.objects.filter(plan__agency=demo_agency).order_by("pk").first().code
    open_cell = target_page.field(demo_agency, code, f"y{YEAR - 1}")
    data = target_page.grid_data(planner_client.get(url).content.decode())
    set_state(demo_agency, State.SUBMITTED)
    page = planner_client.get(url).content.decode()
    assert "readonly" in page.split(f'name="{open_cell}"')[1].split(">")[0]
    before = year_data(demo_agency, YEAR - 1)
    data[open_cell] = "888"
    response = planner_client.post(url, data)
    assert response.status_code == 200
    cell = target_page.row(response.content.decode(), code)
    assert f"tercetak pada laporan tahun {YEAR} yang sedang direviu" in cell and "888, tidak disimpan" in cell
    assert year_data(demo_agency, YEAR - 1) == before


def test_a_frozen_year_cell_left_out_of_the_post_changes_nothing(planner_client, demo_agency):
    """A browser does not send a disabled input (a page rendered before this change): not a deletion."""
    url = target_page.urls(demo_agency)["renstra"]
    code = Indicator.objects.filter(plan__agency=demo_agency).order_by("pk").first().code
    set_state(demo_agency, State.APPROVED)
    data = target_page.grid_data(planner_client.get(url).content.decode())
    del data[target_page.field(demo_agency, code, f"y{YEAR}")]
    before = year_data(demo_agency)
    assert planner_client.post(url, data).status_code == 302
    assert year_data(demo_agency) == before


def test_budget_and_narratives_refuse_the_frozen_year(planner_client, demo_agency):
    line = BudgetLine.objects.filter(
        sub_activity__activity__program__plan__agency=demo_agency, year=YEAR
    ).first()
    budget = budget_page.grid_data(planner_client.get(budget_page.entry_url(demo_agency)))
    set_state(demo_agency, State.APPROVED)
    before = year_data(demo_agency)
    budget[f"s{line.sub_activity_id}-ceiling_revised"] = "1.000.000"
    assert planner_client.post(budget_page.entry_url(demo_agency), budget).status_code == 403
    narratives = reverse("reports:narratives", args=[demo_agency.code, YEAR])
    assert (
        planner_client.post(narratives, {"penutup-text": "Teks baru", "penutup-version": ""}).status_code
        == 403
    )
    assert year_data(demo_agency) == before


def test_htmx_previews_are_refused_on_a_frozen_year(planner_client, demo_agency, approved):
    for name, args in (
        ("indicators:realisations_preview", [demo_agency.code, YEAR, 1]),
        ("indicators:targets_quarters_check", [demo_agency.code, YEAR]),
        ("budgets:preview", [demo_agency.code, YEAR]),
    ):
        assert planner_client.post(reverse(name, args=args), {}).status_code == 403, name
    approved()


def test_evidence_cannot_be_added_or_deleted_in_a_frozen_year(planner_client, demo_agency):
    evidence = evidence_for(demo_agency)
    set_state(demo_agency, State.APPROVED)
    before = year_data(demo_agency)
    upload = reverse("indicators:evidence", args=[demo_agency.code, YEAR, 1, evidence.indicator_id])
    pdf = SimpleUploadedFile("lagi.pdf", PDF, content_type="application/pdf")
    assert planner_client.post(upload, {"file": pdf}).status_code == 403
    delete = reverse("indicators:evidence_delete", args=[demo_agency.code, evidence.pk])
    response = planner_client.post(delete)
    assert response.status_code == 403 and "disetujui" in response.content.decode()
    assert Evidence.objects.filter(pk=evidence.pk).exists() and evidence.file.storage.exists(
        evidence.file.name
    )
    assert year_data(demo_agency) == before


def test_survey_screens_refuse_the_frozen_year(planner_client, demo_agency, approved):
    detail = reverse("surveys:detail", args=[demo_agency.code, YEAR])
    assert planner_client.post(detail, {"action": "settings", "conducted_by": "Lain"}).status_code == 403
    imports = reverse("surveys:import", args=[demo_agency.code, YEAR])
    assert planner_client.post(imports, {"action": "clear"}).status_code == 403
    approved()


def test_a_survey_cannot_be_created_in_a_frozen_year(planner_client, demo_agency):
    set_state(demo_agency, State.APPROVED, year=YEAR - 1)
    response = planner_client.post(reverse("surveys:create", args=[demo_agency.code]), {"year": YEAR - 1})
    assert response.status_code == 403
    assert not SatisfactionSurvey.objects.filter(agency=demo_agency, year=YEAR - 1).exists()


def test_deleting_an_indicator_with_figures_of_a_frozen_year_is_refused(
    planner_client, demo_agency, approved
):
    indicator = a_realisation(demo_agency).indicator
    url = reverse("indicators:plan_delete", args=[demo_agency.code, "indikator", indicator.pk])
    response = planner_client.post(url)
    assert response.status_code == 403 and "disetujui" in response.content.decode()
    assert Indicator.objects.filter(pk=indicator.pk).exists()
    approved()


# --- Excel import -----------------------------------------------------------------------------------------------
def _changed_workbook(agency) -> bytes:
    workbook = _template(agency)
    ws = workbook["Realisasi"]
    code = ws["A2"].value
    ws[f"{_column(ws, 'TW IV')}{_row(ws, code)}"] = 4321
    return _bytes(workbook)


def test_the_excel_import_refuses_a_frozen_year_at_upload_and_at_confirm(planner_client, demo_agency):
    data = _changed_workbook(demo_agency)
    preview = _upload(planner_client, demo_agency, data)
    token = preview.context["token"]  # previewed while the year was open
    set_state(demo_agency, State.APPROVED)
    before = year_data(demo_agency)
    assert _upload(planner_client, demo_agency, data).status_code == 403
    confirm = reverse("interchange:confirm", args=[demo_agency.code, YEAR])
    assert planner_client.post(confirm, {"token": token}).status_code == 403
    changes, _problems = workbook_changes(demo_agency, YEAR, data)
    with pytest.raises(YearLocked):
        workbook_apply(demo_agency, YEAR, changes)
    assert year_data(demo_agency) == before


# --- dataset import -------------------------------------------------------------------------------------------
def test_a_dataset_never_replaces_an_agency_with_a_frozen_year(demo_agency, demo_dataset, approved, tmp_path):
    with pytest.raises(DatasetError) as refused:
        dataset_import(demo_dataset, replace=True)
    assert any(
        f"Laporan tahun {YEAR} telah disetujui" in problem.message for problem in refused.value.problems
    )
    path = tmp_path / "data.json"
    path.write_text(json.dumps(demo_dataset), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):  # exit status 1 on the command line
        call_command("import_dataset", str(path), "--replace", stderr=err)
    assert str(YEAR) in err.getvalue()
    approved()


def test_a_dataset_replaces_an_agency_whose_years_are_open(demo_agency, demo_dataset):
    set_state(demo_agency, State.RETURNED)
    assert dataset_import(demo_dataset, replace=True).replaced


# --- admin ------------------------------------------------------------------------------------------------------
@pytest.fixture
def admin_client(client, demo_agency):
    client.force_login(get_user_model().objects.create_superuser("root", password="x"))
    return client


def _admin_url(model, action, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{action}", args=args)


def test_admin_opens_a_frozen_row_read_only_and_cannot_delete_it(admin_client, demo_agency, approved):
    row = Target.objects.filter(indicator__plan__agency=demo_agency, year=YEAR).first()
    change = admin_client.get(_admin_url(Target, "change", row.pk))
    assert change.status_code == 200 and 'name="value"' not in change.content.decode()
    posted = {"indicator": row.indicator_id, "kind": row.kind, "year": YEAR, "quarter": 0, "value": "1"}
    assert admin_client.post(_admin_url(Target, "change", row.pk), posted).status_code == 403
    assert admin_client.post(_admin_url(Target, "delete", row.pk), {"post": "yes"}).status_code == 403
    approved()


def test_admin_cannot_add_a_row_to_a_frozen_year(admin_client, demo_agency, approved):
    indicator = Indicator.objects.filter(plan__agency=demo_agency).first()
    posted = {
        "indicator": indicator.pk,
        "kind": "quarter",
        "year": YEAR,
        "quarter": 3,
        "value": "5",
        "grade": "",
    }
    response = admin_client.post(_admin_url(Realisation, "add"), {**posted, "status": "final"})
    assert response.status_code == 200 and "disetujui" in response.content.decode()
    approved()


def test_admin_bulk_delete_of_frozen_rows_is_refused(admin_client, demo_agency, approved):
    rows = list(
        Target.objects.filter(indicator__plan__agency=demo_agency, year=YEAR).values_list("pk", flat=True)[:3]
    )
    url = _admin_url(Target, "changelist")
    confirm = admin_client.post(url, {"action": "delete_selected", "_selected_action": rows})
    assert confirm.status_code == 200 and confirm.context["perms_lacking"]  # the page says they cannot go
    assert (
        admin_client.post(
            url, {"action": "delete_selected", "_selected_action": rows, "post": "yes"}
        ).status_code
        == 403
    )
    approved()


def admin_form_data(page) -> dict:
    """The POST data of an admin change page as shown: its form and every inline row."""
    form = page.context["adminform"].form
    data = {name: form[name].value() if form[name].value() is not None else "" for name in form.fields}
    # A browser sends no file again for a file field left alone.
    data = {name: value for name, value in data.items() if not isinstance(value, FieldFile)}
    for formset in page.context["inline_admin_formsets"]:
        fs = formset.formset
        data.update({f"{fs.prefix}-{k}": v for k, v in fs.management_form.initial.items()})
        for i, inline in enumerate(fs.forms):
            for name in inline.fields:
                value = inline[name].value()
                data[f"{fs.prefix}-{i}-{name}"] = "" if value is None else value
    return data


def test_admin_opens_an_indicator_of_a_frozen_year_read_only_inline_targets_included(
    admin_client, demo_agency, approved
):
    """The Indicator page lists its targets inline: the indicator is used by the frozen year, so the page is
    read-only and a POST (a target changed inline) is refused."""
    indicator = a_realisation(demo_agency).indicator
    page = admin_client.get(_admin_url(Indicator, "change", indicator.pk))
    assert page.status_code == 200 and 'name="name"' not in page.content.decode()
    data = {"code": indicator.code, "name": "Lain", "targets-TOTAL_FORMS": "0", "targets-INITIAL_FORMS": "0"}
    assert admin_client.post(_admin_url(Indicator, "change", indicator.pk), data).status_code == 403
    approved()
