"""The inspectorate's review in the browser: the agency submits, the reviewer comments beside an indicator and
returns the report, the planner reads the comment where the data is, fixes it and resubmits, the reviewer
approves, and from then on the planner can no longer edit the year."""

import re

from playwright.sync_api import expect

from .conftest import login

GRID = "/opd/tangsel-dinkopukm/2021/realisasi/tw4/"
REVIEW = "/opd/tangsel-dinkopukm/2021/reviu/"


def switch_user(page, base, username):
    page.context.clear_cookies()
    login(page, base, username)


def test_submit_return_fix_resubmit_approve_then_read_only(page, demo_site, screenshot):
    from indicators.models import Indicator, Realisation

    base = demo_site.url
    realisation = (
        Realisation.objects.filter(indicator__plan__agency__code="tangsel-dinkopukm", year=2021, quarter=4)
        .exclude(value=None)
        .select_related("indicator")
        .order_by("indicator__position")
        .first()
    )
    code = realisation.indicator.code
    assert Indicator.objects.get(pk=realisation.indicator_id).computation == "direct"

    # 1. The planner prepares the year and submits it; the reviewer sees no submit action.
    login(page, base, "perencana")
    page.goto(base + GRID)
    expect(page.get_by_test_id("review-state")).to_have_text("Draf")
    page.get_by_role("link", name="Ajukan ke Inspektorat").click()
    expect(page.get_by_test_id("plausibility")).to_contain_text("melebihi batas wajar 200 %")
    page.get_by_label("Catatan").fill("LKjIP 2021 siap direviu.")
    page.get_by_role("button", name=re.compile("^Ya")).click()  # the browser asks for the confirmation first
    expect(page.get_by_test_id("detail-state")).to_have_count(0)
    page.get_by_label("Saya sudah membaca peringatan di atas").check()
    page.get_by_role("button", name=re.compile("^Ya")).click()
    expect(page.get_by_test_id("detail-state")).to_have_text("Diajukan")

    # 2. The reviewer comments beside the indicator, then returns the report with a note.
    switch_user(page, base, "reviu")
    page.goto(base + GRID)
    expect(page.get_by_role("link", name="Ajukan ke Inspektorat")).to_have_count(0)
    page.get_by_test_id(f"add-comment-indicator-{code}").click()
    expect(page.get_by_test_id("anchor")).to_contain_text(code)
    page.get_by_label("Catatan").fill("Realisasi TW IV tidak sesuai bukti dukung.")
    page.get_by_role("button", name="Simpan catatan").click()
    row = page.locator(f"tr[data-indicator='{code}']")
    expect(row.get_by_test_id(f"comments-indicator-{code}")).to_contain_text("1 terbuka")
    page.get_by_role("link", name="Kembalikan dengan catatan").click()
    page.get_by_label("Catatan untuk perangkat daerah (wajib)").fill(
        "Perbaiki realisasi yang diberi catatan."
    )
    page.get_by_role("button", name=re.compile("^Ya")).click()
    expect(page.get_by_test_id("detail-state")).to_have_text("Dikembalikan")
    screenshot(page, "review-returned")

    # 3. The planner sees the return note on the year's pages, reads the comment beside the data, fixes the
    # figure, answers the comment and marks it answered (resolving it is the reviewer's call).
    switch_user(page, base, "perencana")
    page.goto(base + GRID)
    expect(page.get_by_test_id("review-state")).to_have_text("Dikembalikan")
    expect(page.get_by_test_id("return-note")).to_contain_text("Perbaiki realisasi yang diberi catatan.")
    row = page.locator(f"tr[data-indicator='{code}']")
    comments = row.get_by_test_id(f"comments-indicator-{code}")
    comments.locator("summary").click()
    expect(comments).to_contain_text("Realisasi TW IV tidak sesuai bukti dukung.")
    row.get_by_role("textbox").first.fill("1.234")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status")).to_contain_text("1 baris realisasi disimpan")
    page.goto(base + REVIEW)
    expect(page.get_by_test_id("events")).to_contain_text("Perbaiki realisasi yang diberi catatan.")
    expect(page.get_by_role("button", name="Tandai selesai")).to_have_count(0)
    page.get_by_label("Balasan").fill("Sudah diperbaiki sesuai bukti dukung.")
    page.get_by_role("button", name="Balas").click()
    expect(page.get_by_test_id("reply")).to_contain_text("Sudah diperbaiki sesuai bukti dukung.")
    page.get_by_role("button", name="Tandai dijawab").click()
    expect(page.get_by_test_id("comment-answered")).to_be_visible()

    # 4. The planner resubmits, and the return note is gone; the reviewer reads the answer, resolves the
    # comment and approves.
    page.goto(base + REVIEW)
    page.get_by_role("link", name="Ajukan ke Inspektorat").first.click()
    page.get_by_label("Saya sudah membaca peringatan di atas").check()
    page.get_by_role("button", name=re.compile("^Ya")).click()
    expect(page.get_by_test_id("detail-state")).to_have_text("Diajukan ulang")
    page.goto(base + GRID)
    expect(page.get_by_test_id("return-note")).to_have_count(0)
    switch_user(page, base, "reviu")
    page.goto(base + REVIEW)
    expect(page.get_by_test_id("reply")).to_contain_text("Sudah diperbaiki sesuai bukti dukung.")
    page.get_by_role("button", name="Tandai selesai").click()
    expect(page.get_by_role("status")).to_contain_text("Catatan ditandai selesai")
    page.get_by_role("link", name="Setujui dan kunci").first.click()
    page.get_by_role("button", name=re.compile("^Ya")).click()
    expect(page.get_by_test_id("detail-state")).to_have_text("Disetujui")
    expect(page.get_by_test_id("approved-figures")).to_contain_text("sama dengan angka yang disetujui")

    # 5. The planner can no longer edit the year: the grid is read-only and says why.
    switch_user(page, base, "perencana")
    page.goto(base + GRID)
    expect(page.get_by_test_id("year-locked")).to_contain_text("disetujui")
    row = page.locator(f"tr[data-indicator='{code}']")
    expect(row.get_by_role("textbox").first).to_be_disabled()
    expect(row.get_by_role("textbox").first).to_have_value("1.234")
    expect(page.get_by_role("button", name="Simpan")).to_have_count(0)
    screenshot(page, "review-locked")
    realisation.refresh_from_db()
    assert str(realisation.value.normalize()) == "1234"
