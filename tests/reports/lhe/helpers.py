"""An agency of a small Pemda (with its inspectorate) and its evaluations, answered as a test needs."""

from __future__ import annotations

import datetime

from django.utils import timezone

from agencies.models import Agency, Government
from evaluation.models import Answer, ComponentNote, Evaluation, Recommendation
from evaluation.services import evaluation_for

YEAR = 2021


def best(rubric) -> dict[str, str]:
    """Every criterion at its best answer (Y, A)."""
    return {c.code: rubric.options(c)[0].answer for c in rubric.criteria}


def worst(rubric) -> dict[str, str]:
    return {c.code: rubric.options(c)[-1].answer for c in rubric.criteria}


def mixed(rubric) -> dict[str, str]:
    """The hand-computed case: all best except 2.a (Y, T, T: mean 1/3 × 6 = 2) and 4.c (B, B, C, C, A: mean
    3,5/5 = 0,7 × 12,5 = 8,75). Component 2 = 30 − 4 = 26; component 4 = 25 − 3,75 = 21,25; total 92,25: AA."""
    answers = best(rubric)
    for code, answer in zip(("2.a.1", "2.a.2", "2.a.3"), "YTT", strict=True):
        answers[code] = answer
    for code, answer in zip(("4.c.1", "4.c.2", "4.c.3", "4.c.4", "4.c.5"), "BBCCA", strict=True):
        answers[code] = answer
    return answers


def last_year(rubric) -> dict[str, str]:
    """Component 1 all at its worst, the rest at its best: 70,00, which is B (60 < x ≤ 70), not BB."""
    answers = best(rubric)
    answers |= {code: value for code, value in worst(rubric).items() if code.startswith("1.")}
    return answers


def make_pemda(code="kota-uji", agencies=1, *, inspectorate=True):
    government = Government.objects.create(code=code, name=f"Kota Uji {code}")
    if inspectorate:
        Agency.objects.create(
            government=government,
            code=f"{code}-itko",
            name="Inspektorat Kota Uji",
            address="Jl. Pemeriksa No. 1, Kota Uji",
        )
    made = [
        Agency.objects.create(government=government, code=f"{code}-opd-{k}", name=f"Dinas Uji {k}")
        for k in range(agencies)
    ]
    return government, made


def answer(evaluation: Evaluation, answers: dict[str, str], *, note: str = "") -> None:
    Answer.objects.bulk_create(
        Answer(evaluation=evaluation, criterion=code, evaluator_answer=value, evaluator_note=note)
        for code, value in answers.items()
    )


def evaluated(agency, year, answers, *, issued=True, **letter) -> Evaluation:
    evaluation = evaluation_for(agency, year)
    answer(evaluation, answers)
    for key, value in letter.items():
        setattr(evaluation, key, value)
    if issued:
        evaluation.issued_at = timezone.now()
    evaluation.save()
    return evaluation


def full_case(agency, *, issued=True) -> Evaluation:
    """This year mixed (92,25 AA) with a letter, two notes and two recommendations; last year 70,00 (B), issued."""
    rubric = evaluation_for(agency, YEAR - 1).rubric.rubric
    evaluated(agency, YEAR - 1, last_year(rubric))
    evaluation = evaluated(
        agency,
        YEAR,
        mixed(rubric),
        issued=issued,
        letter_number="700/123/Itko/2022",
        letter_date=datetime.date(2022, 3, 14),
        addressee="Kepala Dinas Uji 0",
        signatory_name="Drs. Pemeriksa Utama, M.Si.",
        signatory_title="Inspektur Kota Uji",
        signatory_nip="196801011990031001",
        copies="Wali Kota Uji\nSekretaris Daerah Kota Uji",
    )
    ComponentNote.objects.create(evaluation=evaluation, component="2", text="Pengukuran belum berjenjang.")
    ComponentNote.objects.create(evaluation=evaluation, component="4", text="Evaluasi internal belum rutin.")
    Recommendation.objects.create(
        evaluation=evaluation, position=2, text="Lakukan evaluasi internal tiap triwulan.", criterion="4.c.3"
    )
    Recommendation.objects.create(
        evaluation=evaluation,
        position=1,
        text="Susun pengukuran kinerja berjenjang.",
        target_date=datetime.date(2022, 6, 30),
    )
    return evaluation
