"""The commands of the evaluation interchange: export_evaluation, import_evaluation and load_rubric, each a thin
shell that prints one summary line, or every problem as a CommandError."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from evaluation.interchange import export_text
from evaluation.models import Evaluation, RubricVersion
from tests.evaluation.helpers import tiny_data

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_export_writes_the_canonical_text_to_a_file_or_stdout(filled_evaluation, tmp_path):
    target = tmp_path / "evaluasi.json"
    line = run("export_evaluation", "--agency", "dinas-uji", "--year", "2024", "--output", str(target))
    assert line == f"dinas-uji 2024: 4 jawaban / answers → {target}\n"
    assert target.read_text(encoding="utf-8") == export_text(filled_evaluation)
    assert run("export_evaluation", "--agency", "dinas-uji", "--year", "2024") == export_text(
        filled_evaluation
    )


def test_export_refuses_an_unknown_agency_or_a_year_not_evaluated(filled_evaluation):
    with pytest.raises(CommandError, match="agency not found: dinas-entah"):
        run("export_evaluation", "--agency", "dinas-entah", "--year", "2024")
    with pytest.raises(CommandError, match="no evaluation of dinas-uji 2023"):
        run("export_evaluation", "--agency", "dinas-uji", "--year", "2023")
    assert not Evaluation.objects.filter(year=2023).exists()  # looking did not start one


def test_import_round_trips_and_prints_a_summary(filled_evaluation, tmp_path):
    source = tmp_path / "evaluasi.json"
    source.write_text(export_text(filled_evaluation), encoding="utf-8")
    Evaluation.objects.all().delete()
    line = run("import_evaluation", str(source))
    assert line.startswith("dinas-uji 2024 (lke-88-2021 v1) dibuat / created: 3 jawaban / answers")
    assert export_text(Evaluation.objects.get()) == source.read_text(encoding="utf-8")


def test_import_lists_every_problem_and_saves_nothing(filled_evaluation, tmp_path):
    data = json.loads(export_text(filled_evaluation))
    data["answers"].append({"criterion": "9.9.9"})
    data["component_notes"].append({"component": "8", "text": "x"})
    source = tmp_path / "salah.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    Evaluation.objects.all().delete()
    with pytest.raises(CommandError) as caught:
        run("import_evaluation", str(source))
    message = str(caught.value)
    assert "$.answers[3].criterion: kriteria tidak dikenal" in message
    assert "$.component_notes[2].component: komponen tidak dikenal" in message
    assert "2 masalah, tidak ada yang disimpan / 2 problems, nothing saved" in message
    assert not Evaluation.objects.exists()
    with pytest.raises(CommandError, match="cannot read file"):
        run("import_evaluation", str(tmp_path / "tidak-ada.json"))


def test_load_rubric_for_a_pemda_or_shared(government, tmp_path):
    source = tmp_path / "rubrik.json"
    source.write_text(json.dumps(tiny_data()), encoding="utf-8")
    line = run("load_rubric", str(source), "--government", "kota-uji")
    assert line == "mini v1 (4 kriteria / criteria) dimuat untuk / loaded for kota-uji\n"
    assert RubricVersion.objects.get().government == government
    assert "every Pemda" in run("load_rubric", str(source))
    assert RubricVersion.objects.filter(government=None, code="mini").exists()


def test_load_rubric_refuses_a_duplicate_an_unknown_pemda_and_lists_every_problem(government, tmp_path):
    source = tmp_path / "rubrik.json"
    source.write_text(json.dumps(tiny_data()), encoding="utf-8")
    run("load_rubric", str(source), "--government", "kota-uji")
    with pytest.raises(CommandError, match="sudah dimuat"):
        run("load_rubric", str(source), "--government", "kota-uji")
    with pytest.raises(CommandError, match="Pemda not found: kota-entah"):
        run("load_rubric", str(source), "--government", "kota-entah")
    broken = tiny_data()
    del broken["title"]
    broken["components"][0]["sub_components"][0]["criteria"][1]["code"] = ""
    source.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        run("load_rubric", str(source), "--government", "kota-uji")
    message = str(caught.value)
    assert "$.title: wajib diisi / required" in message
    assert "$.components[0].sub_components[0].criteria[1].code: wajib diisi / required" in message
    assert "2 masalah, tidak ada yang disimpan" in message
    assert RubricVersion.objects.count() == 1
