"""The LKE page in a browser: the planner self-assesses a criterion; the inspectorate sees the app's facts, takes
the suggested answer with "Pakai saran" (static/js/evaluation.js, no inline script), saves, and reads the
warning of the logic frame beside the answer it concerns."""

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
