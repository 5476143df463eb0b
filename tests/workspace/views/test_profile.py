"""The organisation profile screen (issue 18, point 8): each unit's tugas and fungsi, and one box per table (staff,
sarana-prasarana, strategic issues, risks), one line per row, cells separated by "|" or tabs; saved whole or not
at all, read-only for reviewers and in a frozen year."""

from decimal import Decimal

import pytest
from django.urls import reverse

from agencies.models import Facility, OrgUnit, Risk, StaffCount, StrategicIssue
from indicators.models import Objective
from review.models import YearReview
from tests.helpers import without_profile

YEAR = 2021


@pytest.fixture
def demo_dataset(demo_dataset):
    """The demo without its organisation profile: each test types the rows it saves."""
    return without_profile(demo_dataset)


def url(agency):
    return reverse("agencies:profile", args=[agency.code, YEAR])


def form_data(page, **typed):
    """The page as the browser posts it: every row's version and stored boxes, with `typed` (field name → text)
    put over them."""
    data = {}
    for row in page.context["rows"]:
        data[row.add_prefix("version")] = row.stored_fingerprint()
        for name in row.value_fields:
            data[row.add_prefix(name)] = row.stored.get(name) or ""
    data.update(typed)
    return data


def test_the_planner_fills_every_table_and_it_is_stored(planner_client, demo_agency):
    unit = OrgUnit.objects.filter(agency=demo_agency).order_by("position").first()
    objective = Objective.objects.filter(plan__agency=demo_agency).order_by("position").first()
    page = planner_client.get(url(demo_agency))
    assert page.status_code == 200
    assert "Tugas dan fungsi unit kerja" in page.content.decode()
    typed = {
        f"unit-{unit.pk}-duties": "Merencanakan dan mengoordinasikan.",
        f"unit-{unit.pk}-functions": "a. Perencanaan\n\n b. Pelaporan ",
        "staff-employment-lines": "PNS: 30\nNon PNS : 69 orang",
        "staff-education-lines": "S1\t36\nSMA | 29",
        "facilities-lines": "Peralatan dan Mesin\tLaptop DELL\t7\tUnit\t2018\tbaik\tRp 15.000.000,-\n"
        "| Honda New Vario | 1 | Unit | 2018 | | | B 6768 WAQ",
        "issues-lines": f"SDM koperasi belum berdaya saing | Pelatihan terbatas | {objective.code}",
        "risks-lines": f"Peserta tidak hadir | Undangan terlambat | Acara terganggu | 3 | 3 | Konfirmasi H-3 "
        f"| Triwulan I | {unit.code} | {objective.code}",
    }
    response = planner_client.post(url(demo_agency), form_data(page, **typed))
    assert response.status_code == 302
    unit.refresh_from_db()
    assert (
        unit.duties == "Merencanakan dan mengoordinasikan."
        and unit.functions == "a. Perencanaan\nb. Pelaporan"
    )
    staff = StaffCount.objects.filter(agency=demo_agency, year=YEAR).order_by("breakdown", "position")
    assert [(s.breakdown, s.label, s.count) for s in staff] == [
        ("education", "S1", 36),
        ("education", "SMA", 29),
        ("employment", "PNS", 30),
        ("employment", "Non PNS", 69),
    ]
    laptop, motor = Facility.objects.filter(agency=demo_agency, year=YEAR).order_by("position")
    assert (laptop.category, laptop.name, laptop.quantity, laptop.acquired_year, laptop.condition) == (
        "Peralatan dan Mesin",
        "Laptop DELL",
        7,
        2018,
        "baik",
    )
    assert laptop.value == Decimal("15000000") and motor.note == "B 6768 WAQ" and motor.value is None
    issue = StrategicIssue.objects.get(agency=demo_agency, year=YEAR)
    assert issue.cause == "Pelatihan terbatas" and issue.objective == objective
    risk = Risk.objects.get(agency=demo_agency, year=YEAR)
    assert (risk.likelihood, risk.severity, risk.owner_unit, risk.objective) == (3, 3, unit, objective)
    again = planner_client.get(url(demo_agency))
    # What is stored reads back as typed (normalised), so saving the page unchanged changes nothing.
    assert "Non PNS: 69" in again.content.decode()
    unchanged = planner_client.post(url(demo_agency), form_data(again), follow=True)
    assert "Tidak ada perubahan." in unchanged.content.decode()
    history = planner_client.get(reverse("history:agency", args=[demo_agency.code])).content.decode()
    assert "Risiko 2021 · Peserta tidak hadir" in history


def test_one_unreadable_line_saves_nothing(planner_client, demo_agency):
    page = planner_client.get(url(demo_agency))
    typed = {
        "staff-employment-lines": "PNS: 30",
        "risks-lines": "Peserta tidak hadir | | | 7 | 3",
        "issues-lines": "Isu | Sebab | S-99",
    }
    response = planner_client.post(url(demo_agency), form_data(page, **typed))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Baris 1" in text and "1–5" in text and "S-99" in text
    assert not StaffCount.objects.filter(agency=demo_agency).exists()
    assert not Risk.objects.filter(agency=demo_agency).exists()


def test_a_label_listed_twice_is_refused(planner_client, demo_agency):
    page = planner_client.get(url(demo_agency))
    response = planner_client.post(
        url(demo_agency), form_data(page, **{"staff-rank-lines": "III/a: 2\nIII/a: 3"})
    )
    assert response.status_code == 200 and "tertulis dua kali" in response.content.decode()
    assert not StaffCount.objects.exists()


def test_a_table_changed_meanwhile_is_not_overwritten(planner_client, demo_agency):
    page = planner_client.get(url(demo_agency))
    StaffCount.objects.create(agency=demo_agency, year=YEAR, breakdown="employment", label="PNS", count=31)
    response = planner_client.post(url(demo_agency), form_data(page, **{"staff-employment-lines": "PNS: 30"}))
    assert response.status_code == 200 and 'data-testid="conflict"' in response.content.decode()
    assert list(StaffCount.objects.values_list("count", flat=True)) == [31]


def test_a_reviewer_reads_and_a_submitted_year_is_read_only(client, reviewer_client, planner, demo_agency):
    assert reviewer_client.get(url(demo_agency)).status_code == 200
    assert reviewer_client.post(url(demo_agency), {}).status_code == 403
    YearReview.objects.create(agency=demo_agency, year=YEAR, state="submitted")
    client.force_login(planner)
    page = client.get(url(demo_agency))
    assert "<fieldset disabled>" in page.content.decode()
    response = client.post(url(demo_agency), {"staff-employment-lines": "PNS: 30"})
    assert response.status_code == 403
    assert not StaffCount.objects.exists()


@pytest.mark.parametrize("state", ["submitted", "approved"])
def test_the_model_guard_refuses_a_unit_duty_change_in_a_frozen_year(demo_agency, state):
    from review.locks import YearLocked

    YearReview.objects.create(agency=demo_agency, year=YEAR, state=state)
    unit = OrgUnit.objects.filter(agency=demo_agency).first()
    unit.duties = "Tugas baru"
    with pytest.raises(YearLocked):
        unit.save()
