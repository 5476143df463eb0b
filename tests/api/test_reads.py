"""The reading API on the demo agency (Dinas Koperasi UKM Tangerang Selatan, 2021): what each endpoint answers,
its filters and pages, who is refused, and the figures exactly as the screens and the report have them."""

import json

from django.urls import reverse

from api.serializers.reads import RealisationSerializer
from api.views.reads import RealisationList
from indicators.models import Objective, Realisation
from reports.approval import review_transition
from reports.lkjip.editions import approved_edition
from reports.readmodel.build import report_build
from reports.readmodel.json_report import dumps
from review.models import Comment, EntryWindow, ReviewEvent, YearReview


def _get(api_world, api_client, name, *args, role="planner", query=""):
    client = api_client(api_world.keys[role])
    return client.get(reverse(f"api:{name}", args=args) + query)


def _code(api_world):
    return api_world.agency.code


def test_the_root_links_to_the_lists(api_world, api_client):
    body = _get(api_world, api_client, "root").json()
    assert body["agencies"].endswith("/api/v1/agencies/")
    assert body["pemda"].endswith("/api/v1/pemda/")
    assert body["agency_links"]["realisation-list"].endswith("/api/v1/agencies/{code}/realisations/")


def test_a_planner_sees_only_their_agency_and_the_inspectorate_every_agency_of_its_pemda(
    api_world, api_client
):
    mine = _get(api_world, api_client, "agency-list").json()
    assert [a["code"] for a in mine["results"]] == [_code(api_world)]
    assert mine["results"][0]["government"] == {
        "code": "kota-tangerang-selatan",
        "name": "Kota Tangerang Selatan",
    }
    admin = _get(api_world, api_client, "agency-list", role="admin").json()
    assert {a["code"] for a in admin["results"]} == {_code(api_world), api_world.other.code}
    filtered = _get(api_world, api_client, "agency-list", role="admin", query="?government=kota-lain").json()
    assert [a["code"] for a in filtered["results"]] == [api_world.other.code]
    by_code = _get(api_world, api_client, "agency-list", role="reviewer", query="?code=dinas-lain").json()
    assert by_code["count"] == 0  # another Pemda's agency, not the inspectorate's


def test_agency_detail_names_its_plan_period_and_each_year_s_review_state(api_world, api_client):
    YearReview.objects.create(agency=api_world.agency, year=2021, state="submitted")
    body = _get(api_world, api_client, "agency-detail", _code(api_world)).json()
    assert body["head_name"] == "Drs. H. Warman Syanudin, MM"
    assert body["plans"] == [{"start_year": 2016, "end_year": 2021, "revision": "Revisi"}]
    assert body["reviews"] == [{"year": 2021, "state": "submitted", "state_label": "Diajukan"}]
    assert body["links"]["report"].endswith(f"/agencies/{_code(api_world)}/years/{{year}}/report/")


def test_another_pemda_s_agency_is_a_404_on_every_agency_endpoint(api_world, api_client):
    other = api_world.other.code
    for name, args in (
        ("agency-detail", [other]),
        ("plan-list", [other]),
        ("indicator-list", [other]),
        ("target-list", [other]),
        ("realisation-list", [other]),
        ("budget-line-list", [other]),
        ("survey-list", [other]),
        ("report", [other, 2021]),
        ("review", [other, 2021]),
    ):
        for role in ("planner", "reviewer", "pemda"):
            assert _get(api_world, api_client, name, *args, role=role).status_code == 404, (name, role)
    # …while the other agency's own planner reads it
    assert _get(api_world, api_client, "realisation-list", other, role="other_planner").status_code == 200


def test_the_plan_tree_goes_from_tujuan_to_sasaran_indicators_and_from_program_to_sub_kegiatan(
    api_world, api_client
):
    (plan,) = _get(api_world, api_client, "plan-list", _code(api_world)).json()["results"]
    goal = plan["goals"][0]
    assert (goal["code"], goal["objectives"][3]["code"]) == ("T1", "S4")
    assert goal["objectives"][3]["indicators"] == ["S4.1", "S4.2"]
    program = plan["programs"][0]
    assert (program["code"], program["objectives"]) == ("2.17.01", ["S5"])
    activity = program["activities"][0]
    assert activity["code"] == "2.17.01.2.01"
    assert activity["sub_activities"][0] == {
        "code": "2.17.01.2.01.0001",
        "name": "Penyusunan Dokumen Perencanaan Perangkat Daerah",
        "indicators": activity["sub_activities"][0]["indicators"],
    }
    assert _get(api_world, api_client, "plan-list", _code(api_world), query="?year=2030").json()["count"] == 0


def test_indicators_with_their_level_unit_and_computation_filtered_by_year_code_and_level(
    api_world, api_client
):
    code = _code(api_world)
    everything = _get(api_world, api_client, "indicator-list", code).json()
    assert everything["count"] == 37
    (s11,) = _get(api_world, api_client, "indicator-list", code, query="?code=S1.1&year=2021").json()[
        "results"
    ]
    assert s11["statement"] == "Angka Angkatan Kerja yang Melakukan Wirausaha Mandiri"
    assert (s11["level"], s11["owner"], s11["unit"], s11["kind"], s11["computation"]) == (
        "objective",
        "S1",
        "%",
        "percent",
        "direct",
    )
    assert s11["plan"] == {"start_year": 2016, "end_year": 2021, "revision": "Revisi"}
    programs = _get(api_world, api_client, "indicator-list", code, query="?level=program").json()["results"]
    assert programs and {row["level"] for row in programs} == {"program"}
    assert _get(api_world, api_client, "indicator-list", code, query="?year=2030").json()["count"] == 0


def test_targets_per_set_and_year_as_the_models_keep_them(api_world, api_client):
    code = _code(api_world)
    rows = _get(api_world, api_client, "target-list", code, query="?code=S1.1&year=2021").json()["results"]
    assert {(r["kind"], r["quarter"], r["value"]) for r in rows} >= {("pk", 0, "0.5")}
    renstra = _get(api_world, api_client, "target-list", code, query="?code=R1.1&kind=renstra").json()[
        "results"
    ]
    assert [(r["year"], r["value"]) for r in renstra][:3] == [(2016, "55"), (2017, "60"), (2018, "70")]


def test_realisations_are_the_demo_s_figures_as_text(api_world, api_client):
    code = _code(api_world)
    (row,) = _get(
        api_world, api_client, "realisation-list", code, query="?code=S1.1&year=2021&quarter=0"
    ).json()["results"]
    assert row["value"] == "1.57"  # text, never a float
    assert row["status"] == "final"
    assert row["analysis"].startswith("Realisasi 2021 sebesar 1,57%")
    assert row["updated"] is not None
    years = _get(api_world, api_client, "realisation-list", code, query="?code=S1.1").json()["results"]
    assert [(r["year"], r["value"]) for r in years] == [(2019, "0.59"), (2020, "0.27"), (2021, "1.57")]


def test_lists_are_paginated(api_world, api_client):
    code = _code(api_world)
    first = _get(api_world, api_client, "realisation-list", code).json()
    assert first["count"] == 176 and len(first["results"]) == 100 and first["next"].endswith("page=2")
    small = _get(api_world, api_client, "realisation-list", code, query="?page_size=10&page=3").json()
    assert len(small["results"]) == 10 and small["results"][0] == first["results"][20]


def test_budget_lines_with_their_code_path_and_money_as_text(api_world, api_client):
    code = _code(api_world)
    rows = _get(api_world, api_client, "budget-line-list", code, query="?code=2.17.01.2.01.0001").json()[
        "results"
    ]
    (line,) = rows
    assert (line["level"], line["program"], line["activity"], line["sub_activity"]) == (
        "sub_activity",
        "2.17.01",
        "2.17.01.2.01",
        "2.17.01.2.01.0001",
    )
    assert (
        line["ceiling_original"],
        line["ceiling_rationalised"],
        line["ceiling_revised"],
        line["spent"],
    ) == (
        "207000000",
        "195950000",
        "182424000",
        "167805000",
    )
    program = _get(api_world, api_client, "budget-line-list", code, query="?code=2.17.01&year=2021").json()
    assert program["count"] > 1 and {row["program"] for row in program["results"]} == {"2.17.01"}


def test_the_ikm_survey_with_its_computed_figures(api_world, api_client):
    (survey,) = _get(api_world, api_client, "survey-list", _code(api_world), query="?year=2021").json()[
        "results"
    ]
    assert (survey["skm"], survey["ikm"], survey["mutu"]) == (
        "77.64",
        "3.11",
        {"letter": "B", "label": "Baik"},
    )
    assert survey["indicator"] == "S5.1" and survey["weight"] == "0.11"
    u1 = survey["elements"][0]
    assert (u1["code"], u1["total"], u1["answered"], u1["nrr"]) == ("U1", "175", "56", "3.13")


def test_the_report_is_the_sakip_report_json_of_the_year(api_world, api_client):
    response = _get(api_world, api_client, "report", _code(api_world), 2021)
    assert response.status_code == 200
    assert response.json() == json.loads(dumps(report_build(agency=api_world.agency, year=2021)))
    assert response.json()["format"] == "sakip-report/1"
    missing = _get(api_world, api_client, "report", _code(api_world), 2030)
    assert missing.status_code == 404 and "No Renstra covers the year 2030" in missing.json()["detail"]


def test_the_review_state_with_comments_windows_and_history(api_world, api_client):
    agency = api_world.agency
    review = YearReview.objects.create(agency=agency, year=2021, state="submitted")
    ReviewEvent.objects.create(
        review=review,
        actor=api_world.users["planner"],
        action="submit",
        from_state="draft",
        to_state="submitted",
    )
    Comment.objects.create(agency=agency, year=2021, anchor_kind="general", text="Lengkapi analisis.")
    EntryWindow.objects.create(government=agency.government, year=2021, quarter=2, deadline="2021-07-15")
    body = _get(api_world, api_client, "review", agency.code, 2021).json()
    assert (body["state"], body["frozen"], body["can_edit"]) == ("submitted", True, False)
    assert (body["open_comments"], body["comments"]) == (1, 1)
    assert body["windows"][1] == {
        "quarter": 2,
        "deadline": "2021-07-15",
        "extended_until": None,
        "open": False,
    }
    assert [(e["action"], e["actor"]) for e in body["events"]] == [("submit", "planner-api")]


def test_the_pemda_dashboard_for_the_pemda_wide_roles_only(api_world, api_client):
    government = api_world.agency.government.code
    body = _get(api_world, api_client, "dashboard", government, 2021, role="pemda", query="?tw=2").json()
    assert (body["year"], body["quarter"]) == (2021, 2)
    (row,) = body["rows"]
    assert row["code"] == _code(api_world) and row["has_report"] is True
    assert row["objectives"][0]["capaian"] == "314.00"  # S1: 1,57 against 0,5 as the LKjIP prints it
    assert _get(api_world, api_client, "dashboard", government, 2021, role="reviewer").status_code == 200
    for role in ("planner", "head", "other_planner"):
        assert _get(api_world, api_client, "dashboard", government, 2021, role=role).status_code == 404
    assert _get(api_world, api_client, "dashboard", "kota-lain", 2021, role="pemda").status_code == 404


def test_the_pemda_list_is_empty_for_an_agency_s_planner(api_world, api_client):
    assert _get(api_world, api_client, "government-list").json()["count"] == 0
    (pemda,) = _get(api_world, api_client, "government-list", role="pemda").json()["results"]
    assert (pemda["code"], pemda["agencies"], pemda["years"][0]) == ("kota-tangerang-selatan", 1, 2016)


def test_the_realisation_rows_written_out_for_speed_equal_the_declared_fields(api_world):
    mine = Realisation.objects.filter(indicator__plan__agency=api_world.agency)
    mine.filter(indicator__code="S2.1").update(numerator="12.50", denominator="0.125")
    view = RealisationList()
    view.agency, view.chosen = api_world.agency, {}
    rows = list(view.get_queryset())
    serializer = RealisationSerializer()
    assert len(rows) == 176
    assert [serializer.to_representation(r) for r in rows] == [serializer.field_by_field(r) for r in rows]
    assert any(r["updated"] is not None for r in rows)
    assert {(r["numerator"], r["denominator"]) for r in map(serializer.to_representation, rows)} >= {
        ("12.5", "0.125")
    }


def test_an_approved_year_s_report_is_the_one_kept_with_the_approval(api_world, api_client):
    agency, users = api_world.agency, api_world.users
    review_transition(agency=agency, year=2021, action="submit", user=users["planner"], note="")
    review_transition(agency=agency, year=2021, action="approve", user=users["reviewer"], note="")
    objective = Objective.objects.filter(plan__agency=agency, code="S1").get()
    objective.statement = "Sasaran yang dirumuskan ulang"
    objective.save()  # a plan row outlives the year's lock: the approved report does not show it
    body = _get(api_world, api_client, "report", agency.code, 2021).json()
    assert body == json.loads(approved_edition(agency, 2021).report_json)
    assert "dirumuskan ulang" not in json.dumps(body)
    assert "dirumuskan ulang" in dumps(report_build(agency=agency, year=2021))
