"""What changed in a year's report since it was approved, as sentences a reviewer reads (pure).

The approval keeps the year's `sakip-report/1` figures and the definitions the report was built on (review/services.py,
reports/approval.py); the review page compares them with today's. A difference is told as "Arah indikator R3.1 diubah
setelah disetujui: makin tinggi → makin rendah", figures in Indonesian notation (1.715,5; 98,5 %; Rp 1.250.000),
never as a JSON path. Records of a list (a program, a part of the whole budget, a facility, a risk) are matched by
their natural key (code, part, label, name, statement), never by their place in the list.

An approval stored by an earlier release lacks the sections added since (issue 18: PK targets, the whole budget,
the quarterly progress, the organisation profile, the signatory, …): a section, or a field of a row, is compared
only when the approved side has it, so data the old format did not record is not told as "added".
Values in, sentences out: no database.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.dates import stored_date_display
from sakip.numbers import canonical_str, decimal_places, format_number

if TYPE_CHECKING:  # django-stubs' name for "a str or a lazy translation"; a dev dependency, so never imported
    from django_stubs_ext import StrOrPromise

# Parts of a `sakip-report/1` document as stored (JSON read by key): Any, because their shape is the report
# format's, not a type's.
Row = Mapping[str, Any]
Rows = Sequence[Any]  # _by keeps only the dicts among them
# A field compared: the row's key, or (the row's key, the field it is told as, when the key's name is ambiguous).
Field = str | tuple[str, str]
K = TypeVar("K")

EMPTY = "–"
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")

# Fields of the report and of its definitions, in the words of the report.
FIELDS = {
    "target": gettext_lazy("Target"),
    "realisation": gettext_lazy("Realisasi"),
    "capaian": gettext_lazy("Capaian"),
    "predicate": gettext_lazy("Predikat"),
    "name": gettext_lazy("Nama"),
    "unit": gettext_lazy("Satuan"),
    "renstra_end_target": gettext_lazy("Target akhir Renstra"),
    "renstra_progress": gettext_lazy("Capaian terhadap target akhir Renstra"),
    "polarity": gettext_lazy("Arah"),
    "kind": gettext_lazy("Jenis nilai"),
    "computation": gettext_lazy("Cara hitung"),
    "cumulative": gettext_lazy("Sifat kumulatif"),
    "multiplier": gettext_lazy("Pengali"),
    "formula": gettext_lazy("Formulasi"),
    "is_key": gettext_lazy("Status IKU"),
    "statement": gettext_lazy("Pernyataan"),
    "ceiling": gettext_lazy("Pagu"),
    "spent": gettext_lazy("Realisasi anggaran"),
    "absorption": gettext_lazy("Serapan anggaran"),
    "remaining": gettext_lazy("Sisa anggaran"),
    "remaining_pct": gettext_lazy("Sisa anggaran (%)"),
    "efficiency": gettext_lazy("Efisiensi"),
    "ikm": gettext_lazy("Nilai IKM"),
    "skm": gettext_lazy("Nilai SKM"),
    "mutu": gettext_lazy("Mutu pelayanan"),
    "short_name": gettext_lazy("Singkatan nama"),
    "address": gettext_lazy("Alamat"),
    "website": gettext_lazy("Situs web"),
    "head_name": gettext_lazy("Nama kepala"),
    "head_nip": gettext_lazy("NIP kepala"),
    "head_rank": gettext_lazy("Pangkat/golongan kepala"),
    "predicate_scale": gettext_lazy("Skala predikat"),
    "objective_cap": gettext_lazy("Batas capaian per indikator"),
    "ikm_weight": gettext_lazy("Bobot IKM"),
    "ikm_scale": gettext_lazy("Tabel mutu IKM"),
    "renstra_series": gettext_lazy("Tahun pada tabel perbandingan"),
    "start_year": gettext_lazy("Tahun awal"),
    "end_year": gettext_lazy("Tahun akhir"),
    "vision": gettext_lazy("Visi"),
    # Issue 18: the targets of each set, provisional realisations, the indicator's definition and standard.
    "target_set": gettext_lazy("Sumber target"),
    "renstra_target": gettext_lazy("Target menurut Renstra"),
    "pk_target": gettext_lazy("Target PK murni"),
    "pk_revised_target": gettext_lazy("Target PK perubahan"),
    "revision_reason": gettext_lazy("Alasan perubahan target"),
    "provisional": gettext_lazy("Realisasi sementara"),
    "year_unit": gettext_lazy("Satuan realisasi"),
    "indicator_predicate": gettext_lazy("Predikat pada skala indikator"),
    "data_source": gettext_lazy("Sumber data"),
    "national_standard": gettext_lazy("Nilai standar"),
    "national_standard_kind": gettext_lazy("Jenis standar"),
    "national_standard_source": gettext_lazy("Sumber standar"),
    "standard_status": gettext_lazy("Kedudukan terhadap standar"),
    "year_realisation": gettext_lazy("Realisasi tahun ini sebelum dijumlahkan"),
    "indicator_scale": gettext_lazy("Skala predikat indikator"),
    "series_years": gettext_lazy("Tahun perbandingan"),
    "objectives": gettext_lazy("Sasaran yang didukung"),
    "mission": gettext_lazy("Nomor misi"),
    "rpjmd_goal": gettext_lazy("Tujuan/sasaran RPJMD"),
    "policies": gettext_lazy("Arah kebijakan"),
    # The whole budget, grouped realisations, the quarterly plan and progress.
    "ceiling_original": gettext_lazy("Pagu murni"),
    "ceiling_rationalised": gettext_lazy("Pagu rasionalisasi"),
    "ceiling_revised": gettext_lazy("Pagu perubahan"),
    "previous_ceiling": gettext_lazy("Pagu tahun sebelumnya"),
    "previous_spent": gettext_lazy("Realisasi anggaran tahun sebelumnya"),
    "programs": gettext_lazy("Program dalam kelompok"),
    "planned": gettext_lazy("Anggaran kas kumulatif"),
    "progress_spent": gettext_lazy("Realisasi keuangan kumulatif"),
    "physical_pct": gettext_lazy("Realisasi fisik"),
    # The organisation profile.
    "staff_count": gettext_lazy("Jumlah pegawai"),
    "facility_count": gettext_lazy("Jumlah baris"),
    "total_quantity": gettext_lazy("Jumlah barang"),
    "total_value": gettext_lazy("Nilai seluruhnya"),
    "quantity": gettext_lazy("Jumlah"),
    "acquired_year": gettext_lazy("Tahun perolehan"),
    "condition": gettext_lazy("Kondisi"),
    "value": gettext_lazy("Nilai"),
    "note": gettext_lazy("Keterangan"),
    "cause": gettext_lazy("Penyebab"),
    "impact": gettext_lazy("Dampak"),
    "likelihood": gettext_lazy("Skor kemungkinan"),
    "severity": gettext_lazy("Skor dampak"),
    "risk_level": gettext_lazy("Skor"),
    "mitigation": gettext_lazy("Rencana tindak pengendalian"),
    "schedule": gettext_lazy("Target waktu"),
    "owner_unit": gettext_lazy("Unit pemilik"),
    "objective_code": gettext_lazy("Sasaran terkait"),
    "duties": gettext_lazy("Tugas"),
    "functions": gettext_lazy("Fungsi"),
    # The signatory and the Perjanjian Kinerja.
    "signed_on": gettext_lazy("Tanggal"),
    "place": gettext_lazy("Tempat"),
    "title": gettext_lazy("Jabatan"),
    "nip": gettext_lazy("NIP"),
    "rank": gettext_lazy("Pangkat/golongan"),
    "first_party_name": gettext_lazy("Nama pihak pertama"),
    "first_party_nip": gettext_lazy("NIP pihak pertama"),
    "first_party_position": gettext_lazy("Jabatan pihak pertama"),
    "second_party_name": gettext_lazy("Nama pihak kedua"),
    "second_party_position": gettext_lazy("Jabatan pihak kedua"),
}
PERCENT = {"capaian", "renstra_progress", "absorption", "remaining_pct", "efficiency", "physical_pct"}
MONEY = {
    "ceiling",
    "spent",
    "remaining",
    "ceiling_original",
    "ceiling_rationalised",
    "ceiling_revised",
    "previous_ceiling",
    "previous_spent",
    "planned",
    "progress_spent",
    "value",
    "total_value",
}
YEARS = {"start_year", "end_year", "acquired_year"}
DATES = {"signed_on"}
CODE_LISTS = {"objectives", "programs"}  # lists of codes, told "S1, S2"; other lists are texts, told “a; b”
CHOICES: dict[str, dict[str, StrOrPromise]] = {
    "polarity": {"higher": gettext_lazy("makin tinggi"), "lower": gettext_lazy("makin rendah")},
    "kind": {
        "percent": gettext_lazy("persen"),
        "number": gettext_lazy("jumlah"),
        "currency": gettext_lazy("rupiah"),
        "index": gettext_lazy("indeks"),
        "grade": gettext_lazy("nilai huruf"),
    },
    "computation": {
        "direct": gettext_lazy("langsung"),
        "ratio": gettext_lazy("rasio"),
        "growth": gettext_lazy("pertumbuhan"),
    },
    "ikm_weight": {"exact": gettext_lazy("tepat 1/n"), "0.11": "0,11"},
    "target_set": {
        "pk_revised": gettext_lazy("PK perubahan"),
        "pk": gettext_lazy("PK murni"),
        "renstra": gettext_lazy("Renstra"),
    },
    "national_standard_kind": {
        "nasional": gettext_lazy("Standar nasional"),
        "spm": gettext_lazy("Standar Pelayanan Minimal (SPM)"),
        "ikk": gettext_lazy("Indikator Kinerja Kunci (IKK)"),
        "lainnya": gettext_lazy("Standar lain"),
    },
    "standard_status": {
        "melampaui": gettext_lazy("melampaui standar"),
        "memenuhi": gettext_lazy("memenuhi standar"),
        "belum memenuhi": gettext_lazy("belum memenuhi standar"),
    },
}
QUARTERS = ("TW I", "TW II", "TW III", "TW IV")
INDICATOR_FIGURES = ("target", "realisation", "capaian", "predicate")
INDICATOR_FIELDS = ("name", "unit", *INDICATOR_FIGURES, "renstra_end_target", "renstra_progress")
# Issue 18's fields of an indicator row, compared when the approved row has them.
TARGET_SETS: tuple[Field, ...] = (
    ("renstra", "renstra_target"),
    ("pk", "pk_target"),
    ("pk_revised", "pk_revised_target"),
)
INDICATOR_DETAILS = (
    "revision_reason",
    "provisional",
    "indicator_predicate",
    "formula",
    "data_source",
    "cumulative",
    "national_standard",
    "national_standard_kind",
    "national_standard_source",
    "standard_status",
)
BUDGET_FIELDS = ("name", "ceiling", "spent", "absorption", "remaining", "remaining_pct")
# The parts as typed and their figures; the change against year N-1 follows from these and is not told again.
EXPENDITURE_FIELDS = (
    "ceiling_original",
    "ceiling_rationalised",
    "ceiling_revised",
    "ceiling",
    "spent",
    "absorption",
    "remaining",
    "previous_ceiling",
    "previous_spent",
)
# What is typed per quarter (cumulative); the percentages and deviations follow from these.
PROGRESS_FIELDS: tuple[Field, ...] = ("planned", ("spent", "progress_spent"), "physical_pct")
FACILITY_FIELDS = ("quantity", "unit", "acquired_year", "condition", "value", "note")
RISK_FIELDS: tuple[Field, ...] = (
    "cause",
    "impact",
    "likelihood",
    "severity",
    ("level", "risk_level"),
    "mitigation",
    "schedule",
    "owner_unit",
    "objective_code",
)
SIGNATORY_FIELDS = ("title", "name", "nip", "rank")
AGREEMENT_FIELDS = (
    "signed_on",
    "place",
    "first_party_name",
    "first_party_nip",
    "first_party_position",
    "second_party_name",
    "second_party_position",
)
# Sections of the report json present only when the year has such data (reports/approval.py keeps them empty in
# an approval, so that an approval without them is one of an older format).
OPTIONAL_SECTIONS = ("expenditures", "spending_groups", "progress", "staff", "facilities", "risks")

INDICATOR_OWNERS = {
    "program": gettext_lazy("indikator program %(code)s"),
    "activity": gettext_lazy("indikator kegiatan %(code)s"),
    "sub_activity": gettext_lazy("indikator sub kegiatan %(code)s"),
}
PARTS = {
    "total": gettext_lazy("total belanja"),
    "operating": gettext_lazy("belanja operasi"),
    "personnel": gettext_lazy("belanja pegawai"),
    "goods": gettext_lazy("belanja barang dan jasa"),
    "capital": gettext_lazy("belanja modal"),
    "indirect": gettext_lazy("belanja tidak langsung"),
    "direct": gettext_lazy("belanja langsung"),
}
BREAKDOWNS = {
    "rank": gettext_lazy("golongan"),
    "education": gettext_lazy("pendidikan"),
    "employment": gettext_lazy("status kepegawaian"),
    "unit": gettext_lazy("unit kerja"),
}
NOTE_KINDS = {
    "success": gettext_lazy("Faktor pendorong keberhasilan"),
    "obstacle": gettext_lazy("Kendala / hambatan"),
    "solution": gettext_lazy("Solusi / langkah antisipatif"),
    "follow_up": gettext_lazy("Rencana tindak lanjut"),
    "supporting": gettext_lazy("Program pendukung keberhasilan"),
    "hindering": gettext_lazy("Program penghambat"),
    "non_apbd": gettext_lazy("Kegiatan tanpa dana APBD (CSR, mitra)"),
}
AGREEMENTS = {"murni": gettext_lazy("PK murni"), "perubahan": gettext_lazy("PK perubahan")}


def _short(text: object, length: int = 60) -> str:
    """A text as a name inside a sentence: one line, cut with "…" when long."""
    plain = " ".join(str(text).split())
    return plain if len(plain) <= length else plain[: length - 1] + "…"


def _years_text(years: Sequence[object]) -> str:
    """2019, 2020, 2021 → "2019–2021"; years with a gap are listed."""
    numbers = [int(str(y)) for y in years if str(y).isdigit()]
    if len(numbers) == len(years) > 2 and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        return f"{numbers[0]}–{numbers[-1]}"
    return ", ".join(str(y) for y in years)


def figure_text(field: str, value: object) -> str:
    """A stored value as the report prints it: 1.715,5 · 98,5 % · Rp 1.250.000 · makin tinggi · “teks” ·
    31 Desember 2021 · 2019–2021."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if isinstance(value, list | tuple):
        if field == "series_years":
            return _years_text(value)
        if field in CODE_LISTS:
            return ", ".join(str(v) for v in value)
        return figure_text(field, "; ".join(str(v) for v in value))
    if field in CHOICES and isinstance(value, str) and value in CHOICES[field]:  # choices are str codes
        return str(CHOICES[field][value])
    text = str(value)
    if field in YEARS:
        return text
    if field in DATES and (shown := stored_date_display(text)):
        return shown
    if _NUMBER.match(text):
        number = Decimal(text)
        plain = canonical_str(number)  # 1715.50 → 1715.5: the figure as typed, without padding zeros
        shown = format_number(number, decimal_places(plain))
        if field in PERCENT:
            return f"{shown}\N{NO-BREAK SPACE}%"
        if field in MONEY:
            return f"Rp\N{NO-BREAK SPACE}{shown}"
        return shown
    text = " ".join(text.split())
    if len(text) > 80:
        text = text[:79] + "…"
    return f"“{text}”"


def _changed(field: str, owner: str, old: object, new: object) -> str:
    return _("%(field)s %(owner)s diubah setelah disetujui: %(old)s → %(new)s") % {
        "field": FIELDS.get(field, field),
        "owner": owner,
        "old": figure_text(field, old),
        "new": figure_text(field, new),
    }


def _compare(
    out: list[str],
    owner: str,
    old: Row | None,
    new: Row | None,
    fields: Iterable[Field],
    *,
    recorded: bool = False,
) -> None:
    """One sentence per field that differs. `recorded`: only the fields the approved row has (an approval of an
    older format lacks the fields added since, which are not told as changed from "–")."""
    old, new = old or {}, new or {}
    for item in fields:
        key, field = (item, item) if isinstance(item, str) else item
        if recorded and key not in old:
            continue
        if old.get(key) != new.get(key):
            out.append(_changed(field, owner, old.get(key), new.get(key)))


def _by(rows: Rows | None, key: str) -> dict[object, Row]:
    return {row.get(key): row for row in rows or [] if isinstance(row, dict)}


def _keyed(rows: Rows | None, key: Callable[[Row], Hashable]) -> dict[tuple[Hashable, int], Row]:
    """Rows by their natural key and its occurrence (1, 2, …): two lines "Sepeda Motor" are two records."""
    out: dict[tuple[Hashable, int], Row] = {}
    seen: dict[Hashable, int] = {}
    for row in rows or []:
        if isinstance(row, dict):
            natural = key(row)
            seen[natural] = seen.get(natural, 0) + 1
            out[(natural, seen[natural])] = row
    return out


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def _added(what: str) -> str:
    return _("%(what)s ditambahkan setelah disetujui") % {"what": _capfirst(what)}


def _removed(what: str) -> str:
    return _("%(what)s dihapus setelah disetujui") % {"what": _capfirst(what)}


def _records(
    out: list[str],
    old: Mapping[K, Row],
    new: Mapping[K, Row],
    name: Callable[[K, Row], str],
    whole: str | None = None,
) -> list[K]:
    """Tells the records removed, then those added; returns the keys of the records on both sides, in the
    approved order. `whole`: the table's name, told once when it is filled or emptied after approval."""
    if whole is not None and bool(old) != bool(new):
        out.append(_added(whole) if new else _removed(whole))
        return []
    for key, row in old.items():
        if key not in new:
            out.append(_removed(name(key, row)))
    for key, row in new.items():
        if key not in old:
            out.append(_added(name(key, row)))
    return [key for key in old if key in new]


def _in_both(old: Mapping[Any, Any], new: Mapping[Any, Any]) -> list[Any]:
    """The keys of either side: the approved order, then those only today's has."""
    return list(old) + [key for key in new if key not in old]


def _indicator_owner(code: object, level: object) -> str:
    return str(INDICATOR_OWNERS.get(str(level), gettext_lazy("indikator %(code)s"))) % {"code": code}


def _when(owner: str, year: object) -> str:
    return _("%(owner)s tahun %(year)s") % {"owner": owner, "year": year}


def _quarter(owner: str, quarter: str) -> str:
    return _("%(owner)s %(quarter)s") % {"owner": owner, "quarter": quarter}


def _indicators(out: list[str], approved: Rows | None, current: Rows | None) -> None:
    old, new = _by(approved, "code"), _by(current, "code")
    common = _records(out, old, new, lambda code, row: _indicator_owner(code, row.get("level")))
    for code in common:
        a, b = old[code], new[code]
        owner = _indicator_owner(code, b.get("level") or a.get("level"))
        _compare(out, owner, a, b, INDICATOR_FIELDS)
        _compare(out, owner, a, b, ("target_set",), recorded=True)
        if "targets" in a:  # issue 18: PK murni and PK perubahan side by side
            _compare(out, owner, a["targets"], b.get("targets"), TARGET_SETS)
        _compare(out, owner, a, b, INDICATOR_DETAILS, recorded=True)
        history_a, history_b = a.get("history") or {}, b.get("history") or {}
        # A year's figures in another unit than the indicator's (absent: the indicator's own unit).
        units_a = a.get("year_units") or {}
        # Kept only where a year is in another unit, so absent says nothing in an approval of an older format.
        units_b = (b.get("year_units") or {}) if "targets" in a else units_a
        for year in sorted(set(history_a) | set(history_b) | set(units_a) | set(units_b)):
            when = _when(owner, year)
            year_a, year_b = history_a.get(year), history_b.get(year)
            _compare(out, when, year_a, year_b, INDICATOR_FIGURES)
            if year_a and year_b:
                _compare(out, when, year_a, year_b, ("target_set", "provisional"), recorded=True)
            unit_a, unit_b = units_a.get(year) or a.get("unit"), units_b.get(year) or b.get("unit")
            if (year in units_a or year in units_b) and unit_a != unit_b:
                out.append(_changed("year_unit", when, unit_a, unit_b))
        quarters_a, quarters_b = a.get("quarters") or [], b.get("quarters") or []
        for index, label in enumerate(QUARTERS):
            qa = quarters_a[index] if index < len(quarters_a) else None
            qb = quarters_b[index] if index < len(quarters_b) else None
            _compare(out, _quarter(owner, label), qa, qb, INDICATOR_FIGURES)


def _objectives(out: list[str], approved: Rows | None, current: Rows | None) -> None:
    old, new = _by(approved, "code"), _by(current, "code")
    for code in old:
        if code in new:
            owner = _("sasaran %(code)s") % {"code": code}
            _compare(
                out, owner, old[code], new[code], ("capaian", "predicate", *BUDGET_FIELDS[1:], "efficiency")
            )


def _notes(out: list[str], approved: Mapping[str, Rows], current: Mapping[str, Rows]) -> None:
    """A sasaran's analysis items (success factors, obstacles, solutions, follow-ups, the programs that helped or
    hindered, work without APBD money): an item is its text, so a rewritten one is one removed and one added."""

    def key(row: Row) -> Hashable:
        return (row.get("kind"), row.get("text"), row.get("program") or "", row.get("partner") or "")

    for code in _in_both(approved, current):
        old, new = _keyed(approved.get(code), key), _keyed(current.get(code), key)
        for items, message in (
            (
                {k: r for k, r in old.items() if k not in new},
                _("%(kind)s sasaran %(code)s dihapus setelah disetujui: %(text)s"),
            ),
            (
                {k: r for k, r in new.items() if k not in old},
                _("%(kind)s sasaran %(code)s ditambahkan setelah disetujui: %(text)s"),
            ),
        ):
            for row in items.values():
                text = figure_text("note", row.get("text"))
                extra = [str(v) for v in (row.get("program"), row.get("partner")) if v]
                if extra:
                    text = f"{text} ({', '.join(extra)})"
                kind = str(row.get("kind"))
                out.append(message % {"kind": NOTE_KINDS.get(kind, kind), "code": code, "text": text})


def _budget_levels(budget: Row) -> dict[str, str]:
    """Each budget line's name in a sentence ("kegiatan 1.02.2.01", "sub kegiatan 1.02.2.01.0001") by its code."""
    names: dict[str, str] = {}
    for program in budget.get("programs") or []:
        if not isinstance(program, dict):
            continue
        names[str(program.get("code"))] = _("program %(code)s") % {"code": program.get("code")}
        for activity in program.get("activities") or []:
            if not isinstance(activity, dict):
                continue
            names[str(activity.get("code"))] = _("kegiatan %(code)s") % {"code": activity.get("code")}
            for sub in activity.get("sub_activities") or []:
                if isinstance(sub, dict):
                    names[str(sub.get("code"))] = _("sub kegiatan %(code)s") % {"code": sub.get("code")}
    return names


def _budget(out: list[str], approved: Row, current: Row) -> None:
    _compare(out, str(_("seluruh anggaran")), approved, current, BUDGET_FIELDS[1:])
    levels = (
        ("programs", "activities", _("program %(code)s")),
        ("activities", "sub_activities", _("kegiatan %(code)s")),
        ("sub_activities", None, _("sub kegiatan %(code)s")),
    )

    def walk(old_rows: Rows | None, new_rows: Rows | None, depth: int) -> None:
        key, children, label = levels[depth]
        old, new = _by(old_rows, "code"), _by(new_rows, "code")
        for code in old:
            if code in new:
                _compare(out, label % {"code": code}, old[code], new[code], BUDGET_FIELDS)
                if children:
                    walk(old[code].get(children), new[code].get(children), depth + 1)

    walk(approved.get("programs"), current.get("programs"), 0)


def _program_results(out: list[str], approved: Rows | None, current: Rows | None) -> None:
    """Programs, kegiatan and sub kegiatan added or removed, renamed, a program's sasaran, and a cumulative
    indicator's own realisation of the year (its figures are told with the other indicators)."""
    levels = (
        ("activities", "program", gettext_lazy("program %(code)s")),
        ("sub_activities", "activity", gettext_lazy("kegiatan %(code)s")),
        (None, "sub_activity", gettext_lazy("sub kegiatan %(code)s")),
    )

    def walk(old_rows: Rows | None, new_rows: Rows | None, depth: int) -> None:
        children, level, label = levels[depth]
        old, new = _by(old_rows, "code"), _by(new_rows, "code")
        for code in _records(out, old, new, lambda code, _row: str(label) % {"code": code}):
            a, b = old[code], new[code]
            owner = str(label) % {"code": code}
            _compare(out, owner, a, b, ("name", "objectives") if depth == 0 else ("name",))
            indicators_a, indicators_b = _by(a.get("indicators"), "code"), _by(b.get("indicators"), "code")
            for indicator in indicators_a:
                ia, ib = indicators_a[indicator], indicators_b.get(indicator)
                if ib is not None and (ia.get("cumulative") or ib.get("cumulative")):
                    _compare(out, _indicator_owner(indicator, level), ia, ib, ("year_realisation",))
            if children:
                walk(a.get(children), b.get(children), depth + 1)

    walk(approved, current, 0)


def _strategic_context(out: list[str], approved: Row, current: Row) -> None:
    """Each sasaran's misi and RPJMD goal, its strategies (by statement) and their arah kebijakan. The misi
    themselves are told with the definitions."""
    old, new = _by(approved.get("objectives"), "code"), _by(current.get("objectives"), "code")
    for code in old:
        if code not in new:
            continue
        _compare(out, _("sasaran %(code)s") % {"code": code}, old[code], new[code], ("mission", "rpjmd_goal"))
        strategies_a = _by(old[code].get("strategies"), "statement")
        strategies_b = _by(new[code].get("strategies"), "statement")

        def name(statement: object, _row: Row, code: object = code) -> str:
            return _("strategi “%(text)s” sasaran %(code)s") % {"text": _short(statement), "code": code}

        for statement in _records(out, strategies_a, strategies_b, name):
            _compare(
                out, name(statement, {}), strategies_a[statement], strategies_b[statement], ("policies",)
            )


def _expenditures(out: list[str], approved: Rows | None, current: Rows | None) -> None:
    """The agency's whole budget, part by part (total, operasi, pegawai, …)."""
    old, new = _by(approved, "part"), _by(current, "part")

    def name(part: object, _row: Row) -> str:
        return str(PARTS.get(str(part), str(part)))

    for part in _records(out, old, new, name):
        _compare(out, name(part, {}), old[part], new[part], EXPENDITURE_FIELDS)


def _spending_groups(out: list[str], approved: Rows | None, current: Rows | None) -> None:
    old, new = _by(approved, "label"), _by(current, "label")

    def name(label: object, _row: Row) -> str:
        return _("realisasi gabungan “%(label)s”") % {"label": _short(label)}

    for label in _records(out, old, new, name):
        _compare(out, name(label, {}), old[label], new[label], ("programs", "ceiling", "spent", "absorption"))


def _progress(out: list[str], approved: Row | None, current: Row | None, names: Mapping[str, str]) -> None:
    """The anggaran kas and the physical progress per quarter, of the whole budget and of each line."""
    what = str(_("anggaran kas dan realisasi fisik per triwulan"))
    if not approved or not current:
        if approved or current:
            out.append(_added(what) if current else _removed(what))
        return

    def quarters(owner: str, old_rows: Rows | None, new_rows: Rows | None) -> None:
        old, new = _by(old_rows, "quarter"), _by(new_rows, "quarter")
        for quarter in sorted(_in_both(old, new), key=str):
            number = int(str(quarter)) if str(quarter).isdigit() else 0
            label = QUARTERS[number - 1] if 1 <= number <= len(QUARTERS) else str(quarter)
            _compare(out, _quarter(owner, label), old.get(quarter), new.get(quarter), PROGRESS_FIELDS)

    quarters(str(_("seluruh anggaran")), approved.get("total"), current.get("total"))
    old, new = _by(approved.get("lines"), "code"), _by(current.get("lines"), "code")

    def name(code: object, _row: Row) -> str:
        return names.get(str(code), str(code))

    for code in _records(
        out, old, new, lambda code, row: _("%(what)s %(owner)s") % {"what": what, "owner": name(code, row)}
    ):
        quarters(name(code, {}), old[code].get("quarters"), new[code].get("quarters"))


def _surveys(out: list[str], approved: Rows | None, current: Rows | None) -> None:
    old, new = _by(approved, "year"), _by(current, "year")
    for year in old:
        if year in new:
            a, b = old[year], new[year]
            owner = _("survei IKM %(year)s") % {"year": year}
            _compare(out, owner, a, b, ("ikm", "skm", "mutu"))
            nrr_a, nrr_b = a.get("nrr") or {}, b.get("nrr") or {}
            for code in list(nrr_a) + [c for c in nrr_b if c not in nrr_a]:
                if nrr_a.get(code) != nrr_b.get(code):
                    out.append(
                        _(
                            "NRR unsur %(code)s survei IKM %(year)s diubah setelah disetujui: %(old)s → %(new)s"
                        )
                        % {
                            "code": code,
                            "year": year,
                            "old": figure_text("nrr", nrr_a.get(code)),
                            "new": figure_text("nrr", nrr_b.get(code)),
                        }
                    )


def _staff(out: list[str], approved: Rows | None, current: Rows | None) -> None:
    """The staff tables (per golongan, education, status, unit), line by line (label)."""
    old, new = _by(approved, "breakdown"), _by(current, "breakdown")

    def table(breakdown: object, _row: Row) -> str:
        return _("tabel pegawai menurut %(breakdown)s") % {
            "breakdown": BREAKDOWNS.get(str(breakdown), str(breakdown))
        }

    for breakdown in _records(out, old, new, table):
        lines_a, lines_b = (
            _by(old[breakdown].get("lines"), "label"),
            _by(new[breakdown].get("lines"), "label"),
        )

        def owner(label: object, _row: Row, breakdown: object = breakdown) -> str:
            return _("%(breakdown)s “%(label)s”") % {
                "breakdown": BREAKDOWNS.get(str(breakdown), str(breakdown)),
                "label": _short(label),
            }

        for label in _records(
            out,
            lines_a,
            lines_b,
            lambda label, row: _("baris pegawai %(owner)s") % {"owner": owner(label, row)},
        ):
            _compare(out, owner(label, {}), lines_a[label], lines_b[label], (("count", "staff_count"),))


def _facilities(out: list[str], approved: Rows | None, current: Rows | None) -> None:
    """The sarana-prasarana lines, by group and name (the second "Sepeda Motor" of a group is its own record)."""
    old = _keyed(approved, lambda row: (row.get("category") or "", row.get("name")))
    new = _keyed(current, lambda row: (row.get("category") or "", row.get("name")))

    def name(key: tuple[Hashable, int], row: Row) -> str:
        text = _("sarana prasarana “%(name)s”") % {"name": _short(row.get("name"))}
        return text if key[1] == 1 else _("%(owner)s ke-%(n)s") % {"owner": text, "n": key[1]}

    for key in _records(out, old, new, name, str(_("tabel sarana prasarana"))):
        _compare(out, name(key, old[key]), old[key], new[key], FACILITY_FIELDS)


def _issues(out: list[str], approved: Rows | None, current: Rows | None) -> None:
    old, new = _by(approved, "issue"), _by(current, "issue")

    def name(issue: object, _row: Row) -> str:
        return _("isu strategis “%(text)s”") % {"text": _short(issue)}

    for issue in _records(out, old, new, name, str(_("tabel isu strategis"))):
        _compare(out, name(issue, {}), old[issue], new[issue], ("cause", "objective_code"))


def _risks(out: list[str], approved: Rows | None, current: Rows | None, fields: Sequence[Field]) -> None:
    old, new = _by(approved, "statement"), _by(current, "statement")

    def name(statement: object, _row: Row) -> str:
        return _("risiko “%(text)s”") % {"text": _short(statement)}

    for statement in _records(out, old, new, name, str(_("daftar risiko"))):
        _compare(out, name(statement, {}), old[statement], new[statement], fields)


def _units(out: list[str], approved: Rows | None, current: Rows | None) -> None:
    """The units of the organisation (by code) and their tugas and fungsi as BAB I prints them."""
    old, new = _by(approved, "code"), _by(current, "code")

    def name(_code: object, row: Row) -> str:
        return _("unit kerja %(name)s") % {"name": _short(row.get("name"))}

    for code in _records(out, old, new, name):
        _compare(out, name(code, old[code]), old[code], new[code], ("name", "duties", "functions"))


def _signing(out: list[str], approved: Row | None, current: Row | None) -> None:
    """The report's date and place, and who signs it."""
    _compare(out, str(_("laporan ini")), approved, current, ("signed_on",))
    _compare(out, str(_("penandatanganan laporan")), approved, current, ("place",))
    _compare(out, str(_("penanda tangan laporan")), approved, current, SIGNATORY_FIELDS)


def _agreements(out: list[str], approved: Row, current: Row) -> None:
    """The signed Perjanjian Kinerja, murni and perubahan (the date of a revision, its parties)."""

    def name(revision: object, _row: Row) -> str:
        return str(AGREEMENTS.get(str(revision), str(revision)))

    for revision in _records(out, approved, current, name):
        _compare(out, name(revision, {}), approved[revision], current[revision], AGREEMENT_FIELDS)


def _definitions(out: list[str], approved: Row, current: Row, levels: Mapping[object, object]) -> None:
    _compare(
        out,
        str(_("Renstra")),
        approved.get("plan"),
        current.get("plan"),
        ("start_year", "end_year", "vision"),
    )
    agency_fields = ("name", "short_name", "address", "website", "head_name", "head_nip", "head_rank")
    _compare(out, str(_("perangkat daerah")), approved.get("agency"), current.get("agency"), agency_fields)
    _compare(
        out,
        str(_("Pemda")),
        approved.get("settings"),
        current.get("settings"),
        ("objective_cap", "ikm_weight", "ikm_scale", "renstra_series"),
    )
    old, new = approved.get("missions") or [], current.get("missions") or []
    for index in range(max(len(old), len(new))):
        a = old[index] if index < len(old) else None
        b = new[index] if index < len(new) else None
        if a != b:
            owner = _("misi ke-%(n)s") % {"n": index + 1}
            out.append(_changed("statement", owner, a, b))
    for kind, label in (("goals", _("tujuan %(code)s")), ("objectives", _("sasaran %(code)s"))):
        old, new = approved.get(kind) or {}, current.get(kind) or {}
        for code in list(old) + [c for c in new if c not in old]:
            if old.get(code) != new.get(code):
                out.append(_changed("statement", label % {"code": code}, old.get(code), new.get(code)))
    old, new = approved.get("indicators") or {}, current.get("indicators") or {}
    fields = ("polarity", "kind", "computation", "cumulative", "multiplier", "formula", "is_key")
    for code in old:
        if code in new:
            _compare(out, _indicator_owner(code, levels.get(code)), old[code], new[code], fields)
    # Issue 18: what the report prints as typed besides its figures; kept by approvals since.
    if "signing" in approved:
        _signing(out, approved["signing"], current.get("signing"))
    if "agreements" in approved:
        _agreements(out, approved["agreements"] or {}, current.get("agreements") or {})
    if "units" in approved:
        _units(out, approved["units"], current.get("units"))


def _profile(out: list[str], approved: Row, current: Row) -> None:
    """The organisation profile: staff tables, sarana-prasarana, strategic issues and the risk register. Each line
    is told from the records kept with the definitions, or, for an approval kept before them, from the totals of
    the report json."""
    definitions_a, definitions_b = approved.get("definitions") or {}, current.get("definitions") or {}
    if "staff" in approved:
        _staff(out, approved["staff"], current.get("staff"))
    if "facilities" in definitions_a:
        _facilities(out, definitions_a["facilities"], definitions_b.get("facilities"))
    elif "facilities" in approved:
        fields: tuple[Field, ...] = (("count", "facility_count"), "total_quantity", "total_value")
        _compare(
            out, str(_("tabel sarana prasarana")), approved["facilities"], current.get("facilities"), fields
        )
    if "issues" in definitions_a:
        _issues(out, definitions_a["issues"], definitions_b.get("issues"))
    if "risks" in definitions_a:
        _risks(out, definitions_a["risks"], definitions_b.get("risks"), RISK_FIELDS)
    elif "risks" in approved:
        _risks(out, approved["risks"], current.get("risks"), (("level", "risk_level"),))


def report_differences(approved: Row, current: Row, limit: int = 60) -> list[str]:
    """Sentences telling each difference between the approved report and today's (empty: none), in a stable
    order: settings and definitions first (a changed polarity explains the changed capaian below it), then the
    indicators, sasaran, programs, budget, surveys and the organisation profile."""
    out: list[str] = []
    for field in ("predicate_scale", "indicator_scale"):
        recorded = field == "predicate_scale" or field in approved  # the second scale: issue 18
        if recorded and approved.get(field) != current.get(field):
            out.append(_changed(field, str(_("Pemda")), approved.get(field), current.get(field)))
    if "series_years" in approved and approved["series_years"] != current.get("series_years"):
        out.append(
            _changed(
                "series_years", str(_("laporan ini")), approved["series_years"], current.get("series_years")
            )
        )
    levels = {
        row.get("code"): row.get("level")
        for rows in (approved.get("indicators"), current.get("indicators"))
        for row in rows or []
        if isinstance(row, dict)
    }
    if "definitions" in approved:  # approvals stored before the definitions were kept have none
        _definitions(out, approved["definitions"], current.get("definitions") or {}, levels)
    if "strategic_context" in approved:
        _strategic_context(out, approved["strategic_context"] or {}, current.get("strategic_context") or {})
    _indicators(out, approved.get("indicators"), current.get("indicators"))
    _objectives(out, approved.get("objectives"), current.get("objectives"))
    if "notes" in (approved.get("definitions") or {}):
        _notes(
            out, approved["definitions"]["notes"] or {}, (current.get("definitions") or {}).get("notes") or {}
        )
    if "program_results" in approved:
        _program_results(out, approved["program_results"], current.get("program_results"))
    _budget(out, approved.get("budget") or {}, current.get("budget") or {})
    if "expenditures" in approved:
        _expenditures(out, approved["expenditures"], current.get("expenditures"))
    if "spending_groups" in approved:
        _spending_groups(out, approved["spending_groups"], current.get("spending_groups"))
    if "progress" in approved:
        names = {
            **_budget_levels(approved.get("budget") or {}),
            **_budget_levels(current.get("budget") or {}),
        }
        _progress(out, approved["progress"], current.get("progress"), names)
    _surveys(out, approved.get("surveys"), current.get("surveys"))
    _profile(out, approved, current)
    out = list(dict.fromkeys(out))  # a field kept both in the figures and in the definitions is told once
    if len(out) > limit:
        rest = len(out) - limit
        out = out[:limit] + [_("… dan %(n)s perubahan lain.") % {"n": rest}]
    return out
