"""The review page tells what changed since approval in sentences, with Indonesian figures (a pure function)."""

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
