"""Which urusan (bidang urusan) a program belongs to, read off its code (pure).

Permendagri 90/2019 numbers a program "U.BB.PP": the urusan type (1 wajib pelayanan dasar, 2 wajib non-dasar,
3 pilihan, 4–8 the supporting and general affairs) and the two-digit bidang, then the program ("2.17.02" is a
program of bidang urusan 2.17, Koperasi, Usaha Kecil dan Menengah). The support programs every agency has are
numbered under its own urusan ("2.17.01") or under "X.XX" (penunjang urusan, any urusan). A code in another
scheme (Permendagri 13/2006, "1.2.11.1.2.11.01.01") or none at all has no urusan this rule can read: it is
grouped under `UNKNOWN`, printed as such, never guessed.
"""

from __future__ import annotations

import re

UNKNOWN = ""  # the key of programs whose code names no urusan
SUPPORT = "X.XX"
_CODE = re.compile(r"^(?P<urusan>[1-8]\.\d{2}|X\.XX)(?:\.|$)", re.IGNORECASE)

# Permendagri 90/2019, lampiran I: the bidang urusan and the supporting affairs.
NAMES: dict[str, str] = {
    "1.01": "Pendidikan",
    "1.02": "Kesehatan",
    "1.03": "Pekerjaan Umum dan Penataan Ruang",
    "1.04": "Perumahan Rakyat dan Kawasan Permukiman",
    "1.05": "Ketenteraman dan Ketertiban Umum serta Perlindungan Masyarakat",
    "1.06": "Sosial",
    "2.07": "Tenaga Kerja",
    "2.08": "Pemberdayaan Perempuan dan Perlindungan Anak",
    "2.09": "Pangan",
    "2.10": "Pertanahan",
    "2.11": "Lingkungan Hidup",
    "2.12": "Administrasi Kependudukan dan Pencatatan Sipil",
    "2.13": "Pemberdayaan Masyarakat dan Desa",
    "2.14": "Pengendalian Penduduk dan Keluarga Berencana",
    "2.15": "Perhubungan",
    "2.16": "Komunikasi dan Informatika",
    "2.17": "Koperasi, Usaha Kecil, dan Menengah",
    "2.18": "Penanaman Modal",
    "2.19": "Kepemudaan dan Olahraga",
    "2.20": "Statistik",
    "2.21": "Persandian",
    "2.22": "Kebudayaan",
    "2.23": "Perpustakaan",
    "2.24": "Kearsipan",
    "3.25": "Kelautan dan Perikanan",
    "3.26": "Pariwisata",
    "3.27": "Pertanian",
    "3.28": "Kehutanan",
    "3.29": "Energi dan Sumber Daya Mineral",
    "3.30": "Perdagangan",
    "3.31": "Perindustrian",
    "3.32": "Transmigrasi",
    "4.01": "Sekretariat Daerah",
    "4.02": "Sekretariat DPRD",
    "5.01": "Perencanaan",
    "5.02": "Keuangan",
    "5.03": "Kepegawaian",
    "5.04": "Pendidikan dan Pelatihan",
    "5.05": "Penelitian dan Pengembangan",
    "6.01": "Inspektorat Daerah",
    "7.01": "Kecamatan",
    "8.01": "Kesatuan Bangsa dan Politik",
    SUPPORT: "Penunjang Urusan Pemerintahan Daerah",
}
UNKNOWN_NAME = "Program tanpa kode urusan (Permendagri 90/2019)"


def urusan_of(program_code: str) -> str:
    """The bidang urusan of a program ("2.17" of "2.17.02"), `SUPPORT` for "X.XX…", `UNKNOWN` when the code
    follows no Permendagri 90 numbering."""
    found = _CODE.match(program_code.strip())
    if found is None:
        return UNKNOWN
    return found["urusan"].upper()


def urusan_name(key: str) -> str:
    if key == UNKNOWN:
        return UNKNOWN_NAME
    return NAMES.get(key, f"Urusan {key}")


def sort_key(key: str) -> tuple[int, str]:
    """Numbered urusan in code order, then the support programs, then the programs without an urusan."""
    return (2 if key == UNKNOWN else 1 if key == SUPPORT else 0, key)
