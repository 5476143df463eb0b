"""The Pemda's page of every agency's LKjIP: who may start a batch, what its progress shows, the zip."""

import io
import zipfile

import pytest
from django.urls import reverse

from reports import rendering
from reports.models import RenderBatch, RenderedFile
from sakip.tasks_api import DUMMY_BACKEND
from tests.conftest import make_user

YEAR = 2021


@pytest.fixture
def renders(monkeypatch):
    monkeypatch.setattr(
        rendering,
        "html_to_pdf",
        lambda html, sheets: b"%PDF-stand-in " + rendering.render_version(html, sheets).encode(),
    )


@pytest.fixture
def pemda(pemda_of):
    return pemda_of(3)


def urls(government):
    args = [government.code, YEAR]
    return (
        reverse("pemda:batch", args=args),
        reverse("pemda:batch_status", args=args),
        reverse("pemda:batch_download", args=args),
    )


def test_only_the_pemdas_administrators_may_start_a_batch(client, pemda, other_agency, renders):
    government, agencies = pemda
    page, _, _ = urls(government)
    refused = {
        "inspectorate": (make_user("inspektorat", "reviewer", government=government), 403),
        "planner": (make_user("perencana", "planner", agency=agencies[0]), 404),
        "head": (make_user("kepala", "head", agency=agencies[0]), 404),
        "other pemda's admin": (make_user("bappeda-lain", "pemda", government=other_agency.government), 404),
    }
    for who, (user, status) in refused.items():
        client.force_login(user)
        assert client.post(page, {"formats": ["pdf"]}).status_code == status, who
    assert not RenderBatch.objects.exists()
    # The inspectorate sees the page without the start form.
    client.force_login(refused["inspectorate"][0])
    text = client.get(page).content.decode()
    assert 'data-testid="batch-progress"' in text and 'data-testid="batch-start"' not in text

    client.force_login(make_user("bappeda", "pemda", government=government))
    assert 'data-testid="batch-start"' in client.get(page).content.decode()
    response = client.post(page, {"formats": ["pdf", "xlsx"]})
    assert response.status_code == 302 and response.url == page
    assert RenderBatch.objects.get().formats == "pdf,xlsx"


def test_a_start_without_a_format_is_refused_with_the_reason(client, pemda):
    government, _agencies = pemda
    client.force_login(make_user("bappeda", "pemda", government=government))
    response = client.post(urls(government)[0], {})
    assert response.status_code == 400 and "Pilih paling sedikit satu format" in response.content.decode()
    assert not RenderBatch.objects.exists()


def test_the_progress_page_counts_the_ready_files_and_lists_the_failed_ones(client, pemda, settings, renders):
    settings.TASKS = {"default": {"BACKEND": DUMMY_BACKEND}}  # queued; the "worker" below runs them
    government, agencies = pemda
    page, status, download = urls(government)
    client.force_login(make_user("bappeda", "pemda", government=government))
    client.post(page, {"formats": ["pdf"]})
    text = client.get(page).content.decode()
    assert "Menyiapkan laporan: 0 dari 3 perangkat daerah." in text
    assert 'hx-trigger="every 2s"' in text and '<noscript><meta http-equiv="refresh" content="5">' in text

    from reports.batch import prepare_batch

    prepare_batch.call(RenderBatch.objects.get().pk)
    records = list(RenderedFile.objects.order_by("agency__code"))
    rendering.render_document.call(records[0].pk)
    RenderedFile.objects.filter(pk=records[1].pk).update(
        status="failed", error="Traceback …\nOSError: font missing"
    )
    box = client.get(status).content.decode()
    assert 'data-ready="1" data-total="3" data-complete="false"' in box
    assert "1 dari 3 perangkat daerah siap" in box and "OSError: font missing" in box
    assert client.get(download).status_code == 404  # not finished yet

    rendering.render_document.call(records[2].pk)
    box = client.get(status).content.decode()
    assert 'data-complete="true"' in box and "hx-trigger" not in box  # finished: no more polling
    assert f"Unduh lkjip-{government.code}-{YEAR}.zip" in box


def test_the_inspectorate_downloads_the_zip_of_every_agency(client, pemda, renders):
    government, agencies = pemda
    page, _, download = urls(government)
    client.force_login(make_user("bappeda", "pemda", government=government))
    client.post(page, {"formats": ["pdf", "xlsx"]})
    client.force_login(make_user("inspektorat", "reviewer", government=government))
    response = client.get(download)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert f'filename="lkjip-{government.code}-{YEAR}.zip"' in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names == sorted(f"{a.code}/LKjIP-{YEAR}-{a.code}.{s}" for a in agencies for s in ("pdf", "xlsx"))
    assert b"".join(client.get(download).streaming_content) == data


def test_a_finished_batch_is_refused_to_everyone_outside_the_pemdas_roles(
    client, pemda, other_agency, renders
):
    """With a finished zip to take: its page, its progress and the zip itself are the Pemda's; an agency's
    planner or head, another Pemda's administrator or inspectorate get "not found", an anonymous visitor the
    login page, and nobody of them learns the batch exists."""
    government, agencies = pemda
    page, status, download = urls(government)
    client.force_login(make_user("bappeda", "pemda", government=government))
    client.post(page, {"formats": ["pdf"]})
    assert client.get(download).status_code == 200
    outsiders = {
        "planner": make_user("perencana", "planner", agency=agencies[0]),
        "head": make_user("kepala", "head", agency=agencies[0]),
        "other pemda's admin": make_user("bappeda-lain", "pemda", government=other_agency.government),
        "other pemda's inspectorate": make_user(
            "inspektorat-lain", "reviewer", government=other_agency.government
        ),
    }
    for who, user in outsiders.items():
        client.force_login(user)
        for url in (page, status, download):
            response = client.get(url)
            assert response.status_code == 404, (who, url)
            assert b"PK" not in response.content[:2] and b"siap" not in response.content, (who, url)
    client.logout()
    for url in (page, status, download):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def test_the_dashboard_links_to_the_page(client, pemda):
    government, _agencies = pemda
    client.force_login(make_user("inspektorat", "reviewer", government=government))
    text = client.get(reverse("pemda:dashboard", args=[government.code, YEAR])).content.decode()
    assert f'href="{urls(government)[0]}"' in text and "Unduh laporan semua OPD" in text


def test_the_page_in_english(client, pemda):
    government, _agencies = pemda
    client.force_login(make_user("bappeda", "pemda", government=government))
    text = client.get(urls(government)[0], headers={"accept-language": "en"}).content.decode()
    assert "No reports of every agency have been made for this year yet." in text
    assert "Make every agency&#x27;s report" in text or "Make every agency's report" in text
