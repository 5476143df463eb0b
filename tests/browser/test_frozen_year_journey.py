"""A year in review and after approval, in the browser. While the report is under review the planner meets the
reason, not a silent change, when editing the plan it rests on. Once approved, the plan may move on (a new
year needs it), but the approved report does not: its page is the edition kept at approval, saying so, and the
review page says in plain Indonesian what changed since. Reopening the year shows the live report again."""

import re

from playwright.sync_api import expect

from .conftest import login

AGENCY = "tangsel-dinkopukm"
YEAR = 2021
REVIEW = f"/opd/{AGENCY}/{YEAR}/reviu/"


def _act(agency, action, username, note=""):
    from django.contrib.auth import get_user_model

    from reports.approval import review_transition

    user = get_user_model().objects.get(username=username)
    review_transition(agency=agency, year=YEAR, action=action, user=user, note=note)


def test_a_reviewed_year_holds_still_and_its_approved_report_stays_as_approved(page, demo_site, screenshot):
    from agencies.models import Agency
    from indicators.models import Indicator, Objective

    base = demo_site.url
    agency = Agency.objects.get(code=AGENCY)
    _act(agency, "submit", "perencana")
    objective = Objective.objects.filter(goal__plan__agency=agency).order_by("pk").first()
    statement = objective.statement
    indicator = Indicator.objects.filter(plan__agency=agency, polarity="higher", targets__year=YEAR).first()

    # 1. Under review: the planner opens a sasaran of the year's plan; the page says up front why it is
    #    read-only, and a save is refused with that reason on the form; nothing changes.
    login(page, base, "perencana")
    page.goto(f"{base}/opd/{AGENCY}/rencana/sasaran/{objective.pk}/")
    expect(page.get_by_test_id("plan-locked")).to_contain_text(f"laporan tahun {YEAR}")
    page.locator("[name=statement]").fill("Sasaran yang diubah diam-diam")
    page.get_by_role("button", name=re.compile("^Simpan")).click()
    expect(page.get_by_text("sampai admin membuka kembali tahun itu").first).to_be_visible()
    expect(page.get_by_role("navigation", name="breadcrumb")).not_to_contain_text("diam-diam")
    screenshot(page, "plan-frozen-year")
    objective.refresh_from_db()
    assert objective.statement == statement

    # 2. Approved: the plan may change again (the next year's Renstra work), the indicator's direction too.
    _act(agency, "approve", "reviu")
    page.goto(f"{base}/opd/{AGENCY}/rencana/sasaran/{objective.pk}/")
    expect(page.get_by_test_id("plan-locked")).to_have_count(0)
    page.locator("[name=statement]").fill("Sasaran yang dirumuskan ulang untuk tahun berikutnya")
    page.get_by_role("button", name=re.compile("^Simpan")).click()
    expect(page).not_to_have_url(re.compile(rf"/sasaran/{objective.pk}/$"))
    page.goto(f"{base}/opd/{AGENCY}/rencana/indikator/{indicator.pk}/")
    page.locator("select[name=polarity]").select_option("lower")
    page.get_by_role("button", name=re.compile("^Simpan")).click()
    expect(page).not_to_have_url(re.compile(rf"/indikator/{indicator.pk}/$"))

    # 3. The approved year's report is the one approved: the old sasaran, and a note saying why.
    page.goto(f"{base}/opd/{AGENCY}/{YEAR}/lkjip/")
    expect(page.get_by_role("note")).to_contain_text("Edisi yang disetujui Inspektorat pada")
    expect(page.locator("body")).to_contain_text(statement)
    expect(page.locator("body")).not_to_contain_text("dirumuskan ulang")
    screenshot(page, "lkjip-approved-edition", full_page=False)  # the first screen of ~60 pages

    # 4. The reviewer's review page says what changed since approval, in words and Indonesian numbers.
    page.get_by_role("link", name="Lihat apa yang berubah sejak disetujui").click()
    expect(page).to_have_url(re.compile(re.escape(REVIEW) + "$"))
    page.context.clear_cookies()
    login(page, base, "reviu")
    page.goto(base + REVIEW)
    expect(page.get_by_test_id("approved-figures")).to_contain_text(
        f"Arah indikator {indicator.code} diubah setelah disetujui: makin tinggi → makin rendah"
    )
    expect(page.get_by_test_id("approved-figures")).not_to_contain_text("$.")
    screenshot(page, "review-changed-since-approval")

    # 5. Reopened, the report is live again: the new sasaran, no edition note.
    _act(agency, "reopen", "admin", "Sasaran dirumuskan ulang")
    page.goto(f"{base}/opd/{AGENCY}/{YEAR}/lkjip/")
    expect(page.locator("body")).to_contain_text("dirumuskan ulang")
    expect(page.get_by_role("note")).to_have_count(0)
