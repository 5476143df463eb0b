"""The report page has its PDF rendered ahead of the click: the download is then served from the cache, one
render per unchanged report, and a download arriving during that render waits for it instead of starting
another."""

import threading

import pytest
from django.core.cache import cache
from django.urls import reverse

from reports import pdf as pdf_module

YEAR = 2021


@pytest.fixture
def renders(monkeypatch, settings):
    """WeasyPrint replaced by a counter (the real renders are tested elsewhere); background renders on."""
    settings.PDF_PRERENDER = True
    cache.clear()
    calls = []
    gate = threading.Event()
    gate.set()

    def render(html, stylesheets):
        calls.append(threading.current_thread().name)
        assert gate.wait(timeout=10)
        return b"%PDF-" + str(len(calls)).encode()

    monkeypatch.setattr(pdf_module, "html_to_pdf", render)
    yield calls, gate
    gate.set()
    pdf_module.wait_for_prerenders(timeout=10)
    cache.clear()


def _urls(agency):
    args = [agency.code, YEAR]
    return reverse("reports:lkjip_pdf_prepare", args=args), reverse("reports:lkjip_pdf", args=args)


def test_the_report_page_asks_for_its_pdf_to_be_prepared(planner_client, demo_agency):
    prepare, _ = _urls(demo_agency)
    page = planner_client.get(reverse("reports:lkjip", args=[demo_agency.code, YEAR])).content.decode()
    assert f'data-prepare="{prepare}"' in page
    assert "js/sakip.js" in page  # the script that sends the request (script-src 'self': no inline script)


def test_the_renstra_document_has_its_pdf_prepared_the_same_way(planner_client, demo_agency, renders):
    calls, _ = renders
    args = [demo_agency.code]
    prepare = reverse("reports:renstra_pdf_prepare", args=args)
    page = planner_client.get(reverse("reports:renstra", args=args)).content.decode()
    assert f'data-prepare="{prepare}"' in page and "js/sakip.js" in page
    assert planner_client.get(prepare).json() == {"status": "rendering"}
    pdf_module.wait_for_prerenders(timeout=10)
    assert planner_client.get(reverse("reports:renstra_pdf", args=args)).content == b"%PDF-1"
    assert len(calls) == 1


def test_a_prepared_pdf_is_rendered_once_in_the_background_and_downloaded_from_the_cache(
    planner_client, demo_agency, renders
):
    calls, _ = renders
    prepare, download = _urls(demo_agency)
    first = planner_client.get(prepare)
    assert first.status_code == 202 and first.json() == {"status": "rendering"}
    pdf_module.wait_for_prerenders(timeout=10)
    assert calls and calls[0].startswith("pdf-prerender")
    again = planner_client.get(prepare)
    assert again.status_code == 200 and again.json() == {"status": "ready"}
    response = planner_client.get(download)
    assert response.content == b"%PDF-1"
    assert len(calls) == 1


def test_a_download_during_the_background_render_waits_for_it(planner_client, demo_agency, renders):
    calls, gate = renders
    gate.clear()  # the background render is held until the download has arrived
    prepare, download = _urls(demo_agency)
    planner_client.get(prepare)
    threading.Timer(0.3, gate.set).start()
    assert planner_client.get(download).content == b"%PDF-1"
    assert len(calls) == 1


def test_a_failed_background_render_leaves_the_download_to_render_and_report(
    planner_client, demo_agency, renders, monkeypatch
):
    calls, _ = renders
    prepare, download = _urls(demo_agency)
    failing = {"left": 1}
    working = pdf_module.html_to_pdf

    def render(html, stylesheets):
        if failing["left"]:
            failing["left"] -= 1
            raise RuntimeError("WeasyPrint failed")
        return working(html, stylesheets)

    monkeypatch.setattr(pdf_module, "html_to_pdf", render)
    planner_client.get(prepare)
    pdf_module.wait_for_prerenders(timeout=10)
    assert planner_client.get(download).content.startswith(b"%PDF-")


def test_with_prerendering_off_nothing_is_rendered_until_the_download(
    planner_client, demo_agency, renders, settings
):
    calls, _ = renders
    settings.PDF_PRERENDER = False
    prepare, _ = _urls(demo_agency)
    response = planner_client.get(prepare)
    assert response.json() == {"status": "off"} and calls == []


def test_only_users_who_may_see_the_agency_can_have_its_pdf_prepared(
    client, other_agency, demo_agency, renders
):
    from tests.conftest import make_user

    calls, _ = renders
    prepare, _ = _urls(demo_agency)
    assert client.get(prepare).status_code == 302  # to the login page
    client.force_login(make_user("perencana-lain", "planner", agency=other_agency))
    assert client.get(prepare).status_code == 404
    assert calls == []


def _pdf_key(agency):
    from reports.assembly import report_build
    from reports.document import document_build

    html = pdf_module.lkjip_print_html(document_build(report_build(agency=agency, year=YEAR)))
    return pdf_module._cache_key("lkjip-pdf", html, [pdf_module.stylesheet_text()])


def test_a_download_waits_for_the_render_another_process_has_claimed(planner_client, demo_agency, renders):
    # Two gunicorn workers sharing the cache (CACHE_URL): worker A claimed the render, worker B gets the click.
    calls, _ = renders
    _, download = _urls(demo_agency)
    key = _pdf_key(demo_agency)
    assert cache.add(pdf_module._claim(key), True)

    def worker_a_finishes():
        cache.set(key, b"%PDF-from-worker-A")
        cache.delete(pdf_module._claim(key))

    threading.Timer(0.5, worker_a_finishes).start()
    assert planner_client.get(download).content == b"%PDF-from-worker-A"
    assert calls == []  # worker B did not render it again


def test_a_claimed_render_is_not_queued_a_second_time(planner_client, demo_agency, renders):
    calls, _ = renders
    prepare, _ = _urls(demo_agency)
    cache.add(pdf_module._claim(_pdf_key(demo_agency)), True)  # another worker is on it
    assert planner_client.get(prepare).json() == {"status": "rendering"}
    pdf_module.wait_for_prerenders(timeout=10)
    assert calls == []


def test_a_stale_claim_does_not_block_the_download_for_long(
    planner_client, demo_agency, renders, monkeypatch
):
    calls, _ = renders
    _, download = _urls(demo_agency)
    monkeypatch.setattr(pdf_module, "RENDER_CLAIM_SECONDS", 0.5)  # the claiming process died mid-render
    cache.add(pdf_module._claim(_pdf_key(demo_agency)), True, timeout=60)
    assert planner_client.get(download).content == b"%PDF-1"  # rendered itself once the wait was over
