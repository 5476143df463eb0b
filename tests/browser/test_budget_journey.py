"""A planner corrects a pagu perubahan and watches the roll-up follow before saving."""

from decimal import Decimal

from playwright.sync_api import expect

from agencies.models import Agency
from budgets.models import BudgetLine
from reports.readmodel.build import report_build
from sakip.numbers import format_rupiah

from .conftest import login

YEAR = 2021
NEW_CEILING = Decimal("190000000")


def test_planner_changes_a_ceiling_and_sees_the_roll_up_live(page, demo_site, screenshot):
    agency = Agency.objects.get()
    line = (
        BudgetLine.objects.filter(year=YEAR, sub_activity__isnull=False)
        .select_related("sub_activity__activity__program")
        .order_by("pk")
        .first()
    )
    sub = line.sub_activity
    activity, program = sub.activity, sub.activity.program
    budget = report_build(agency=agency, year=YEAR).budget
    change = NEW_CEILING - line.ceiling_revised
    activity_before = next(a for p in budget.children for a in p.children if a.code == activity.code)
    program_before = next(p for p in budget.children if p.code == program.code)

    login(page, demo_site.url, "perencana")
    page.get_by_role("link", name="Anggaran").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("Pagu dan realisasi anggaran")
    total = page.locator("#total-ceiling")
    expect(total).to_have_text(format_rupiah(budget.figures.ceiling))

    page.evaluate("window.notReloaded = true")
    page.get_by_label(f"Pagu perubahan {sub.code}", exact=True).fill("Rp 190.000.000,-")
    expect(page.locator(f"#s{sub.pk}-ceiling")).to_have_text(format_rupiah(NEW_CEILING))
    expect(page.locator(f"#a{activity.pk}-ceiling")).to_have_text(
        format_rupiah(activity_before.figures.ceiling + change)
    )
    expect(page.locator(f"#p{program.pk}-ceiling")).to_have_text(
        format_rupiah(program_before.figures.ceiling + change)
    )
    expect(total).to_have_text(format_rupiah(budget.figures.ceiling + change))
    assert page.evaluate("window.notReloaded") is True

    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status")).to_contain_text("1 baris anggaran disimpan")
    expect(total).to_have_text(format_rupiah(budget.figures.ceiling + change))
    expect(page.get_by_label(f"Pagu perubahan {sub.code}", exact=True)).to_have_value("190.000.000")
    line.refresh_from_db()
    assert line.ceiling_revised == NEW_CEILING
    screenshot(page, "budget-entry")
