"""ETags on the writing endpoints: a GET is tagged and answers 304 to a client holding it; a write sent with
`If-Match` saves only if the data are still those the client read (else 412, nothing saved) and answers with the
new tag, so that writes can be chained without reading again."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets.models import BudgetLine
from indicators.models import Evidence, Realisation, Target
from tests import files
from tests.review.helpers import YEAR

GOOD = "2.17.02-1"
SUB = "2.17.01.2.01.0001"
PATH = f"2.17.01/2.17.01.2.01/{SUB}"
EVIDENCE_CODE = "2.17.01-1"
CHANGED = (
    "Data telah berubah sejak Anda membacanya; baca ulang lalu kirim lagi. / The data changed since you read it; "
    "read it again and resend."
)


def realisations_url(agency, quarter=3):
    return reverse("api:quarter-realisations", args=[agency.code, YEAR, quarter])


def budget_url(agency, quarter=2):
    return reverse("api:quarter-budget", args=[agency.code, YEAR, quarter])


def evidence_url(agency, quarter=1):
    return reverse("api:evidence", args=[agency.code, YEAR, quarter, EVIDENCE_CODE])


def realisation(agency, quarter=3):
    return Realisation.objects.filter(
        indicator__plan__agency=agency, indicator__code=GOOD, year=YEAR, quarter=quarter
    ).first()


def budget_line(agency):
    return BudgetLine.objects.get(
        year=YEAR, sub_activity__code=SUB, sub_activity__activity__program__plan__agency=agency
    )


def pdf(name="Laporan TW I.pdf"):
    return SimpleUploadedFile(name, files.pdf(), content_type="application/pdf")


def png(name="foto.png"):
    return SimpleUploadedFile(name, files.image("PNG"), content_type="image/png")


@pytest.fixture
def planner(api_world, api_client):
    return api_client(api_world.keys["planner"])


def test_each_get_is_tagged_and_a_held_answer_is_a_304(api_world, planner):
    agency = api_world.agency
    for url in (realisations_url(agency), budget_url(agency), evidence_url(agency)):
        first = planner.get(url)
        etag = first["ETag"]
        assert (
            first.status_code == 200
            and etag.startswith('"')
            and first["Cache-Control"] == "private, no-cache"
        )
        held = planner.get(url, HTTP_IF_NONE_MATCH=etag)
        assert (held.status_code, held.content, held["ETag"]) == (304, b"", etag), url
        assert planner.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
        assert planner.get(url)["ETag"] == etag  # same data, same tag


def test_a_held_realisations_answer_costs_a_few_queries_and_no_report(api_world, planner):
    """The tag is made of stored rows: the 304 reads no budget, survey or review history, as the report would."""
    url = realisations_url(api_world.agency)
    etag = planner.get(url)["ETag"]
    with CaptureQueriesContext(connection) as held:
        assert planner.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    sql = " ".join(query["sql"] for query in held.captured_queries)
    assert "budgets_budgetline" not in sql and "surveys_" not in sql
    assert len(held) <= 8  # the key, the agency, the plan, the four tag queries (the whole answer: 38)


def test_a_realisation_put_with_the_current_etag_saves_and_answers_the_next_tag(api_world, planner):
    agency = api_world.agency
    etag = planner.get(realisations_url(agency))["ETag"]
    response = planner.put(
        realisations_url(agency),
        {"rows": [{"indicator": GOOD, "value": "1.715"}]},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200, response.json()
    assert realisation(agency).value == Decimal(1715)
    new = response["ETag"]
    assert new != etag and planner.get(realisations_url(agency))["ETag"] == new
    # Chained: the answer's tag is good for the next write.
    again = planner.put(
        realisations_url(agency),
        {"rows": [{"indicator": GOOD, "value": "1.800"}]},
        format="json",
        HTTP_IF_MATCH=new,
    )
    assert again.status_code == 200 and realisation(agency).value == Decimal(1800)
    assert planner.get(realisations_url(agency), HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304


def test_a_realisation_put_with_a_stale_etag_is_a_412_and_saves_nothing(api_world, planner, api_client):
    agency = api_world.agency
    etag = planner.get(realisations_url(agency))["ETag"]
    other = api_client(api_world.keys["planner"])
    assert (
        other.put(
            realisations_url(agency), {"rows": [{"indicator": GOOD, "value": "2.000"}]}, format="json"
        ).status_code
        == 200
    )
    stale = planner.put(
        realisations_url(agency),
        {"rows": [{"indicator": GOOD, "value": "1.715"}]},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert stale.status_code == 412 and stale.json()["detail"] == CHANGED
    assert "ETag" not in stale
    assert realisation(agency).value == Decimal(2000)


def test_a_target_change_changes_the_realisations_tag(api_world, planner):
    """The answer shows the period's target and capaian: a client holding it must not keep an old target."""
    agency = api_world.agency
    etag = planner.get(realisations_url(agency))["ETag"]
    target = Target.objects.filter(indicator__plan__agency=agency, indicator__code=GOOD, year=YEAR).first()
    target.value = target.value + 1
    target.save()
    assert planner.get(realisations_url(agency), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_if_match_star_and_no_if_match_write_as_before(api_world, planner):
    agency = api_world.agency
    star = planner.put(
        realisations_url(agency),
        {"rows": [{"indicator": GOOD, "value": "5"}]},
        format="json",
        HTTP_IF_MATCH="*",
    )
    assert star.status_code == 200 and realisation(agency).value == Decimal(5)
    plain = planner.put(
        realisations_url(agency), {"rows": [{"indicator": GOOD, "value": "6"}]}, format="json"
    )
    assert plain.status_code == 200 and plain["ETag"] == planner.get(realisations_url(agency))["ETag"]


def test_a_budget_put_follows_if_match(api_world, planner, api_client):
    agency = api_world.agency
    etag = planner.get(budget_url(agency))["ETag"]
    saved = planner.put(
        budget_url(agency),
        {"rows": [{"path": PATH, "spent": "Rp 22.511.784,-"}]},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert saved.status_code == 200, saved.json()
    assert budget_line(agency).spent_q2 == Decimal("22511784")
    assert saved["ETag"] != etag and planner.get(budget_url(agency))["ETag"] == saved["ETag"]
    stale = planner.put(
        budget_url(agency), {"rows": [{"path": PATH, "spent": "1.000"}]}, format="json", HTTP_IF_MATCH=etag
    )
    assert stale.status_code == 412 and stale.json()["detail"] == CHANGED
    assert budget_line(agency).spent_q2 == Decimal("22511784")
    chained = planner.put(
        budget_url(agency),
        {"rows": [{"path": PATH, "physical_progress": "40%"}]},
        format="json",
        HTTP_IF_MATCH=saved["ETag"],
    )
    assert chained.status_code == 200 and budget_line(agency).physical_q2 == Decimal(40)


def test_an_evidence_upload_changes_the_tag_and_a_stale_one_is_refused(api_world, planner):
    agency = api_world.agency
    etag = planner.get(evidence_url(agency))["ETag"]
    first = planner.post(evidence_url(agency), {"file": pdf()}, format="multipart", HTTP_IF_MATCH=etag)
    assert first.status_code == 201, first.json()
    assert first["ETag"] != etag and planner.get(evidence_url(agency))["ETag"] == first["ETag"]
    assert planner.get(evidence_url(agency), HTTP_IF_NONE_MATCH=etag).status_code == 200
    stale = planner.post(evidence_url(agency), {"file": png()}, format="multipart", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412 and stale.json()["detail"] == CHANGED
    assert list(Evidence.objects.values_list("original_name", flat=True)) == ["Laporan TW I.pdf"]
