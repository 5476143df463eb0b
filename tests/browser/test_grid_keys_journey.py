"""Spreadsheet habits in a grid: Enter and the arrow keys move between cells, a column pasted from Excel fills the
rows below with the same live checks, and leaving with unsaved values asks first."""

from playwright.sync_api import expect

from .conftest import login

GRID = "/opd/tangsel-dinkopukm/2021/realisasi/tw1/"

PASTE = """(args) => {
  const data = new DataTransfer();
  data.setData('text/plain', args.text);
  document.activeElement.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def test_keys_paste_and_the_question_before_leaving(page, demo_site):
    login(page, demo_site.url, "perencana")
    page.goto(demo_site.url + GRID)
    values = page.locator("tr[data-indicator] input[name$='-value']")
    first, second, third = values.nth(0), values.nth(1), values.nth(2)

    first.focus()
    page.keyboard.press("Enter")
    expect(second).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(third).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(second).to_be_focused()

    # A column of three values copied from Excel, pasted into the row of 2.17.01-1 (TW I target 25 %).
    start = values.evaluate_all(
        "(els) => els.findIndex((el) => el.closest('tr').dataset.indicator === '2.17.01-1')"
    )
    values.nth(start).focus()
    page.evaluate(PASTE, {"text": "12,5\r\n7\r\n3,25\r\n"})
    expect(values.nth(start)).to_have_value("12,5")
    expect(values.nth(start + 1)).to_have_value("7")
    expect(values.nth(start + 2)).to_have_value("3,25")
    row = page.locator("tr[data-indicator='2.17.01-1']")
    expect(row.get_by_test_id("capaian")).to_contain_text("50,00")  # the live check ran as if typed

    # Leaving with these unsaved values asks first; staying keeps them.
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Ringkasan").click()
    expect(values.nth(start)).to_have_value("12,5")
    assert asked == ["beforeunload"]


DROP = """(args) => {
  const bytes = Uint8Array.from(atob(args.pdf), (c) => c.charCodeAt(0));
  const data = new DataTransfer();
  data.items.add(new File([bytes], 'SPJ TW I.pdf', {type: 'application/pdf'}));
  data.items.add(new File([bytes.slice(0, bytes.length - 1), new Uint8Array([10, 10])], 'Foto kegiatan.pdf', {type: 'application/pdf'}));
  const cell = document.querySelector(`tr[data-indicator='${args.code}'] [data-evidence-drop]`);
  cell.dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true}));
}"""


def test_evidence_files_dropped_on_a_row_are_uploaded_at_once(page, demo_site):
    import base64

    from indicators.models import Evidence
    from tests import files

    login(page, demo_site.url, "perencana")
    page.goto(demo_site.url + GRID)
    row = page.locator("tr[data-indicator='2.17.01-1']")
    row.locator("input[name$='-value']").fill("20")  # typed, not saved: the drop keeps it
    page.evaluate(DROP, {"pdf": base64.b64encode(files.pdf()).decode(), "code": "2.17.01-1"})
    expect(row.get_by_role("status")).to_contain_text("SPJ TW I.pdf, Foto kegiatan.pdf")
    expect(row.get_by_test_id("evidence-link")).to_contain_text("Bukti (2)")
    expect(row.locator("input[name$='-value']")).to_have_value("20")
    names = set(
        Evidence.objects.filter(indicator__code="2.17.01-1", quarter=1).values_list(
            "original_name", flat=True
        )
    )
    assert names == {"SPJ TW I.pdf", "Foto kegiatan.pdf"}
