"""sakip-evaluation/1: an evaluation exported as canonical JSON, imported whole or not at all with every problem
listed by path, and a round trip that gives the same bytes."""

import json

import pytest

from agencies.models import Agency, Government
from evaluation.interchange import EvaluationImportError, evaluation_export, export_text, import_evaluation
from evaluation.models import Answer, ComponentNote, Evaluation, FollowUp, Recommendation
from evaluation.services import default_rubric, load_rubric
from tests.evaluation.helpers import tiny_data

pytestmark = pytest.mark.django_db


def problems_of(text) -> list[str]:
    with pytest.raises(EvaluationImportError) as caught:
        import_evaluation(text)
    return caught.value.problems


def test_the_export_is_canonical_in_the_rubrics_order(filled_evaluation):
    text = export_text(filled_evaluation)
    assert text.endswith("}\n") and not text.endswith("\n\n")
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert "Pedoman ada — SE Wali Kota" in text  # UTF-8 as is
    assert data["format"] == "sakip-evaluation/1"
    assert data["rubric"] == {"code": "lke-88-2021", "version": 1}
    assert (data["government"], data["agency"], data["year"]) == ("kota-uji", "dinas-uji", 2024)
    assert [a["criterion"] for a in data["answers"]] == ["1.a.1", "1.c.8", "2.b.1"]  # 4.a.1 is empty
    assert data["answers"][0] == {
        "criterion": "1.a.1",
        "self_answer": "Y",
        "self_note": "Pedoman ada — SE Wali Kota",
        "evaluator_answer": "Y",
        "evaluator_note": "Sesuai",
    }
    assert [n["component"] for n in data["component_notes"]] == ["1", "3"]
    assert data["letter"] == {
        "number": "700/012/Itko/2025",
        "date": "2025-03-14",
        "addressee": "Kepala Dinas Uji",
        "signatory": {"name": "Drs. Inspektur Kota", "title": "Inspektur", "nip": "197001011990031001"},
        "copies": ["Wali Kota Uji", "Sekretaris Daerah"],
    }
    assert data["recommendations"] == [
        {
            "position": 1,
            "text": "Selaraskan target PK",
            "criterion": "",
            "priority": "sedang",
            "target_date": None,
        },
        {
            "position": 2,
            "text": "Lengkapi cascading kinerja",
            "criterion": "1.b.3",
            "priority": "tinggi",
            "target_date": "2025-06-30",
        },
    ]
    assert export_text(Evaluation.objects.get(pk=filled_evaluation.pk)) == text  # same data, same bytes


def test_a_round_trip_into_an_empty_evaluation_gives_the_same_bytes(filled_evaluation):
    text = export_text(filled_evaluation)
    Evaluation.objects.all().delete()
    summary = import_evaluation(text)
    assert summary.created and (summary.answers, summary.component_notes, summary.recommendations) == (
        3,
        2,
        2,
    )
    assert "dinas-uji 2024" in str(summary)
    assert export_text(Evaluation.objects.get(agency__code="dinas-uji", year=2024)) == text


def test_a_round_trip_into_another_agency_and_year_gives_the_same_bytes(filled_evaluation, government):
    Agency.objects.create(government=government, code="dinas-dua", name="Dinas Dua")
    data = evaluation_export(filled_evaluation)
    data.update(agency="dinas-dua", year=2025)
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    import_evaluation(text)
    assert export_text(Evaluation.objects.get(agency__code="dinas-dua", year=2025)) == text
    assert Evaluation.objects.count() == 2


def test_an_import_replaces_an_open_evaluations_content_and_records_history(filled_evaluation):
    data = evaluation_export(filled_evaluation)
    data["answers"] = [{"criterion": "1.a.1", "self_answer": "T"}]
    data["component_notes"] = []
    data["recommendations"] = [{"position": 1, "text": "Satu saja"}]
    data["letter"] = {}
    summary = import_evaluation(json.dumps(data))
    assert not summary.created
    answers = {a.criterion: a for a in Answer.objects.filter(evaluation=filled_evaluation)}
    assert answers["1.a.1"].self_answer == "T" and answers["1.a.1"].evaluator_answer == ""
    assert answers["2.b.1"].self_answer == "" and answers["2.b.1"].evaluator_answer == ""  # left out: emptied
    assert answers["1.a.1"].history.first().history_change_reason == "import"
    assert not ComponentNote.objects.exists()
    assert list(Recommendation.objects.values_list("text", flat=True)) == ["Satu saja"]
    filled_evaluation.refresh_from_db()
    assert filled_evaluation.letter_number == "" and filled_evaluation.letter_date is None
    assert export_text(filled_evaluation) == export_text(Evaluation.objects.get(pk=filled_evaluation.pk))


def test_every_problem_against_the_rubric_is_listed_and_nothing_is_written(filled_evaluation):
    before = export_text(filled_evaluation)
    data = evaluation_export(filled_evaluation)
    data["answers"] += [
        {"criterion": "9.z.9", "self_answer": "Y"},
        {"criterion": "1.a.2", "self_answer": "B", "evaluator_answer": "A"},  # Y/T criterion
        {"criterion": "1.a.1"},
    ]
    data["component_notes"].append({"component": "7", "text": "?"})
    data["recommendations"].append(
        {"position": 1, "text": "lagi", "criterion": "0.0", "target_date": "2025-02-30"}
    )
    data["letter"]["date"] = "2025-13-01"
    found = problems_of(json.dumps(data))
    assert found == [
        "$.letter.date: tanggal tidak valid / not a date ('2025-13-01')",
        "$.answers[3].criterion: kriteria tidak dikenal / unknown criterion '9.z.9'",
        "$.answers[4].self_answer: 'B' bukan jawaban Y/T / not an answer of type Y/T (Y, T)",
        "$.answers[4].evaluator_answer: 'A' bukan jawaban Y/T / not an answer of type Y/T (Y, T)",
        "$.answers[5].criterion: kriteria ganda / duplicate criterion '1.a.1'",
        "$.component_notes[2].component: komponen tidak dikenal / unknown component '7'",
        "$.recommendations[2].position: nomor ganda / duplicate position 1",
        "$.recommendations[2].criterion: kriteria tidak dikenal / unknown criterion '0.0'",
        "$.recommendations[2].target_date: tanggal tidak valid / not a date ('2025-02-30')",
    ]
    assert export_text(Evaluation.objects.get(pk=filled_evaluation.pk)) == before


def test_the_schema_problems_are_listed_by_path():
    found = problems_of(
        json.dumps(
            {
                "format": "sakip-evaluation/2",
                "rubric": {"code": "lke 88", "version": 0},
                "agency": "",
                "year": "2024",
                "answers": [{"criterion": "1.a.1", "self_answer": 1, "colour": "red"}],
                "letter": {"copies": ["satu\ndua"]},
            }
        )
    )
    assert "$: kunci wajib tidak ada / required key missing: 'government'" in found
    assert "$.format: format harus / the format must be 'sakip-evaluation/1'" in found
    assert "$.answers[0]: kunci tidak dikenal / unknown key: 'colour'" in found
    for path in ("$.rubric.code", "$.rubric.version", "$.agency", "$.year", "$.answers[0].self_answer"):
        assert any(p.startswith(f"{path}: tidak sesuai skema") for p in found), path
    assert any(p.startswith("$.letter.copies[0]: tidak sesuai skema") for p in found)
    assert problems_of("[]") == ["$: bukan objek JSON / not a JSON object"]
    assert problems_of("{")[0].startswith("$: JSON tidak valid / invalid JSON")


def test_an_issued_evaluation_is_not_imported_into(filled_evaluation):
    text = export_text(filled_evaluation)
    Evaluation.objects.filter(pk=filled_evaluation.pk).update(issued_at="2025-03-14T08:00:00Z")
    data = json.loads(text)
    data["answers"] = []
    found = problems_of(json.dumps(data))
    assert len(found) == 1 and "sudah diterbitkan" in found[0] and found[0].startswith("$: ")
    assert Answer.objects.filter(evaluation=filled_evaluation).exclude(self_answer="").count() == 3


def test_the_agency_its_pemda_and_a_loaded_rubric_are_required(filled_evaluation, government):
    data = evaluation_export(filled_evaluation)
    data.update(agency="dinas-entah", government="kota-uji")
    assert problems_of(json.dumps(data)) == [
        "$.agency: perangkat daerah tidak dikenal / unknown agency 'dinas-entah'"
    ]
    data.update(agency="dinas-uji", government="kota-lain", rubric={"code": "mini", "version": 1}, year=2030)
    found = problems_of(json.dumps(data))
    assert found[0] == "$.government: 'dinas-uji' milik / belongs to 'kota-uji', bukan / not 'kota-lain'"
    assert found[1].startswith("$.rubric: rubrik mini versi 1 belum dimuat untuk Pemda ini")
    other = Government.objects.create(code="kota-lain", name="Kota Lain")
    load_rubric(other, json.dumps(tiny_data()))  # another Pemda's variant is not this Pemda's
    data["government"] = "kota-uji"
    assert problems_of(json.dumps(data))[0].startswith("$.rubric: rubrik mini versi 1 belum dimuat")


def test_a_pemdas_own_variant_is_imported_with_its_own_criteria(agency, government):
    own = load_rubric(government, json.dumps(tiny_data()))
    data = {
        "format": "sakip-evaluation/1",
        "rubric": {"code": "mini", "version": 1},
        "government": "kota-uji",
        "agency": "dinas-uji",
        "year": 2026,
        "answers": [
            {"criterion": "1.a.1", "evaluator_answer": "Y"},
            {"criterion": "2.a.1", "self_answer": "C"},
        ],
        "component_notes": [{"component": "2", "text": "Baik"}],
    }
    import_evaluation(json.dumps(data))
    evaluation = Evaluation.objects.get(agency=agency, year=2026)
    assert evaluation.rubric == own
    # An evaluation started with the shipped rubric is not switched to the variant by an import.
    Evaluation.objects.create(agency=agency, year=2027, rubric=default_rubric())
    data["year"] = 2027
    assert problems_of(json.dumps(data)) == [
        "$.rubric: evaluasi ini memakai lke-88-2021 v1 / this evaluation uses lke-88-2021 v1"
    ]


def test_recommendations_with_follow_ups_are_not_replaced(filled_evaluation):
    text = export_text(filled_evaluation)
    recommendation = filled_evaluation.recommendations.get(position=1)
    FollowUp.objects.create(recommendation=recommendation, text="Sudah", link="https://contoh.go.id/bukti")
    found = problems_of(text)
    assert found == [
        "$.recommendations: rekomendasi yang sudah ditindaklanjuti tidak diganti / "
        "recommendations that have follow-ups are not replaced"
    ]
    assert FollowUp.objects.count() == 1


def test_a_failure_while_writing_leaves_nothing_behind(filled_evaluation, monkeypatch):
    text = export_text(filled_evaluation)
    data = json.loads(text)
    data["answers"][0]["self_note"] = "diubah"
    Evaluation.objects.all().delete()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Recommendation.objects, "create", broken)
    with pytest.raises(RuntimeError):
        import_evaluation(json.dumps(data))
    assert (
        not Evaluation.objects.exists() and not Answer.objects.exists() and not ComponentNote.objects.exists()
    )
