"""A planner's second year, through the UI only: the demo's Renstra ends in 2021, so 2022 first shows the way to a
new period; the planner makes Renstra 2022–2026 from the old one, sets a 2022 target, prepares the year from
proposals, fills TW I, submits; the reviewer comments and returns; the planner replies and resubmits. The 2021
report (figures, PDF input, workbook) is the same before and after."""

import re

from playwright.sync_api import expect

from .conftest import login

AGENCY = "/opd/tangsel-dinkopukm"


def switch_user(page, base, username):
    page.context.clear_cookies()
    login(page, base, username)


def test_roll_the_demo_into_a_new_period_fill_submit_talk_and_resubmit(page, demo_site, screenshot):
    from agencies.models import Agency
    from reports.readmodel.build import report_build
    from reports.readmodel.json_report import report_json
    from reports.registry import DOCUMENTS

    def files_of_2021():
        """The 2021 LKjIP as JSON, as WeasyPrint's input (same input, same PDF bytes: tests/reports/documents/
        test_pdf.py) and as the workbook."""
        document = DOCUMENTS["lkjip"].build(agency, 2021)
        return (
            report_json(report_build(agency=agency, year=2021)),
            DOCUMENTS["lkjip"].pdf_input(document),
            DOCUMENTS["lkjip"].workbook(document),
        )

    agency = Agency.objects.get(code="tangsel-dinkopukm")
    before_2021 = files_of_2021()
    base = demo_site.url

    # 1. 2022 is outside the Renstra: the page says so and leads to a new period, not to a 404.
    login(page, base, "perencana")
    page.goto(f"{base}{AGENCY}/2022/target/pk/")
    expect(page.get_by_test_id("no-plan")).to_contain_text("Belum ada Renstra yang mencakup tahun 2022")
    page.get_by_test_id("start-next-period").click()
    expect(page.get_by_label("Tahun awal")).to_have_value("2022")
    page.get_by_label("Tahun akhir").fill("2026")
    page.get_by_label("Keputusan R1.1").select_option("rename")
    page.get_by_label("Nama baru R1.1").fill("Persentase koperasi sehat (RPJMD 2021–2026)")
    screenshot(page, "second-year-new-period")
    page.get_by_role("button", name="Buat Renstra periode baru").click()
    expect(page.get_by_role("status").filter(has_text="Renstra 2022–2026 dibuat")).to_be_visible()
    expect(page.get_by_text("Persentase koperasi sehat (RPJMD 2021–2026)").first).to_be_visible()

    # 2. A 2022 Renstra target, then the year prepared from proposals (PK and Rencana Aksi from it).
    page.goto(f"{base}{AGENCY}/target/renstra/")
    page.get_by_label("Target 2022 R3.1", exact=True).fill("340")
    page.get_by_role("button", name="Simpan target Renstra").click()
    expect(page.get_by_role("status")).to_contain_text("disimpan")
    page.goto(f"{base}{AGENCY}/2022/")
    page.get_by_test_id("year-not-prepared").get_by_role("link").click()
    expect(page.get_by_test_id("proposal-pk")).to_contain_text("R3.1")
    expect(page.get_by_test_id("proposal-quarters")).to_contain_text("85")  # 340 split in four
    screenshot(page, "second-year-prepare")
    page.get_by_role("button", name="Siapkan tahun ini dengan usulan terpilih").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Tahun 2022 disiapkan: 1 target PK, Rencana Aksi 1 indikator"
    )

    # 3. TW I of 2022, then the submission (its warnings read and confirmed).
    page.goto(f"{base}{AGENCY}/2022/realisasi/tw1/")
    row = page.locator("tr[data-indicator='R3.1']")
    row.locator("input[name$='-value']").fill("90")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status")).to_contain_text("disimpan")
    page.get_by_role("link", name="Ajukan ke Inspektorat").first.click()
    expect(page.get_by_test_id("todo")).to_contain_text("belum memiliki realisasi TW IV")
    page.get_by_label("Saya sudah membaca peringatan di atas").check()
    page.get_by_role("button", name=re.compile("^Ya")).click()
    expect(page.get_by_test_id("detail-state")).to_have_text("Diajukan")

    # 4. The reviewer comments and returns the report.
    switch_user(page, base, "reviu")
    page.goto(f"{base}{AGENCY}/2022/reviu/")
    page.get_by_label("Catatan umum atas laporan").fill("Lengkapi realisasi TW IV sebelum diajukan ulang.")
    page.get_by_role("button", name="Simpan catatan").click()
    # The save redirects back to this page: wait for it, or the next click lands on the old one.
    expect(page.get_by_role("status")).to_contain_text("Catatan reviu disimpan")
    page.get_by_role("link", name="Kembalikan dengan catatan").first.click()
    page.get_by_label("Catatan untuk perangkat daerah (wajib)").fill("Lihat catatan reviu.")
    page.get_by_role("button", name=re.compile("^Ya")).click()
    expect(page.get_by_test_id("detail-state")).to_have_text("Dikembalikan")

    # 5. The planner sees the return note, replies, marks it answered, and resubmits.
    switch_user(page, base, "perencana")
    page.goto(f"{base}{AGENCY}/2022/reviu/")
    expect(page.get_by_test_id("return-note")).to_contain_text("Lihat catatan reviu.")
    page.get_by_label("Balasan").fill("Realisasi TW IV diisi setelah triwulan berakhir.")
    page.get_by_role("button", name="Balas").click()
    expect(page.get_by_role("status")).to_contain_text("Balasan disimpan")
    page.get_by_role("button", name="Tandai dijawab").click()
    expect(page.get_by_test_id("comment-answered")).to_be_visible()
    screenshot(page, "second-year-conversation")
    page.get_by_role("link", name="Ajukan ke Inspektorat").first.click()
    page.get_by_label("Saya sudah membaca peringatan di atas").check()
    page.get_by_role("button", name=re.compile("^Ya")).click()
    expect(page.get_by_test_id("detail-state")).to_have_text("Diajukan ulang")

    # The 2021 report did not move: not a figure, not a byte of its PDF's input or of its workbook.
    after_2021 = files_of_2021()
    assert after_2021[0] == before_2021[0]
    assert after_2021[1] == before_2021[1]
    assert after_2021[2] == before_2021[2]
