"""Target grids: Renstra targets, Perjanjian Kinerja (with its revision and signatories), Rencana Aksi."""

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.models import Indicator, PerformanceAgreement, Target
from sakip.forms import input_str
from tests.conftest import make_user

YEAR = 2021


class _FormFields(HTMLParser):
    """The fields a browser would submit from the grid form (the one with `marker` in its opening tag)."""

    def __init__(self, marker):
        super().__init__()
        self.marker, self.inside, self.textarea, self.data = marker, False, None, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.marker(attrs)
        elif self.inside and tag == "input" and attrs.get("name"):
            self.data[attrs["name"]] = attrs.get("value") or ""
        elif self.inside and tag == "textarea":
            self.textarea = attrs["name"]
            self.data[self.textarea] = ""

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data.lstrip("\n") if not self.data[self.textarea] else data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None


def grid_data(html: str) -> dict:
    """Every field of the page's target grid form, as rendered (what the planner saw)."""
    parser = _FormFields(lambda attrs: "novalidate" in attrs and attrs.get("method") == "post")
    parser.feed(html)
    return {k: v for k, v in parser.data.items() if k.startswith("r")} | {"action": "targets"}


def row(html: str, code: str) -> str:
    match = re.search(rf'<tr [^>]*data-indicator="{re.escape(code)}".*?</tr>', html, re.S)
    assert match, f"no row for {code}"
    return match.group(0)


def field(agency, code, name):
    return f"r{indicator(agency, code).pk}-{name}"


def indicator(agency, code):
    return Indicator.objects.get(plan__agency=agency, code=code)


def target(agency, code, kind, year=YEAR, quarter=0):
    return Target.objects.filter(
        indicator=indicator(agency, code), kind=kind, year=year, quarter=quarter
    ).first()


def urls(agency):
    return {
        "renstra": reverse("indicators:targets_renstra", args=[agency.code]),
        "pk": reverse("indicators:targets_pk", args=[agency.code, YEAR]),
        "quarters": reverse("indicators:targets_quarters", args=[agency.code, YEAR]),
        "check": reverse("indicators:targets_quarters_check", args=[agency.code, YEAR]),
    }


# --- rendering ---------------------------------------------------------------------------------------------


def test_renstra_grid_shows_every_year_of_the_plan_with_unit_and_baseline(planner_client, demo_agency):
    html = planner_client.get(urls(demo_agency)["renstra"]).content.decode()
    r22 = row(html, "R2.2")  # baseline 2,4 (2015); targets 2,6 … 3,6
    assert 'value="2,6"' in r22 and 'value="3,6"' in r22
    assert "2,4" in r22 and "(2015)" in r22
    assert 'value="800"' in row(html, "R3.2")
    for year in range(2016, 2022):
        assert f">{year}</th>" in html  # years are labels: never "2.021"
    # Strategic indicators come first, under their sasaran; program indicators after, under their program.
    assert html.index('data-indicator="S1.1"') < html.index('data-indicator="2.17.01-1"')
    assert "Sasaran S1 · Meningkatnya Kualitas Angkatan Kerja" in html


def test_pk_grid_shows_the_pk_targets_beside_the_renstra_target(planner_client, demo_agency):
    html = planner_client.get(urls(demo_agency)["pk"]).content.decode()
    assert 'value="1.715"' in row(html, "2.17.05-1")
    assert 'value="0,5"' in row(html, "S1.1")
    assert ">85</td>" in row(html, "R1.1")  # Renstra 2021 target, read-only
    murni = PerformanceAgreement.objects.get(agency=demo_agency, year=YEAR, revision="murni")
    assert murni.first_party_name in html and murni.second_party_name in html


def test_quarter_grid_shows_the_quarters_and_the_annual_target(planner_client, demo_agency):
    html = planner_client.get(urls(demo_agency)["quarters"]).content.decode()
    cells = row(html, "2.17.05-1")
    quarters = [target(demo_agency, "2.17.05-1", "quarter", quarter=q).value for q in range(1, 5)]
    assert sum(quarters) == Decimal(1715)  # the demo's Rencana Aksi adds up: no warning
    assert '<td class="num small" data-testid="annual-target">1.715</td>' in cells
    assert "≠" not in cells


# --- saving ------------------------------------------------------------------------------------------------


def _writes(queries):
    return [
        q["sql"]
        for q in queries
        if re.match(r"\s*(INSERT|UPDATE|DELETE)", q["sql"]) and "indicators_target" in q["sql"]
    ]


def test_post_saves_the_changed_cells_only(planner_client, demo_agency):
    url = urls(demo_agency)["renstra"]
    data = grid_data(planner_client.get(url).content.decode())
    data[field(demo_agency, "R3.2", "y2021")] = "850"
    with CaptureQueriesContext(connection) as ctx:
        response = planner_client.post(url, data)
    assert response.status_code == 302
    assert target(demo_agency, "R3.2", "renstra").value == Decimal(850)
    # One cell changed: one write. The other rows (and R3.2's other years) are left alone.
    assert len(_writes(ctx.captured_queries)) == 1
    assert target(demo_agency, "R3.2", "renstra", year=2020).value == Decimal(700)
    html = planner_client.get(url).content.decode()
    assert "1 baris target disimpan." in html
    assert 'value="850"' in row(html, "R3.2")


def test_localized_figures_are_read_as_planners_type_them(planner_client, demo_agency):
    url = urls(demo_agency)["pk"]
    data = grid_data(planner_client.get(url).content.decode())
    data[field(demo_agency, "2.17.04-1", "pk")] = "1.715"
    data[field(demo_agency, "S2.1", "pk")] = "0,5"
    assert planner_client.post(url, data).status_code == 302
    assert target(demo_agency, "2.17.04-1", "pk").value == Decimal(1715)
    assert target(demo_agency, "S2.1", "pk").value == Decimal("0.5")


def test_malformed_figure_shows_an_error_next_to_the_cell_and_saves_nothing(planner_client, demo_agency):
    url = urls(demo_agency)["renstra"]
    data = grid_data(planner_client.get(url).content.decode())
    data[field(demo_agency, "R3.1", "y2021")] = "1,2,3"
    data[field(demo_agency, "R3.2", "y2021")] = "999"  # valid, but the grid is saved whole or not at all
    response = planner_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    cells = row(html, "R3.1")
    assert "Angka tidak valid" in cells and "Invalid number" in cells and "is-invalid" in cells
    assert "tidak ada yang disimpan" in html
    assert target(demo_agency, "R3.1", "renstra").value == Decimal(325)
    assert target(demo_agency, "R3.2", "renstra").value == Decimal(800)


def test_conflicting_edit_is_refused_then_a_second_save_overwrites(planner_client, demo_agency):
    url = urls(demo_agency)["renstra"]
    data = grid_data(planner_client.get(url).content.decode())
    # Someone else changes R3.2's 2021 target after the planner opened the page.
    Target.objects.filter(pk=target(demo_agency, "R3.2", "renstra").pk).update(value=Decimal(820))
    name = field(demo_agency, "R3.2", "y2021")
    data[name] = "900"
    response = planner_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "diubah pengguna lain" in html
    assert "Tersimpan oleh pengguna lain: 820" in row(html, "R3.2")
    assert target(demo_agency, "R3.2", "renstra").value == Decimal(820)
    # The page now carries the refreshed version: saving again is a deliberate overwrite.
    again = grid_data(html)
    assert again[name] == "900"
    assert planner_client.post(url, again).status_code == 302
    assert target(demo_agency, "R3.2", "renstra").value == Decimal(900)


def test_clearing_a_cell_deletes_the_target(planner_client, demo_agency):
    url = urls(demo_agency)["renstra"]
    data = grid_data(planner_client.get(url).content.decode())
    data[field(demo_agency, "R3.2", "y2016")] = ""
    assert planner_client.post(url, data).status_code == 302
    assert target(demo_agency, "R3.2", "renstra", year=2016) is None
    assert target(demo_agency, "R3.2", "renstra", year=2017).value == Decimal(400)


def test_revised_pk_target_needs_a_reason(planner_client, demo_agency):
    url = urls(demo_agency)["pk"]
    data = grid_data(planner_client.get(url).content.decode())
    data[field(demo_agency, "2.17.05-1", "pk_revised")] = "1.500"
    response = planner_client.post(url, data)
    assert response.status_code == 200
    cells = row(response.content.decode(), "2.17.05-1")
    assert "isi alasan perubahannya" in cells and "give the reason" in cells
    assert target(demo_agency, "2.17.05-1", "pk_revised") is None

    data[field(demo_agency, "2.17.05-1", "revision_reason")] = "Refocusing anggaran"
    assert planner_client.post(url, data).status_code == 302
    revised = target(demo_agency, "2.17.05-1", "pk_revised")
    assert (revised.value, revised.revision_reason) == (Decimal(1500), "Refocusing anggaran")
    assert target(demo_agency, "2.17.05-1", "pk").value == Decimal(1715)  # the original stays
    # The revision now exists: the signatories of the PK Perubahan can be entered.
    assert 'data-testid="agreement-perubahan"' in planner_client.get(url).content.decode()


def test_revised_target_equal_to_the_original_needs_no_reason(planner_client, demo_agency):
    url = urls(demo_agency)["pk"]
    data = grid_data(planner_client.get(url).content.decode())
    data[field(demo_agency, "2.17.05-1", "pk_revised")] = "1715"
    assert planner_client.post(url, data).status_code == 302
    assert target(demo_agency, "2.17.05-1", "pk_revised").value == Decimal(1715)


def test_signatories_are_saved_with_their_own_button(planner_client, demo_agency):
    url = urls(demo_agency)["pk"]
    murni = PerformanceAgreement.objects.get(agency=demo_agency, year=YEAR, revision="murni")
    fields = ["place", "signed_on", "first_party_name", "first_party_nip", "first_party_position"]
    data = {f"murni-{f}": getattr(murni, f) for f in [*fields, "second_party_name", "second_party_position"]}
    data |= {"action": "agreement-murni", "murni-place": "Serpong", "murni-signed_on": "2021-02-01"}
    assert planner_client.post(url, data).status_code == 302
    murni.refresh_from_db()
    assert (murni.place, murni.signed_on) == ("Serpong", "2021-02-01")

    data["murni-signed_on"] = "30/13/2021"
    response = planner_client.post(url, data)
    assert response.status_code == 200
    assert "Tulis tanggal seperti 3 Januari 2022 atau 03/01/2022" in response.content.decode()
    murni.refresh_from_db()
    assert murni.signed_on == "2021-02-01"


def test_the_pk_date_is_typed_as_planners_write_it(planner_client, demo_agency):
    url = urls(demo_agency)["pk"]
    murni = PerformanceAgreement.objects.get(agency=demo_agency, year=YEAR, revision="murni")
    fields = ["place", "first_party_name", "first_party_nip", "first_party_position"]
    data = {f"murni-{f}": getattr(murni, f) for f in [*fields, "second_party_name", "second_party_position"]}
    data["action"] = "agreement-murni"
    for typed, stored in (
        ("3 Maret 2021", "2021-03-03"),
        ("04/01/2021", "2021-01-04"),
        ("Januari 2021", "2021-01"),
    ):
        assert planner_client.post(url, {**data, "murni-signed_on": typed}).status_code == 302, typed
        murni.refresh_from_db()
        assert murni.signed_on == stored, typed
    page = planner_client.get(url).content.decode()
    assert 'value="Januari 2021"' in page  # shown back as it is written


# --- Rencana Aksi ------------------------------------------------------------------------------------------


def _quarter_post(client, agency, code, quarters):
    url = urls(agency)["quarters"]
    data = grid_data(client.get(url).content.decode())
    for q, value in enumerate(quarters, start=1):
        data[field(agency, code, f"q{q}")] = value
    return data


def _warning(html, agency, code):
    pk = indicator(agency, code).pk
    match = re.search(rf'<div id="quarter-warning-{pk}"[^>]*>(.*?)</div>', html, re.S)
    assert match, f"no warning cell for {code}"
    return match.group(0), match.group(1)


def test_quarter_check_warns_when_increment_quarters_do_not_add_up(planner_client, demo_agency):
    data = _quarter_post(planner_client, demo_agency, "2.17.05-1", ["400", "400", "400", "400"])
    response = planner_client.post(urls(demo_agency)["check"], data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    element, text = _warning(response.content.decode(), demo_agency, "2.17.05-1")
    assert 'hx-swap-oob="true"' in element
    assert "Jumlah TW I–IV (1.600) ≠ target tahunan (1.715)" in text
    assert (
        Target.objects.get(indicator=indicator(demo_agency, "2.17.05-1"), kind="quarter", quarter=1).value
        == 420
    )


def test_quarter_check_is_silent_when_they_add_up(planner_client, demo_agency):
    data = _quarter_post(planner_client, demo_agency, "2.17.05-1", ["400", "400", "400", "515"])
    response = planner_client.post(urls(demo_agency)["check"], data, HTTP_HX_REQUEST="true")
    _element, text = _warning(response.content.decode(), demo_agency, "2.17.05-1")
    assert text == ""


def test_quarter_check_warns_on_a_level_indicator_whose_last_quarter_is_not_the_year(
    planner_client, demo_agency
):
    annual = target(demo_agency, "S2.1", "pk").value  # S2.1 is a percentage: level
    data = _quarter_post(planner_client, demo_agency, "S2.1", ["1", "1,5", "1,8", "1,9"])
    response = planner_client.post(urls(demo_agency)["check"], data)
    _element, text = _warning(response.content.decode(), demo_agency, "S2.1")
    assert f"TW IV (1,9) ≠ target tahunan ({input_str(annual)})" in text  # "2", not "2.0000"


def test_quarter_check_shows_a_malformed_figure(planner_client, demo_agency):
    data = _quarter_post(planner_client, demo_agency, "2.17.05-1", ["1,2,3", "400", "400", "515"])
    _element, text = _warning(
        planner_client.post(urls(demo_agency)["check"], data).content.decode(), demo_agency, "2.17.05-1"
    )
    assert "Angka tidak valid" in text


def test_a_mismatching_rencana_aksi_can_be_saved_and_keeps_its_warning(planner_client, demo_agency):
    url = urls(demo_agency)["quarters"]
    data = _quarter_post(planner_client, demo_agency, "2.17.05-1", ["400", "400", "400", "400"])
    assert planner_client.post(url, data).status_code == 302
    assert target(demo_agency, "2.17.05-1", "quarter", quarter=4).value == Decimal(400)
    html = planner_client.get(url).content.decode()
    assert "Jumlah TW I–IV (1.600) ≠ target tahunan (1.715)" in row(html, "2.17.05-1")


# --- permissions and cost ----------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["renstra", "pk", "quarters"])
def test_reviewer_reads_but_cannot_save(reviewer_client, demo_agency, page):
    url = urls(demo_agency)[page]
    response = reviewer_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<fieldset disabled>" in html and 'data-testid="read-only"' in html
    assert reviewer_client.post(url, grid_data(html)).status_code == 403


def test_reviewer_cannot_use_the_check_endpoint(reviewer_client, demo_agency):
    assert reviewer_client.post(urls(demo_agency)["check"], {}).status_code == 403


@pytest.mark.parametrize("page", ["renstra", "pk", "quarters", "check"])
def test_planner_of_another_agency_gets_404(client, demo_agency, other_agency, page):
    client.force_login(make_user("perencana-lain", "planner", agency=other_agency))
    url = urls(demo_agency)[page]
    response = client.post(url, {}) if page == "check" else client.get(url)
    assert response.status_code == 404


def test_a_year_outside_the_plan_leads_to_a_new_period(planner_client, demo_agency):
    url = reverse("indicators:targets_quarters", args=[demo_agency.code, 2030])
    response = planner_client.get(url)
    assert response.status_code == 200 and 'data-testid="start-next-period"' in response.content.decode()


QUERIES = 9  # session, user, profile, agency, plan, indicators, targets, agreements, plans (header)


@pytest.mark.parametrize("page", ["renstra", "pk", "quarters"])
def test_queries_do_not_grow_with_the_plan(client, demo_agency, page, django_assert_max_num_queries):
    client.force_login(make_user("p1", "planner", agency=demo_agency))
    with django_assert_max_num_queries(QUERIES):
        assert client.get(urls(demo_agency)[page]).status_code == 200


@pytest.mark.parametrize("page", ["renstra", "pk", "quarters"])
def test_queries_do_not_grow_on_a_double_plan(
    client, double_demo_agency, page, django_assert_max_num_queries
):
    client.force_login(make_user("p2", "planner", agency=double_demo_agency))
    with django_assert_max_num_queries(QUERIES):
        assert client.get(urls(double_demo_agency)[page]).status_code == 200


def test_quarter_grid_warns_on_render_where_the_stored_plan_does_not_add_up(planner_client, demo_agency):
    # The demo's 2.17.02-1 plans more per quarter than its PK target: the page says so on opening.
    quarters = [target(demo_agency, "2.17.02-1", "quarter", quarter=q).value for q in range(1, 5)]
    annual = target(demo_agency, "2.17.02-1", "pk").value
    assert sum(quarters) != annual
    html = planner_client.get(urls(demo_agency)["quarters"]).content.decode()
    expected = f"Jumlah TW I–IV ({input_str(sum(quarters))}) ≠ target tahunan ({input_str(annual)})"
    assert expected in row(html, "2.17.02-1")
