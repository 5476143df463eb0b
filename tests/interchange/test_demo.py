"""The shipped demo (interchange/fixtures/tangsel-2021.json) carries its organisation profile from its own LAKIP:
tugas dan fungsi of 20 units, the staff, 40 assets and 15 risks import and print (tugas dan fungsi, staff and asset
tables in BAB I, the risk register as the last annex)."""

import re

import pytest

from reports.lkjip.document import document_build
from reports.lkjip.render import lkjip_html
from reports.readmodel.build import report_build


@pytest.mark.django_db
def test_the_demo_profile_imports_and_prints_as_its_lakip(demo_agency):
    report = report_build(agency=demo_agency, year=2021)
    profile = report.profile
    assert [s.breakdown for s in profile.staff] == ["rank", "education", "employment"]
    assert profile.staff[2].table.total == 99  # "Jumlah Total Pegawai 99 Orang"
    assert len(profile.facilities.rows) == 40 and profile.facilities.total_quantity == 160
    assert len(profile.risks) == 15 and [r.level for r in profile.risks[:3]] == [6, 4, 9]
    html = lkjip_html(document_build(report))
    bab1 = re.sub(r"<[^>]+>", "", html[html.index('id="bab-1"') : html.index('id="bab-2"')])
    assert "Sub Bagian Keuangan mempunyai tugas merencanakan" in bab1
    assert "Tabel 1.3 Jumlah pegawai menurut status kepegawaian tahun 2021" in bab1
    assert "Tabel 1.4 Sarana dan prasarana tahun 2021" in bab1
    assert "B 1453 WQN" in bab1
    assert "LAMPIRAN 8 Daftar Risiko Tahun 2021" in re.sub(r"<[^>]+>", "", html)
