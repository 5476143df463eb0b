"""The "Belanja OPD" screen (issue 18, point 4): the agency's whole budget per part and the realisations declared
for groups of programs, saved whole or not at all, audited, read-only for reviewers and in a submitted year."""

import pytest
from django.urls import reverse

from budgets.models import Expenditure, Program, SpendingGroup
from review.models import YearReview
from tests.helpers import without_whole_budget

YEAR = 2021


@pytest.fixture
def demo_dataset(demo_dataset):
    """The demo without its Belanja Operasi: each test types the figures it saves."""
    return without_whole_budget(demo_dataset)


def url(agency):
    return reverse("budgets:whole_budget", args=[agency.code, YEAR])


def form_data(page, parts=None, groups=None):
    """The page as the browser posts it: every row's version, the typed cells, everything else empty.
    `groups` fills the rows in order: (label, program codes, spent)."""
    data = {}
    for form in page.context["parts"]:
        data[f"{form.prefix}-version"] = form.stored_fingerprint()
        for name, value in ((parts or {}).get(form.part) or {}).items():
            data[f"{form.prefix}-{name}"] = value
    for form, typed in zip(page.context["groups"], [*(groups or [])] + [None] * 9, strict=False):
        data[f"{form.prefix}-version"] = form.stored_fingerprint()
        if typed:
            label, codes, spent = typed
            data.update({f"{form.prefix}-label": label, f"{form.prefix}-spent": spent})
            data[f"{form.prefix}-programs"] = codes
    return data


@pytest.fixture
def programs(demo_agency):
    return list(Program.objects.filter(plan__agency=demo_agency).order_by("position"))


def test_the_planner_types_the_lakip_figures_and_the_report_prints_them(
    planner_client, demo_agency, programs
):
    page = planner_client.get(url(demo_agency))
    assert page.status_code == 200 and "Belanja operasi" in page.content.decode()
    typed = {
        "operating": {
            "ceiling_original": "22.511.784.601",
            "ceiling_rationalised": "Rp 20.614.676.801,-",
            "ceiling_revised": "19.076.782.417",
            "spent": "16.289.044.379",
        }
    }
    groups = [("Program koperasi", [programs[2].code, programs[3].code], "357.472.100")]
    response = planner_client.post(url(demo_agency), form_data(page, typed, groups))
    assert response.status_code == 302

    part = Expenditure.objects.get(agency=demo_agency, year=YEAR)
    assert (part.part, part.ceiling_rationalised, part.spent) == ("operating", 20614676801, 16289044379)
    group = SpendingGroup.objects.get(agency=demo_agency, year=YEAR)
    assert sorted(m.program.code for m in group.members.all()) == [programs[2].code, programs[3].code]
    assert part.history.count() == 1 and group.history.count() == 1
    history = planner_client.get(reverse("history:agency", args=[demo_agency.code])).content.decode()
    assert (
        "Belanja OPD 2021 · Belanja operasi" in history
        and "Realisasi gabungan 2021 · Program koperasi" in history
    )
    again = planner_client.get(url(demo_agency)).content.decode()
    assert 'data-testid="whole-budget-result"' in again
    report = planner_client.get(reverse("reports:lkjip", args=[demo_agency.code, YEAR])).content.decode()
    assert "expenditure-table" in report and "spending-groups-table" in report

    # Emptying the rows removes them (an unknown part is not a zero one).
    page = planner_client.get(url(demo_agency))
    data = form_data(page)
    response = planner_client.post(url(demo_agency), data)
    assert response.status_code == 302
    assert not Expenditure.objects.filter(agency=demo_agency).exists()
    assert not SpendingGroup.objects.filter(agency=demo_agency).exists()


def test_a_bad_row_saves_nothing_of_the_page(planner_client, demo_agency, programs):
    page = planner_client.get(url(demo_agency))
    typed = {"total": {"spent": "16.289.044.379"}, "capital": {"spent": "-5"}}
    groups = [("A", [programs[0].code], "1"), ("B", [programs[0].code], "2")]
    response = planner_client.post(url(demo_agency), form_data(page, typed, groups))
    assert response.status_code == 200
    text = response.content.decode()
    assert "sudah ada di kelompok lain" in text and "already in another group" in text
    assert not Expenditure.objects.filter(agency=demo_agency).exists()
    assert not SpendingGroup.objects.filter(agency=demo_agency).exists()


def test_a_group_without_a_program_is_refused(planner_client, demo_agency):
    page = planner_client.get(url(demo_agency))
    response = planner_client.post(url(demo_agency), form_data(page, groups=[("Gabungan", [], "5")]))
    assert response.status_code == 200
    assert "pilih paling sedikit satu program" in response.content.decode()
    assert not SpendingGroup.objects.exists()


def test_a_part_changed_meanwhile_is_not_overwritten(planner_client, demo_agency):
    page = planner_client.get(url(demo_agency))
    Expenditure.objects.create(agency=demo_agency, year=YEAR, part="total", spent=1)
    response = planner_client.post(url(demo_agency), form_data(page, {"total": {"spent": "2"}}))
    assert response.status_code == 200 and 'data-testid="conflict"' in response.content.decode()
    assert Expenditure.objects.get(agency=demo_agency).spent == 1


def test_a_reviewer_reads_and_a_submitted_year_is_read_only(client, reviewer_client, planner, demo_agency):
    assert reviewer_client.get(url(demo_agency)).status_code == 200
    assert reviewer_client.post(url(demo_agency), {}).status_code == 403
    YearReview.objects.create(agency=demo_agency, year=YEAR, state="submitted")
    client.force_login(planner)
    page = client.get(url(demo_agency))
    assert "<fieldset disabled>" in page.content.decode()
    response = client.post(url(demo_agency), {"belanja-total-spent": "1"})
    assert response.status_code == 403
    assert not Expenditure.objects.exists()
