"""A synthetic Pemda for demos and benchmarks: `sakip-dataset/2` documents, one per agency, from a seed.

Pure: values in, dicts out. Every random choice comes from a `random.Random` seeded from the command's seed and
the agency's slug (never the global generator, never today's date), so the same arguments give the same
documents, and an agency's data does not depend on how many agencies are asked for (only which agencies are late
or lack targets does). The documents go through the
ordinary importer (`interchange.dataset.writing.dataset_import`), so they obey every rule it enforces.

The figures are plausible rather than real: targets that move towards the plan's last year, realisations whose
capaian is mostly 80–110 % with a few outliers, Rencana Aksi quarters that add up to the year (counts) or climb to
it (rates), budget lines whose spending stays under the pagu. Some agencies are late (the latest quarter not
reported) and a few lack some targets of the latest year, as in a real Pemda.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

FORMAT = "sakip-dataset/2"
PLAN_YEARS = 5
MIN_INDICATORS, MAX_INDICATORS = 30, 60
MIN_BUDGET_ROWS, MAX_BUDGET_ROWS = 40, 80
LATE_SHARE = Decimal("0.1")  # agencies whose latest quarter is missing
MISSING_TARGETS_SHARE = Decimal("0.06")  # agencies with some targets of the latest year missing
OUTLIER_CHANCE = 0.04  # an indicator-year whose capaian falls far outside 80–110 %
CENT = Decimal("0.01")
Document = dict[str, Any]  # a part of a dataset document, as JSON gives it
LOWER_WORDS = frozenset({"dan", "yang", "di", "terhadap", "atas", "dalam", "untuk"})
SUBS_PER_ACTIVITY = 6  # at most, in the OPD's own kegiatan; fewer than SUB_ACTIVITY_VERBS


@dataclass(frozen=True)
class PemdaSpec:
    """What to generate: the Pemda, how many agencies, the years reported (the Renstra starts with the first)
    and the last quarter reported in the last year."""

    code: str
    name: str
    agencies: int
    first_year: int
    last_year: int
    seed: int
    level: str = "kabupaten"
    quarter: int = 4

    @property
    def plan_years(self) -> range:
        return range(self.first_year, self.first_year + PLAN_YEARS)

    @property
    def reported_years(self) -> range:
        return range(self.first_year, self.last_year + 1)


@dataclass(frozen=True)
class SyntheticAgency:
    """One agency's dataset and how it was made incomplete (for the command's summary line)."""

    code: str
    dataset: Document
    late: bool = False
    missing_targets: int = 0


def spec_problems(spec: PemdaSpec) -> list[str]:
    """What is wrong with a spec, as messages in Indonesian / English (empty when it can be generated)."""
    problems = []
    if not 1 <= spec.agencies <= max_agencies():
        problems.append(
            f"jumlah perangkat daerah harus 1–{max_agencies()} / the number of agencies must be 1–{max_agencies()}"
        )
    if spec.last_year < spec.first_year or spec.last_year >= spec.first_year + PLAN_YEARS:
        problems.append(
            f"rentang tahun harus 1–{PLAN_YEARS} tahun dalam satu periode Renstra / the years must be 1–"
            f"{PLAN_YEARS} years of one Renstra period"
        )
    if not 1900 <= spec.first_year <= 2999 - PLAN_YEARS:
        problems.append("tahun di luar rentang / year out of range")
    if not 1 <= spec.quarter <= 4:
        problems.append("triwulan harus 1–4 / the quarter must be 1–4")
    return problems


def max_agencies() -> int:
    return len(AGENCIES) + len(DISTRICTS)


def pemda_datasets(spec: PemdaSpec) -> list[SyntheticAgency]:
    """One `sakip-dataset/2` document per agency of the synthetic Pemda, in catalogue order."""
    problems = spec_problems(spec)
    if problems:
        raise ValueError("; ".join(problems))
    profiles = _profiles(spec.agencies)
    chooser = random.Random(f"{spec.seed}:{spec.code}:incomplete")
    indexes = list(range(spec.agencies))
    late = set(chooser.sample(indexes, _share(spec.agencies, LATE_SHARE)))
    missing = set(chooser.sample(indexes, _share(spec.agencies, MISSING_TARGETS_SHARE)))
    return [
        _Agency(spec, profile, late=k in late, missing_targets=k in missing).build()
        for k, profile in enumerate(profiles)
    ]


def _share(n: int, share: Decimal) -> int:
    return int((n * share).quantize(Decimal(1), rounding=ROUND_HALF_UP))


# --- the catalogue ------------------------------------------------------------------------------------------
# fmt: off


@dataclass(frozen=True)
class Profile:
    """An OPD of the catalogue: its slug, names, urusan code, field, programs and the things its indicators
    count (noun, unit)."""

    slug: str
    name: str
    short_name: str
    urusan: str
    field: str
    programs: tuple[str, ...]
    subjects: tuple[tuple[str, str], ...]


def _p(
    slug: str,
    name: str,
    short: str,
    urusan: str,
    field_: str,
    programs: list[str],
    subjects: list[tuple[str, str]],
) -> Profile:
    return Profile(slug, name, short, urusan, field_, tuple(programs), tuple(subjects))


AGENCIES: tuple[Profile, ...] = (
    _p("disdik", "Dinas Pendidikan", "DISDIK", "1.01", "mutu pendidikan",
       ["Program Pengelolaan Pendidikan", "Program Pengembangan Kurikulum", "Program Pendidik dan Tenaga Kependidikan"],
       [("satuan pendidikan", "sekolah"), ("peserta didik", "orang"), ("pendidik", "orang"),
        ("ruang kelas", "ruang"), ("lembaga PAUD", "lembaga")]),
    _p("dinkes", "Dinas Kesehatan", "DINKES", "1.02", "derajat kesehatan masyarakat",
       ["Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
        "Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan",
        "Program Sediaan Farmasi, Alat Kesehatan dan Makanan Minuman"],
       [("puskesmas", "puskesmas"), ("ibu hamil", "orang"), ("balita", "orang"), ("tenaga kesehatan", "orang"),
        ("posyandu", "posyandu")]),
    _p("dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", "1.03", "infrastruktur daerah",
       ["Program Penyelenggaraan Jalan", "Program Pengelolaan Sumber Daya Air", "Program Penataan Bangunan Gedung"],
       [("ruas jalan", "ruas"), ("jembatan", "unit"), ("jaringan irigasi", "daerah irigasi"),
        ("drainase", "titik"), ("bangunan gedung", "unit")]),
    _p("disperkim", "Dinas Perumahan dan Kawasan Permukiman", "DISPERKIM", "1.04", "kualitas permukiman",
       ["Program Pengembangan Perumahan", "Program Kawasan Permukiman", "Program Peningkatan Prasarana, Sarana dan Utilitas Umum"],
       [("rumah tidak layak huni", "unit"), ("kawasan kumuh", "hektar"), ("penerangan jalan umum", "titik"),
        ("taman permukiman", "unit"), ("pemakaman umum", "lokasi")]),
    _p("satpolpp", "Satuan Polisi Pamong Praja", "SATPOL PP", "1.05", "ketenteraman dan ketertiban umum",
       ["Program Peningkatan Ketenteraman dan Ketertiban Umum", "Program Penegakan Peraturan Daerah"],
       [("pelanggaran perda", "kasus"), ("operasi penertiban", "kegiatan"), ("personel linmas", "orang"),
        ("pengaduan ketertiban", "pengaduan"), ("patroli wilayah", "kegiatan")]),
    _p("bpbd", "Badan Penanggulangan Bencana Daerah", "BPBD", "1.05", "ketangguhan terhadap bencana",
       ["Program Penanggulangan Bencana", "Program Pencegahan dan Kesiapsiagaan Bencana"],
       [("desa tangguh bencana", "desa"), ("korban bencana", "orang"), ("kejadian bencana", "kejadian"),
        ("relawan bencana", "orang"), ("rambu rawan bencana", "unit")]),
    _p("dinsos", "Dinas Sosial", "DINSOS", "1.06", "kesejahteraan sosial",
       ["Program Rehabilitasi Sosial", "Program Perlindungan dan Jaminan Sosial", "Program Pemberdayaan Sosial"],
       [("penyandang masalah kesejahteraan sosial", "orang"), ("keluarga penerima manfaat", "KK"),
        ("anak terlantar", "orang"), ("lanjut usia terlantar", "orang"), ("potensi sumber kesejahteraan sosial", "orang")]),
    _p("disnaker", "Dinas Tenaga Kerja", "DISNAKER", "2.07", "kualitas dan perlindungan tenaga kerja",
       ["Program Pelatihan Kerja dan Produktivitas Tenaga Kerja", "Program Penempatan Tenaga Kerja",
        "Program Hubungan Industrial"],
       [("pencari kerja", "orang"), ("peserta pelatihan kerja", "orang"), ("perusahaan", "perusahaan"),
        ("perselisihan hubungan industrial", "kasus"), ("lowongan kerja", "lowongan")]),
    _p("dp3a", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3A", "2.08", "perlindungan perempuan dan anak",
       ["Program Pengarusutamaan Gender dan Pemberdayaan Perempuan", "Program Perlindungan Khusus Anak"],
       [("kasus kekerasan terhadap perempuan", "kasus"), ("kasus kekerasan terhadap anak", "kasus"),
        ("kelompok perempuan", "kelompok"), ("forum anak", "forum"), ("sekolah ramah anak", "sekolah")]),
    _p("dkpp", "Dinas Ketahanan Pangan", "DKP", "2.09", "ketahanan pangan",
       ["Program Peningkatan Diversifikasi dan Ketahanan Pangan Masyarakat", "Program Pengawasan Keamanan Pangan"],
       [("cadangan pangan", "ton"), ("kelompok wanita tani", "kelompok"), ("sampel pangan segar", "sampel"),
        ("lumbung pangan", "unit"), ("pekarangan pangan lestari", "lokasi")]),
    _p("dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", "2.18", "iklim investasi",
       ["Program Pelayanan Penanaman Modal", "Program Promosi Penanaman Modal"],
       [("perizinan", "izin"), ("investor", "investor"), ("pengaduan perizinan", "pengaduan"),
        ("pelaku usaha", "pelaku usaha"), ("nilai investasi", "proyek")]),
    _p("dlh", "Dinas Lingkungan Hidup", "DLH", "2.11", "kualitas lingkungan hidup",
       ["Program Pengendalian Pencemaran dan Kerusakan Lingkungan Hidup", "Program Pengelolaan Persampahan",
        "Program Pengelolaan Keanekaragaman Hayati"],
       [("timbulan sampah", "ton"), ("bank sampah", "unit"), ("usaha wajib dokumen lingkungan", "usaha"),
        ("titik pantau kualitas air", "titik"), ("ruang terbuka hijau", "hektar")]),
    _p("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "DISDUKCAPIL", "2.12", "tertib administrasi kependudukan",
       ["Program Pendaftaran Penduduk", "Program Pencatatan Sipil", "Program Pengelolaan Informasi Administrasi Kependudukan"],
       [("penduduk wajib KTP-el", "orang"), ("akta kelahiran", "akta"), ("kartu identitas anak", "keping"),
        ("kartu keluarga", "dokumen"), ("akta kematian", "akta")]),
    _p("dpmd", "Dinas Pemberdayaan Masyarakat dan Desa", "DPMD", "2.13", "kemandirian desa",
       ["Program Penataan Desa", "Program Administrasi Pemerintahan Desa", "Program Pemberdayaan Lembaga Kemasyarakatan"],
       [("desa mandiri", "desa"), ("BUMDes", "unit"), ("aparatur desa", "orang"),
        ("lembaga kemasyarakatan desa", "lembaga"), ("dokumen RPJMDes", "dokumen")]),
    _p("dppkb", "Dinas Pengendalian Penduduk dan Keluarga Berencana", "DPPKB", "2.14", "kualitas keluarga",
       ["Program Pembinaan Keluarga Berencana", "Program Pemberdayaan dan Peningkatan Keluarga Sejahtera"],
       [("peserta KB aktif", "orang"), ("kampung KB", "kampung"), ("penyuluh KB", "orang"),
        ("keluarga berisiko stunting", "keluarga"), ("kelompok bina keluarga balita", "kelompok")]),
    _p("dishub", "Dinas Perhubungan", "DISHUB", "2.15", "keselamatan dan kelancaran transportasi",
       ["Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan"],
       [("rambu lalu lintas", "unit"), ("kendaraan wajib uji", "kendaraan"), ("halte", "unit"),
        ("titik rawan kecelakaan", "titik"), ("trayek angkutan umum", "trayek")]),
    _p("diskominfo", "Dinas Komunikasi dan Informatika", "DISKOMINFO", "2.16", "tata kelola informasi publik",
       ["Program Informasi dan Komunikasi Publik", "Program Aplikasi Informatika"],
       [("aplikasi layanan publik", "aplikasi"), ("perangkat daerah terhubung jaringan", "OPD"),
        ("informasi publik", "informasi"), ("siaran pers", "rilis"), ("titik akses internet publik", "titik")]),
    _p("dinkopukm", "Dinas Koperasi dan Usaha Kecil Menengah", "DINKOP UKM", "2.17", "daya saing koperasi dan UMKM",
       ["Program Pengawasan dan Pemeriksaan Koperasi", "Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro"],
       [("koperasi aktif", "koperasi"), ("usaha mikro", "unit"), ("wirausaha baru", "orang"),
        ("produk UMKM bersertifikat", "produk"), ("pengurus koperasi", "orang")]),
    _p("dispora", "Dinas Kepemudaan dan Olahraga", "DISPORA", "2.19", "prestasi pemuda dan olahraga",
       ["Program Pengembangan Kapasitas Daya Saing Kepemudaan", "Program Pengembangan Daya Saing Keolahragaan"],
       [("organisasi kepemudaan", "organisasi"), ("atlet berprestasi", "orang"), ("sarana olahraga", "unit"),
        ("wirausaha muda", "orang"), ("event olahraga", "event")]),
    _p("disbudpar", "Dinas Kebudayaan dan Pariwisata", "DISBUDPAR", "3.26", "daya tarik budaya dan pariwisata",
       ["Program Peningkatan Daya Tarik Destinasi Pariwisata", "Program Pengembangan Kebudayaan",
        "Program Pemasaran Pariwisata"],
       [("kunjungan wisatawan", "kunjungan"), ("destinasi wisata", "destinasi"), ("cagar budaya", "objek"),
        ("sanggar seni", "sanggar"), ("pelaku ekonomi kreatif", "orang")]),
    _p("dispusip", "Dinas Perpustakaan dan Kearsipan", "DISPUSIP", "2.23", "budaya literasi dan tertib arsip",
       ["Program Pembinaan Perpustakaan", "Program Pengelolaan Arsip"],
       [("pemustaka", "orang"), ("koleksi buku", "eksemplar"), ("perpustakaan desa", "unit"),
        ("arsip statis", "berkas"), ("perangkat daerah tertib arsip", "OPD")]),
    _p("diskan", "Dinas Perikanan", "DISKAN", "3.25", "produksi perikanan",
       ["Program Pengelolaan Perikanan Budidaya", "Program Pengolahan dan Pemasaran Hasil Perikanan"],
       [("pembudidaya ikan", "orang"), ("produksi ikan", "ton"), ("kelompok pengolah ikan", "kelompok"),
        ("benih ikan", "ekor"), ("kolam budidaya", "unit")]),
    _p("distan", "Dinas Pertanian", "DISTAN", "3.27", "produktivitas pertanian",
       ["Program Penyediaan dan Pengembangan Sarana Pertanian", "Program Penyuluhan Pertanian",
        "Program Pengendalian Kesehatan Hewan dan Kesehatan Masyarakat Veteriner"],
       [("kelompok tani", "kelompok"), ("lahan sawah", "hektar"), ("penyuluh pertanian", "orang"),
        ("ternak divaksin", "ekor"), ("alat mesin pertanian", "unit")]),
    _p("disperindag", "Dinas Perindustrian dan Perdagangan", "DISPERINDAG", "3.30", "daya saing industri dan perdagangan",
       ["Program Perizinan dan Pendaftaran Perusahaan", "Program Peningkatan Sarana Distribusi Perdagangan",
        "Program Pengembangan Industri"],
       [("pasar rakyat", "pasar"), ("industri kecil menengah", "unit"), ("alat ukur ditera", "unit"),
        ("pedagang pasar", "orang"), ("harga bahan pokok dipantau", "komoditas")]),
    _p("bappeda", "Badan Perencanaan Pembangunan Daerah", "BAPPEDA", "5.01", "kualitas perencanaan pembangunan",
       ["Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah", "Program Penelitian dan Pengembangan Daerah"],
       [("dokumen perencanaan", "dokumen"), ("kajian pembangunan", "kajian"), ("inovasi daerah", "inovasi"),
        ("usulan musrenbang", "usulan"), ("data pembangunan", "set data")]),
    _p("bpkad", "Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "5.02", "akuntabilitas keuangan daerah",
       ["Program Pengelolaan Keuangan Daerah", "Program Pengelolaan Barang Milik Daerah"],
       [("laporan keuangan", "laporan"), ("surat perintah pencairan dana", "dokumen"),
        ("aset bersertifikat", "bidang"), ("temuan pemeriksaan keuangan", "temuan"), ("bendahara", "orang")]),
    _p("bapenda", "Badan Pendapatan Daerah", "BAPENDA", "5.02", "pendapatan asli daerah",
       ["Program Pengelolaan Pendapatan Daerah"],
       [("wajib pajak", "wajib pajak"), ("objek pajak", "objek"), ("tunggakan pajak", "berkas"),
        ("layanan pajak daring", "layanan"), ("pemeriksaan pajak", "kegiatan")]),
    _p("bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", "5.03", "profesionalitas aparatur",
       ["Program Kepegawaian Daerah", "Program Pengembangan Sumber Daya Manusia"],
       [("aparatur sipil negara", "orang"), ("diklat aparatur", "angkatan"), ("jabatan terisi", "jabatan"),
        ("layanan kepegawaian", "layanan"), ("penilaian kinerja pegawai", "dokumen")]),
    _p("inspektorat", "Inspektorat", "INSPEKTORAT", "6.01", "kualitas pengawasan internal",
       ["Program Penyelenggaraan Pengawasan", "Program Perumusan Kebijakan, Pendampingan dan Asistensi"],
       [("objek pemeriksaan", "objek"), ("rekomendasi hasil pemeriksaan", "rekomendasi"),
        ("laporan hasil pemeriksaan", "laporan"), ("reviu dokumen", "dokumen"), ("pengaduan masyarakat", "pengaduan")]),
    _p("setda", "Sekretariat Daerah", "SETDA", "4.01", "kualitas tata kelola pemerintahan",
       ["Program Pemerintahan dan Kesejahteraan Rakyat", "Program Perekonomian dan Pembangunan",
        "Program Administrasi Pemerintahan"],
       [("produk hukum daerah", "dokumen"), ("perangkat daerah dievaluasi", "OPD"), ("kerja sama daerah", "naskah"),
        ("pengadaan barang dan jasa", "paket"), ("layanan protokol", "kegiatan")]),
    _p("setwan", "Sekretariat DPRD", "SETWAN", "4.02", "dukungan terhadap fungsi DPRD",
       ["Program Dukungan Pelaksanaan Tugas dan Fungsi DPRD"],
       [("rapat paripurna", "rapat"), ("peraturan daerah ditetapkan", "perda"), ("reses anggota DPRD", "kegiatan"),
        ("aspirasi masyarakat", "aspirasi"), ("kunjungan kerja", "kegiatan")]),
    _p("kesbangpol", "Badan Kesatuan Bangsa dan Politik", "KESBANGPOL", "8.01", "kerukunan dan wawasan kebangsaan",
       ["Program Penguatan Ideologi Pancasila dan Karakter Kebangsaan", "Program Pemberdayaan dan Pengawasan Organisasi Kemasyarakatan"],
       [("organisasi kemasyarakatan", "ormas"), ("forum kerukunan", "forum"), ("potensi konflik", "kasus"),
        ("peserta wawasan kebangsaan", "orang"), ("partai politik", "partai")]),
    _p("rsud", "Rumah Sakit Umum Daerah", "RSUD", "1.02", "mutu pelayanan rumah sakit",
       ["Program Pemenuhan Upaya Kesehatan Perorangan", "Program Peningkatan Mutu Pelayanan Rumah Sakit"],
       [("pasien rawat inap", "orang"), ("tempat tidur", "unit"), ("dokter spesialis", "orang"),
        ("pasien rawat jalan", "orang"), ("alat kesehatan", "unit")]),
    _p("disdamkar", "Dinas Pemadam Kebakaran dan Penyelamatan", "DAMKAR", "1.05", "perlindungan dari kebakaran",
       ["Program Penanggulangan Kebakaran"],
       [("kejadian kebakaran", "kejadian"), ("pos pemadam kebakaran", "pos"), ("armada pemadam", "unit"),
        ("petugas pemadam", "orang"), ("hidran", "unit")]),
)

# Kecamatan fill the list beyond the dinas and badan, as in a real kabupaten.
DISTRICTS: tuple[str, ...] = (
    "Sukamaju", "Mekarsari", "Cibodas", "Sindangsari", "Karangjaya", "Tanjungsari", "Sukaresmi", "Margahayu",
    "Pasirjaya", "Cikarang Baru", "Bojongsari", "Sumberjaya", "Kertajaya", "Wanasari", "Mulyasari",
    "Sukamulya", "Jatiluhur", "Gunungsari", "Rawamekar", "Cipanas Hilir", "Tegalwaru", "Mandalawangi",
    "Parungpanjang", "Sukatani", "Cijambe", "Bantarjaya", "Pagerwangi", "Kadumanggu", "Sirnagalih", "Lebakwangi",
    "Suradita", "Pamulihan", "Cibeber", "Talagasari", "Sindangjaya", "Karanganyar", "Setiamulya", "Banjarsari",
    "Situraja", "Wanayasa",
)
DISTRICT_PROGRAMS = (
    "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
    "Program Pemberdayaan Masyarakat Desa dan Kelurahan",
    "Program Koordinasi Ketenteraman dan Ketertiban Umum",
)
DISTRICT_SUBJECTS = (
    ("pelayanan administrasi terpadu kecamatan", "layanan"),
    ("desa", "desa"),
    ("lembaga kemasyarakatan", "lembaga"),
    ("kegiatan ketenteraman dan ketertiban", "kegiatan"),
    ("kelompok masyarakat", "kelompok"),
)


def _profiles(n: int) -> list[Profile]:
    profiles = list(AGENCIES[:n])
    for district in DISTRICTS[: max(0, n - len(AGENCIES))]:
        slug = "kec-" + district.lower().replace(" ", "-")
        profiles.append(
            Profile(
                slug,
                f"Kecamatan {district}",
                f"KEC. {district.upper()}",
                "7.01",
                f"pelayanan masyarakat Kecamatan {district}",
                DISTRICT_PROGRAMS,
                DISTRICT_SUBJECTS,
            )
        )
    return profiles


# The program every OPD has (Permendagri 90/2019), with its kegiatan and sub kegiatan as the nomenclature names them.
SUPPORT_PROGRAM = "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
SUPPORT_ACTIVITIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", (
        "Penyusunan Dokumen Perencanaan Perangkat Daerah",
        "Koordinasi dan Penyusunan Dokumen RKA-SKPD",
        "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD",
        "Evaluasi Kinerja Perangkat Daerah",
    )),
    ("2.02", "Administrasi Keuangan Perangkat Daerah", (
        "Penyediaan Gaji dan Tunjangan ASN",
        "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD",
        "Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD",
    )),
    ("2.06", "Administrasi Umum Perangkat Daerah", (
        "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor",
        "Penyediaan Peralatan dan Perlengkapan Kantor",
        "Penyediaan Bahan Logistik Kantor",
        "Penyediaan Barang Cetakan dan Penggandaan",
        "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
    )),
    ("2.08", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", (
        "Penyediaan Jasa Surat Menyurat",
        "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
        "Penyediaan Jasa Pelayanan Umum Kantor",
    )),
    ("2.09", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah", (
        "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, dan Pajak Kendaraan Perorangan Dinas",
        "Pemeliharaan Peralatan dan Mesin Lainnya",
        "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya",
    )),
)
ACTIVITY_VERBS = (
    "Pengelolaan", "Pembinaan", "Penyediaan", "Peningkatan Kualitas", "Pengembangan", "Fasilitasi",
    "Pengawasan", "Penyelenggaraan", "Pendataan dan Pemetaan",
)
SUB_ACTIVITY_VERBS = (
    "Pendataan", "Sosialisasi", "Monitoring dan Evaluasi", "Pelatihan Pengelola", "Koordinasi dan Sinkronisasi",
    "Pengadaan Sarana", "Pemeliharaan Sarana", "Penyusunan Kajian", "Pendampingan", "Penyediaan Layanan",
    "Verifikasi dan Validasi Data", "Publikasi dan Diseminasi",
)

# Indicator names per kind: (template, polarity). Rates are readings (quarters: level), counts add up (increment).
PERCENT_TEMPLATES: tuple[tuple[str, str], ...] = (
    ("Persentase {s} yang memenuhi standar", "higher"),
    ("Persentase {s} yang terlayani", "higher"),
    ("Persentase cakupan {s}", "higher"),
    ("Persentase {s} dalam kondisi baik", "higher"),
    ("Persentase {s} yang terdata dalam sistem informasi", "higher"),
    ("Tingkat kepuasan masyarakat terhadap layanan {s}", "higher"),
    ("Persentase {s} yang dibina secara berkala", "higher"),
    ("Persentase {s} dalam kondisi rusak", "lower"),
    ("Persentase pengaduan terkait {s} yang belum ditindaklanjuti", "lower"),
    ("Persentase temuan pemeriksaan atas {s}", "lower"),
)
COUNT_TEMPLATES: tuple[tuple[str, str], ...] = (
    ("Jumlah {s} yang dibina", "higher"),
    ("Jumlah {s} yang difasilitasi", "higher"),
    ("Jumlah {s} yang ditangani", "higher"),
    ("Jumlah {s} yang terverifikasi", "higher"),
    ("Jumlah {s} yang mendapat pendampingan", "higher"),
    ("Jumlah pengaduan terkait {s}", "lower"),
)
DOCUMENT_TEMPLATES: tuple[str, ...] = (
    "Jumlah dokumen perencanaan dan laporan kinerja yang tersusun tepat waktu",
    "Jumlah laporan keuangan yang tersusun tepat waktu",
    "Jumlah dokumen pengadaan yang terselesaikan",
    "Jumlah laporan monitoring dan evaluasi {s}",
    "Jumlah kajian tentang {s}",
)
OBJECTIVE_TEMPLATES = (
    "Meningkatnya kualitas {s}",
    "Meningkatnya cakupan layanan {s}",
    "Terwujudnya pengelolaan {s} yang akuntabel",
    "Meningkatnya kapasitas {s}",
    "Meningkatnya akses masyarakat terhadap {s}",
)
MISSIONS = (
    "Mewujudkan sumber daya manusia yang unggul dan berdaya saing",
    "Mewujudkan perekonomian daerah yang tangguh berbasis potensi lokal",
    "Mewujudkan infrastruktur dan lingkungan hidup yang berkelanjutan",
    "Mewujudkan tata kelola pemerintahan yang bersih, efektif dan melayani",
)
GIVEN_NAMES = (
    "Agus", "Budi", "Dedi", "Eko", "Hendra", "Iwan", "Joko", "Rudi", "Slamet", "Yusuf", "Asep", "Ahmad",
    "Siti", "Dewi", "Sri", "Rina", "Yuni", "Wulan", "Nur", "Ratna", "Lestari", "Endang", "Ani", "Maya",
)
FAMILY_NAMES = (
    "Santoso", "Wijaya", "Hidayat", "Saputra", "Kurniawan", "Permana", "Setiawan", "Nugraha", "Rahmawati",
    "Hasanah", "Suryani", "Purnama", "Firmansyah", "Gunawan", "Maulana", "Susanti", "Hermawan", "Wibowo",
)
DEGREES = ("S.Sos., M.Si.", "S.E., M.M.", "S.T., M.T.", "S.Pd., M.Pd.", "dr., M.Kes.", "S.H., M.H.", "S.IP., M.AP.")
RANKS = ("Pembina Utama Muda (IV/c)", "Pembina Tingkat I (IV/b)", "Pembina (IV/a)")


# fmt: on


# --- one agency -------------------------------------------------------------------------------------------------


@dataclass
class _Agency:
    spec: PemdaSpec
    profile: Profile
    late: bool
    missing_targets: bool
    rng: random.Random = field(init=False)
    indicator_names: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.rng = random.Random(f"{self.spec.seed}:{self.spec.code}:{self.profile.slug}")

    @property
    def code(self) -> str:
        return f"{self.spec.code}-{self.profile.slug}"

    def quarters_reported(self, year: int) -> int:
        """How many quarters of a year have realisations: every quarter of earlier years; in the last year, up
        to the spec's quarter, one fewer for a late agency."""
        if year < self.spec.last_year:
            return 4
        if year > self.spec.last_year:
            return 0
        return self.spec.quarter - 1 if self.late else self.spec.quarter

    def build(self) -> SyntheticAgency:
        rng, spec, profile = self.rng, self.spec, self.profile
        n_indicators = rng.randint(MIN_INDICATORS, MAX_INDICATORS)
        n_subs = rng.randint(MIN_BUDGET_ROWS, MAX_BUDGET_ROWS)
        units = self._org_units()
        goals = self._goals(units)
        programs = self._programs(units, goals, n_subs)
        self._place_indicators(goals, programs, n_indicators, units)
        head = self._person()
        full_name = f"{profile.name} {spec.name}"
        dataset = {
            "format": FORMAT,
            "government": {
                "code": spec.code,
                "name": spec.name,
                "level": spec.level,
                "head_title": self._head_of_pemda(),
            },
            "agency": {
                "code": self.code,
                "name": full_name,
                "short_name": profile.short_name,
                "address": f"Jl. {rng.choice(FAMILY_NAMES)} No. {rng.randint(1, 120)}, {spec.name}",
                "head": head,
            },
            "settings": {"predicate_scale": "permendagri-86-2017"},
            "org_units": units,
            "plan": {
                "start_year": spec.plan_years[0],
                "end_year": spec.plan_years[-1],
                "vision": f"Terwujudnya {profile.field} yang unggul di {spec.name}",
                "missions": list(MISSIONS),
            },
            "goals": goals,
            "programs": programs,
            "agreements": [
                {
                    "year": year,
                    "revision": "murni",
                    "signed_on": f"{year}-01-{rng.randint(2, 31):02d}",
                    "place": spec.name,
                    "first_party": {
                        "name": head["name"],
                        "nip": head["nip"],
                        "position": f"Kepala {full_name}"[:200],
                    },
                    "second_party": {"name": self._pemda_head_name(), "position": self._head_of_pemda()},
                }
                for year in spec.reported_years
            ],
        }
        # Last, so that the draws before it are the same whichever agencies lack targets.
        missing = self._drop_targets(goals, programs) if self.missing_targets else 0
        return SyntheticAgency(self.code, dataset, late=self.late, missing_targets=missing)

    # -- people and units --------------------------------------------------------------------------------------
    def _head_of_pemda(self) -> str:
        title = {"provinsi": "Gubernur", "kota": "Wali Kota"}.get(self.spec.level, "Bupati")
        place = self.spec.name.split(" ", 1)[-1]
        return f"{title} {place}"

    def _pemda_head_name(self) -> str:
        # The same for every agency of the Pemda: drawn from the Pemda's own generator, not the agency's.
        pemda = random.Random(f"{self.spec.seed}:{self.spec.code}:head")
        return f"{pemda.choice(GIVEN_NAMES)} {pemda.choice(FAMILY_NAMES)}"

    def _person(self) -> Document:
        rng = self.rng
        born = (rng.randint(1965, 1980), rng.randint(1, 12), rng.randint(1, 28))
        hired = (born[0] + rng.randint(22, 30), rng.randint(1, 12))
        nip = f"{born[0]}{born[1]:02d}{born[2]:02d} {hired[0]}{hired[1]:02d} {rng.randint(1, 2)} {rng.randint(1, 9):03d}"
        return {
            "name": f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}, {rng.choice(DEGREES)}",
            "nip": nip,
            "rank": rng.choice(RANKS),
        }

    def _org_units(self) -> list[Document]:
        units = [{"code": "sekretariat", "name": "Sekretariat", "head_title": "Sekretaris"}]
        subjects = self.rng.sample(self.profile.subjects, self.rng.randint(2, 4))
        for k, (noun, _unit) in enumerate(subjects, start=1):
            name = f"Bidang {_title(noun)}"
            units.append({"code": f"bidang-{k}", "name": name, "head_title": f"Kepala {name}"})
        return units

    # -- plan --------------------------------------------------------------------------------------------------
    def _goals(self, units: list[Document]) -> list[Document]:
        rng, profile = self.rng, self.profile
        n_objectives = rng.randint(2, 5)
        n_goals = rng.randint(1, min(3, n_objectives))
        sizes = _split_count(rng, n_objectives, n_goals)
        goals, k = [], 0
        subjects = list(profile.subjects)
        for g, size in enumerate(sizes, start=1):
            objectives = []
            for _ in range(size):
                k += 1
                noun = subjects[(k - 1) % len(subjects)][0]
                objectives.append(
                    {
                        "code": f"S{k}",
                        "statement": rng.choice(OBJECTIVE_TEMPLATES).format(s=noun),
                        "mission": rng.randint(1, len(MISSIONS)),
                        "rpjmd_goal": f"Meningkatnya {profile.field}",
                        "strategies": [
                            {
                                "statement": f"Optimalisasi {rng.choice(ACTIVITY_VERBS).lower()} {noun}",
                                "policies": [
                                    f"{verb} {noun} secara terpadu"
                                    for verb in rng.sample(SUB_ACTIVITY_VERBS, rng.randint(1, 2))
                                ],
                            }
                        ],
                        "indicators": [],
                    }
                )
            statement = "Meningkatkan " + (profile.field if g == 1 else f"{profile.field} yang berkelanjutan")
            if g == 3:
                statement = f"Mewujudkan tata kelola {profile.field} yang akuntabel"
            goals.append(
                {"code": f"T{g}", "statement": statement, "indicators": [], "objectives": objectives}
            )
        return goals

    def _programs(self, units: list[Document], goals: list[Document], n_subs: int) -> list[Document]:
        """The support program and the OPD's own programs, with exactly `n_subs` sub kegiatan between them."""
        rng, profile = self.rng, self.profile
        objectives = [o["code"] for g in goals for o in g["objectives"]]
        support_activities = sorted(rng.sample(SUPPORT_ACTIVITIES, rng.randint(3, len(SUPPORT_ACTIVITIES))))
        support_subs = [rng.randint(1, len(subs)) for _code, _name, subs in support_activities]
        # The OPD's own kegiatan take the rest (at least MIN_BUDGET_ROWS less the whole support program, far more
        # than one each), about six sub kegiatan per kegiatan as in a real DPA.
        rest = n_subs - sum(support_subs)
        per_program = [rng.randint(2, 4) for _ in profile.programs]
        while sum(per_program) * SUBS_PER_ACTIVITY < rest:
            per_program[rng.randrange(len(per_program))] += 1
        n_activities = sum(per_program)
        subs_per_activity = [rest // n_activities] * n_activities
        for k in rng.sample(range(n_activities), rest % n_activities):
            subs_per_activity[k] += 1
        unit_codes = [u["code"] for u in units[1:]]
        programs = [
            {
                "code": f"{profile.urusan}.01",
                "name": SUPPORT_PROGRAM,
                "objectives": [objectives[-1]],
                "indicators": [],
                "activities": [
                    {
                        "code": f"{profile.urusan}.01.{code}",
                        "name": name,
                        "responsible_unit": "sekretariat",
                        "indicators": [],
                        "sub_activities": [
                            self._sub_activity(f"{profile.urusan}.01.{code}.{s + 1:04d}", sub, support=True)
                            for s, sub in enumerate(subs[:count])
                        ],
                    }
                    for (code, name, subs), count in zip(support_activities, support_subs, strict=True)
                ],
            }
        ]
        names = [(verb, noun) for verb in ACTIVITY_VERBS for noun, _unit in profile.subjects]
        rng.shuffle(names)
        counts = iter(subs_per_activity)
        for p, (name, n) in enumerate(zip(profile.programs, per_program, strict=True), start=2):
            code = f"{profile.urusan}.{p:02d}"
            activities = []
            for a in range(1, n + 1):
                verb, noun = names.pop()
                a_code = f"{code}.2.{a:02d}"
                sub_verbs = rng.sample(SUB_ACTIVITY_VERBS, next(counts))
                activities.append(
                    {
                        "code": a_code,
                        "name": f"{verb} {_title(noun)}",
                        "responsible_unit": rng.choice(unit_codes),
                        "indicators": [],
                        "sub_activities": [
                            self._sub_activity(
                                f"{a_code}.{s:04d}", f"{sub_verb} {_title(noun)}", support=False
                            )
                            for s, sub_verb in enumerate(sub_verbs, start=1)
                        ],
                    }
                )
            programs.append(
                {
                    "code": code,
                    "name": name,
                    "objectives": sorted(rng.sample(objectives, min(len(objectives), rng.randint(1, 2)))),
                    "indicators": [],
                    "activities": activities,
                }
            )
        # Every sasaran is served by a program (else the report warns "objective-without-program").
        covered = {code for p in programs for code in p["objectives"]}
        for k, code in enumerate(c for c in objectives if c not in covered):
            program = programs[1 + k % (len(programs) - 1)]
            program["objectives"] = sorted([*program["objectives"], code])
        return programs

    def _place_indicators(
        self, goals: list[Document], programs: list[Document], n: int, units: list[Document]
    ) -> None:
        """Exactly `n` indicators: one per tujuan and program, two to four per sasaran (the first an IKU), then
        one per kegiatan and sub kegiatan of the OPD's own programs until the count is reached; a small plan gives
        its sasaran the rest."""
        rng = self.rng
        objectives = [o for g in goals for o in g["objectives"]]
        slots: list[tuple[Document, str, str, bool]] = [(g, f"{g['code']}.", "goal", False) for g in goals]
        for objective in objectives:
            slots += [
                (objective, f"{objective['code']}.", "objective", k == 0) for k in range(rng.randint(2, 4))
            ]
        slots.append((programs[0], f"{programs[0]['code']}-", "support", False))
        slots += [(p, f"{p['code']}-", "program", False) for p in programs[1:]]
        activities = [a for p in programs[1:] for a in p["activities"]]
        slots += [(a, f"{a['code']}-", "activity", False) for a in activities]
        slots += [
            (s, f"{s['code']}-", "sub_activity", False) for a in activities for s in a["sub_activities"]
        ]
        for k in range(max(0, n - len(slots))):
            objective = objectives[k % len(objectives)]
            slots.append((objective, f"{objective['code']}.", "objective", False))
        unit_codes = [u["code"] for u in units]
        for owner, prefix, kind, key in slots[:n]:
            code = f"{prefix}{len(owner['indicators']) + 1}"
            owner["indicators"].append(self._indicator(code, key, rng.choice(unit_codes), kind))

    def _drop_targets(self, goals: list[Document], programs: list[Document]) -> int:
        """A few indicators without any target for the last reported year (Renstra, PK, Rencana Aksi)."""
        year = str(self.spec.last_year)
        candidates = [i for g in goals for o in g["objectives"] for i in o["indicators"]]
        candidates += [i for p in programs for i in p["indicators"]]
        chosen = self.rng.sample(candidates, min(len(candidates), self.rng.randint(2, 4)))
        for indicator in chosen:
            for values in indicator["targets"].values():
                values.pop(year, None)
            indicator["quarter_targets"].pop(year, None)
        return len(chosen)

    # -- indicators ----------------------------------------------------------------------------------------------
    def _indicator_name(self, percent: bool, kind: str) -> tuple[str, str, str]:
        """(name, unit, polarity), not repeated inside the agency."""
        rng = self.rng
        name, unit, polarity = "", "", "higher"
        for _attempt in range(30):
            noun, unit = rng.choice(self.profile.subjects)
            polarity = "higher"
            if kind == "support" or (kind == "sub_activity" and rng.random() < 0.3):
                # The support program and many sub kegiatan count the documents they produce.
                name, unit = rng.choice(DOCUMENT_TEMPLATES).format(s=noun), "dokumen"
            elif percent:
                template, polarity = rng.choice(PERCENT_TEMPLATES)
                name, unit = template.format(s=noun), "%"
            else:
                template, polarity = rng.choice(COUNT_TEMPLATES)
                name = template.format(s=noun)
                if template.startswith("Jumlah pengaduan"):
                    unit = "pengaduan"
            if name not in self.indicator_names:
                break
        else:
            name = f"{name} ({len(self.indicator_names) + 1})"
        self.indicator_names.add(name)
        return name[:1].upper() + name[1:], unit, polarity

    def _indicator(self, code: str, key: bool, unit_code: str, kind: str) -> Document:
        rng, spec = self.rng, self.spec
        name, unit, polarity = self._indicator_name(rng.random() < 0.55, kind)
        percent = unit == "%"
        targets = self._rate_targets(polarity) if percent else self._count_targets()
        baseline = targets.pop(spec.first_year - 1)
        indicator: Document = {
            "code": code,
            "name": name,
            "unit": unit,
            "kind": "percent" if percent else "number",
            "polarity": polarity,
            "key": key,
            "computation": "direct",
            "cumulative": False,
            "quarters": "level" if percent else "increment",
            "formula": (
                "(Jumlah yang memenuhi kriteria / Jumlah seluruhnya) x 100%"
                if percent
                else "Jumlah yang tercatat"
            ),
            "data_source": f"Laporan {self.profile.short_name}",
            "responsible_unit": unit_code,
            "baseline": {"year": spec.first_year - 1, "value": _text(baseline)},
            "targets": {
                "renstra": {str(y): _text(v) for y, v in targets.items()},
                "pk": {str(y): _text(targets[y]) for y in spec.reported_years},
            },
            "quarter_targets": {},
            "realisations": {},
            "quarter_realisations": {},
        }
        previous_target, previous_real = baseline, baseline
        for year in spec.reported_years:
            target = targets[year]
            real = self._realisation(target, polarity, percent)
            if percent:
                q_targets = _climb(previous_target, target)
                q_reals = _climb(previous_real, real, rng=rng)
            else:
                q_targets = [Decimal(v) for v in _split_amount(rng, int(target), 4)]
                q_reals = [Decimal(v) for v in _split_amount(rng, int(real), 4)]
            indicator["quarter_targets"][str(year)] = [_text(v) for v in q_targets]
            reported = self.quarters_reported(year)
            if reported:
                indicator["quarter_realisations"][str(year)] = [
                    _text(v) if q < reported else None for q, v in enumerate(q_reals)
                ]
            if reported == 4:
                indicator["realisations"][str(year)] = {"value": _text(real)}
            previous_target, previous_real = target, real
        return indicator

    def _rate_targets(self, polarity: str) -> dict[int, Decimal]:
        """Baseline (the year before the plan) and a target per plan year, moving towards the plan's end."""
        rng, years = self.rng, self.spec.plan_years
        if polarity == "higher":
            value = Decimal(rng.randint(5500, 9000)) / 100
            step = Decimal(rng.randint(50, 300)) / 100
            sign = 1
        else:
            value = Decimal(rng.randint(800, 3500)) / 100
            step = Decimal(rng.randint(50, 200)) / 100
            sign = -1
        out = {years[0] - 1: value}
        for year in years:
            value = min(Decimal(100), max(Decimal("0.5"), value + sign * step))
            out[year] = value.quantize(CENT)
        return out

    def _count_targets(self) -> dict[int, Decimal]:
        rng, years = self.rng, self.spec.plan_years
        value = rng.choice((rng.randint(12, 60), rng.randint(40, 400), rng.randint(100, 5000)))
        growth = rng.randint(0, 8)
        out = {years[0] - 1: Decimal(value)}
        for year in years:
            value = max(4, value + value * growth // 100 + rng.randint(0, 2))
            out[year] = Decimal(value)
        return out

    def _realisation(self, target: Decimal, polarity: str, percent: bool) -> Decimal:
        """A realisation whose capaian (SPEC §2: R/T, or (2T−R)/T for lower-is-better) is mostly 80–110 %."""
        rng = self.rng
        if rng.random() < OUTLIER_CHANCE:
            basis = rng.choice((rng.randint(4000, 7500), rng.randint(12500, 18000)))
        else:
            basis = rng.randint(8000, 11000)
        capaian = Decimal(basis) / 10000
        value = target * capaian if polarity == "higher" else target * (2 - capaian)
        if percent:
            return min(Decimal(100), max(Decimal(0), value)).quantize(CENT)
        return max(Decimal(0), value).quantize(Decimal(1), rounding=ROUND_HALF_UP)

    # -- budget --------------------------------------------------------------------------------------------------
    def _sub_activity(self, code: str, name: str, *, support: bool) -> Document:
        rng, spec = self.rng, self.spec
        if support and name.startswith("Penyediaan Gaji"):
            base = rng.randint(3_000, 12_000) * 1_000_000
        else:
            base = rng.randint(25, 1_500) * 1_000_000 + rng.randint(0, 999) * 1_000
        lines = []
        for year in spec.plan_years:
            base = base * rng.randint(97, 108) // 100 // 1000 * 1000
            line: Document = {"year": year, "ceiling_plan": str(base)}
            if year in spec.reported_years:
                original = base * rng.randint(95, 105) // 100 // 1000 * 1000
                revised = original * rng.randint(88, 106) // 100 // 1000 * 1000
                absorption = rng.randint(45, 75) if rng.random() < OUTLIER_CHANCE else rng.randint(85, 100)
                spent = revised * absorption // 100
                reported = self.quarters_reported(year)
                quarters = _split_amount(rng, spent, 4, weights=(15, 25, 25, 35))
                physical = _cumulative_percent([Decimal(q) for q in quarters], Decimal(revised))
                line.update(
                    ceiling_original=str(original),
                    ceiling_revised=str(revised),
                    planned_quarters=[
                        str(q) for q in _split_amount(rng, revised, 4, weights=(20, 25, 25, 30))
                    ],
                    spent_quarters=[str(q) if k < reported else None for k, q in enumerate(quarters)],
                    physical_quarters=[_text(p) if k < reported else None for k, p in enumerate(physical)],
                )
                if reported == 4:
                    line.update(spent=str(spent), physical_progress=_text(physical[3]))
            lines.append(line)
        return {"code": code, "name": name, "indicators": [], "budget": lines}


# --- arithmetic helpers -----------------------------------------------------------------------------------------


def _title(noun: str) -> str:
    """A noun as the nomenclature writes it in a name: each word capitalised, but short words and acronyms."""
    return " ".join(
        w if w in LOWER_WORDS or w[1:2].isupper() else w[:1].upper() + w[1:] for w in noun.split()
    )


def _text(value: Decimal) -> str:
    """A canonical plain decimal ("85.40", "120"): never an exponent."""
    return f"{value:f}"


def _split_count(rng: random.Random, total: int, parts: int) -> list[int]:
    """`total` split into `parts` whole numbers of at least one each (total ≥ parts)."""
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    bounds = [0, *cuts, total]
    return [b - a for a, b in zip(bounds, bounds[1:], strict=False)]


def _split_amount(
    rng: random.Random, total: int, parts: int, weights: tuple[int, ...] | None = None
) -> list[int]:
    """`total` split into `parts` non-negative whole numbers that add up to it exactly."""
    w = [(weights[k] if weights else 20) + rng.randint(0, 10) for k in range(parts)]
    shares = [total * x // sum(w) for x in w]
    shares[-1] += total - sum(shares)
    return shares


def _climb(start: Decimal, end: Decimal, rng: random.Random | None = None) -> list[Decimal]:
    """Four readings going from `start` to `end` (the fourth is `end`); with `rng`, the first three wobble."""
    out = []
    for q in range(1, 5):
        value = start + (end - start) * q / 4
        if rng is not None and q < 4:
            value += Decimal(rng.randint(-100, 100)) / 100
        out.append(min(Decimal(100), max(Decimal(0), value)).quantize(CENT))
    out[3] = end
    return out


def _cumulative_percent(quarters: list[Decimal], whole: Decimal) -> list[Decimal]:
    """Physical progress at the end of each quarter: the share of the pagu spent so far, at most 100."""
    out, total = [], Decimal(0)
    for q in quarters:
        total += q
        out.append(min(Decimal(100), total * 100 / whole).quantize(CENT) if whole else Decimal(0))
    return out


# --- the Pemda's RPJMD (`sakip-rpjmd/1`): misi, tujuan, sasaran, 10–20 IKU, the agency sasaran linked ------------
RPJMD_THEMES = (
    (
        "Sumber daya manusia yang unggul",
        ("Meningkatnya kualitas pendidikan", "Meningkatnya derajat kesehatan"),
    ),
    (
        "Perekonomian daerah yang tangguh",
        ("Meningkatnya pertumbuhan ekonomi", "Menurunnya tingkat kemiskinan"),
    ),
    (
        "Infrastruktur yang merata",
        ("Meningkatnya kualitas infrastruktur", "Meningkatnya kualitas lingkungan"),
    ),
    (
        "Tata kelola pemerintahan yang baik",
        ("Meningkatnya akuntabilitas kinerja", "Meningkatnya kualitas layanan"),
    ),
)
RPJMD_IKU = (
    ("Indeks Pembangunan Manusia", "indeks", "higher"),
    ("Rata-rata lama sekolah", "tahun", "higher"),
    ("Angka harapan hidup", "tahun", "higher"),
    ("Laju pertumbuhan ekonomi", "%", "higher"),
    ("Persentase penduduk miskin", "%", "lower"),
    ("Tingkat pengangguran terbuka", "%", "lower"),
    ("Persentase jalan dalam kondisi mantap", "%", "higher"),
    ("Indeks kualitas lingkungan hidup", "indeks", "higher"),
    ("Nilai SAKIP Pemda", "nilai", "higher"),
    ("Indeks kepuasan masyarakat", "indeks", "higher"),
)


def rpjmd_document(spec: PemdaSpec, agencies: Sequence[SyntheticAgency]) -> Document:
    """The Pemda's RPJMD over the agencies' Renstra period: four misi, a tujuan each with two sasaran, 10–20 IKU
    (about half taking their realisation from an agency's sasaran indicator, the others typed), and every agency
    sasaran linked to a sasaran of the RPJMD (round robin)."""
    rng = random.Random(f"{spec.seed}:{spec.code}:rpjmd")
    years = list(spec.plan_years)
    goals = []
    objectives: list[dict[str, Any]] = []
    for n, (theme, statements) in enumerate(RPJMD_THEMES, start=1):
        goal: dict[str, Any] = {
            "code": f"T{n}",
            "statement": f"Terwujudnya {theme.lower()}",
            "mission": n,
            "objectives": [],
        }
        for m, statement in enumerate(statements, start=1):
            objective = {
                "code": f"S{n}.{m}",
                "statement": statement,
                "agency_objectives": [],
                "indicators": [],
            }
            goal["objectives"].append(objective)
            objectives.append(objective)
        goals.append(goal)
    agency_objectives = [
        (item.code, objective)
        for item in agencies
        for goal in item.dataset["goals"]
        for objective in goal.get("objectives") or []
    ]
    for k, (agency_code, objective) in enumerate(agency_objectives):
        objectives[k % len(objectives)]["agency_objectives"].append(
            {"agency": agency_code, "code": objective["code"]}
        )
    total = rng.randint(10, 20)
    for k in range(total):
        target = objectives[k % len(objectives)]
        name, unit, polarity = RPJMD_IKU[k % len(RPJMD_IKU)]
        links = target["agency_objectives"]
        sourced = bool(links) and k % 2 == 0
        iku: dict[str, Any] = {
            "code": f"IKU.{k + 1}",
            "name": name if k < len(RPJMD_IKU) else f"{name} ({k + 1})",
            "formula": "",
            "unit": unit,
            "kind": "percent" if unit == "%" else "number",
            "polarity": polarity,
            "data_source": "BPS" if not sourced else "Laporan perangkat daerah",
            "agencies": sorted({link["agency"] for link in links[:2]}),
        }
        if sourced:
            link = links[k % len(links)]
            owner = next(i for i in agencies if i.code == link["agency"])
            indicator = next(
                i
                for goal in owner.dataset["goals"]
                for o in goal.get("objectives") or []
                if o["code"] == link["code"]
                for i in o.get("indicators") or []
            )
            iku.update(
                name=indicator["name"],
                unit=indicator["unit"],
                kind="percent" if indicator["kind"] == "percent" else "number",
                polarity=indicator["polarity"],
                source={"agency": owner.code, "code": indicator["code"]},
                targets={"rpjmd": dict(indicator["targets"]["renstra"])},
            )
            if indicator.get("baseline"):
                iku["baseline"] = indicator["baseline"]["value"]
        else:
            start = Decimal(rng.randint(40, 80)) + Decimal(rng.randint(0, 99)) / 100
            step = (Decimal(rng.randint(5, 30)) / 10) * (-1 if polarity == "lower" else 1)
            values = [start + step * (n + 1) for n in range(len(years))]
            iku["baseline"] = _text(start)
            iku["targets"] = {"rpjmd": {str(y): _text(v) for y, v in zip(years, values, strict=True)}}
            iku["realisations"] = {
                str(y): {"value": _text((v * Decimal(rng.randint(95, 105)) / 100).quantize(CENT))}
                for y, v in zip(years, values, strict=True)
                if y in spec.reported_years
            }
        iku["baseline_year"] = spec.first_year - 1
        iku["final_target"] = iku["targets"]["rpjmd"][str(years[-1])]
        target["indicators"].append(iku)
    head = f"{GIVEN_NAMES[0]} {FAMILY_NAMES[0]}"
    return {
        "format": "sakip-rpjmd/1",
        "government": {"code": spec.code, "name": spec.name},
        "plan": {
            "start_year": years[0],
            "end_year": years[-1],
            "revision": "",
            "vision": f"{spec.name} yang maju, sejahtera dan berdaya saing",
            "head_name": head,
        },
        "missions": [f"Mewujudkan {theme.lower()}" for theme, _ in RPJMD_THEMES],
        "goals": goals,
        "head_agreements": {
            str(y): {"signed_on": f"{y}-02-01", "signatory": head, "place": spec.name}
            for y in spec.reported_years
        },
    }
