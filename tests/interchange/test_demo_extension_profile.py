"""The demo's organisation profile, taken from its own LAKIP (docs/demo-extension/profile.json): merged into the
demo dataset it validates, imports and prints (tugas dan fungsi, staff and asset tables in BAB I, the risk
register as the last annex)."""

import json
import re
from pathlib import Path

import pytest

from interchange.dataset.writing import dataset_import
from reports.lkjip.document import document_build
from reports.lkjip.render import lkjip_html
from reports.readmodel.build import report_build

FRAGMENT = Path(__file__).resolve().parents[2] / "docs" / "demo-extension" / "profile.json"


def merged(dataset: dict) -> dict:
    fragment = json.loads(FRAGMENT.read_text(encoding="utf-8"))
    extra = {u["code"]: u for u in fragment["org_units"]}
    dataset["format"] = fragment["format"]
    dataset["org_units"] = [{**u, **extra.get(u["code"], {})} for u in dataset["org_units"]]
    dataset["organisation_profile"] = fragment["organisation_profile"]
    return dataset


@pytest.mark.django_db
def test_the_demo_profile_imports_and_prints_as_its_lakip(demo_dataset):
    agency = dataset_import(merged(demo_dataset)).agency
    report = report_build(agency=agency, year=2021)
    profile = report.profile
    assert [s.breakdown for s in profile.staff] == ["rank", "education", "employment"]
    assert profile.staff[2].table.total == 99  # "Jumlah Total Pegawai 99 Orang"
    assert len(profile.facilities.rows) == 40 and profile.facilities.total_quantity == 160
    assert len(profile.risks) == 15 and [r.level for r in profile.risks[:3]] == [6, 4, 9]
    html = lkjip_html(document_build(report))
    text = re.sub(r"<[^>]+>", "", html)
    assert "Sub Bagian Keuangan mempunyai tugas merencanakan" in text
    assert "Tabel 1.3 Jumlah pegawai menurut status kepegawaian tahun 2021" in text
    assert "Tabel 1.4 Sarana dan prasarana tahun 2021" in text
    assert "B 1453 WQN" in text and "LAMPIRAN 8 Daftar Risiko Tahun 2021" in text
