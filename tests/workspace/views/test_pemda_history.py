"""The history of the Pemda's own administration (/pemda/<code>/kelola/riwayat/): who changed which setting,
entry window or extension, when, old → new; who may read it; what a page costs."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Government
from interchange.dataset.writing import dataset_import
from review.models import EntryException, EntryWindow
from tests.conftest import make_user
from tests.helpers import agency_data
from tests.workspace.views.test_pemda_admin import post_settings, url
from workspace.history.entries import FieldSpec, format_value


@pytest.fixture
def pemda(pemda_of):
    """Two agencies: opd-00 (2021 a draft) and opd-01 (2021 submitted, so its computation settings are frozen)."""
    return pemda_of(2)


@pytest.fixture
def bappeda(pemda):
    government, _agencies = pemda
    user = make_user("bappeda", "pemda", government=government)
    user.first_name, user.last_name = "Sri", "Wahyuni"
    user.save()
    return user


@pytest.fixture
def admin_client(client, bappeda):
    client.force_login(bappeda)
    return client


def history_lines(client, government, page=None) -> list[str]:
    """The history table's rows as text, newest first ("… jabatan kepala daerah: Bupati → Wali Kota")."""
    target = url("admin_history", government) + (f"?page={page}" if page else "")
    answer = client.get(target)
    assert answer.status_code == 200
    body = answer.content.decode().split('data-testid="history"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr data-source.*?</tr>", body, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]


def test_a_settings_change_on_screen_shows_who_and_old_to_new(admin_client, pemda):
    government, _agencies = pemda
    old = government.head_title or "–"
    answer = post_settings(
        admin_client, government, head_title="Wali Kota Uji", plausible_capaian_max="150,5"
    )
    assert answer.status_code == 302
    assert Government.objects.get(pk=government.pk).head_title == "Wali Kota Uji"
    newest = history_lines(admin_client, government)[0]
    assert "Sri Wahyuni" in newest and "Pengaturan Pemda (diubah)" in newest
    assert f"jabatan kepala daerah: {old} → Wali Kota Uji" in newest
    assert "batas capaian wajar (%): 200 → 150,5" in newest  # Indonesian numbers
    assert "tingkat:" not in newest  # only what changed is listed


def test_the_import_that_set_the_pemda_up_is_the_first_entry(admin_client, pemda):
    government, _agencies = pemda
    oldest = history_lines(admin_client, government)[-1]
    assert "sistem" in oldest and "impor dataset" in oldest and "Pengaturan Pemda" in oldest


def test_a_dataset_import_leaves_one_entry_only_when_it_rewrote_the_settings(
    admin_client, pemda, demo_dataset
):
    government, _agencies = pemda
    assert government.history.count() == 1  # two agencies imported, the same settings: one entry
    data = agency_data(demo_dataset, 2)
    data["government"]["head_title"] = "Wali Kota Baru"
    dataset_import(data)
    newest = government.history.order_by("-history_date", "-history_id").first()
    assert (newest.history_type, newest.history_change_reason, newest.head_title) == (
        "~",
        "import",
        "Wali Kota Baru",
    )
    assert "Pengaturan Pemda (dataset diimpor)" in history_lines(admin_client, government)[0]
    # The next change on screen is compared with what the import wrote.
    post_settings(admin_client, Government.objects.get(pk=government.pk), head_title="Wali Kota Lama")
    assert (
        "jabatan kepala daerah: Wali Kota Baru → Wali Kota Lama" in history_lines(admin_client, government)[0]
    )


def test_deadlines_set_and_moved_and_an_extension_granted_are_listed(admin_client, pemda):
    government, agencies = pemda
    windows = url("admin_windows", government, year=2021)
    deadlines = {"tw1-deadline": "15 April 2021", "tw2-deadline": "15 Juli 2021", "tw3-deadline": ""}
    assert admin_client.post(windows, deadlines | {"tw4-deadline": ""}).status_code == 302
    moved = deadlines | {"tw2-deadline": "20 Juli 2021", "tw4-deadline": ""}
    assert admin_client.post(windows, moved).status_code == 302
    extension = {"agency": agencies[0].pk, "quarter": 2, "until": "31 Juli 2021", "reason": "Server down"}
    assert admin_client.post(url("admin_exception_add", government, year=2021), extension).status_code == 302
    lines = history_lines(admin_client, government)
    granted, moved_line = lines[0], lines[1]
    assert f"Perpanjangan {agencies[0].name} · 2021 TW II (dibuat)" in granted
    assert "dibuka sampai: – → 31-07-2021" in granted and "alasan: – → Server down" in granted
    assert "Sri Wahyuni" in granted
    assert "Batas pengisian 2021 TW II (diubah)" in moved_line
    assert "batas pengisian: 15-07-2021 → 20-07-2021" in moved_line and "Sri Wahyuni" in moved_line
    created = [line for line in lines if "(dibuat)" in line and "Batas pengisian" in line]
    assert len(created) == 2  # TW I and TW II; the empty quarters wrote nothing
    # Withdrawn: the extension's trail stays, its deletion on top.
    pk = EntryException.objects.get().pk
    assert admin_client.post(url("admin_exception_delete", government, year=2021, pk=pk)).status_code == 302
    assert "Perpanjangan" in history_lines(admin_client, government)[0]
    assert "(dihapus)" in history_lines(admin_client, government)[0]


def test_another_pemdas_windows_are_not_listed(admin_client, pemda, other_agency):
    government, _agencies = pemda
    EntryWindow.objects.create(
        government=other_agency.government, year=2021, quarter=1, deadline=datetime.date(2021, 4, 9)
    )
    EntryException.objects.create(
        agency=other_agency, year=2021, quarter=1, until=datetime.date(2021, 5, 1), reason="lain"
    )
    text = " ".join(history_lines(admin_client, government))
    assert "09-04-2021" not in text and "Dinas Lain" not in text and "lain" not in text


def test_who_may_read_the_history(client, pemda, other_agency):
    government, agencies = pemda
    target = url("admin_history", government)
    expected = {
        make_user("bappeda", "pemda", government=government): 200,
        make_user("inspektorat", "reviewer", government=government): 200,
        make_user("admin-uji", "admin"): 200,
        make_user("perencana", "planner", agency=agencies[0]): 404,
        make_user("kepala", "head", agency=agencies[0]): 404,
        make_user("bappeda-lain", "pemda", government=other_agency.government): 404,
        make_user("reviu-lain", "reviewer", government=other_agency.government): 404,
    }
    assert client.get(target).url.startswith("/masuk/")
    for user, status in expected.items():
        client.force_login(user)
        assert client.get(target).status_code == status, user.username
        assert client.post(target).status_code in ((405, 403) if status == 200 else (404,)), user.username
    page = client.get(url("admin_settings", government))  # the last user: another Pemda's reviewer
    assert page.status_code == 404


def test_the_tab_leads_to_the_history(admin_client, pemda):
    government, _agencies = pemda
    page = admin_client.get(url("admin_settings", government)).content.decode()
    assert url("admin_history", government) in page


def test_the_page_costs_the_same_queries_with_more_history(admin_client, pemda, settings):
    government, agencies = pemda
    settings.HISTORY_PAGE_SIZE = 200  # every row on one page: what grows is the page itself

    def add_rows(year):
        for quarter in (1, 2, 3, 4):
            window = EntryWindow.objects.create(
                government=government, year=year, quarter=quarter, deadline=datetime.date(year + 1, 1, 9)
            )
            window.deadline = datetime.date(year + 1, 1, 10)
            window.save()
            for agency in agencies:
                EntryException.objects.create(
                    agency=agency, year=year, quarter=quarter, until=datetime.date(year + 1, 2, 1), reason="x"
                )

    add_rows(2021)
    with CaptureQueriesContext(connection) as few:
        assert len(history_lines(admin_client, government)) > 10
    for year in (2022, 2023, 2024):
        add_rows(year)
    with CaptureQueriesContext(connection) as many:
        assert len(history_lines(admin_client, government)) > 40
    assert len(many) == len(few) <= 15


def test_pages_of_history_newest_first(admin_client, pemda, settings):
    government, _agencies = pemda
    settings.HISTORY_PAGE_SIZE = 3
    for quarter in (1, 2, 3, 4):
        EntryWindow.objects.create(
            government=government, year=2030, quarter=quarter, deadline=datetime.date(2031, 1, quarter)
        )
    first = history_lines(admin_client, government)
    assert len(first) == 3 and "TW IV" in first[0] and "TW II" in first[2]
    second = history_lines(admin_client, government, page=2)
    assert "TW I " in second[0] + " "


def test_a_date_reads_as_indonesians_write_it():
    spec = FieldSpec(name="deadline", label="batas pengisian", kind="date")
    assert format_value(datetime.date(2021, 7, 5), spec) == "05-07-2021"
    assert format_value(None, spec) == "–"


def test_the_history_speaks_english_on_request(admin_client, pemda):
    government, _agencies = pemda
    EntryWindow.objects.create(
        government=government, year=2021, quarter=3, deadline=datetime.date(2021, 10, 9)
    )
    admin_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    lines = history_lines(admin_client, government)
    assert "Entry deadlines 2021 TW III" in lines[0] and "Pemda settings" in lines[-1]
