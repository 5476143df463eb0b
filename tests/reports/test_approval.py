"""The approved edition: once the inspectorate approves a year, its LKjIP page and every download stay exactly as
approved while the year stays approved, whatever is saved later in the rows it prints that outlive the year's
lock (earlier years' realisations and targets, the plan's statements, the signature block, the Pemda's settings).
The review page says what changed; reopening shows the live report again. Years approved before editions were
kept stay guarded as before until `capture_editions` keeps one."""

import os
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.models import Indicator, Objective, Realisation, Target
from reports.approval import approved_figures, review_transition
from reports.models import RenderedFile
from review.guards import write_error
from review.locks import YearLocked
from review.models import ApprovedEdition, ReviewEvent, YearReview
from review.workflow import Action, State
from tests.conftest import make_user
from tests.review.helpers import YEAR, set_state

DOWNLOADS = ("lkjip", "lkjip_html_download", "lkjip_xlsx")


@pytest.fixture
def people(demo_agency):
    return {
        "planner": make_user("e-perencana", "planner", agency=demo_agency),
        "reviewer": make_user("e-reviu", "reviewer", government=demo_agency.government),
        "admin": make_user("e-admin", "admin"),
    }


def act(agency, people, action, role, note=""):
    return review_transition(agency=agency, year=YEAR, action=action, user=people[role], note=note)


def approve(agency, people):
    act(agency, people, "submit", "planner")
    act(agency, people, "approve", "reviewer")


def fetch(client, agency, name):
    response = client.get(reverse(f"reports:{name}", args=[agency.code, YEAR]))
    assert response.status_code == 200
    return response.content


def outputs(client, agency) -> dict[str, bytes]:
    return {name: fetch(client, agency, name) for name in DOWNLOADS}


def later_changes(agency):
    """What a planner may save after approval, each printed by the approved year's report."""
    indicator = (
        Indicator.objects.filter(plan__agency=agency, realisations__year=YEAR - 1).order_by("pk").first()
    )
    annual = Realisation.objects.filter(indicator=indicator, year=YEAR - 1, quarter=0).first()
    annual.value = (annual.value or Decimal(0)) + Decimal("7.25")  # the N-1 column of the history table
    annual.save()
    target = Target.objects.filter(indicator__plan__agency=agency, year=YEAR - 1, value__isnull=False).first()
    target.value += Decimal(3)  # the Renstra target table of the whole period
    target.save()
    objective = Objective.objects.filter(plan__agency=agency).order_by("pk").first()
    objective.statement = "Sasaran yang dirumuskan ulang"
    objective.save()
    agency.head_name = "Kepala Dinas Yang Baru"  # the signature block
    agency.save()
    return objective


def test_the_approved_report_is_served_as_approved_whatever_is_saved_later(client, demo_agency, people):
    approve(demo_agency, people)
    client.force_login(people["planner"])
    before = outputs(client, demo_agency)
    old_statement = Objective.objects.filter(plan__agency=demo_agency).order_by("pk").first().statement

    later_changes(demo_agency)

    after = outputs(client, demo_agency)
    assert after == before
    page = after["lkjip"].decode()
    assert old_statement in page and "dirumuskan ulang" not in page and "Kepala Dinas Yang Baru" not in page
    assert "Edisi yang disetujui Inspektorat pada" in page
    review = client.get(reverse("review:detail", args=[demo_agency.code, YEAR])).content.decode()
    assert "Kepala Dinas Yang Baru" in review  # the review page says what changed since approval


def test_reopening_shows_the_live_report_and_approving_again_keeps_a_new_edition(client, demo_agency, people):
    approve(demo_agency, people)
    client.force_login(people["planner"])
    before = outputs(client, demo_agency)
    later_changes(demo_agency)

    act(demo_agency, people, "reopen", "admin", "Sasaran dirumuskan ulang")
    live = outputs(client, demo_agency)
    assert all(live[name] != before[name] for name in DOWNLOADS)
    assert (
        "dirumuskan ulang" in live["lkjip"].decode() and "Edisi yang disetujui" not in live["lkjip"].decode()
    )

    act(demo_agency, people, "submit", "planner")
    act(demo_agency, people, "approve", "reviewer")
    assert ApprovedEdition.objects.filter(event__review__agency=demo_agency).count() == 2
    again = outputs(client, demo_agency)
    assert "dirumuskan ulang" in again["lkjip"].decode() and "Edisi yang disetujui" in again["lkjip"].decode()
    assert again["lkjip_xlsx"] == live["lkjip_xlsx"]


def test_the_approved_pdf_is_rendered_from_the_edition(client, demo_agency, people):
    approve(demo_agency, people)
    client.force_login(people["planner"])
    before = fetch(client, demo_agency, "lkjip_pdf")
    later_changes(demo_agency)
    RenderedFile.objects.all().delete()  # rendered anew, from the kept HTML
    after = fetch(client, demo_agency, "lkjip_pdf")
    assert after.startswith(b"%PDF") and after == before


def test_the_edition_page_is_a_few_queries_not_a_report_build(client, demo_agency, people):
    approve(demo_agency, people)
    client.force_login(people["planner"])
    fetch(client, demo_agency, "lkjip")
    with CaptureQueriesContext(connection) as queries:
        fetch(client, demo_agency, "lkjip")
    assert len(queries) <= 8, [q["sql"] for q in queries]


def test_under_review_the_plan_stays_read_only_and_after_approval_it_may_move_on(demo_agency, people):
    indicator = Indicator.objects.filter(plan__agency=demo_agency).order_by("pk").first()
    indicator.name = "Nama indikator yang diubah"
    act(demo_agency, people, "submit", "planner")
    error = write_error(indicator)
    assert isinstance(error, YearLocked) and "sedang direviu" in str(error)
    act(demo_agency, people, "approve", "reviewer")
    assert write_error(indicator) is None
    indicator.save()
    # The approved year's own figures stay locked.
    realisation = Realisation.objects.filter(indicator__plan__agency=demo_agency, year=YEAR).first()
    assert isinstance(write_error(realisation), YearLocked)


def test_a_year_approved_before_editions_were_kept_stays_guarded_until_one_is_captured(
    demo_agency, people, capsys
):
    # Approved by an earlier release: the event and its figures, no edition.
    set_state(demo_agency, State.APPROVED)
    ReviewEvent.objects.create(
        review=YearReview.objects.get(agency=demo_agency, year=YEAR),
        actor=people["reviewer"],
        action=Action.APPROVE,
        from_state=State.SUBMITTED,
        to_state=State.APPROVED,
        snapshot=approved_figures(demo_agency, YEAR),
    )
    indicator = Indicator.objects.filter(plan__agency=demo_agency).order_by("pk").first()
    indicator.name = "Nama indikator yang diubah"
    assert isinstance(write_error(indicator), YearLocked)

    call_command("capture_editions")
    assert "1 edisi" in capsys.readouterr().out
    assert write_error(indicator) is None
    call_command("capture_editions")  # once only
    assert ApprovedEdition.objects.count() == 1


# --- while a year is under review, other years' figures it prints hold still ---------------------------------
def test_under_review_the_earlier_years_figures_and_the_periods_targets_it_prints_are_read_only(
    demo_agency, people
):
    act(demo_agency, people, "submit", "planner")
    earlier = Realisation.objects.filter(indicator__plan__agency=demo_agency, year=YEAR - 1).first()
    earlier.note = "diubah saat direviu"
    error = write_error(earlier)
    assert isinstance(error, YearLocked) and f"laporan tahun {YEAR}" in str(error)
    assert "tercetak" in str(error)
    target = Target.objects.filter(indicator__plan__agency=demo_agency, year=YEAR - 3).first()
    assert isinstance(write_error(target), YearLocked)
    with pytest.raises(YearLocked), transaction.atomic():
        target.delete()
    new = Realisation(indicator=earlier.indicator, year=YEAR - 2, quarter=3, value=Decimal(1))
    assert isinstance(write_error(new), YearLocked)

    # Withdrawn, they may change again; approved, the edition holds the report and they may change too.
    act(demo_agency, people, "withdraw", "planner")
    assert write_error(earlier) is None and write_error(target) is None
    act(demo_agency, people, "submit", "planner")
    act(demo_agency, people, "approve", "reviewer")
    assert write_error(earlier) is None and write_error(target) is None


def test_a_later_years_realisations_are_not_held_by_an_earlier_year_under_review(demo_agency, people):
    act(demo_agency, people, "submit", "planner")
    indicator = Indicator.objects.filter(plan__agency=demo_agency).order_by("pk").first()
    assert write_error(Realisation(indicator=indicator, year=YEAR + 1, quarter=1, value=Decimal(1))) is None


def test_bulk_writers_of_an_earlier_year_are_refused_while_a_later_report_is_under_review(
    client, demo_agency, people
):
    """The Excel import and the IKM screens write without model signals: they ask the same question."""
    from interchange.workbook.applying import workbook_apply
    from interchange.workbook.sheets import Change
    from surveys.models import SurveyResponse
    from surveys.responses import survey_create

    earlier = YEAR - 1
    survey = survey_create(demo_agency, earlier)
    SurveyResponse.objects.create(survey=survey, number=1, **{f"u{k}": 4 for k in range(1, 10)})
    act(demo_agency, people, "submit", "planner")

    code = Indicator.objects.filter(plan__agency=demo_agency).order_by("pk").first().code
    change = Change("Realisasi", code, "TW IV", None, Decimal(1), slot=("realisation", 4, "value"))
    with pytest.raises(YearLocked, match=f"tercetak pada laporan tahun {YEAR}"), transaction.atomic():
        workbook_apply(demo_agency, earlier, [change])

    client.force_login(people["planner"])
    answer = client.post(
        reverse("surveys:import", args=[demo_agency.code, earlier]), {"action": "clear"}, follow=True
    )
    assert f"tercetak pada laporan tahun {YEAR}" in answer.content.decode()
    assert SurveyResponse.objects.filter(survey=survey).count() == 1


def test_render_report_gives_the_approved_edition_and_the_live_report_on_request(
    demo_agency, people, tmp_path
):
    approve(demo_agency, people)
    later_changes(demo_agency)

    def render(name, *flags):
        out = tmp_path / name
        call_command(
            "render_report",
            "--agency",
            demo_agency.code,
            "--year",
            str(YEAR),
            "--format",
            out.suffix[1:],
            "--output",
            str(out),
            *flags,
            stdout=open(os.devnull, "w"),  # noqa: SIM115
        )
        return out.read_text(encoding="utf-8")

    approved, live = render("a.html"), render("b.html", "--live")
    assert "Kepala Dinas Yang Baru" not in approved and "Kepala Dinas Yang Baru" in live
    assert '"Sasaran yang dirumuskan ulang"' not in render("a.json")


# --- the review page tells what changed in issue 18's sections ------------------------------------------------
def test_after_reopening_the_review_page_tells_a_program_indicators_realisation_and_a_whole_budget_figure(
    client, demo_agency, people
):
    from budgets.models import Expenditure
    from review.differences import figure_text

    # The demo's LAKIP gives its belanja operasi of 2021 (interchange/fixtures/tangsel-2021.json).
    operating = Expenditure.objects.get(agency=demo_agency, year=YEAR, part=Expenditure.Part.OPERATING)
    assert operating.spent == Decimal("16289044379")
    approve(demo_agency, people)
    approved = ReviewEvent.objects.get(action=Action.APPROVE).snapshot
    indicator = next(i for i in approved["indicators"] if i["level"] == "program")
    act(demo_agency, people, "reopen", "admin", "Realisasi program dan belanja operasi salah ketik")

    Realisation.objects.update_or_create(
        indicator=Indicator.objects.get(plan__agency=demo_agency, code=indicator["code"]),
        year=YEAR,
        quarter=0,
        defaults={"value": Decimal("42.5")},
    )
    Expenditure.objects.filter(agency=demo_agency, year=YEAR).update(spent=Decimal("16300000000"))

    client.force_login(people["reviewer"])
    page = client.get(reverse("review:detail", args=[demo_agency.code, YEAR])).content.decode()
    old = figure_text("realisation", indicator["realisation"])
    assert f"Realisasi indikator program {indicator['code']} diubah setelah disetujui: {old} → 42,5" in page
    assert (
        "Realisasi anggaran belanja operasi diubah setelah disetujui: "
        "Rp\N{NO-BREAK SPACE}16.289.044.379 → Rp\N{NO-BREAK SPACE}16.300.000.000"
    ) in page
