"""Budget entry: the planner's grid of pagu and realisasi, its live roll-up, and who may use it."""

from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from budgets.models import Activity, BudgetLine, SubActivity
from reports.readmodel.build import report_build
from sakip.numbers import format_percent, format_rupiah
from tests.conftest import make_user

YEAR = 2021


class _Inputs(HTMLParser):
    """The name → value pairs a browser would submit from the budget grid form."""

    def __init__(self):
        super().__init__()
        self.values, self._inside = {}, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "budget-grid":
            self._inside = True
        elif tag == "input" and self._inside and attrs.get("name"):
            self.values[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False


def grid_data(response) -> dict:
    parser = _Inputs()
    parser.feed(response.content.decode())
    return parser.values


def entry_url(agency, year=YEAR):
    return reverse("budgets:entry", args=[agency.code, year])


def preview_url(agency, year=YEAR):
    return reverse("budgets:preview", args=[agency.code, year])


def cell(key, figure, value):
    """The rendered computed cell of a row (key "s12", "a3", "p1", "total")."""
    return f'<span id="{key}-{figure}">{value}'


def budget_row(report_budget, code):
    """The row of the report's budget tree with this code."""
    rows = [report_budget]
    while rows:
        row = rows.pop()
        if row.code == code:
            return row
        rows.extend(row.children)
    raise LookupError(code)


def first_subs(agency, n=2):
    subs = SubActivity.objects.filter(activity__program__plan__agency=agency).order_by("pk")[:n]
    return [(s, BudgetLine.objects.get(sub_activity=s, year=YEAR)) for s in subs]


def test_grid_shows_every_line_and_the_roll_up_of_the_report(planner_client, demo_agency):
    response = planner_client.get(entry_url(demo_agency))
    assert response.status_code == 200
    html = response.content.decode()
    budget = report_build(agency=demo_agency, year=YEAR).budget
    assert html.count(cell("total", "ceiling", format_rupiah(budget.figures.ceiling))) == 1
    assert cell("total", "spent", format_rupiah(budget.figures.spent)) in html
    assert cell("total", "absorption", format_percent(budget.figures.absorption)) in html
    assert cell("total", "remaining", format_rupiah(budget.figures.remaining)) in html
    # Every program and activity shows its roll-up; every sub-activity is an editable row.
    for program in budget.children:
        assert f"{program.code} {program.name}" in html
        assert f">{format_rupiah(program.figures.ceiling)}<" in html
        for activity in program.children:
            assert f">{format_rupiah(activity.figures.spent)}<" in html
    subs = SubActivity.objects.filter(activity__program__plan__agency=demo_agency)
    assert html.count(' data-row="s') == subs.count()
    # Inputs show the stored figures in Indonesian format.
    sub, line = first_subs(demo_agency, 1)[0]
    data = grid_data(response)
    assert data[f"s{sub.pk}-ceiling_revised"] == f"{line.ceiling_revised:,.0f}".replace(",", ".")
    assert "Simpan" in html


def test_localized_rupiah_is_saved_as_decimals_and_declared_figures_stay(planner_client, demo_agency):
    (sub, line), _other = first_subs(demo_agency)
    line.declared_ceiling, line.declared_spent = "199000000", "150000000"
    line.save()
    data = grid_data(planner_client.get(entry_url(demo_agency)))
    data.update(
        {
            f"s{sub.pk}-ceiling_revised": "Rp 1.000.000,-",
            f"s{sub.pk}-spent_q1": "250.000",
            f"s{sub.pk}-spent_q2": "Rp 250.000",
            f"s{sub.pk}-spent": "",
            f"s{sub.pk}-physical_progress": "87,5",
        }
    )
    response = planner_client.post(entry_url(demo_agency), data, follow=True)
    line.refresh_from_db()
    assert line.ceiling_revised == Decimal("1000000")
    assert line.spent_q1 == line.spent_q2 == Decimal("250000")
    assert line.spent is None  # the engine derives it from the quarters
    assert line.physical_progress == Decimal("87.5")
    assert (line.declared_ceiling, line.declared_spent) == ("199000000", "150000000")
    html = response.content.decode()
    assert "1 baris anggaran disimpan." in html
    total = report_build(agency=demo_agency, year=YEAR).budget.figures
    assert cell("total", "ceiling", format_rupiah(total.ceiling)) in html
    # The row shows the spending derived from its quarters.
    assert cell(f"s{sub.pk}", "spent", format_rupiah(Decimal("500000"))) in html


def test_saving_an_unchanged_grid_says_so(planner_client, demo_agency):
    data = grid_data(planner_client.get(entry_url(demo_agency)))
    response = planner_client.post(entry_url(demo_agency), data, follow=True)
    assert "Tidak ada perubahan." in response.content.decode()


def test_quarters_that_do_not_add_up_to_the_total_save_nothing(planner_client, demo_agency):
    (sub, line), (other, other_line) = first_subs(demo_agency)
    data = grid_data(planner_client.get(entry_url(demo_agency)))
    data.update(
        {
            f"s{sub.pk}-spent_q1": "100",
            f"s{sub.pk}-spent_q2": "100",
            f"s{sub.pk}-spent_q3": "100",
            f"s{sub.pk}-spent_q4": "100",
            f"s{sub.pk}-spent": "500",
            f"s{other.pk}-ceiling_revised": "1.000",  # valid, but must not be saved alone
        }
    )
    response = planner_client.post(entry_url(demo_agency), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "tidak sama dengan realisasi total" in html
    assert "do not add up to the total spending" in html
    assert "tidak ada yang disimpan" in html
    assert f'id="s{sub.pk}-errors"' in html
    assert BudgetLine.objects.get(pk=line.pk).spent == line.spent
    assert BudgetLine.objects.get(pk=line.pk).spent_q1 is None
    assert BudgetLine.objects.get(pk=other_line.pk).ceiling_revised == other_line.ceiling_revised
    # What the planner typed is kept in the inputs.
    assert grid_data(response)[f"s{other.pk}-ceiling_revised"] == "1.000"


def test_quarters_that_add_up_are_accepted_with_the_total(planner_client, demo_agency):
    (sub, line), _other = first_subs(demo_agency)
    data = grid_data(planner_client.get(entry_url(demo_agency)))
    quarters = ["1.000", "2.000", "3.000", "4.000,50"]
    data.update({f"s{sub.pk}-spent_q{q}": v for q, v in enumerate(quarters, 1)})
    data[f"s{sub.pk}-spent"] = "10.000,50"
    response = planner_client.post(entry_url(demo_agency), data)
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.spent == Decimal("10000.50")
    assert line.spent_q4 == Decimal("4000.50")


def test_bad_number_and_progress_above_100_are_refused_next_to_the_row(planner_client, demo_agency):
    (sub, line), _other = first_subs(demo_agency)
    data = grid_data(planner_client.get(entry_url(demo_agency)))
    data[f"s{sub.pk}-ceiling_original"] = "12,3,4"
    data[f"s{sub.pk}-physical_progress"] = "101"
    response = planner_client.post(entry_url(demo_agency), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Angka tidak valid" in html and "Invalid number" in html
    assert "Tidak boleh lebih dari 100" in html
    assert BudgetLine.objects.get(pk=line.pk).ceiling_original == line.ceiling_original


def test_spending_above_the_ceiling_is_saved_with_a_warning(planner_client, demo_agency):
    (sub, line), _other = first_subs(demo_agency)
    data = grid_data(planner_client.get(entry_url(demo_agency)))
    data[f"s{sub.pk}-spent"] = str(line.ceiling_revised + 1)
    response = planner_client.post(entry_url(demo_agency), data, follow=True)
    line.refresh_from_db()
    assert line.spent == line.ceiling_revised + 1
    html = response.content.decode()
    row = html.split(f'data-row="s{sub.pk}"')[1].split("</tr>")[0]
    assert "melebihi pagu" in row
    assert f'id="s{sub.pk}-remaining" class="text-danger">{format_rupiah(Decimal(-1))}<' in row


@pytest.mark.parametrize("view", ["saved", "preview"])
def test_spending_exactly_the_ceiling_is_not_flagged_as_above_it(planner_client, demo_agency, view):
    """Spending the whole pagu is full absorption (100 %, sisa Rp 0), not an overspend: no badge anywhere, on
    the saved grid nor in the live preview."""
    (sub, line), _other = first_subs(demo_agency)
    data = grid_data(planner_client.get(entry_url(demo_agency)))
    data[f"s{sub.pk}-spent"] = str(line.ceiling_revised)
    if view == "saved":
        response = planner_client.post(entry_url(demo_agency), data, follow=True)
        line.refresh_from_db()
        assert line.spent == line.ceiling_revised
    else:
        response = planner_client.post(preview_url(demo_agency), data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert format_percent(Decimal(100)) in html and format_rupiah(Decimal(0)) in html
    assert "melebihi pagu" not in html and 'data-testid="overspent"' not in html


def test_someone_elses_change_is_a_conflict_and_a_second_save_overwrites(planner_client, demo_agency):
    (sub, line), (other, other_line) = first_subs(demo_agency)
    data = grid_data(planner_client.get(entry_url(demo_agency)))
    BudgetLine.objects.filter(pk=line.pk).update(ceiling_revised=Decimal("777000"))  # another planner saves
    data[f"s{sub.pk}-ceiling_revised"] = "888.000"
    data[f"s{other.pk}-ceiling_revised"] = "1.000"
    response = planner_client.post(entry_url(demo_agency), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="conflict"' in html
    assert "777.000" in html.split('data-testid="conflict"')[1].split("</div>")[0]
    assert BudgetLine.objects.get(pk=line.pk).ceiling_revised == Decimal("777000")
    assert BudgetLine.objects.get(pk=other_line.pk).ceiling_revised == other_line.ceiling_revised
    # Saving again is a deliberate overwrite.
    response = planner_client.post(entry_url(demo_agency), grid_data(response))
    assert response.status_code == 302
    assert BudgetLine.objects.get(pk=line.pk).ceiling_revised == Decimal("888000")
    assert BudgetLine.objects.get(pk=other_line.pk).ceiling_revised == Decimal("1000")


def test_preview_returns_the_new_roll_up_without_saving(planner_client, demo_agency):
    (sub, line), _other = first_subs(demo_agency)
    before = report_build(agency=demo_agency, year=YEAR).budget
    data = grid_data(planner_client.get(entry_url(demo_agency)))
    data[f"s{sub.pk}-ceiling_revised"] = "Rp 1.000.000,-"
    response = planner_client.post(preview_url(demo_agency), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    change = Decimal("1000000") - line.ceiling_revised
    assert oob("total", "ceiling", format_rupiah(before.figures.ceiling + change)) in html
    activity = budget_row(before, sub.activity.code)
    assert oob(f"a{sub.activity_id}", "ceiling", format_rupiah(activity.figures.ceiling + change)) in html
    program = budget_row(before, sub.activity.program.code)
    assert (
        oob(f"p{sub.activity.program_id}", "ceiling", format_rupiah(program.figures.ceiling + change)) in html
    )
    assert oob(f"s{sub.pk}", "ceiling", format_rupiah(Decimal("1000000"))) in html
    assert BudgetLine.objects.get(pk=line.pk).ceiling_revised == line.ceiling_revised

    # A cell that does not parse leaves its row out of the preview (stored figures), without an error.
    data[f"s{sub.pk}-ceiling_original"] = "bukan angka"
    html = planner_client.post(preview_url(demo_agency), data).content.decode()
    assert oob("total", "ceiling", format_rupiah(before.figures.ceiling)) in html
    assert oob(f"s{sub.pk}", "ceiling", format_rupiah(line.ceiling_revised)) in html


def oob(key, figure, value):
    return f'<span id="{key}-{figure}" hx-swap-oob="true">{value}<'


def test_an_activity_without_sub_activities_has_its_own_editable_line(planner_client, demo_agency):
    program = demo_agency.plans.get().programs.order_by("position").first()
    activity = Activity.objects.create(program=program, code="9.99", name="Kegiatan tanpa sub", position=99)
    data = grid_data(planner_client.get(entry_url(demo_agency)))
    assert f"a{activity.pk}-ceiling_original" in data
    data[f"a{activity.pk}-ceiling_original"] = "Rp 5.000.000"
    data[f"a{activity.pk}-spent"] = "2.500.000"
    response = planner_client.post(entry_url(demo_agency), data, follow=True)
    line = BudgetLine.objects.get(activity=activity, year=YEAR)
    assert (line.ceiling_original, line.spent) == (Decimal("5000000"), Decimal("2500000"))
    assert cell(f"a{activity.pk}", "absorption", format_percent(Decimal(50))) in response.content.decode()


def test_reviewer_reads_but_cannot_save(reviewer_client, demo_agency):
    response = reviewer_client.get(entry_url(demo_agency))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<fieldset disabled>" in html
    assert 'type="submit"' not in html
    assert reviewer_client.post(entry_url(demo_agency), grid_data(response)).status_code == 403
    assert reviewer_client.post(preview_url(demo_agency), grid_data(response)).status_code == 403


def test_planner_of_another_agency_gets_404(client, demo_agency, other_agency):
    client.force_login(make_user("perencana-lain", "planner", agency=other_agency))
    assert client.get(entry_url(demo_agency)).status_code == 404
    assert client.post(preview_url(demo_agency), {}).status_code == 404
    assert client.get(entry_url(other_agency)).status_code == 200


def test_a_year_outside_the_renstra_leads_to_a_new_period(planner_client, demo_agency):
    response = planner_client.get(entry_url(demo_agency, 2030))
    assert response.status_code == 200 and 'data-testid="no-plan"' in response.content.decode()


@pytest.mark.parametrize("agency_fixture", ["demo_agency", "double_demo_agency"])
def test_query_counts_do_not_grow_with_the_plan(
    db, client, request, agency_fixture, django_assert_max_num_queries
):
    agency = request.getfixturevalue(agency_fixture)
    client.force_login(make_user("perencana-q", "planner", agency=agency))
    # Two more since issue 18: the report's build reads the sasaran analysis items and the year's signer; two more
    # for points 4 and 5 (the whole budget's parts, the grouped realisations), four for the organisation profile.
    with django_assert_max_num_queries(39):
        response = client.get(entry_url(agency))
    data = grid_data(response)
    sub = SubActivity.objects.filter(activity__program__plan__agency=agency).order_by("pk").first()
    data[f"s{sub.pk}-ceiling_revised"] = "1.000.000"
    with django_assert_max_num_queries(38):
        assert client.post(preview_url(agency), data).status_code == 200
    # 15, plus for the written line its year-lock check (review/guards.py: the line's facts, and the answer the
    # grid's other lines share) and its history row (audit), plus the agency's write lock and its transaction
    # (agencies/writes.py: a savepoint here, inside the test's).
    with django_assert_max_num_queries(21):
        assert client.post(entry_url(agency), data).status_code == 302
