"""The Ringkasan's trends (issue 19, point 7): capaian per sasaran over the Renstra's years and the absorption per
quarter against the milestones, at 1366×768."""

from decimal import Decimal

from playwright.sync_api import expect

from budgets.models import BudgetLine

from .conftest import login

SHARES = (Decimal("0.10"), Decimal("0.30"), Decimal("0.25"), Decimal("0.20"))  # 10, 40, 65, 85 % cumulative


def test_planner_reads_the_trends_on_the_ringkasan(page, demo_site, screenshot):
    for line in BudgetLine.objects.filter(year=2021, sub_activity__isnull=False):
        ceiling = line.ceiling_revised or line.ceiling_rationalised or line.ceiling_original
        BudgetLine.objects.filter(pk=line.pk).update(
            **{f"spent_q{k}": ceiling * share for k, share in enumerate(SHARES, start=1)}
        )
    login(page, demo_site.url, "perencana")

    trends = page.get_by_role("table", name="Tren capaian sasaran")
    expect(trends).to_be_visible()
    s1 = trends.locator("tr[data-objective='S1']")
    expect(s1.locator("td[data-year='2021']")).to_contain_text("314,00 %")
    expect(s1.locator("td[data-year='2016']")).to_have_text("belum ada")
    expect(trends.locator("tr[data-objective='R1'] td[data-year='2019']")).to_contain_text("109,33 %")
    expect(trends.locator("svg.trend-spark")).to_have_count(8)

    quarters = page.get_by_test_id("quarter-absorption")
    expect(quarters.locator("tr[data-quarter='1']")).to_contain_text("di bawah target")
    expect(quarters.locator("tr[data-quarter='2']")).to_contain_text("memenuhi target")
    expect(quarters.locator("svg.absorption-chart")).to_be_visible()

    # Nothing makes the page scroll sideways at 1366×768.
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    # Both trends on the screenshot (Bootstrap scrolls smoothly unless told otherwise).
    page.get_by_test_id("objective-trends").evaluate("card => card.scrollIntoView({behavior: 'instant'})")
    screenshot(page, "overview-trends", full_page=False)
