"""Audit history: every change to plan, targets, realisations, budget and narratives says who, when, how,
old → new; the agency page lists and filters it, exports it, and shows nothing of other agencies."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from agencies.audit import VIA_IMPORT
from agencies.models import Agency
from budgets.models import BudgetLine
from indicators.models import Indicator, Realisation, Target
from interchange.dataset.writing import dataset_import
from sakip.numbers import format_number
from tests.conftest import make_user

YEAR = 2021


def history_url(agency, **query):
    url = reverse("history:agency", args=[agency.code])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def realisation_grid(agency, quarter):
    return reverse("indicators:realisations", args=[agency.code, YEAR, quarter])


def grid_data(page):
    data = {}
    for section in page.context["sections"]:
        for item in section["items"]:
            row = item["form"]
            for name, field in row.fields.items():
                value = row[name].value()
                data[row.add_prefix(name)] = field.prepare_value(value) if value is not None else ""
    return data


def post_realisations(client, agency, quarter, changes):
    url = realisation_grid(agency, quarter)
    data = grid_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, "the grid saved"
    return response


def stored_realisation(agency):
    """A quarter realisation the demo dataset carries, with a plain decimal value."""
    return (
        Realisation.objects.filter(
            indicator__plan__agency=agency, year=YEAR, quarter__gte=1, value__isnull=False
        )
        .exclude(indicator__computation="ratio")
        .select_related("indicator")
        .order_by("indicator__position", "quarter")
        .first()
    )


def entries(response):
    return [entry for _when, entry in response.context["rows"]]


def exact(value: Decimal) -> str:
    """The Indonesian form of a stored value with its own decimals (what an audit must show)."""
    places = max(0, -value.normalize().as_tuple().exponent)
    return format_number(value, places)


def test_a_grid_save_is_recorded_with_the_user_and_shown_old_to_new(planner_client, planner, demo_agency):
    row = stored_realisation(demo_agency)
    new = row.value + Decimal("1234.5")
    post_realisations(
        planner_client, demo_agency, row.quarter, {f"r{row.indicator_id}-value": format_number(new, 1)}
    )

    latest = Realisation.history.filter(id=row.pk).first()
    assert latest.history_type == "~"
    assert latest.history_user == planner
    assert latest.value == new

    page = planner_client.get(history_url(demo_agency))
    assert page.status_code == 200
    entry = next(e for e in entries(page) if e.source == "realisation" and e.object_id == row.pk)
    assert entry.who == planner.username
    assert row.indicator.code in entry.subject
    value_change = next(c for c in entry.changes if c.label == "realisasi")
    assert (value_change.old, value_change.new) == (exact(row.value), exact(new))
    html = page.content.decode()
    assert exact(new) in html and exact(row.value) in html


def test_the_import_is_one_event_and_its_rows_are_not_listed(planner_client, demo_agency):
    page = planner_client.get(history_url(demo_agency))
    listed = entries(page)
    assert [e.action for e in listed] == ["import"]
    assert listed[0].who == "sistem"
    # ...but every imported target has a baseline version, so the first edit can show its old value.
    targets = Target.objects.filter(indicator__plan__agency=demo_agency).count()
    assert Target.history.filter(history_change_reason=VIA_IMPORT).count() == targets


def test_replacing_a_dataset_records_no_row_per_deleted_record(demo_agency, demo_dataset):
    before = {model: model.history.count() for model in (Target, Realisation, BudgetLine, Indicator)}
    dataset_import(demo_dataset, replace=True)
    for model, count in before.items():
        assert not model.history.filter(history_type="-").exists(), model
        # One new baseline per re-imported row, nothing for the deleted ones.
        assert model.history.count() - count == model.objects.count(), model
    assert Agency.history.filter(
        code=demo_agency.code, history_type="~", history_change_reason=VIA_IMPORT
    ).exists()


def test_a_workbook_import_is_recorded_as_excel_with_the_user(planner_client, planner, demo_agency):
    from interchange.workbook.template import template_workbook

    workbook = template_workbook(demo_agency, YEAR)
    buffer = io.BytesIO()
    workbook.save(buffer)
    workbook = load_workbook(io.BytesIO(buffer.getvalue()))
    target = (
        Target.objects.filter(indicator__plan__agency=demo_agency, year=YEAR, kind="pk", value__isnull=False)
        .select_related("indicator")
        .order_by("indicator__position")
        .first()
    )
    ws = workbook["Target"]
    column = next(c.column_letter for c in ws[1] if c.value == "PK")
    row = next(c.row for c in ws["A"] if c.value == target.indicator.code)
    new = target.value + 7
    ws[f"{column}{row}"] = float(new)
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = planner_client.post(
        reverse("interchange:upload", args=[demo_agency.code, YEAR]),
        {"file": SimpleUploadedFile("templat.xlsx", buffer.getvalue())},
    )
    planner_client.post(
        reverse("interchange:confirm", args=[demo_agency.code, YEAR]), {"token": upload.context["token"]}
    )

    latest = Target.history.filter(id=target.pk).first()
    assert (latest.history_type, latest.history_user, latest.value) == ("~", planner, new)
    entry = next(e for e in entries(planner_client.get(history_url(demo_agency))) if e.object_id == target.pk)
    assert entry.via == "impor Excel"
    change = next(c for c in entry.changes if c.label == "target")
    assert (change.old, change.new) == (exact(target.value), exact(new))


def test_budget_narrative_and_plan_edits_are_listed_and_filtered(planner_client, demo_agency):
    line = (
        BudgetLine.objects.filter(year=YEAR, sub_activity__activity__program__plan__agency=demo_agency)
        .select_related("sub_activity")
        .order_by("pk")
        .first()
    )
    line.ceiling_revised = (line.ceiling_revised or Decimal(0)) + 1000
    line.save()
    indicator = Indicator.objects.filter(plan__agency=demo_agency).order_by("position").first()
    indicator.name = indicator.name + " (diperbaiki)"
    indicator.save()

    everything = entries(planner_client.get(history_url(demo_agency)))
    assert {e.source for e in everything} == {"agency", "budgetline", "indicator"}
    budget = entries(planner_client.get(history_url(demo_agency, anggaran=f"s{line.sub_activity_id}")))
    assert [e.source for e in budget] == ["budgetline"]
    assert line.sub_activity.code in budget[0].subject
    change = next(c for c in budget[0].changes if c.label == "pagu perubahan")
    assert change.new.startswith("Rp") and format_number(line.ceiling_revised, 0) in change.new
    by_kind = entries(planner_client.get(history_url(demo_agency, jenis="rencana")))
    assert {e.source for e in by_kind} == {"agency", "indicator"}
    by_indicator = entries(planner_client.get(history_url(demo_agency, indikator=indicator.pk)))
    assert [e.source for e in by_indicator] == ["indicator"]
    assert by_indicator[0].changes[0].new == indicator.name
    by_year = entries(planner_client.get(history_url(demo_agency, tahun=YEAR)))
    assert [e.source for e in by_year] == ["budgetline"], "plan rows have no year"


def test_a_deleted_indicator_keeps_its_trail(planner_client, demo_agency):
    indicator = Indicator.objects.filter(plan__agency=demo_agency, targets__isnull=False).first()
    targets = indicator.targets.count()
    url = reverse("indicators:plan_delete", args=[demo_agency.code, "indikator", indicator.pk])
    assert planner_client.post(url).status_code == 302
    assert not Indicator.objects.filter(pk=indicator.pk).exists()

    listed = entries(planner_client.get(history_url(demo_agency, indikator=indicator.pk)))
    deleted_targets = [e for e in listed if e.source == "target" and e.action == "-"]
    assert len(deleted_targets) == targets
    assert all(indicator.code in e.subject for e in deleted_targets), "the code comes from its history"
    assert any(e.source == "indicator" and e.action == "-" for e in listed)


def test_exports_contain_the_change_and_are_reproducible(planner_client, demo_agency):
    row = stored_realisation(demo_agency)
    new = row.value + 3
    post_realisations(
        planner_client, demo_agency, row.quarter, {f"r{row.indicator_id}-value": format_number(new, 0)}
    )

    url = reverse("history:export_xlsx", args=[demo_agency.code])
    first, second = planner_client.get(url), planner_client.get(url)
    assert first.status_code == 200 and first.content == second.content
    sheet = load_workbook(io.BytesIO(first.content)).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert any(r[6] == "realisasi" and r[7] == exact(row.value) and r[8] == exact(new) for r in rows[1:])

    text = planner_client.get(reverse("history:export_csv", args=[demo_agency.code])).content.decode(
        "utf-8-sig"
    )
    lines = list(csv.reader(io.StringIO(text)))
    assert any(r[6] == "realisasi" and r[7] == exact(row.value) and r[8] == exact(new) for r in lines[1:])
    assert "perencana-uji" in text


def test_other_agencies_history_is_not_found(planner_client, other_agency, reviewer_client, demo_agency):
    for name in ("history:agency", "history:export_xlsx", "history:export_csv"):
        assert planner_client.get(reverse(name, args=[other_agency.code])).status_code == 404
    # A reviewer of the Pemda may read it.
    assert reviewer_client.get(history_url(demo_agency)).status_code == 200


@pytest.mark.parametrize("edits", [3, 30])
def test_the_page_costs_the_same_number_of_queries_however_many_changes(
    planner_client, demo_agency, django_assert_max_num_queries, edits
):
    targets = list(
        Target.objects.filter(indicator__plan__agency=demo_agency, value__isnull=False).order_by("pk")[:edits]
    )
    lines = list(BudgetLine.objects.filter(sub_activity__isnull=False).order_by("pk")[:edits])
    for target, line in zip(targets, lines, strict=False):
        target.value += 1
        target.save()
        line.spent_q1 = (line.spent_q1 or 0) + 1
        line.save()
    # session, user, profile, agency, plans ×2, filter choices ×3, count, page, one per history table on the
    # page (agency, target, budget line), users, labels ×2 (indicator and budget codes): 17, however many changes.
    with django_assert_max_num_queries(17):
        page = planner_client.get(history_url(demo_agency))
    assert len(entries(page)) == min(2 * edits + 1, 50)


def test_indicator_and_budget_pages_link_to_their_history(planner_client, demo_agency):
    indicator = Indicator.objects.filter(plan__agency=demo_agency, objective__isnull=False).first()
    base = reverse("history:agency", args=[demo_agency.code])
    for url in (
        realisation_grid(demo_agency, 1),
        reverse("indicators:targets_pk", args=[demo_agency.code, YEAR]),
        reverse("indicators:plan", args=[demo_agency.code]),
    ):
        assert f"{base}?indikator={indicator.pk}" in planner_client.get(url).content.decode(), url
    line = BudgetLine.objects.filter(
        year=YEAR, sub_activity__activity__program__plan__agency=demo_agency
    ).first()
    page = planner_client.get(reverse("budgets:entry", args=[demo_agency.code, YEAR])).content.decode()
    assert f"{base}?anggaran=s{line.sub_activity_id}" in page


def test_another_agencys_target_and_realisation_edits_stay_out_of_this_agencys_history(
    planner_client, demo_agency, other_agency
):
    """Both agencies carry the same indicator codes: only the figures tell whose edit a row is, so the other
    agency's edits use values the demo never holds, and must appear in none of the demo's page, xlsx or csv."""
    target = (
        Target.objects.filter(indicator__plan__agency=other_agency, year=YEAR, value__isnull=False)
        .order_by("pk")
        .first()
    )
    target.value = Decimal("424242.5")
    target.save()
    realisation = stored_realisation(other_agency)
    realisation.value = Decimal("737373.25")
    realisation.save()
    leaked = (exact(target.value), exact(realisation.value))
    other_ids = {("target", target.pk), ("realisation", realisation.pk)}

    # The other agency's own history lists both edits (so the figures below would show if they leaked).
    admin_client = Client()
    admin_client.force_login(make_user("admin-uji", "admin"))
    theirs = entries(admin_client.get(history_url(other_agency)))
    assert other_ids <= {(e.source, e.object_id) for e in theirs}

    page = planner_client.get(history_url(demo_agency))
    assert [e.action for e in entries(page)] == ["import"]
    html = page.content.decode()
    for name in ("history:agency", "history:export_csv"):
        text = planner_client.get(reverse(name, args=[demo_agency.code])).content.decode("utf-8-sig")
        assert not [value for value in leaked if value in text], name
    assert not [value for value in leaked if value in html]
    workbook = load_workbook(
        io.BytesIO(planner_client.get(reverse("history:export_xlsx", args=[demo_agency.code])).content)
    )
    cells = [str(c.value) for row in workbook.active.iter_rows() for c in row if c.value is not None]
    assert not [cell for cell in cells if any(value in cell for value in leaked)]
    assert len(list(workbook.active.iter_rows())) == 2, "the header and the import event only"


def test_a_sasaran_analysis_item_shows_in_the_history(planner_client, demo_agency):
    from indicators.models import Objective, ObjectiveNote

    objective = Objective.objects.filter(plan__agency=demo_agency).order_by("position").first()
    note = ObjectiveNote.objects.create(
        objective=objective, year=2021, kind="obstacle", text="Data belum mutakhir"
    )
    note.text = "Data koperasi belum mutakhir"
    note.save()
    page = planner_client.get(reverse("history:agency", args=[demo_agency.code])).content.decode()
    assert "Analisis sasaran 2021 · Kendala / hambatan" in page
    assert "Data belum mutakhir" in page and "Data koperasi belum mutakhir" in page
