"""The year lock as a model invariant, and the entry windows, below the screens."""

import datetime

import pytest
from django.db import transaction

from agencies.models import Facility, Risk, StaffCount, StrategicIssue
from budgets.models import BudgetLine, Expenditure, Program, SpendingGroup, SpendingGroupMember
from indicators.models import (
    Indicator,
    Narrative,
    Objective,
    ObjectiveNote,
    PerformanceAgreement,
    Realisation,
    ReportSigning,
    Target,
)
from review.guards import GUARDED
from review.locks import EntryClosed, YearLocked, closed_quarters, ensure_writable, frozen_message, status_of
from review.models import EntryException, EntryWindow
from review.workflow import State
from surveys.models import SatisfactionSurvey, SurveyElement, SurveyResponse
from tests.factories import AgencyFactory, IndicatorFactory, TargetFactory

from .helpers import YEAR, approve_with_edition, evidence_for, set_state, year_data

FROZEN_STATES = [State.SUBMITTED, State.RESUBMITTED, State.APPROVED]
OPEN_STATES = [State.DRAFT, State.RETURNED, State.REOPENED]


@pytest.fixture
def agency(db):
    """An agency with nothing entered: the review state and the entry windows need no more."""
    return AgencyFactory()


@pytest.fixture
def another_agency(db):
    """An agency of another Pemda."""
    return AgencyFactory()


def target(agency, year=YEAR):
    return Target.objects.filter(indicator__plan__agency=agency, year=year).order_by("pk").first()


ROWS = {
    "target": target,
    "realisation": lambda a: Realisation.objects.filter(indicator__plan__agency=a, year=YEAR).first(),
    "evidence": lambda a: evidence_for(a),
    "narrative": lambda a: Narrative.objects.filter(agency=a, year=YEAR).first(),
    "agreement": lambda a: PerformanceAgreement.objects.filter(agency=a, year=YEAR).first(),
    "budget line (sub kegiatan)": lambda a: BudgetLine.objects.filter(
        sub_activity__activity__program__plan__agency=a, year=YEAR
    ).first(),
    "budget line (kegiatan)": lambda a: BudgetLine.objects.filter(
        activity__program__plan__agency=a, year=YEAR
    ).first(),
    "survey": lambda a: SatisfactionSurvey.objects.get(agency=a, year=YEAR),
    "survey unsur": lambda a: SurveyElement.objects.filter(survey__agency=a, survey__year=YEAR).first(),
    "report signer": lambda a: ReportSigning.objects.create(agency=a, year=YEAR, name="Plt. Kepala"),
    "sasaran analysis item": lambda a: ObjectiveNote.objects.create(
        objective=Objective.objects.filter(plan__agency=a).first(), year=YEAR, kind="obstacle", text="Kendala"
    ),
    "whole budget part": lambda a: Expenditure.objects.create(agency=a, year=YEAR, part="total", spent=1),
    "grouped realisation": lambda a: SpendingGroup.objects.create(
        agency=a, year=YEAR, label="Gabungan", spent=1
    ),
    "grouped realisation member": lambda a: SpendingGroupMember.objects.create(
        group=SpendingGroup.objects.create(agency=a, year=YEAR, label="Gabungan"),
        program=Program.objects.filter(plan__agency=a).first(),
    ),
    "staff count": lambda a: StaffCount.objects.create(
        agency=a, year=YEAR, breakdown="employment", label="PPPK", count=2
    ),  # the demo has its PNS and Non PNS already
    "facility": lambda a: Facility.objects.create(agency=a, year=YEAR, name="Laptop", quantity=2),
    "strategic issue": lambda a: StrategicIssue.objects.create(agency=a, year=YEAR, issue="Isu"),
    "risk": lambda a: Risk.objects.create(agency=a, year=YEAR, statement="Risiko", likelihood=3, severity=2),
    "survey response": lambda a: SurveyResponse.objects.create(
        survey=SatisfactionSurvey.objects.get(agency=a, year=YEAR),
        number=1,
        **{f"u{k}": 3 for k in range(1, 10)},
    ),
}


def test_every_guarded_model_is_exercised_below():
    assert {g.model.split(".")[1] for g in GUARDED} == {
        "Target",
        "Realisation",
        "Evidence",
        "Narrative",
        "ObjectiveNote",
        "ReportSigning",
        "PerformanceAgreement",
        "BudgetLine",
        "SatisfactionSurvey",
        "SurveyElement",
        "SurveyResponse",
        "Expenditure",
        "SpendingGroup",
        "SpendingGroupMember",
        "StaffCount",
        "Facility",
        "StrategicIssue",
        "Risk",
    }


@pytest.mark.parametrize("kind", ROWS)
@pytest.mark.parametrize("state", FROZEN_STATES)
def test_a_frozen_year_refuses_save_and_delete_of_every_kind_of_row(demo_agency, kind, state):
    row = ROWS[kind](demo_agency)
    assert row is not None, kind
    set_state(demo_agency, state)
    before = year_data(demo_agency)
    with pytest.raises(YearLocked) as refused:
        row.save()
    assert str(YEAR) in refused.value.messages[0] and " / " in refused.value.messages[0]
    with pytest.raises(YearLocked), transaction.atomic():
        row.delete()
    assert year_data(demo_agency) == before


@pytest.mark.parametrize("kind", ROWS)
@pytest.mark.parametrize("state", OPEN_STATES)
def test_an_open_year_saves(demo_agency, kind, state):
    set_state(demo_agency, state)
    row = ROWS[kind](demo_agency)
    row.save()


def test_a_new_row_in_a_frozen_year_is_refused(db):
    indicator = IndicatorFactory()
    agency = indicator.plan.agency
    set_state(agency, State.APPROVED)
    with pytest.raises(YearLocked):
        Realisation.objects.create(indicator=indicator, year=YEAR, quarter=3, note="baru")
    with pytest.raises(YearLocked):
        Narrative.objects.create(agency=agency, year=YEAR, key="penutup_baru", text="x")


def test_moving_a_row_out_of_or_into_a_frozen_year_is_refused(db):
    row = TargetFactory(year=YEAR)
    earlier = TargetFactory(indicator=row.indicator, year=YEAR - 1)
    set_state(row.indicator.plan.agency, State.APPROVED)
    row.year = YEAR - 1
    with pytest.raises(YearLocked):
        row.save()
    earlier.year = YEAR
    earlier.kind = Target.Kind.RENSTRA
    with pytest.raises(YearLocked):
        earlier.save()


def test_other_years_and_other_agencies_stay_writable(demo_agency, other_agency):
    approve_with_edition(demo_agency)  # the approved report is its edition: other years may move on
    row = target(demo_agency, YEAR - 1)
    row.value = (row.value or 0) + 1
    row.save()
    other = target(other_agency)
    other.value = (other.value or 0) + 1
    other.save()


def test_a_cascade_into_a_frozen_year_is_refused_whole(db):
    indicator = TargetFactory(year=YEAR).indicator
    TargetFactory(indicator=indicator, year=YEAR - 1)
    before = Target.objects.filter(indicator=indicator).count()
    set_state(indicator.plan.agency, State.APPROVED)
    with pytest.raises(YearLocked), transaction.atomic():
        indicator.delete()
    assert Indicator.objects.filter(pk=indicator.pk).exists()
    assert Target.objects.filter(indicator=indicator).count() == before


def test_a_cascade_with_nothing_frozen_deletes(db):
    indicator = TargetFactory(year=YEAR).indicator
    pk = indicator.pk
    set_state(indicator.plan.agency, State.RETURNED)
    indicator.delete()
    assert not Target.objects.filter(indicator_id=pk).exists()


def test_status_reads_the_state_and_says_why(agency):
    assert status_of(agency, YEAR).writable
    set_state(agency, State.SUBMITTED)
    status = status_of(agency, YEAR)
    assert status.frozen and not status.locked and "direviu" in status.block_message
    set_state(agency, State.APPROVED)
    status = status_of(agency, YEAR)
    assert status.locked and "disetujui" in status.block_message
    with pytest.raises(YearLocked) as refused:
        ensure_writable(agency, YEAR)
    assert f"Laporan tahun {YEAR} telah disetujui" in refused.value.messages[0]  # the year, and why
    ensure_writable(agency, YEAR - 1)


@pytest.fixture
def tw2_deadline_passed(agency):
    """TW II of 2021 closed on 15 July 2021, long ago."""
    return EntryWindow.objects.create(
        government=agency.government, year=YEAR, quarter=2, deadline=datetime.date(2021, 7, 15)
    )


def test_a_passed_deadline_closes_its_quarter_only(agency, tw2_deadline_passed):
    with pytest.raises(EntryClosed) as closed:
        ensure_writable(agency, YEAR, quarter=2)
    assert f"TW II {YEAR}" in closed.value.messages[0] and "15 Juli 2021" in closed.value.messages[0]
    ensure_writable(agency, YEAR, quarter=1)  # no window set: open
    ensure_writable(agency, YEAR, quarter=0)  # the annual figure follows the year lock only
    ensure_writable(agency, YEAR)
    assert closed_quarters(agency, YEAR) == {2: datetime.date(2021, 7, 15)}


def test_an_extension_reopens_the_quarter_for_one_agency(agency, another_agency, tw2_deadline_passed):
    EntryWindow.objects.create(
        government=another_agency.government, year=YEAR, quarter=2, deadline=datetime.date(2021, 7, 15)
    )
    EntryException.objects.create(
        agency=agency, year=YEAR, quarter=2, until=datetime.date.today(), reason="Server down"
    )
    ensure_writable(agency, YEAR, quarter=2)
    assert status_of(agency, YEAR, 2).extended
    with pytest.raises(EntryClosed):
        ensure_writable(another_agency, YEAR, quarter=2)
    assert closed_quarters(agency, YEAR) == {}


# --- the sentences a refused user reads, pinned whole (found by mutation testing: a garbled or re-cased
# sentence passed every test that only looked for a word of it) ---------------------------------------------
def test_each_refusal_is_said_in_full_in_indonesian_and_english():
    from review.locks import (
        agency_locked_message,
        closed_message,
        government_locked_message,
        period_dropped_message,
        plan_locked_message,
    )

    assert closed_message(2021, 2, datetime.date(2021, 7, 15)) == (
        "Pengisian realisasi TW II 2021 ditutup sejak batasnya, 15 Juli 2021; minta perpanjangan kepada "
        "admin. / Entry for TW II 2021 closed after its deadline, 15 Juli 2021; ask an admin for an extension."
    )
    years = {2020: State.APPROVED, 2021: State.SUBMITTED}
    assert plan_locked_message(years) == (
        "Renstra ini dipakai laporan tahun 2020 (Disetujui), 2021 (Diajukan) yang sedang direviu atau telah "
        "disetujui: isinya (misi, tujuan, sasaran, strategi, arah kebijakan, indikator, program, kegiatan) tidak "
        "dapat diubah, ditambah atau dihapus sampai admin membuka kembali tahun itu (atau pengajuannya ditarik "
        "atau dikembalikan). / This plan is used by the 2020 (Disetujui), 2021 (Diajukan) report, under review "
        "or approved: its content cannot be changed, added to or deleted until an admin reopens that year (or "
        "the submission is withdrawn or returned)."
    )
    assert period_dropped_message(2022, 2026, {2021: State.APPROVED}) == (
        "Periode Renstra tidak dapat diubah menjadi 2022–2026: tahun 2021 (Disetujui) akan keluar dari periode, "
        "padahal laporannya sedang direviu atau telah disetujui (laporan, PDF, halaman reviu dan riwayatnya "
        "tidak akan dapat dibuka lagi). Admin harus membuka kembali tahun itu lebih dahulu. / The plan period "
        "cannot become 2022–2026: 2021 (Disetujui) would fall outside it while its report is under review or "
        "approved (its report, PDF, review page and history could no longer be opened). An admin must reopen "
        "that year first."
    )
    assert agency_locked_message({2021: State.APPROVED}) == (
        "Nama, alamat dan kepala perangkat daerah ini tercetak pada laporan tahun 2021 (Disetujui) yang sedang "
        "direviu atau telah disetujui (blok tanda tangan): tidak dapat diubah sampai admin membuka kembali "
        "tahun itu. / This agency's name, address and head are printed in the 2021 (Disetujui) report, under "
        "review or approved (the signature block): they cannot change until an admin reopens that year."
    )
    assert government_locked_message([("Dinkop", 2021, State.APPROVED)]) == (
        "Pengaturan perhitungan Pemda ini dipakai laporan Dinkop 2021 (Disetujui) yang sedang direviu atau "
        "telah disetujui: tidak dapat diubah sampai admin membuka kembali tahun itu. / This Pemda's computation "
        "settings are used by the Dinkop 2021 (Disetujui) report, under review or approved: they cannot change "
        "until an admin reopens that year."
    )
    assert frozen_message(2021, State.APPROVED) == (
        "Laporan tahun 2021 telah disetujui Inspektorat dan dikunci: datanya tidak dapat diubah kecuali admin "
        "membukanya kembali. / The 2021 report is approved and locked: its data cannot change unless an admin "
        "reopens it."
    )
    assert frozen_message(2021, State.SUBMITTED) == (
        "Laporan tahun 2021 sedang direviu Inspektorat: datanya tidak dapat diubah sampai dikembalikan atau "
        "pengajuannya ditarik. / The 2021 report is under review: its data cannot change until it is returned "
        "or withdrawn."
    )


def test_only_this_pemdas_deadline_and_this_agencys_latest_extension_of_the_year_count(
    agency, another_agency
):
    july, august = datetime.date(2021, 7, 15), datetime.date(2021, 8, 15)
    EntryWindow.objects.create(government=another_agency.government, year=YEAR, quarter=1, deadline=july)
    EntryWindow.objects.create(government=agency.government, year=YEAR + 1, quarter=3, deadline=july)
    EntryWindow.objects.create(government=agency.government, year=YEAR, quarter=2, deadline=july)
    assert closed_quarters(agency, YEAR, on=august) == {2: july}
    # An extension of another agency or of another year reopens nothing here; of two, the later one counts.
    EntryException.objects.create(agency=another_agency, year=YEAR, quarter=2, until=august, reason="Lain")
    EntryException.objects.create(agency=agency, year=YEAR + 1, quarter=2, until=august, reason="Lain")
    assert closed_quarters(agency, YEAR, on=august) == {2: july}
    EntryException.objects.create(agency=agency, year=YEAR, quarter=2, until=august, reason="Server")
    EntryException.objects.create(agency=agency, year=YEAR, quarter=2, until=july, reason="Awal")
    assert closed_quarters(agency, YEAR, on=august) == {}


def test_widening_a_period_over_a_frozen_year_is_refused_as_a_plan_change_not_as_a_dropped_year(agency):
    from review.locks import dropped_years, period_change_error

    frozen = {2018: State.APPROVED}
    assert dropped_years(frozen, range(2016, 2022), range(2016, 2023)) == {}
    assert dropped_years(frozen, range(2016, 2022), range(2019, 2023)) == frozen
    set_state(agency, State.APPROVED, year=2018)
    refused = period_change_error(agency.pk, range(2016, 2022), range(2016, 2023))
    assert refused.messages[0].startswith("Renstra ini dipakai laporan tahun 2018 (Disetujui)")


def test_another_agencys_approval_freezes_nothing_here(agency, another_agency):
    set_state(another_agency, State.APPROVED)  # this agency's year has never been submitted
    assert status_of(agency, YEAR).writable
    ensure_writable(agency, YEAR)


def test_entry_stays_open_through_the_deadline_day(agency, tw2_deadline_passed):
    deadline = tw2_deadline_passed.deadline
    assert closed_quarters(agency, YEAR, on=deadline) == {}
    assert closed_quarters(agency, YEAR, on=deadline + datetime.timedelta(days=1)) == {2: deadline}


def test_a_quarters_screen_reads_this_pemdas_deadline_and_this_quarters_extension(agency, another_agency):
    july, today = datetime.date(2021, 7, 15), datetime.date.today()
    EntryWindow.objects.create(government=another_agency.government, year=YEAR, quarter=2, deadline=july)
    EntryWindow.objects.create(government=agency.government, year=YEAR + 1, quarter=2, deadline=july)
    assert status_of(agency, YEAR, 2).writable  # another Pemda's, another year's deadline
    EntryWindow.objects.create(government=agency.government, year=YEAR, quarter=2, deadline=july)
    EntryException.objects.create(agency=agency, year=YEAR + 1, quarter=2, until=today, reason="Lain")
    EntryException.objects.create(agency=agency, year=YEAR, quarter=3, until=today, reason="Lain")
    assert not status_of(agency, YEAR, 2).writable  # another year's, another quarter's extension


def test_a_year_approved_without_an_edition_still_holds_the_periods_renstra_targets(db):
    row = TargetFactory(kind=Target.Kind.RENSTRA, year=YEAR - 1)
    set_state(row.indicator.plan.agency, State.APPROVED)  # approved by an earlier release: built live
    row.value = (row.value or 0) + 1
    with pytest.raises(YearLocked, match=f"tercetak pada laporan tahun {YEAR}"), transaction.atomic():
        row.save()
