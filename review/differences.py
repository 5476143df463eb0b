"""What changed in a year's report since it was approved, as sentences a reviewer reads (pure).

The approval keeps the year's `sakip-report/1` figures and the definitions the report was built on (review/services.py);
the review page compares them with today's. A difference is told as "Arah indikator R3.1 diubah setelah disetujui:
makin tinggi → makin rendah", figures in Indonesian notation (1.715,5; 98,5 %; Rp 1.250.000), never as a JSON path.
Values in, sentences out: no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.numbers import canonical_str, decimal_places, format_number

if TYPE_CHECKING:  # django-stubs' name for "a str or a lazy translation"; a dev dependency, so never imported
    from django_stubs_ext import StrOrPromise

# Parts of a `sakip-report/1` document as stored (JSON read by key): Any, because their shape is the report
# format's, not a type's.
Row = Mapping[str, Any]
Rows = Sequence[Any]  # _by keeps only the dicts among them

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
}
PERCENT = {"capaian", "renstra_progress", "absorption", "remaining_pct", "efficiency"}
MONEY = {"ceiling", "spent", "remaining"}
YEARS = {"start_year", "end_year"}
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
}
QUARTERS = ("TW I", "TW II", "TW III", "TW IV")
INDICATOR_FIGURES = ("target", "realisation", "capaian", "predicate")
INDICATOR_FIELDS = ("name", "unit", *INDICATOR_FIGURES, "renstra_end_target", "renstra_progress")
BUDGET_FIELDS = ("name", "ceiling", "spent", "absorption", "remaining", "remaining_pct")


def figure_text(field: str, value: object) -> str:
    """A stored value as the report prints it: 1.715,5 · 98,5 % · Rp 1.250.000 · makin tinggi · “teks”."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if field in CHOICES and isinstance(value, str) and value in CHOICES[field]:  # choices are str codes
        return str(CHOICES[field][value])
    text = str(value)
    if field in YEARS or isinstance(value, int):
        return text
    if _NUMBER.match(text):
        number = Decimal(text)
        plain = canonical_str(number)  # 1715.50 → 1715.5: the figure as typed, without padding zeros
        shown = format_number(number, decimal_places(plain))
        if field in PERCENT:
            return f"{shown}\N{NO-BREAK SPACE}%"
        if field in MONEY:
            return f"Rp\N{NO-BREAK SPACE}{shown}"
        return shown
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


def _compare(out: list[str], owner: str, old: Row | None, new: Row | None, fields: Iterable[str]) -> None:
    old, new = old or {}, new or {}
    for field in fields:
        if old.get(field) != new.get(field):
            out.append(_changed(field, owner, old.get(field), new.get(field)))


def _by(rows: Rows | None, key: str) -> dict[object, Row]:
    return {row.get(key): row for row in rows or [] if isinstance(row, dict)}


def _added_removed(
    out: list[str], old: dict[object, Row], new: dict[object, Row], added: str, removed: str
) -> list[object]:
    for code in old:
        if code not in new:
            out.append(removed % {"code": code})
    for code in new:
        if code not in old:
            out.append(added % {"code": code})
    return [code for code in old if code in new]


def _indicators(out: list[str], approved: Rows | None, current: Rows | None) -> None:
    old, new = _by(approved, "code"), _by(current, "code")
    common = _added_removed(
        out,
        old,
        new,
        _("Indikator %(code)s ditambahkan setelah disetujui"),
        _("Indikator %(code)s dihapus setelah disetujui"),
    )
    for code in common:
        a, b = old[code], new[code]
        owner = _("indikator %(code)s") % {"code": code}
        _compare(out, owner, a, b, INDICATOR_FIELDS)
        history_a, history_b = a.get("history") or {}, b.get("history") or {}
        for year in sorted(set(history_a) | set(history_b)):
            when = _("indikator %(code)s tahun %(year)s") % {"code": code, "year": year}
            _compare(out, when, history_a.get(year), history_b.get(year), INDICATOR_FIGURES)
        quarters_a, quarters_b = a.get("quarters") or [], b.get("quarters") or []
        for index, label in enumerate(QUARTERS):
            qa = quarters_a[index] if index < len(quarters_a) else None
            qb = quarters_b[index] if index < len(quarters_b) else None
            when = _("indikator %(code)s %(quarter)s") % {"code": code, "quarter": label}
            _compare(out, when, qa, qb, INDICATOR_FIGURES)


def _objectives(out: list[str], approved: Rows | None, current: Rows | None) -> None:
    old, new = _by(approved, "code"), _by(current, "code")
    for code in old:
        if code in new:
            owner = _("sasaran %(code)s") % {"code": code}
            _compare(
                out, owner, old[code], new[code], ("capaian", "predicate", *BUDGET_FIELDS[1:], "efficiency")
            )


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


def _definitions(out: list[str], approved: Row, current: Row) -> None:
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
            _compare(out, _("indikator %(code)s") % {"code": code}, old[code], new[code], fields)


def report_differences(approved: Row, current: Row, limit: int = 60) -> list[str]:
    """Sentences telling each difference between the approved report and today's (empty: none)."""
    out: list[str] = []
    if approved.get("predicate_scale") != current.get("predicate_scale"):
        out.append(
            _changed(
                "predicate_scale",
                str(_("Pemda")),
                approved.get("predicate_scale"),
                current.get("predicate_scale"),
            )
        )
    # Definitions first: a changed polarity explains the changed capaian below it.
    if "definitions" in approved:  # approvals stored before the definitions were kept have none
        _definitions(out, approved["definitions"], current.get("definitions") or {})
    _indicators(out, approved.get("indicators"), current.get("indicators"))
    _objectives(out, approved.get("objectives"), current.get("objectives"))
    _budget(out, approved.get("budget") or {}, current.get("budget") or {})
    _surveys(out, approved.get("surveys"), current.get("surveys"))
    if len(out) > limit:
        rest = len(out) - limit
        out = out[:limit] + [_("… dan %(n)s perubahan lain.") % {"n": rest}]
    return out
