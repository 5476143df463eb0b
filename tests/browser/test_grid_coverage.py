"""Every input of every workspace grid, once focused (as Tab does), is the element at its own centre: no sticky
column, header or footer covers it. At a laptop's 1366×768, at 1920×1080 and on a 390 px phone (390×844), where the
budget grids' names and computed figures scroll with the inputs (test_phone_layout.py)."""

import pytest

from .conftest import login

AGENCY = "/opd/tangsel-dinkopukm"
GRIDS = [
    "/target/renstra/",
    "/2021/target/pk/",
    "/2021/target/triwulan/",
    "/2021/realisasi/tw1/",
    "/2021/realisasi/tw4/",
    "/2021/realisasi/tahunan/",
    "/2021/anggaran/",
    "/2021/anggaran/belanja/",
    "/2021/anggaran/triwulan/",
    "/2021/analisis/",
]

# Focus each field the way Tab does, then ask the page what is drawn at the field's centre.
COVERED = """
() => {
  const fields = [...document.querySelectorAll('main input, main select, main textarea')].filter(
    (el) => el.type !== 'hidden' && !el.disabled && el.offsetParent !== null && el.closest('form[method="post"]'));
  const covered = [];
  for (const el of fields) {
    el.focus();
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const top = document.elementFromPoint(x, y);
    if (!(top === el || el.contains(top) || (top && top.closest('label') && top.closest('label').control === el))) {
      covered.push(`${el.name || el.id} under ${top ? (top.className || top.tagName) : 'nothing (off screen)'}`);
    }
  }
  return {checked: fields.length, covered};
}
"""


@pytest.mark.parametrize(
    "size", [(1366, 768), (1920, 1080), (390, 844)], ids=["1366x768", "1920x1080", "390x844"]
)
def test_no_focused_grid_input_is_covered(page, demo_site, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.emulate_media(
        reduced_motion="reduce"
    )  # Bootstrap scrolls smoothly otherwise: the check would race it
    login(page, demo_site.url, "perencana")
    problems = []
    for path in GRIDS:
        page.goto(demo_site.url + AGENCY + path)
        result = page.evaluate(COVERED)
        assert result["checked"] > 0, path
        problems += [f"{path}: {c}" for c in result["covered"][:5]]
    assert not problems, "\n".join(problems)
