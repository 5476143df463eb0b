"""The SIPD export parser (pure): header names found wherever the header row is, Indonesian numbers, account rows
summed per sub kegiatan, months folded into quarters, every problem with its row and column."""

import io
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from interchange.sipd.parse import (
    Problem,
    header_role,
    money,
    normalise_header,
    period_of,
    sipd_table,
)
from sakip.dates import MONTHS


def xlsx(rows) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, sep=";", encoding="utf-8-sig") -> bytes:
    return "\n".join(sep.join(f'"{c}"' if sep in str(c) else str(c) for c in row) for row in rows).encode(
        encoding
    )


TITLE = [["PEMERINTAH KOTA CONTOH"], ["LAPORAN REALISASI ANGGARAN"], [], []]


def test_header_names_are_case_spacing_and_punctuation_insensitive():
    assert normalise_header("  KODE  Sub-Kegiatan ") == "kode sub kegiatan"
    assert header_role("Kode SubKegiatan") == ("sub", 0)
    assert header_role("Pagu (Rp)") == ("ceiling_original", 0)
    assert header_role("ANGGARAN SETELAH PERUBAHAN") == ("ceiling_revised", 0)
    assert header_role("Realisasi Januari") == ("month", 1)
    assert header_role("Agustus") == ("month", 8)
    assert header_role("Realisasi TW III") == ("quarter", 3)
    assert header_role("Triwulan 4") == ("quarter", 4)
    assert header_role("Satuan") is None


def test_indonesian_numbers_and_rupiah():
    assert money("22.511.784.601,00") == Decimal("22511784601")
    assert money("Rp 1.500.000") == Decimal("1500000")
    assert money("Rp 22.511.784.601,-") == Decimal("22511784601")
    assert money(1500000.0) == Decimal("1500000")
    assert money("") is None


def test_periods():
    assert period_of("Maret", quarters=False) == ("month", 3)
    assert period_of(11, quarters=False) == ("month", 11)
    assert period_of("TW II", quarters=False) == ("quarter", 2)
    assert period_of("3", quarters=True) == ("quarter", 3)
    assert period_of("Ramadhan", quarters=False) is None


def test_header_row_after_title_rows_accounts_summed_and_months_folded_into_quarters():
    rows = [
        *TITLE,
        [
            "Kode Sub Kegiatan",
            "Kode Rekening",
            "Uraian",
            "Pagu",
            "Pagu Perubahan",
            "Realisasi Januari",
            "Realisasi Maret",
            "Realisasi April",
            "Realisasi Desember",
        ],
        ["2.17.01.2.01.0001", "", "Penyusunan Dokumen", "300.000,00", "310.000,00", 30, 60, 10, 20],
        ["2.17.01.2.01.0001", "5.1.02", "Belanja Barang dan Jasa", 300000, 310000, 30, 60, 10, 20],
        ["2.17.01.2.01.0001", "5.1.02.01.01.0024", "ATK", "100.000,00", "Rp 110.000", 10, 20, 5, ""],
        ["2.17.01.2.01.0001", "5.1.02.02.01.0026", "Jasa", 200000, 200000, 20, 40, 5, 20],
        ["2.17.01.2.01.0002", "", "Tanpa rekening", "1.000,50", "", "", "", "", ""],
    ]
    table, problems = sipd_table(xlsx(rows), "sipd.xlsx")
    assert problems == []
    assert table.header_row == 5
    sub = table.subs["2.17.01.2.01.0001"]
    assert sub.values == {
        "ceiling_original": Decimal("300000"),
        "ceiling_revised": Decimal("310000"),
        "spent_q1": Decimal("90"),  # January + March, both accounts
        "spent_q2": Decimal("10"),
        "spent_q3": None,  # no month of TW III in the file
        "spent_q4": Decimal("20"),
        "spent": None,  # the grid's total of the quarters
    }
    assert sub.accounts == 2 and sub.row == 6
    assert table.subs["2.17.01.2.01.0002"].values["ceiling_original"] == Decimal("1000.5")


def test_csv_with_semicolons_cp1252_and_one_row_per_month():
    rows = [
        ["Laporan Realisasi – Tahun 2021"],
        ["Kode Kegiatan", "Kode Sub Kegiatan", "Kode Rekening", "Pagu", "Bulan", "Realisasi"],
        ["2.17.01.2.01", "0001", "5.1.02.01", "1.000.000,00", "Januari", "100.000,00"],
        ["2.17.01.2.01", "0001", "5.1.02.01", "1.000.000,00", "Mei", "50.000,00"],
        ["2.17.01.2.01", "0001", "5.1.02.02", "500.000,00", "Februari", "25.000,00"],
    ]
    table, problems = sipd_table(csv_bytes(rows, encoding="cp1252"), "sipd.csv")
    assert problems == []
    values = table.subs["2.17.01.2.01.0001"].values  # the bare segment under its kegiatan's code
    assert values["ceiling_original"] == Decimal("1500000")  # each account's pagu once, not per month
    assert values["spent_q1"] == Decimal("125000") and values["spent_q2"] == Decimal("50000")


def test_comma_separated_csv_with_a_total_column():
    rows = [["Kode Sub Kegiatan", "Pagu Murni", "Realisasi"], ["1.01.01.2.01.0001", "1500", "1200,5"]]
    table, problems = sipd_table(csv_bytes(rows, sep=","), "sipd.csv")
    assert problems == []
    assert table.fields == ("ceiling_original", "spent")
    assert table.subs["1.01.01.2.01.0001"].values == {
        "ceiling_original": Decimal("1500"),
        "spent": Decimal("1200.5"),
    }


def test_a_bad_number_names_its_row_and_column():
    rows = [*TITLE, ["Kode Sub Kegiatan", "Pagu"], ["1.01.01.2.01.0001", "12,3,4"], ["1.01.01.2.01.0002", -5]]
    table, problems = sipd_table(xlsx(rows), "sipd.xlsx")
    assert table is None
    assert [(p.row, p.column) for p in problems] == [(6, "Pagu"), (7, "Pagu")]
    assert problems[0].text.startswith("Baris 6, kolom 'Pagu': ")
    assert " / Row 6, column 'Pagu': " in problems[0].text


def test_a_formula_is_refused_where_it_is():
    rows = [["Kode Sub Kegiatan", "Pagu"], ["1.01.01.2.01.0001", "=1+2"]]
    table, problems = sipd_table(xlsx(rows), "sipd.xlsx")
    assert table is None
    assert (problems[0].row, problems[0].column) == (2, "Pagu")
    assert "Rumus" in problems[0].message


def test_missing_header_not_a_spreadsheet_and_too_large():
    assert (
        "Baris judul kolom tidak ditemukan"
        in sipd_table(xlsx([["Kode", "Nilai"], [1, 2]]), "a.xlsx")[1][0].message
    )
    assert "bukan ekspor SIPD" in sipd_table(b"\x89PNG\r\n\x1a\n\x00\x00", "a.xlsx")[1][0].message
    assert "bukan ekspor SIPD" in sipd_table(b"\x89PNG\r\n\x1a\n\x00\x00", "a.csv")[1][0].message
    assert "bukan ekspor SIPD" in sipd_table(b"x", "a.pdf")[1][0].message
    assert "terlalu besar" in sipd_table(b"x" * 101, "a.csv", max_bytes=100)[1][0].message


def test_quarters_and_total_must_agree():
    rows = [["Kode Sub Kegiatan", "TW I", "TW II", "TW III", "TW IV", "Realisasi"], ["1.01", 1, 2, 3, 4, 11]]
    table, problems = sipd_table(xlsx(rows), "a.xlsx")
    assert table is None and problems[0].column == "Realisasi"


def test_problem_text_without_a_place():
    assert Problem(None, "", "A. / B.").text == "A. / B."


amounts = st.integers(min_value=0, max_value=10**12)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(amounts, st.lists(amounts, min_size=12, max_size=12)), min_size=1, max_size=5))
def test_accounts_and_months_add_up_whatever_the_figures(accounts):
    """However the amounts are written (numbers or Indonesian text), the sub kegiatan's pagu is the sum of its
    accounts' and each quarter the sum of its three months."""
    header = [
        "Kode Sub Kegiatan",
        "Kode Rekening",
        "Pagu",
        *(f"Realisasi {m}" for m in MONTHS),
    ]
    rows = [*TITLE, header]
    for k, (pagu, months) in enumerate(accounts):
        text = f"{pagu:,}".replace(",", ".") + ",00"
        rows.append(["1.01.01.2.01.0001", f"5.1.02.01.{k + 1}", text if k % 2 else pagu, *months])
    table, problems = sipd_table(xlsx(rows), "a.xlsx")
    assert problems == []
    values = table.subs["1.01.01.2.01.0001"].values
    assert values["ceiling_original"] == sum(p for p, _m in accounts)
    for q in range(4):
        assert values[f"spent_q{q + 1}"] == sum(sum(m[q * 3 : q * 3 + 3]) for _p, m in accounts)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10**13 - 1), st.integers(min_value=0, max_value=99))
def test_indonesian_text_reads_back_the_amount(whole, cents):
    """Up to 15 significant digits, what a rupiah column keeps exactly."""
    text = f"Rp {whole:,}".replace(",", ".") + f",{cents:02d}"
    assert money(text) == Decimal(whole) + Decimal(cents) / 100


def test_a_file_without_any_sub_kegiatan_code_is_refused():
    rows = [["Sub Kegiatan", "Pagu"], ["Penyusunan Dokumen", 100]]
    table, problems = sipd_table(xlsx(rows), "a.xlsx")
    assert table is None and problems[0].column == "Sub Kegiatan"
