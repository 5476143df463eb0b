"""An approved year in the browser: the planner meets the reason, not a silent change, when editing the plan the
year's report rests on; after the admin reopens the year, a change of an indicator's direction is said on the
review page in plain Indonesian."""

import re

from playwright.sync_api import expect

from .conftest import login

AGENCY = "tangsel-dinkopukm"
YEAR = 2021
REVIEW = f"/opd/{AGENCY}/{YEAR}/reviu/"


def _approve():
    from django.contrib.auth import get_user_model

    from agencies.models import Agency
    from review.services import review_transition

    users = get_user_model().objects
    agency = Agency.objects.get(code=AGENCY)
    review_transition(agency=agency, year=YEAR, action="submit", user=users.get(username="perencana"))
    review_transition(agency=agency, year=YEAR, action="approve", user=users.get(username="reviu"))
    return agency


def test_an_approved_years_plan_says_why_it_cannot_change_and_the_review_page_says_what_changed(
    page, demo_site, screenshot
):
    from django.contrib.auth import get_user_model

    from indicators.models import Indicator, Objective
    from review.services import review_transition

    base = demo_site.url
    agency = _approve()
    objective = Objective.objects.filter(goal__plan__agency=agency).order_by("pk").first()
    statement = objective.statement
    indicator = Indicator.objects.filter(plan__agency=agency, polarity="higher", targets__year=YEAR).first()

    # 1. The planner opens a sasaran of the approved year's plan: the page says up front why it is read-only,
    #    and a save is refused with that reason on the form; nothing changes.
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

    # 2. The admin reopens the year; the planner changes the indicator's direction, which is allowed now.
    review_transition(
        agency=agency,
        year=YEAR,
        action="reopen",
        user=get_user_model().objects.get(username="admin"),
        note="Arah indikator salah",
    )
    page.goto(f"{base}/opd/{AGENCY}/rencana/indikator/{indicator.pk}/")
    expect(page.get_by_test_id("plan-locked")).to_have_count(0)
    page.locator("select[name=polarity]").select_option("lower")
    page.get_by_role("button", name=re.compile("^Simpan")).click()
    expect(page).not_to_have_url(re.compile(rf"/indikator/{indicator.pk}/$"))

    # 3. The reviewer's review page says what changed since approval, in words and Indonesian numbers.
    page.context.clear_cookies()
    login(page, base, "reviu")
    page.goto(base + REVIEW)
    expect(page.get_by_test_id("approved-figures")).to_contain_text(
        f"Arah indikator {indicator.code} diubah setelah disetujui: makin tinggi → makin rendah"
    )
    expect(page.get_by_test_id("approved-figures")).not_to_contain_text("$.")
    screenshot(page, "review-changed-since-approval")
