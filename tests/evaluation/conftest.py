import datetime

import pytest

from agencies.models import Agency, Government
from evaluation.models import Answer, ComponentNote, Recommendation
from evaluation.services import evaluation_for


@pytest.fixture
def government(db):
    return Government.objects.create(code="kota-uji", name="Kota Uji")


@pytest.fixture
def agency(government):
    return Agency.objects.create(government=government, code="dinas-uji", name="Dinas Uji")


@pytest.fixture
def filled_evaluation(agency):
    """The 2024 evaluation of dinas-uji with the shipped rubric: three answers (out of rubric order on purpose),
    two component notes, the letter's particulars and two recommendations."""
    evaluation = evaluation_for(agency, 2024)
    evaluation.letter_number = "700/012/Itko/2025"
    evaluation.letter_date = datetime.date(2025, 3, 14)
    evaluation.addressee = "Kepala Dinas Uji"
    evaluation.signatory_name = "Drs. Inspektur Kota"
    evaluation.signatory_title = "Inspektur"
    evaluation.signatory_nip = "197001011990031001"
    evaluation.copies = "Wali Kota Uji\nSekretaris Daerah"
    evaluation.save()
    Answer.objects.create(evaluation=evaluation, criterion="2.b.1", self_answer="B", evaluator_answer="C")
    Answer.objects.create(
        evaluation=evaluation,
        criterion="1.a.1",
        self_answer="Y",
        self_note="Pedoman ada — SE Wali Kota",
        evaluator_answer="Y",
        evaluator_note="Sesuai",
    )
    Answer.objects.create(evaluation=evaluation, criterion="1.c.8", self_answer="A")
    Answer.objects.create(evaluation=evaluation, criterion="4.a.1")  # empty: not exported
    ComponentNote.objects.create(evaluation=evaluation, component="3", text="Pelaporan tepat waktu.")
    ComponentNote.objects.create(evaluation=evaluation, component="1", text="Cascading belum lengkap.")
    Recommendation.objects.create(
        evaluation=evaluation,
        position=2,
        text="Lengkapi cascading kinerja",
        criterion="1.b.3",
        priority="tinggi",
        target_date=datetime.date(2025, 6, 30),
    )
    Recommendation.objects.create(evaluation=evaluation, position=1, text="Selaraskan target PK")
    return evaluation
