"""A planner on a 390 px phone (390×844): no workspace page scrolls sideways as a whole. The navigation folds behind
the navbar toggler, wide grids scroll inside their own frame (their inputs stay clear of the sticky columns: see
test_grid_coverage.py), and large rupiah figures stay inside their cards."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import login

AGENCY = "/opd/tangsel-dinkopukm"
PHONE = {"width": 390, "height": 844}
PAGES = [
    "/2021/",  # Ringkasan
    "/rencana/",
    "/renstra/",
    "/target/renstra/",
    "/2021/target/pk/",
    "/2021/target/triwulan/",  # Rencana Aksi
    "/2021/realisasi/tw1/",
    "/2021/realisasi/tw2/",
    "/2021/realisasi/tw3/",
    "/2021/realisasi/tw4/",
    "/2021/realisasi/tahunan/",
    "/2021/anggaran/",
    "/2021/anggaran/belanja/",
    "/2021/anggaran/triwulan/",
    "/2021/analisis/",
    "/2021/narasi/",
    "/2021/narasi/penanda-tangan/",
    "/2021/pemeriksaan/",
    "/2021/reviu/",
    "/2021/lkjip/",
]

# What sticks out: the page's width against the window's, and every element drawn past the right edge of the
# window or of its card, unless a scrolling frame between them clips it (that frame scrolls instead of the page).
OVERFLOW = """
() => {
  const width = window.innerWidth;
  const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  function clippedBefore(el, stop) {
    for (let a = el.parentElement; a && a !== stop; a = a.parentElement) { if (scrolls(a)) return true; }
    return false;
  }
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (!r.width || clippedBefore(el, null)) continue;
    if (r.right > width + 1) out.push(`${name(el)} ends at ${Math.round(r.right)} px`);
    const card = el.parentElement && el.parentElement.closest('.card');
    if (card && !clippedBefore(el, card) && r.right > card.getBoundingClientRect().right + 1) {
      out.push(`${name(el)} sticks out of its card`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, out: out.slice(0, 8)};
}
"""


def test_no_workspace_page_scrolls_sideways_on_a_phone(page, demo_site, screenshot):
    page.set_viewport_size(PHONE)
    login(page, demo_site.url, "perencana")
    problems = []
    for path in PAGES:
        page.goto(demo_site.url + AGENCY + path)
        result = page.evaluate(OVERFLOW)
        if result["scrollWidth"] > result["width"] or result["out"]:
            problems.append(f"{path}: page {result['scrollWidth']} px wide; " + "; ".join(result["out"]))
        if path == "/2021/":
            screenshot(page, "phone-overview")
        elif path == "/2021/realisasi/tw2/":
            screenshot(page, "phone-realisation", full_page=False)
        elif path == "/2021/anggaran/":
            screenshot(page, "phone-budget", full_page=False)
    assert not problems, "\n".join(problems)


def test_the_navigation_folds_behind_its_togglers_on_a_phone(page, demo_site):
    page.set_viewport_size(PHONE)
    login(page, demo_site.url, "perencana")
    page.goto(f"{demo_site.url}{AGENCY}/2021/")
    # The account and language menu and the workspace's sections wait behind their buttons.
    logout = page.get_by_role("button", name="Keluar")
    budget = page.get_by_role("link", name="Anggaran", exact=True)
    expect(logout).to_be_hidden()
    expect(budget).to_be_hidden()

    page.get_by_role("button", name="Menu pengguna").click()
    expect(logout).to_be_visible()
    page.get_by_role("button", name="Menu", exact=True).click()
    expect(budget).to_be_visible()
    budget.click()
    expect(page.get_by_role("heading", name="Pagu dan realisasi anggaran 2021")).to_be_visible()

    # On a laptop both stay open, with no toggler.
    page.set_viewport_size({"width": 1366, "height": 768})
    expect(page.get_by_role("button", name="Menu", exact=True)).to_be_hidden()
    expect(page.get_by_role("link", name="Realisasi", exact=True)).to_be_visible()
    expect(logout).to_be_visible()


# Every large figure of a card (rupiah totals) ends inside its card, whether it shrank or wrapped to fit: on a phone,
# and on a tablet where four cards share a row.
FIGURES_OUTSIDE_CARDS = """
() => [...document.querySelectorAll('.card-figure')].filter((el) => {
  const card = el.closest('.card').getBoundingClientRect();
  const r = el.getBoundingClientRect();
  return el.scrollWidth > el.clientWidth || r.right > card.right || r.left < card.left;
}).map((el) => el.textContent.trim())
"""


@pytest.mark.parametrize("width", [390, 768], ids=["phone", "tablet"])
def test_large_rupiah_figures_stay_inside_their_cards(page, demo_site, width):
    page.set_viewport_size({"width": width, "height": 844})
    login(page, demo_site.url, "perencana")
    for path in ("/2021/", "/renstra/"):
        page.goto(demo_site.url + AGENCY + path)
        expect(page.locator(".card-figure").first).to_contain_text(re.compile(r"\d"))
        assert page.locator(".card-figure", has_text="Rp").count() >= 1, path
        assert page.evaluate(FIGURES_OUTSIDE_CARDS) == [], path
