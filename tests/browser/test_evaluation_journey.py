"""The LKE page in a browser: the planner self-assesses a criterion; the inspectorate sees the app's facts, takes
the suggested answer with "Pakai saran" (static/js/evaluation.js, no inline script), saves, and reads the
warning of the logic frame beside the answer it concerns."""

import re

from playwright.sync_api import expect

from evaluation.models import Answer
from evaluation.suggestions import Fact, Suggestion

from .conftest import login

AGENCY = "tangsel-dinkopukm"


def test_planner_self_assesses_and_the_inspectorate_takes_a_suggestion(
    page, demo_site, monkeypatch, screenshot
):
    suggestions = {"1.b.1": Suggestion("1.b.1", "Y", (Fact("Renstra 2021–2026 disetujui", True, "/"),))}
    monkeypatch.setattr("reports.evaluation.facts.evaluation_suggestions", lambda agency, year: suggestions)
    lke = f"{demo_site.url}/opd/{AGENCY}/2021/evaluasi/"

    login(page, demo_site.url, "perencana")
    page.goto(lke)
    page.get_by_label("Jawaban mandiri 1.a.1", exact=True).select_option("Y")
    page.get_by_label("Catatan mandiri 1.a.1", exact=True).fill("Pedoman teknis ada")
    page.get_by_test_id("save-self").click()
    expect(page.get_by_role("status").first).to_contain_text("isian LKE disimpan")
    expect(page.get_by_label("Jawaban mandiri 1.a.1", exact=True)).to_have_value("Y")
    page.get_by_role("button", name="Keluar").click()

    login(page, demo_site.url, "reviu")
    page.goto(lke)
    row = page.locator("#k-1\\.b\\.1")
    expect(row.get_by_test_id("suggestion")).to_contain_text("Renstra 2021–2026 disetujui")
    row.get_by_role("button", name="Pakai saran").click()
    expect(page.get_by_label("Jawaban evaluator 1.b.1", exact=True)).to_have_value("Y")
    page.get_by_label("Jawaban evaluator 1.a.3", exact=True).select_option("T")
    screenshot(page, "evaluation-lke-evaluator", full_page=False)
    page.get_by_test_id("save-evaluator").click()
    expect(page.get_by_role("status").first).to_contain_text("isian LKE disimpan")
    # 1.b.1 (the plan's quality) answered Y while the plan itself (1.a.3) is T: the logic frame warns.
    expect(page.locator("#k-1\\.b\\.1").get_by_test_id("evaluator-warning")).to_contain_text("SALAH")
    answers = {
        a.criterion: a.evaluator_answer for a in Answer.objects.filter(evaluation__agency__code=AGENCY)
    }
    assert answers["1.b.1"] == "Y" and answers["1.a.3"] == "T"


def answer_every_empty(page):
    """The evaluator answers the criteria still empty: Y for a Y/T criterion, B for an A–E one."""
    for select in page.get_by_test_id("evaluator-cell").locator("select").all():
        if select.input_value() == "":
            values = select.locator("option").evaluate_all("options => options.map(o => o.value)")
            select.select_option("Y" if "Y" in values else "B")


def test_self_assessment_evaluation_lhe_and_an_accepted_follow_up(page, demo_site, screenshot):
    """The whole cycle of issue 21: the planner self-assesses; the inspectorate evaluates with the app's own
    suggestions (real facts of the demo agency), writes a recommendation and the letter's particulars, issues the
    LHE; the planner reads it and posts a follow-up; the inspectorate accepts it and the recommendation is done."""
    base = demo_site.url
    lke = f"{base}/opd/{AGENCY}/2021/evaluasi/"
    recommendations = f"{base}/opd/{AGENCY}/2021/evaluasi/rekomendasi/"
    page.on("dialog", lambda dialog: dialog.accept())  # "Terbitkan LHE?" asks first

    # 1. The planner self-assesses a criterion; nothing of the evaluator's side is on the page.
    login(page, base, "perencana")
    page.goto(lke)
    page.get_by_label("Jawaban mandiri 1.a.1", exact=True).select_option("Y")
    page.get_by_label("Catatan mandiri 1.a.1", exact=True).fill("Renstra 2021–2026 ditetapkan dengan Perwal")
    page.get_by_test_id("save-self").click()
    expect(page.get_by_role("status").first).to_contain_text("isian LKE disimpan")
    expect(page.get_by_test_id("evaluator-cell")).to_have_count(0)
    expect(page.get_by_test_id("self-total")).to_be_visible()
    screenshot(page, "evaluation-self-assessment", full_page=False)
    page.get_by_role("button", name="Keluar").click()

    # 2. The inspectorate reads the app's facts and applies every suggestion, then answers the rest.
    login(page, base, "reviu")
    page.goto(lke)
    expect(page.get_by_test_id("suggestion").first).to_be_visible()
    page.get_by_test_id("apply-suggestions").get_by_role("button").click()
    expect(page.get_by_role("status").first).to_be_visible()
    suggested = Answer.objects.filter(evaluation__agency__code=AGENCY).exclude(evaluator_answer="").count()
    assert suggested >= 20  # the demo agency's own data speaks to most of Perencanaan, Pengukuran, Pelaporan
    answer_every_empty(page)
    page.get_by_label("Nomor surat").fill("700/045/Itko/2022")
    page.get_by_label("Tanggal surat").fill("3 Januari 2022")
    page.get_by_label("Nama penandatangan").fill("Drs. H. Uus Kusnadi, M.Si.")
    page.get_by_label("Jabatan penandatangan").fill("Inspektur")
    page.get_by_label("NIP penandatangan").fill("196805121990031007")
    page.get_by_test_id("save-evaluator").click()
    expect(page.get_by_role("status").first).to_contain_text("isian LKE disimpan")
    expect(page.get_by_test_id("evaluator-total")).not_to_have_text("")
    expect(page.get_by_test_id("evaluator-predicate")).not_to_have_text("")

    # 3. A recommendation, before the LHE is issued (the agency does not see it yet).
    page.goto(recommendations)
    page.get_by_test_id("recommendation-create").click()
    page.get_by_role("textbox", name="Rekomendasi").fill("Selaraskan target PK 2022 dengan target Renstra.")
    page.get_by_label("Target selesai").fill("31 Maret 2022")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_test_id("recommendation")).to_have_count(1)
    expect(page.get_by_test_id("draft-recommendations")).to_be_visible()

    # 4. Issue the LHE; the letter shows the score, its predicate and the recommendation.
    page.goto(lke)
    page.get_by_test_id("issue").click()
    expect(page.get_by_test_id("issued")).to_be_visible()
    total = re.search(r"\d+,\d\d", page.get_by_test_id("evaluator-total").inner_text()).group()
    page.get_by_test_id("link-lhe").click()
    expect(page.locator("body")).to_contain_text("700/045/Itko/2022")
    expect(page.locator("body")).to_contain_text(total)
    expect(page.locator("body")).to_contain_text("Drs. H. Uus Kusnadi, M.Si.")
    expect(page.locator("body")).to_contain_text("Selaraskan target PK 2022 dengan target Renstra.")
    screenshot(page, "evaluation-lhe")

    # 5. The planner reads the issued evaluation and posts a follow-up with a link to its evidence.
    page.context.clear_cookies()
    login(page, base, "perencana")
    page.goto(lke)
    expect(page.get_by_test_id("evaluator-total")).to_contain_text(total)
    page.goto(recommendations)
    item = page.get_by_test_id("recommendation")
    expect(item.get_by_test_id("status")).to_have_attribute("data-status", "belum")
    item.get_by_test_id("follow-up-create").click()
    page.get_by_label("Tindak lanjut").fill("PK 2022 direvisi; target kini sama dengan Renstra.")
    page.get_by_label("atau tautan bukti").fill("https://jdih.tangerangselatankota.go.id/pk-2022")
    page.get_by_role("button", name="Kirim tindak lanjut").click()
    expect(page.get_by_test_id("recommendation").get_by_test_id("status")).to_have_attribute(
        "data-status", "proses"
    )

    # 6. The inspectorate accepts it: the recommendation is done and the rate is 100 %.
    page.context.clear_cookies()
    login(page, base, "reviu")
    page.goto(recommendations)
    item = page.get_by_test_id("recommendation")
    item.get_by_label("Terima (selesai)").check()
    item.get_by_role("button", name="Simpan keputusan").click()
    item = page.get_by_test_id("recommendation")
    expect(item.get_by_test_id("status")).to_have_attribute("data-status", "selesai")
    expect(item.get_by_test_id("decision")).to_have_attribute("data-decision", "accepted")
    expect(page.get_by_test_id("follow-up-rate")).to_contain_text("100")
    screenshot(page, "evaluation-follow-up")
