"""The Pemda dashboard: who may open it, what it shows, its filters, order and workbook."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from openpyxl import load_workbook

from sakip.url_walk import agency_patterns, url_kwargs
from tests.conftest import make_user
from tests.reports.lkjip_pemda.scenario import make_pemda_rpjmd
from tests.workspace.views.test_pemda_lkjip_edition import approve


@pytest.fixture
def pemda(pemda_of):
    government, agencies = pemda_of(4)
    return government, agencies


def dashboard_url(government, **query):
    url = reverse("pemda:dashboard", args=[government.code, 2021])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_every_pemda_url_is_for_the_pemda_wide_roles_only(client, pemda, other_agency, monkeypatch):
    government, agencies = pemda
    make_pemda_rpjmd(government, agencies)  # the Pemda LKjIP's screens need an RPJMD covering the year
    # Who gets the Pemda LKjIP's PDF is asked here, not how it looks (tests/workspace/views/test_pemda_lkjip.py).
    monkeypatch.setattr("reports.rendering.html_to_pdf", lambda html, sheets: b"%PDF-stub")
    users = {
        "pemda": make_user("bappeda", "pemda", government=government),
        "reviewer": make_user("inspektorat", "reviewer", government=government),
        "admin": make_user("admin-uji", "admin"),
        "planner": make_user("perencana-opd", "planner", agency=agencies[0]),
        "head": make_user("kepala-opd", "head", agency=agencies[0]),
        "other-pemda": make_user("bappeda-lain", "pemda", government=other_agency.government),
        "other-reviewer": make_user("reviu-lain", "reviewer", government=other_agency.government),
    }
    expected = {"pemda": 200, "reviewer": 200, "admin": 200, "planner": 404, "head": 404}
    expected |= {"other-pemda": 404, "other-reviewer": 404}
    # The screens the Pemda's administrators write have their own walks: the administration (kelola/,
    # test_pemda_admin.py) and the RPJMD with its file (test_rpjmd.py); the inspectorate's approval of the Pemda
    # LKjIP has its own walk too (test_pemda_lkjip_edition.py).
    written = ("pemda:admin_", "pemda:rpjmd", "rpjmd_file:", "pemda:lkjip_approve", "pemda:lkjip_reopen")
    patterns = [p for p in agency_patterns(under="pemda/") if not p[0].startswith(written)]
    assert {name for name, _, _ in patterns} >= {"pemda:home", "pemda:dashboard", "pemda:dashboard_xlsx"}
    for name, args, defaults in patterns:
        url = reverse(name, kwargs=url_kwargs(args, defaults, {"code": government.code, "year": 2021}))
        client.logout()
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/masuk/"), url
        for role, user in users.items():
            client.force_login(user)
            status = client.get(url).status_code
            wanted = expected[role]
            if wanted == 200 and name == "pemda:home":
                wanted = 302  # on to the dashboard of a year
            if wanted == 200 and name == "pemda:batch_download":
                wanted = 404  # no batch has been made: nothing to download yet
            assert status == wanted, (url, role, status)
            # Nothing on these screens is written by an empty POST: it is refused whoever sends it.
            # (The batch page's start form, posted empty, is refused as invalid: 400.)
            assert client.post(url).status_code in (400, 403, 404, 405), (url, role)


def test_the_dashboard_lists_every_agency_with_its_figures_and_drills_down(client, pemda):
    government, agencies = pemda
    client.force_login(make_user("bappeda", "pemda", government=government))
    page = client.get(dashboard_url(government, tw=4)).content.decode()
    for agency in agencies:
        assert f'data-agency="{agency.code}"' in page
        assert reverse("agencies:overview_year", args=[agency.code, 2021]) in page
    assert 'data-testid="dashboard-chart"' in page and "<svg" in page
    assert 'data-testid="dashboard-totals"' in page
    # The drill-down opens the agency's own overview, read-only for the Pemda's administrators.
    overview = client.get(reverse("agencies:overview_year", args=[agencies[0].code, 2021]))
    assert overview.status_code == 200


def test_the_home_page_of_a_pemda_admin_leads_to_the_dashboard(client, pemda):
    government, _agencies = pemda
    client.force_login(make_user("bappeda", "pemda", government=government))
    page = client.get(reverse("agencies:home")).content.decode()
    assert reverse("pemda:home", args=[government.code]) in page


def test_filters_and_sorting_change_the_rows_shown(client, pemda):
    government, agencies = pemda
    client.force_login(make_user("inspektorat", "reviewer", government=government))
    page = client.get(dashboard_url(government, status="submitted")).content.decode()
    shown = [a.code for a in agencies if f'data-agency="{a.code}"' in page]
    assert shown == [agencies[1].code]  # opd-01 is the submitted one (tests/conftest.py PEMDA_STATES)
    assert "1 dari 4 perangkat daerah" in page
    page = client.get(dashboard_url(government, cari="uji 02")).content.decode()
    assert [a.code for a in agencies if f'data-agency="{a.code}"' in page] == [agencies[2].code]
    ascending = client.get(dashboard_url(government, urut="capaian", arah="asc")).content.decode()
    descending = client.get(dashboard_url(government, urut="capaian", arah="desc")).content.decode()
    order_up = sorted(agencies, key=lambda a: ascending.index(f'data-agency="{a.code}"'))
    order_down = sorted(agencies, key=lambda a: descending.index(f'data-agency="{a.code}"'))
    assert order_up == list(reversed(order_down))
    # A hand-edited address shows the whole list rather than an error.
    assert client.get(dashboard_url(government, urut="x", status="nope", tw="9")).status_code == 200


def test_the_workbook_holds_the_rows_shown_and_live_totals(client, pemda):
    government, agencies = pemda
    client.force_login(make_user("bappeda", "pemda", government=government))
    url = reverse("pemda:dashboard_xlsx", args=[government.code, 2021]) + "?tw=4"
    response = client.get(url)
    assert response["Content-Disposition"].endswith(f'dasbor-{government.code}-2021-tw4.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content))["Dasbor"]
    names = [sheet.cell(row, 2).value for row in range(4, 4 + len(agencies))]
    assert names[:2] == ["Dinas Uji 00 (realisasi tahunan)", "Dinas Uji 01 (realisasi tahunan)"]
    total_row = 4 + len(agencies)
    assert sheet.cell(total_row, 2).value == "Jumlah / Pemda"
    assert sheet.cell(total_row, 7).value.startswith("=IF(")  # absorption = total realisation / total pagu
    assert isinstance(sheet.cell(4, 3).value, float | int) and Decimal(str(sheet.cell(4, 3).value)) > 0
    assert client.get(url).content == response.content  # same data, same bytes


def approval_badge(client, government) -> tuple[str, int]:
    """The dashboard's line on the Pemda LKjIP's approval (its link's address, then its text as read aloud), and
    what the view cost in queries."""
    with CaptureQueriesContext(connection) as queries:
        page = client.get(dashboard_url(government, tw=4)).content.decode()
    start = page.index('data-testid="lkjip-pemda-approval"')
    link = page[page.rindex("<a ", 0, start) : page.index("</a>", start)]
    href = link[link.index('href="') : link.index('"', link.index('href="') + 6) + 1]
    return f"{href} {strip_tags(link + '</a>')}", len(queries)


def test_the_dashboard_says_whether_the_pemda_lkjip_is_approved_by_whom_and_when(client, pemda):
    government, agencies = pemda
    make_pemda_rpjmd(government, agencies)  # a Pemda LKjIP to approve
    lkjip = reverse("pemda:lkjip", args=[government.code, 2021])
    inspectorate = make_user("inspektorat", "reviewer", government=government)
    inspectorate.first_name, inspectorate.last_name = "Rina", "Wulandari"
    inspectorate.save()
    client.force_login(inspectorate)
    client.get(dashboard_url(government, tw=4))  # the agencies' figures cached: the views below compare alike
    badge, draft_queries = approval_badge(client, government)
    assert "LKjIP Pemda: belum disetujui" in badge and f'href="{lkjip}"' in badge

    approve(client, government, 2021)
    badge, approved_queries = approval_badge(client, government)
    today = date_format(timezone.localdate(), "j M Y")
    assert f"LKjIP Pemda: disetujui {today} oleh Rina Wulandari" in badge and f'href="{lkjip}"' in badge
    assert approved_queries == draft_queries  # one query either way
    # Another year's dashboard has its own report: not approved.
    other = strip_tags(client.get(reverse("pemda:dashboard", args=[government.code, 2020])).content.decode())
    assert "LKjIP Pemda: belum disetujui" in other

    client.post(reverse("pemda:lkjip_reopen", args=[government.code, 2021]))
    badge, _queries = approval_badge(client, government)
    assert "LKjIP Pemda: belum disetujui" in badge
