"""`reports.evaluation.facts` on the demo dataset: what an evaluator sees beside each LKE criterion, read off the
agency's own rows (PK and Renstra targets, the review of the LKjIP, entry windows, evidence, last year's
recommendations), and a number of queries that does not grow with the agency."""

import copy
import datetime

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evaluation.models import Evaluation, FollowUp, Recommendation
from evaluation.services import default_rubric
from indicators.models import Evidence, Realisation, Target
from reports.evaluation.facts import agency_facts, evaluation_suggestions, measured_indicators
from reports.readmodel.build import report_build
from review.models import EntryWindow, ReviewEvent, YearReview

YEAR = 2021


def test_demo_agency_facts_and_their_screens(demo_agency):
    suggestions = evaluation_suggestions(demo_agency, YEAR)
    code = demo_agency.code
    assert suggestions["1.a.3"].answer == "Y"
    assert suggestions["1.a.3"].facts[0].text == "Renstra 2016–2021 tercatat: 8 sasaran, 37 indikator."
    assert suggestions["1.a.3"].facts[0].url == reverse("indicators:plan", kwargs={"code": code})
    # The demo's PK of 2021 is signed (January 2021) by both parties.
    assert suggestions["1.b.1"].answer == "Y"
    assert "Januari 2021" in suggestions["1.b.1"].facts[0].text
    assert suggestions["1.b.1"].facts[0].url == reverse(
        "indicators:targets_pk", kwargs={"code": code, "year": YEAR}
    )
    # Every IKU has its unit, formula and data source; five of eight sasaran have an IKU.
    assert suggestions["1.b.5"].answer == "A"
    assert suggestions["1.b.6"].answer == "C"
    # A draft year: the LKjIP was neither submitted nor reviewed.
    assert suggestions["3.a.1"].answer == "T"
    assert suggestions["3.a.4"].answer == "T"
    assert suggestions["3.a.4"].facts[0].url == reverse("review:detail", kwargs={"code": code, "year": YEAR})
    # No LHE of 2020: nothing to follow up, no answer; the link goes to last year's recommendations.
    assert suggestions["4.c.1"].answer is None
    assert suggestions["4.c.1"].facts[0].url == reverse(
        "evaluation_followup:list", kwargs={"code": code, "year": YEAR - 1}
    )
    quarter_urls = [f.url for f in suggestions["2.b.3"].facts]
    assert quarter_urls == [
        reverse("indicators:realisations", kwargs={"code": code, "year": YEAR, "quarter": q})
        for q in (1, 2, 3, 4)
    ]


def test_every_linked_screen_opens_for_the_evaluator(demo_agency, reviewer_client):
    urls = {f.url for s in evaluation_suggestions(demo_agency, YEAR).values() for f in s.facts if f.url}
    assert len(urls) >= 10
    for url in sorted(
        urls - {reverse("evaluation_followup:list", kwargs={"code": demo_agency.code, "year": YEAR - 1})}
    ):
        assert reviewer_client.get(url).status_code == 200, url


def test_pk_targets_equal_to_the_renstra(demo_agency):
    report = report_build(agency=demo_agency, year=YEAR)
    pk_codes = [row.code for row in report.indicators if row.inputs.pk_target is not None]
    pk = {
        t.indicator.code: t for t in Target.objects.filter(kind="pk", year=YEAR).select_related("indicator")
    }
    assert agency_facts(demo_agency, YEAR).objectives_analysed == 0
    # The Renstra's targets equal the PK's for every PK indicator but one.
    for code in pk_codes:
        target = pk[code]
        value = target.value + 1 if code == pk_codes[0] and target.value is not None else target.value
        Target.objects.create(
            indicator=target.indicator, kind="renstra", year=YEAR, value=value, grade=target.grade
        )
    facts = agency_facts(demo_agency, YEAR)
    assert (facts.pk_targets, facts.pk_equal, facts.pk_differing) == (32, 31, 1)
    suggestion = evaluation_suggestions(demo_agency, YEAR)["1.b.8"]
    assert suggestion.answer == "B"  # 31 of 32 equal (≥ 75 %), every sasaran supported by a program
    assert "31 sama, 1 berbeda, 0 tanpa target Renstra" in suggestion.facts[0].text
    assert suggestion.facts[0].ok is False
    # 2021 is the Renstra's last year: its targets give the progress to the end target (analysis 3), the one
    # analysis the demo's sasaran lacked; the three sasaran without indicators still have none.
    assert (facts.objectives_analysed, facts.objectives) == (5, 8)
    checks = evaluation_suggestions(demo_agency, YEAR)["3.b.1"]
    assert checks.answer == "C"  # the lower of: warnings only (B), 5 of 8 sasaran analysed (C)


def test_an_approved_lkjip_submitted_in_february(demo_agency):
    review = YearReview.objects.create(agency=demo_agency, year=YEAR, state="approved")
    submitted = ReviewEvent.objects.create(
        review=review, action="submit", from_state="draft", to_state="submitted"
    )
    ReviewEvent.objects.create(review=review, action="approve", from_state="submitted", to_state="approved")
    ReviewEvent.objects.filter(pk=submitted.pk).update(
        at=datetime.datetime(2022, 2, 14, 9, tzinfo=datetime.UTC)
    )
    suggestions = evaluation_suggestions(demo_agency, YEAR)
    assert suggestions["3.a.1"].answer == "Y"
    assert suggestions["3.a.4"].answer == "Y"
    assert suggestions["3.a.4"].facts[0].text == "Status reviu LKjIP 2021: Disetujui."
    assert suggestions["3.a.6"].answer == "Y"
    assert "pertama diajukan 14 Februari 2022" in suggestions["3.a.6"].facts[0].text
    ReviewEvent.objects.filter(pk=submitted.pk).update(
        at=datetime.datetime(2022, 3, 2, 9, tzinfo=datetime.UTC)
    )
    assert evaluation_suggestions(demo_agency, YEAR)["3.a.6"].answer == "T"


def test_last_years_follow_up_rate_from_recommendations(demo_agency):
    evaluation = Evaluation.objects.create(
        agency=demo_agency, year=YEAR - 1, rubric=default_rubric(), issued_at=timezone.now()
    )
    done, in_progress, untouched = (
        Recommendation.objects.create(evaluation=evaluation, position=k, text=f"Rekomendasi {k}")
        for k in range(3)
    )
    now = timezone.now()
    FollowUp.objects.create(
        recommendation=done,
        text="Dikerjakan",
        link="https://example.org/a",
        decision="returned",
        decision_note="Kurang",
        decided_at=now,
    )
    FollowUp.objects.create(
        recommendation=done,
        text="Diperbaiki",
        link="https://example.org/b",
        decision="accepted",
        decided_at=now,
    )
    FollowUp.objects.create(recommendation=in_progress, text="Sedang", link="https://example.org/c")
    suggestion = evaluation_suggestions(demo_agency, YEAR)["4.c.1"]
    assert suggestion.answer == "D"  # 1 of 3 selesai: more than 25 %, not more than 50 %
    assert "1 dari 3 selesai" in suggestion.facts[0].text
    assert "1 dalam proses, 1 belum" in suggestion.facts[0].text
    assert evaluation_suggestions(demo_agency, YEAR)["4.c.2"].answer == "D"
    # An LHE not issued yet recommends nothing the agency could have followed up.
    Evaluation.objects.filter(pk=evaluation.pk).update(issued_at=None)
    assert evaluation_suggestions(demo_agency, YEAR)["4.c.1"].answer is None


def test_entries_on_time_against_the_entry_window_and_evidence(demo_agency):
    report = report_build(agency=demo_agency, year=YEAR)
    row = next(
        r
        for r in measured_indicators(report)
        if r.quarters[0].realisation is not None and r.quarters[1].realisation is not None
    )
    today = timezone.localdate()
    EntryWindow.objects.create(
        government=demo_agency.government, year=YEAR, quarter=1, deadline=today + datetime.timedelta(days=5)
    )
    EntryWindow.objects.create(
        government=demo_agency.government, year=YEAR, quarter=2, deadline=datetime.date(2021, 7, 15)
    )
    for quarter in (1, 2):  # typed on screen today: as if never imported (no import baseline in its history)
        realisation = Realisation.objects.get(
            indicator__plan__agency=demo_agency, indicator__code=row.code, year=YEAR, quarter=quarter
        )
        Realisation.history.filter(id=realisation.pk).delete()
        realisation.note = "diketik"
        realisation.save()
    indicator = realisation.indicator
    # Another indicator's imported realisation edited today: its entry day is unknown, counted neither way.
    other = next(
        r for r in measured_indicators(report) if r.code != row.code and r.quarters[0].realisation is not None
    )
    edited = Realisation.objects.get(
        indicator__plan__agency=demo_agency, indicator__code=other.code, year=YEAR, quarter=1
    )
    edited.note = "diperbaiki"
    edited.save()
    Evidence.objects.create(
        indicator=indicator,
        year=YEAR,
        quarter=1,
        file=SimpleUploadedFile("bukti.pdf", b"%PDF-1.4"),
        original_name="bukti.pdf",
        content_type="application/pdf",
        size=8,
    )
    facts = agency_facts(demo_agency, YEAR)
    q1, q2, q3, _q4 = facts.quarters
    assert (q1.on_time, q1.late, q1.with_evidence) == (1, 0, 1)
    assert (q2.on_time, q2.late, q2.with_evidence) == (0, 1, 0)
    assert q3.deadline is None and (q3.on_time, q3.late) == (0, 0)
    suggestion = evaluation_suggestions(demo_agency, YEAR)["2.b.4"]
    assert suggestion.answer == "T"
    assert any("TW 2: 0 diisi tepat waktu, 1 terlambat" in f.text and f.ok is False for f in suggestion.facts)
    assert any(
        f.text == "Bukti dukung TW 1: 1/32 indikator."
        for f in evaluation_suggestions(demo_agency, YEAR)["2.b.3"].facts
    )


def test_the_signed_lkjip(demo_agency):
    from indicators.models import ReportSigning

    assert evaluation_suggestions(demo_agency, YEAR)["3.a.3"].answer == "T"
    ReportSigning.objects.update_or_create(
        agency=demo_agency,
        year=YEAR,
        defaults={"signed_on": datetime.date(2022, 2, 10), "name": "Kepala Dinas"},
    )
    suggestion = evaluation_suggestions(demo_agency, YEAR)["3.a.3"]
    assert suggestion.answer == "Y"
    assert suggestion.facts[0].text == "LKjIP 2021 ditandatangani 10 Februari 2022."


def test_an_agency_without_a_renstra_for_the_year(demo_agency):
    suggestions = evaluation_suggestions(demo_agency, 2030)
    assert suggestions["1.a.3"].answer == "T"
    assert suggestions["1.a.3"].facts[0].text == "Belum ada Renstra yang mencakup tahun 2030."
    assert "3.b.3" not in suggestions and "2.b.4" not in suggestions


def test_the_evaluations_own_rubric_decides_the_criteria(demo_agency):
    import json

    from evaluation.rubric import default_rubric_text
    from evaluation.services import load_rubric

    data = json.loads(default_rubric_text())
    data.update(code="lke-pemda", version=1)
    for component in data["components"]:
        for sub in component["sub_components"]:
            sub["criteria"] = [c for c in sub["criteria"] if c["code"] != "3.b.3"]
    data["rules"] = [r for r in data["rules"] if "3.b.3" not in r["criteria"] + r["reference"]]
    variant = load_rubric(demo_agency.government, json.dumps(data))
    assert "3.b.3" not in evaluation_suggestions(demo_agency, YEAR)  # the Pemda's current rubric
    Evaluation.objects.create(agency=demo_agency, year=YEAR, rubric=default_rubric())
    assert "3.b.3" in evaluation_suggestions(demo_agency, YEAR)  # the evaluation keeps its own
    assert variant.pk


def _queries(agency) -> int:
    cache.clear()  # the report object is cached: measure a cold build
    with CaptureQueriesContext(connection) as queries:
        evaluation_suggestions(agency, YEAR)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_agency(db, demo_dataset):
    from interchange.dataset.writing import dataset_import
    from interchange.scale import scaled

    small = dataset_import(copy.deepcopy(demo_dataset)).agency
    large_data = scaled(demo_dataset, 3)
    large_data["agency"].update(code="opd-besar", name="Dinas Besar")
    large = dataset_import(large_data).agency
    # Each with last year's LHE and recommendations followed up, and evidence, so that every query runs.
    for agency, count in ((small, 1), (large, 4)):
        evaluation = Evaluation.objects.create(
            agency=agency, year=YEAR - 1, rubric=default_rubric(), issued_at=timezone.now()
        )
        for k in range(count):
            recommendation = Recommendation.objects.create(evaluation=evaluation, position=k, text="R")
            FollowUp.objects.create(recommendation=recommendation, text="T", link="https://example.org/")
    default_rubric()
    assert len(report_build(agency=large, year=YEAR).indicators) == 3 * len(
        report_build(agency=small, year=YEAR).indicators
    )
    small_count = _queries(small)
    assert small_count == _queries(large)
    assert small_count <= 40, small_count  # 36 today: the report object's build and eight more
    # Once the evaluation is started, its rubric comes with it: the Pemda's current rubric is not looked up.
    for agency in (small, large):
        Evaluation.objects.create(agency=agency, year=YEAR, rubric=default_rubric())
    assert _queries(small) == _queries(large) == small_count - 2


def test_each_of_the_seven_analyses_is_needed(demo_agency):
    from dataclasses import replace

    from reports.evaluation.facts import seven_analyses
    from reports.readmodel.types import Figures, ObjectiveNoteRow

    report = report_build(agency=demo_agency, year=YEAR)
    objective = next(o for o in report.objectives if o.code == "S1")
    assert not seven_analyses(objective, YEAR)  # the demo has no Renstra end target: no progress (analysis 3)
    row = replace(objective.indicators[0], renstra_progress=objective.indicators[0].capaian)
    whole = replace(objective, indicators=(row,))
    assert seven_analyses(whole, YEAR)

    def without(**changes):
        return replace(whole, indicators=(replace(row, **changes),))

    assert not seven_analyses(without(current=Figures(row.target, None, None)), YEAR)  # (1)
    assert not seven_analyses(without(history={}), YEAR)  # (2)
    assert not seven_analyses(without(renstra_progress=None), YEAR)  # (3)
    assert not seven_analyses(without(national_standard=row.target, standard_status=None), YEAR)  # (4)
    assert seven_analyses(without(national_standard=row.target, standard_status="memenuhi"), YEAR)
    assert not seven_analyses(without(analysis=""), YEAR)  # (5): no cause typed, no analysis text
    cause = ObjectiveNoteRow(kind="obstacle", text="Anggaran dipangkas")
    assert seven_analyses(replace(without(analysis=""), notes=(cause,)), YEAR)
    assert not seven_analyses(replace(whole, efficiency=None), YEAR)  # (6)
    assert not seven_analyses(replace(whole, program_codes=()), YEAR)  # (7)
    supporting = ObjectiveNoteRow(kind="supporting", text="Program UMKM", program_code="2.17.07")
    assert seven_analyses(replace(whole, program_codes=(), notes=(supporting,)), YEAR)
    assert not seven_analyses(replace(whole, indicators=()), YEAR)
