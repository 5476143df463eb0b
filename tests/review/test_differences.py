"""The review page tells what changed since approval in sentences, with Indonesian figures (a pure function)."""

import copy

from django.utils import translation

from review.differences import figure_text, report_differences

NBSP = "\N{NO-BREAK SPACE}"


def _report(**changes) -> dict:
    indicator = {
        "code": "R3.1",
        "name": "Persentase koperasi aktif",
        "unit": "%",
        "target": "1715.50",
        "realisation": "1800.00",
        "capaian": "104.93",
        "predicate": "Sangat Tinggi",
        "history": {"2020": {"target": "10.00", "realisation": "9.00", "capaian": "90.00"}},
        "renstra_end_target": "2000.00",
        "renstra_progress": "90.00",
        "quarters": [{"target": None, "realisation": None, "capaian": None}] * 4,
    }
    report = {
        "format": "sakip-report/1",
        "predicate_scale": "target-3",
        "indicators": [indicator],
        "objectives": [
            {"code": "S1", "capaian": "104.93", "predicate": "Sangat Tinggi", "ceiling": "1000000.00"}
        ],
        "budget": {
            "ceiling": "1000000.00",
            "spent": "900000.00",
            "programs": [{"code": "P1", "name": "Program", "ceiling": "1000000.00", "activities": []}],
        },
        "surveys": [{"year": 2021, "nrr": {"U1": "3.10"}, "ikm": "3.10", "skm": "77.50", "mutu": "B"}],
        "definitions": {
            "agency": {"head_name": "Drs. A"},
            "objectives": {"S1": "Meningkatnya koperasi"},
            "indicators": {"R3.1": {"polarity": "higher", "kind": "percent", "computation": "direct"}},
            "missions": ["Misi satu"],
        },
    }
    return _apply(report, changes)


def _apply(report: dict, changes: dict) -> dict:
    for path, value in changes.items():
        target = report
        *parents, last = path.split("__")
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        target[last] = value
    return report


def test_the_same_report_has_no_difference():
    assert report_differences(_report(), _report()) == []


def test_a_changed_direction_is_told_in_words():
    now = _report()
    now["definitions"]["indicators"]["R3.1"]["polarity"] = "lower"
    with translation.override("id"):
        assert report_differences(_report(), now) == [
            "Arah indikator R3.1 diubah setelah disetujui: makin tinggi → makin rendah"
        ]
    with translation.override("en"):
        assert report_differences(_report(), now) == [
            "Direction of indicator R3.1 changed after approval: higher is better → lower is better"
        ]


def test_figures_are_in_indonesian_notation_not_json():
    now = _report(indicators__0__target="1800.00", indicators__0__capaian="100.00")
    now["indicators"][0]["history"]["2020"]["realisation"] = "9.25"
    with translation.override("id"):
        lines = report_differences(_report(), now)
    assert lines == [
        "Target indikator R3.1 diubah setelah disetujui: 1.715,5 → 1.800",
        f"Capaian indikator R3.1 diubah setelah disetujui: 104,93{NBSP}% → 100{NBSP}%",
        "Realisasi indikator R3.1 tahun 2020 diubah setelah disetujui: 9 → 9,25",
    ]
    assert not any("$" in line or "1715.5" in line for line in lines)


def test_statements_the_signature_block_and_removed_rows_are_told():
    now = _report()
    now["definitions"]["objectives"]["S1"] = "Meningkatnya UKM"
    now["definitions"]["agency"]["head_name"] = "Drs. B"
    now["definitions"]["missions"] = []
    now["indicators"] = []
    with translation.override("id"):
        lines = report_differences(_report(), now)
    assert lines == [
        "Nama kepala perangkat daerah diubah setelah disetujui: “Drs. A” → “Drs. B”",
        "Pernyataan misi ke-1 diubah setelah disetujui: “Misi satu” → –",
        "Pernyataan sasaran S1 diubah setelah disetujui: “Meningkatnya koperasi” → “Meningkatnya UKM”",
        "Indikator R3.1 dihapus setelah disetujui",
    ]


def test_budget_survey_and_settings_differences():
    now = _report(budget__spent="950000.50", predicate_scale="permendagri-86-2017")
    now["surveys"][0]["nrr"]["U1"] = "3.00"
    now["budget"]["programs"][0]["ceiling"] = "1100000.00"
    with translation.override("id"):
        lines = report_differences(_report(), now)
    assert lines == [
        "Skala predikat Pemda diubah setelah disetujui: “target-3” → “permendagri-86-2017”",
        f"Realisasi anggaran seluruh anggaran diubah setelah disetujui: Rp{NBSP}900.000 → Rp{NBSP}950.000,5",
        f"Pagu program P1 diubah setelah disetujui: Rp{NBSP}1.000.000 → Rp{NBSP}1.100.000",
        "NRR unsur U1 survei IKM 2021 diubah setelah disetujui: 3,1 → 3",
    ]


def test_an_approval_kept_before_definitions_compares_its_figures_only():
    approved = _report()
    del approved["definitions"]
    assert report_differences(approved, _report()) == []


def test_a_long_list_is_cut_with_a_count():
    now = _report()
    # 30 years each with a new target, and 2020's realisation and capaian gone: 32 differences.
    now["indicators"][0]["history"] = {str(y): {"target": "1"} for y in range(2000, 2030)}
    with translation.override("id"):
        lines = report_differences(_report(), now, limit=5)
    assert len(lines) == 6 and lines[-1] == "… dan 27 perubahan lain."


def test_figure_text_examples():
    with translation.override("id"):
        assert figure_text("realisation", "1715.50") == "1.715,5"
        assert figure_text("realisation", None) == "–"
        assert figure_text("realisation", "B") == "“B”"
        assert figure_text("cumulative", True) == "ya"


# --- issue 18: what the report json and the approval keep since -------------------------------------------------
def _full(**changes) -> dict:
    """A report as approvals keep it since issue 18: every section (reports/approval.approved_figures)."""
    report = _report()
    indicator = report["indicators"][0]
    indicator.update(
        {
            "level": "objective",
            "target_set": "pk",
            "targets": {"renstra": "1700.00", "pk": "1715.50", "pk_revised": None},
            "revision_reason": None,
            "provisional": False,
            "verdict": "achieved",
            "indicator_predicate": None,
            "formula": None,
            "data_source": "BPS",
            "cumulative": False,
            "national_standard": "1500.00",
            "national_standard_kind": "spm",
            "national_standard_source": None,
            "standard_status": "melampaui",
        }
    )
    indicator["history"]["2020"].update({"target_set": "renstra", "provisional": False})
    program_indicator = {
        "code": "P1-1",
        "level": "program",
        "name": "Persentase dokumen tepat waktu",
        "unit": "%",
        "target": "100.00",
        "realisation": "90.00",
        "capaian": "90.00",
        "predicate": "Tinggi",
        "history": {},
        "quarters": [],
        "targets": {"renstra": "100.00", "pk": None, "pk_revised": None},
        "cumulative": False,
    }
    report["indicators"].append(program_indicator)
    report.update(
        {
            "series_years": [2019, 2020, 2021],
            "whole_series": False,
            "indicator_scale": None,
            "program_results": [
                {
                    "code": "P1",
                    "name": "Program",
                    "objectives": ["S1"],
                    "indicators": [
                        {
                            "code": "P1-1",
                            "realisation": "90.00",
                            "cumulative": False,
                            "year_realisation": "90.00",
                        }
                    ],
                    "activities": [
                        {"code": "P1.01", "name": "Kegiatan", "indicators": [], "sub_activities": []}
                    ],
                }
            ],
            "strategic_context": {
                "missions": ["Misi satu"],
                "objectives": [
                    {
                        "code": "S1",
                        "mission": 1,
                        "rpjmd_goal": None,
                        "strategies": [{"statement": "Pendampingan koperasi", "policies": ["Pelatihan"]}],
                    }
                ],
            },
            "expenditures": [
                {"part": "total", "computed": True, "ceiling": "900.00", "spent": "800.00"},
                {"part": "personnel", "computed": False, "ceiling": "900.00", "spent": "800.00"},
            ],
            "spending_groups": [],
            "progress": {
                "total": [{"quarter": "1", "planned": "100.00", "spent": "50.00", "physical_pct": "10.00"}],
                "lines": [
                    {
                        "code": "P1.01.0001",
                        "quarters": [
                            {"quarter": "1", "planned": "100.00", "spent": "50.00", "physical_pct": "10.00"}
                        ],
                    }
                ],
            },
            "staff": [
                {
                    "breakdown": "rank",
                    "total": 5,
                    "lines": [{"label": "IV/a", "count": 2}, {"label": "III/b", "count": 3}],
                }
            ],
            "facilities": {"count": 2, "total_quantity": 3, "total_value": "1500.00"},
            "risks": [{"statement": "Data terlambat", "level": 6}],
        }
    )
    report["budget"]["programs"][0]["activities"] = [
        {"code": "P1.01", "name": "Kegiatan", "sub_activities": [{"code": "P1.01.0001", "name": "Sub"}]}
    ]
    report["definitions"].update(
        {
            "signing": {
                "signed_on": "2022-01-31",
                "place": "Tangerang Selatan",
                "title": "Kepala Dinas",
                "name": "Drs. A",
                "nip": "1970",
                "rank": "IV/c",
            },
            "agreements": {"murni": {"signed_on": "2021-01", "place": "Tangerang Selatan"}},
            "notes": {
                "S1": [{"kind": "obstacle", "text": "Anggaran terbatas", "program": "", "partner": ""}]
            },
            "units": [
                {"code": "sekretariat", "name": "Sekretariat", "duties": "Menyusun rencana", "functions": ""}
            ],
            "facilities": [
                {"category": "Gedung", "name": "Kantor", "quantity": 1, "unit": "unit", "value": None},
                {
                    "category": "Kendaraan",
                    "name": "Sepeda Motor",
                    "quantity": 1,
                    "unit": "unit",
                    "value": "500.00",
                },
                {
                    "category": "Kendaraan",
                    "name": "Sepeda Motor",
                    "quantity": 2,
                    "unit": "unit",
                    "value": "1000.00",
                },
            ],
            "issues": [{"issue": "Koperasi tidak aktif", "cause": "Modal kurang", "objective_code": "S1"}],
            "risks": [
                {
                    "statement": "Data terlambat",
                    "likelihood": 2,
                    "severity": 3,
                    "level": 6,
                    "owner_unit": "Sekretariat",
                }
            ],
        }
    )
    return _apply(report, changes)


def _before_issue_18() -> dict:
    """`_full()` as an approval stored before issue 18 kept it: none of the sections and fields added since."""
    report = _full()
    for key in (
        "series_years",
        "whole_series",
        "indicator_scale",
        "program_results",
        "strategic_context",
        "expenditures",
        "spending_groups",
        "progress",
        "staff",
        "facilities",
        "risks",
    ):
        del report[key]
    for indicator in report["indicators"]:
        for key in ("level", "target_set", "targets", "revision_reason", "provisional", "verdict"):
            indicator.pop(key, None)
        for key in ("indicator_predicate", "formula", "data_source", "cumulative", "national_standard"):
            indicator.pop(key, None)
        for key in ("national_standard_kind", "national_standard_source", "standard_status"):
            indicator.pop(key, None)
        for year in indicator["history"].values():
            year.pop("target_set", None), year.pop("provisional", None)
    for key in ("signing", "agreements", "notes", "units", "facilities", "issues", "risks"):
        del report["definitions"][key]
    return report


def _told(approved: dict, now: dict) -> list[str]:
    with translation.override("id"):
        return report_differences(approved, now)


def test_a_full_report_compared_with_itself_has_no_difference():
    assert report_differences(_full(), _full()) == []


def test_an_approval_kept_before_issue_18_tells_no_section_it_did_not_record():
    """An old approval lacks the new sections and fields: today's data there is not "added" (nor "–" → x)."""
    now = _full()
    now["definitions"]["signing"]["name"] = "Drs. B"
    now["expenditures"][1]["spent"] = "850.00"
    now["indicators"][0]["targets"]["pk_revised"] = "1800.00"
    now["indicators"][0]["history"]["2020"]["provisional"] = True
    now["indicators"][0]["year_units"] = {"2020": "orang"}
    now["program_results"][0]["objectives"] = ["S2"]
    assert _told(_before_issue_18(), now) == []
    # Between issue 18 and the records kept with the definitions: the profile is told from the json's totals.
    approved = _full()
    del approved["definitions"]["facilities"], approved["definitions"]["risks"]
    now = _full(facilities__total_quantity=4)
    now["definitions"]["facilities"][0]["quantity"] = 2
    now["risks"][0]["level"] = 9
    assert _told(approved, now) == [
        "Jumlah barang tabel sarana prasarana diubah setelah disetujui: 3 → 4",
        "Skor risiko “Data terlambat” diubah setelah disetujui: 6 → 9",
    ]


def test_pk_targets_their_set_revision_provisional_realisations_and_definitions_of_an_indicator():
    now = _full(indicators__0__target_set="pk_revised", indicators__0__provisional=True)
    indicator = now["indicators"][0]
    indicator["targets"]["pk_revised"] = "1800.00"
    indicator["revision_reason"] = "Refocusing anggaran"
    indicator["data_source"] = "Dinas"
    indicator["national_standard_kind"] = "nasional"
    indicator["standard_status"] = "memenuhi"
    indicator["history"]["2020"]["provisional"] = True
    indicator["year_units"] = {"2020": "orang"}
    assert _told(_full(), now) == [
        "Sumber target indikator R3.1 diubah setelah disetujui: PK murni → PK perubahan",
        "Target PK perubahan indikator R3.1 diubah setelah disetujui: – → 1.800",
        "Alasan perubahan target indikator R3.1 diubah setelah disetujui: – → “Refocusing anggaran”",
        "Realisasi sementara indikator R3.1 diubah setelah disetujui: tidak → ya",
        "Sumber data indikator R3.1 diubah setelah disetujui: “BPS” → “Dinas”",
        "Jenis standar indikator R3.1 diubah setelah disetujui: "
        "Standar Pelayanan Minimal (SPM) → Standar nasional",
        "Kedudukan terhadap standar indikator R3.1 diubah setelah disetujui: melampaui standar → memenuhi standar",
        "Realisasi sementara indikator R3.1 tahun 2020 diubah setelah disetujui: tidak → ya",
        "Satuan realisasi indikator R3.1 tahun 2020 diubah setelah disetujui: “%” → “orang”",
    ]


def test_program_indicators_are_named_by_level_and_programs_by_code():
    now = _full(indicators__1__realisation="95.00", program_results__0__objectives=["S1", "S2"])
    now["program_results"][0]["activities"] = []
    now["program_results"].append(
        {"code": "P2", "name": "Program baru", "objectives": [], "indicators": [], "activities": []}
    )
    assert _told(_full(), now) == [
        "Realisasi indikator program P1-1 diubah setelah disetujui: 90 → 95",
        "Program P2 ditambahkan setelah disetujui",
        "Sasaran yang didukung program P1 diubah setelah disetujui: S1 → S1, S2",
        "Kegiatan P1.01 dihapus setelah disetujui",
    ]
    with translation.override("en"):
        assert report_differences(_full(), now)[0] == (
            "Realisation of program indicator P1-1 changed after approval: 90 → 95"
        )


def test_a_cumulative_indicators_own_realisation_of_the_year():
    approved = _full()
    approved["program_results"][0]["indicators"][0]["cumulative"] = True
    now = copy.deepcopy(approved)
    now["program_results"][0]["indicators"][0]["year_realisation"] = "30.00"
    assert _told(approved, now) == [
        "Realisasi tahun ini sebelum dijumlahkan indikator program P1-1 diubah setelah disetujui: 90 → 30"
    ]


def test_a_sasarans_misi_strategies_and_policies():
    now = _full()
    context = now["strategic_context"]["objectives"][0]
    context["mission"] = 2
    context["strategies"][0]["policies"] = ["Pelatihan", "Pendampingan"]
    context["strategies"].append({"statement": "Digitalisasi", "policies": []})
    assert _told(_full(), now) == [
        "Nomor misi sasaran S1 diubah setelah disetujui: 1 → 2",
        "Strategi “Digitalisasi” sasaran S1 ditambahkan setelah disetujui",
        "Arah kebijakan strategi “Pendampingan koperasi” sasaran S1 diubah setelah disetujui: "
        "“Pelatihan” → “Pelatihan; Pendampingan”",
    ]


def test_the_whole_budget_by_part_and_grouped_realisations():
    now = _full(expenditures__1__spent="850.50")
    now["expenditures"].append({"part": "capital", "ceiling": "0.00", "spent": "0.00"})
    now["spending_groups"] = [{"label": "Program penunjang", "programs": ["P1"], "ceiling": "10.00"}]
    assert _told(_full(), now) == [
        "Belanja modal ditambahkan setelah disetujui",
        f"Realisasi anggaran belanja pegawai diubah setelah disetujui: Rp{NBSP}800 → Rp{NBSP}850,5",
        "Realisasi gabungan “Program penunjang” ditambahkan setelah disetujui",
    ]


def test_quarterly_planned_cash_and_physical_progress():
    now = _full()
    now["progress"]["lines"][0]["quarters"][0]["planned"] = "120.00"
    now["progress"]["total"][0]["physical_pct"] = "12.50"
    assert _told(_full(), now) == [
        f"Realisasi fisik seluruh anggaran TW I diubah setelah disetujui: 10{NBSP}% → 12,5{NBSP}%",
        f"Anggaran kas kumulatif sub kegiatan P1.01.0001 TW I diubah setelah disetujui: Rp{NBSP}100 → Rp{NBSP}120",
    ]
    approved = _full(progress=None)  # none typed at approval: one sentence, not one per quarter and line
    assert _told(approved, _full()) == [
        "Anggaran kas dan realisasi fisik per triwulan ditambahkan setelah disetujui"
    ]


def test_causes_obstacles_and_solutions_of_a_sasaran():
    now = _full()
    now["definitions"]["notes"]["S1"] = [
        {"kind": "solution", "text": "Kerja sama dengan bank", "program": "", "partner": "Bank BJB"}
    ]
    assert _told(_full(), now) == [
        "Kendala / hambatan sasaran S1 dihapus setelah disetujui: “Anggaran terbatas”",
        "Solusi / langkah antisipatif sasaran S1 ditambahkan setelah disetujui: “Kerja sama dengan bank” (Bank BJB)",
    ]


def test_the_report_date_the_signatory_and_the_signed_agreements():
    now = _full()
    now["definitions"]["signing"].update({"signed_on": "2022-02-15", "name": "Drs. B"})
    now["definitions"]["agreements"]["murni"]["signed_on"] = "2021-02"
    now["definitions"]["agreements"]["perubahan"] = {"signed_on": "2021-09-30", "place": "Tangerang Selatan"}
    assert _told(_full(), now) == [
        "Tanggal laporan ini diubah setelah disetujui: 31 Januari 2022 → 15 Februari 2022",
        "Nama penanda tangan laporan diubah setelah disetujui: “Drs. A” → “Drs. B”",
        "PK perubahan ditambahkan setelah disetujui",
        "Tanggal PK murni diubah setelah disetujui: Januari 2021 → Februari 2021",
    ]
    with translation.override("en"):
        assert report_differences(_full(), now)[0] == (
            "Date of this report changed after approval: 31 Januari 2022 → 15 Februari 2022"
        )


def test_the_organisation_profile_by_its_records_not_their_place_in_the_list():
    now = _full()
    # Reordered records are the same records.
    now["staff"][0]["lines"].reverse()
    now["definitions"]["units"][0]["duties"] = "Menyusun rencana dan laporan"
    now["definitions"]["facilities"][2]["quantity"] = 3  # the second "Sepeda Motor"
    now["definitions"]["facilities"].append({"category": "Gedung", "name": "Aula", "quantity": 1})
    now["definitions"]["issues"].append({"issue": "Modal koperasi kecil", "cause": "", "objective_code": ""})
    now["definitions"]["risks"][0].update({"severity": 4, "level": 8})
    now["staff"][0]["lines"][0]["count"] = 4  # III/b, first now
    now["staff"].append({"breakdown": "education", "total": 1, "lines": [{"label": "S1", "count": 1}]})
    assert _told(_full(), now) == [
        "Tugas unit kerja Sekretariat diubah setelah disetujui: “Menyusun rencana” → “Menyusun rencana dan laporan”",
        "Tabel pegawai menurut pendidikan ditambahkan setelah disetujui",
        "Jumlah pegawai golongan “III/b” diubah setelah disetujui: 3 → 4",
        "Sarana prasarana “Aula” ditambahkan setelah disetujui",
        "Jumlah sarana prasarana “Sepeda Motor” ke-2 diubah setelah disetujui: 2 → 3",
        "Isu strategis “Modal koperasi kecil” ditambahkan setelah disetujui",
        "Skor dampak risiko “Data terlambat” diubah setelah disetujui: 3 → 4",
        "Skor risiko “Data terlambat” diubah setelah disetujui: 6 → 8",
    ]
    # A table typed (or emptied) after approval is one sentence, not one per line.
    approved = _full()
    approved["definitions"]["facilities"] = []
    approved["definitions"]["risks"] = []
    now = _full()
    now["definitions"]["issues"] = []
    assert _told(approved, now) == [
        "Tabel sarana prasarana ditambahkan setelah disetujui",
        "Tabel isu strategis dihapus setelah disetujui",
        "Daftar risiko ditambahkan setelah disetujui",
    ]
    reordered = _full()
    reordered["staff"][0]["lines"].reverse()
    reordered["expenditures"].reverse()
    facilities = reordered["definitions"]["facilities"]
    facilities.append(facilities.pop(0))  # "Kantor" last, the two "Sepeda Motor" in their order

    assert _told(_full(), reordered) == []


def test_the_comparison_years_and_the_second_predicate_scale():
    now = _full(series_years=[2016, 2017, 2018, 2019, 2020, 2021], indicator_scale="permendagri-86-2017")
    assert _told(_full(), now) == [
        "Skala predikat indikator Pemda diubah setelah disetujui: – → “permendagri-86-2017”",
        "Tahun perbandingan laporan ini diubah setelah disetujui: 2019–2021 → 2016–2021",
    ]


def test_a_field_kept_in_both_the_figures_and_the_definitions_is_told_once():
    approved = _full()
    approved["definitions"]["indicators"]["R3.1"]["cumulative"] = False
    now = copy.deepcopy(approved)
    now["definitions"]["indicators"]["R3.1"]["cumulative"] = True
    now["indicators"][0]["cumulative"] = True
    assert _told(approved, now) == ["Sifat kumulatif indikator R3.1 diubah setelah disetujui: tidak → ya"]
