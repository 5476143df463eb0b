"""The narrative sections of an LKjIP, in report order: the planner types them, the report prints them.

Keys follow the interchange format (`^[a-z][a-z0-9_]*$`). Each sasaran has its own analysis section.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # names for annotations only (django_stubs_ext is a dev dependency)
    from django_stubs_ext import StrOrPromise  # django-stubs' name for "a str or a lazy translation"

    from indicators.models import Objective


@dataclass(frozen=True)
class Section:
    key: str
    # Lazy translations, made at import and rendered in the language of each request.
    title: StrOrPromise
    chapter: StrOrPromise
    help: StrOrPromise = ""


SECTIONS_BEFORE_ANALYSIS = (
    Section("kata_pengantar", _("Kata Pengantar"), _("Pembuka")),
    Section(
        "ikhtisar_eksekutif",
        _("Ikhtisar Eksekutif"),
        _("Pembuka"),
        _("Ditambahkan setelah ringkasan otomatis."),
    ),
    Section("latar_belakang", _("Latar Belakang"), _("BAB I Pendahuluan")),
    Section("maksud_tujuan", _("Maksud dan Tujuan"), _("BAB I Pendahuluan")),
    Section("dasar_hukum", _("Dasar Hukum"), _("BAB I Pendahuluan"), _("Satu peraturan per baris.")),
    Section("struktur_organisasi", _("Tugas, Fungsi dan Struktur Organisasi"), _("BAB I Pendahuluan")),
    Section("sumber_daya", _("Sumber Daya"), _("BAB I Pendahuluan")),
    Section("isu_strategis", _("Isu Strategis"), _("BAB I Pendahuluan")),
    Section("sistematika", _("Sistematika Penyajian"), _("BAB I Pendahuluan")),
)
SECTIONS_AFTER_ANALYSIS = (
    Section("anggaran", _("Realisasi Anggaran"), _("BAB III Akuntabilitas Kinerja")),
    Section("penutup", _("Penutup"), _("BAB IV Penutup")),
)


def objective_section_key(code: str) -> str:
    """The analysis section of a sasaran: "S1" → "analisis_s1", "1.2" → "analisis_1_2"."""
    return "analisis_" + re.sub(r"[^a-z0-9]+", "_", code.lower()).strip("_")


def report_sections(objectives: Iterable[Objective]) -> list[Section]:
    """Every section of the report for a plan's sasaran (objects with `code` and `statement`)."""
    analyses = [
        Section(
            objective_section_key(o.code),
            _("Analisis capaian sasaran %(code)s") % {"code": o.code},
            _("BAB III Akuntabilitas Kinerja"),
            o.statement,
        )
        for o in objectives
    ]
    return [*SECTIONS_BEFORE_ANALYSIS, *analyses, *SECTIONS_AFTER_ANALYSIS]
