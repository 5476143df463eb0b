"""The RPJMD screens (/pemda/<code>/rpjmd/): who reads and who writes, the plan and its elements, the target and
realisation grids (all or nothing), the kepala daerah's PK, the pohon kinerja, and the agency sasaran's link."""

import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from indicators.models import Objective
from rpjmd.models import (
    HeadAgreement,
    RegionalGoal,
    RegionalIndicator,
    RegionalMission,
    RegionalObjective,
    RegionalPlan,
    RegionalRealisation,
    RegionalTarget,
)
from sakip.url_walk import agency_patterns, url_kwargs
from tests.conftest import make_user
from tests.factories import (
    AgencyFactory,
    GovernmentFactory,
    IndicatorFactory,
    ObjectiveFactory,
    RealisationFactory,
    TargetFactory,
)
from tests.rpjmd.scenario import make_rpjmd

pytestmark = pytest.mark.django_db

# Screens only the Pemda's administrators open (the others read).
ADMINISTER = {
    "pemda:rpjmd_plan_create",
    "pemda:rpjmd_plan_edit",
    "pemda:rpjmd_element_create",
    "pemda:rpjmd_element_edit",
    "pemda:rpjmd_element_delete",
    "rpjmd_file:upload",
}


@pytest.fixture
def pemda():
    government = GovernmentFactory()
    agency = AgencyFactory(government=government)
    plan, objective, ikus = make_rpjmd(government)
    return government, agency, plan, objective, ikus


def url(name, government, **kwargs):
    return reverse(f"pemda:{name}", kwargs={"code": government.code, **kwargs})


def test_every_rpjmd_screen_by_role(client, pemda):
    government, agency, plan, _objective, ikus = pemda
    other = GovernmentFactory()
    users = {
        "pemda": make_user("bappeda", "pemda", government=government),
        "reviewer": make_user("inspektorat", "reviewer", government=government),
        "admin": make_user("admin-uji", "admin"),
        "planner": make_user("perencana-opd", "planner", agency=agency),
        "head": make_user("kepala-opd", "head", agency=agency),
        "other-pemda": make_user("bappeda-lain", "pemda", government=other),
        "other-reviewer": make_user("inspektorat-lain", "reviewer", government=other),
    }
    outsiders = ("planner", "head", "other-pemda", "other-reviewer")
    before = {model: model.objects.count() for model in (RegionalPlan, RegionalIndicator)}
    patterns = [p for p in agency_patterns(under="pemda/") if p[0].startswith(("pemda:rpjmd", "rpjmd_file:"))]
    assert len(patterns) == 12
    values = {"code": government.code, "plan": plan.pk, "kind": "iku", "pk": ikus[0].pk, "year": 2022}
    for name, args, defaults in patterns:
        target = reverse(name, kwargs=url_kwargs(args, defaults, values))
        client.logout()
        for answer in (client.get(target), client.post(target)):
            assert answer.status_code == 302 and answer.url.startswith("/masuk/"), target
        for role, user in users.items():
            client.force_login(user)
            status = client.get(target).status_code
            if role in outsiders:
                assert status == 404, (target, role)
                assert client.post(target).status_code == 404, (target, role)
            elif role == "reviewer" and name in ADMINISTER:
                assert status == 403, (target, role)
            else:
                assert status == 200, (target, role, status)
            if role == "reviewer":
                assert client.post(target).status_code == 403, target
    # Nobody refused changed anything: the IKU the URLs name is there, and no plan or IKU came or went.
    assert RegionalIndicator.objects.filter(pk=ikus[0].pk).exists()
    assert {model: model.objects.count() for model in before} == before


def test_the_pemda_admin_builds_an_rpjmd_from_nothing(client):
    government = GovernmentFactory()
    agency = AgencyFactory(government=government)
    client.force_login(make_user("bappeda", "pemda", government=government))
    page = client.get(url("rpjmd", government)).content.decode()
    assert 'data-testid="no-rpjmd"' in page
    response = client.post(
        url("rpjmd_plan_create", government),
        {"start_year": 2025, "end_year": 2029, "vision": "Maju bersama", "head_name": "Bupati A"},
    )
    assert response.status_code == 302
    plan = RegionalPlan.objects.get(government=government)

    def post(kind, data):
        return client.post(url("rpjmd_element_create", government, plan=plan.pk, kind=kind), data)

    assert post("misi", {"statement": "Misi satu"}).status_code == 302
    mission = RegionalMission.objects.get(plan=plan)
    assert post("tujuan", {"code": "T1", "statement": "Tujuan", "mission": mission.pk}).status_code == 302
    goal = RegionalGoal.objects.get(plan=plan)
    assert post("sasaran", {"goal": goal.pk, "code": "S1", "statement": "Sasaran"}).status_code == 302
    objective = RegionalObjective.objects.get(plan=plan)
    iku = {
        "objective": objective.pk,
        "code": "IKU1",
        "name": "Indeks Pembangunan Manusia",
        "kind": "number",
        "polarity": "higher",
        "baseline_year": 2024,
        "baseline_value": "71,5",
        "final_target": "1.715",
        "agencies": [agency.pk],
    }
    assert post("iku", iku).status_code == 302
    created = RegionalIndicator.objects.get(plan=plan)
    assert created.baseline_value == Decimal("71.5") and created.final_target == Decimal("1715")
    assert list(created.agencies.all()) == [agency]
    # The same code twice: refused, in both languages, nothing saved.
    response = post("iku", {**iku, "name": "Lagi"})
    assert response.status_code == 200
    assert "sudah dipakai di RPJMD ini" in response.content.decode()
    assert "already used in this RPJMD" in response.content.decode()
    assert RegionalIndicator.objects.filter(plan=plan).count() == 1
    page = client.get(url("rpjmd", government) + f"?rpjmd={plan.pk}").content.decode()
    for text in ("Maju bersama", "Misi satu", "Indeks Pembangunan Manusia", "1.715,00"):
        assert text in page


def test_a_source_indicator_must_be_of_a_responsible_agency(client, pemda):
    government, agency, plan, objective, _ikus = pemda
    other_agency = AgencyFactory(government=government)
    source = IndicatorFactory(objective__goal__plan__agency=other_agency)
    client.force_login(make_user("bappeda", "pemda", government=government))
    response = client.post(
        url("rpjmd_element_create", government, plan=plan.pk, kind="iku"),
        {
            "objective": objective.pk,
            "code": "IKU9",
            "name": "x",
            "kind": "number",
            "polarity": "higher",
            "agencies": [agency.pk],
            "source_indicator": source.pk,
        },
    )
    assert response.status_code == 200
    assert "must belong to one of the responsible agencies" in response.content.decode()


def test_the_target_grid_saves_all_or_nothing(client, pemda):
    government, _agency, plan, _objective, ikus = pemda
    client.force_login(make_user("bappeda", "pemda", government=government))
    target = url("rpjmd_targets", government, plan=plan.pk)
    first, second = ikus
    data = {
        f"t{first.pk}-rpjmd_2022": "1.715",
        f"t{second.pk}-pk_2023": "0,5%",
        f"t{second.pk}-rpjmd_2024": "abc",
    }
    response = client.post(target, data)
    assert response.status_code == 200
    assert RegionalTarget.objects.filter(year__gte=2022).count() == 0  # nothing saved
    data[f"t{second.pk}-rpjmd_2024"] = ""
    assert client.post(target, data).status_code == 302
    assert RegionalTarget.objects.get(indicator=first, kind="rpjmd", year=2022).value == Decimal("1715")
    assert RegionalTarget.objects.get(indicator=second, kind="pk", year=2023).value == Decimal("0.5")
    # An emptied cell deletes its target.
    assert client.post(target, {f"t{first.pk}-rpjmd_2021": ""}).status_code == 302
    assert not RegionalTarget.objects.filter(indicator=first, kind="rpjmd", year=2021).exists()


def test_realisations_typed_or_taken_from_the_agency_and_capaian_shown(client, pemda):
    government, agency, plan, _objective, (typed, sourced) = pemda
    source = IndicatorFactory(objective__goal__plan__agency=agency, code="IKU-OPD")
    TargetFactory(indicator=source, year=2021, value=Decimal("100"))
    RealisationFactory(indicator=source, year=2021, value=Decimal("63"))
    sourced.source_indicator = source
    sourced.save()
    sourced.agencies.add(agency)
    client.force_login(make_user("bappeda", "pemda", government=government))
    target = url("rpjmd_realisations", government, plan=plan.pk, year=2021)
    page = client.get(target).content.decode()
    assert f"r{typed.pk}-value" in page and f"r{sourced.pk}-value" not in page
    assert 'data-testid="sourced-realisation">63,00' in page
    # A field posted for the sourced IKU is ignored: its realisation is the agency's.
    response = client.post(target, {f"r{typed.pk}-value": "54", f"r{sourced.pk}-value": "1"})
    assert response.status_code == 302
    assert RegionalRealisation.objects.get().indicator == typed
    page = client.get(url("rpjmd", government) + "?tahun=2021").content.decode()
    assert 'data-testid="capaian">75,00\xa0%' in page  # 54 of 72
    # 63 of 72: the agency's realisation against the IKU's own target.
    assert 'data-testid="realisation">63,00' in page and 'data-testid="capaian">87,50\xa0%' in page
    assert client.get(url("rpjmd_realisations", government, plan=plan.pk, year=2030)).status_code == 404


def test_a_note_without_a_realisation_is_refused(client, pemda):
    government, _agency, plan, _objective, (typed, _sourced) = pemda
    client.force_login(make_user("bappeda", "pemda", government=government))
    response = client.post(
        url("rpjmd_realisations", government, plan=plan.pk, year=2021),
        {f"r{typed.pk}-note": "Belum rilis BPS"},
    )
    assert response.status_code == 200 and "A note without a realisation" in response.content.decode()


def test_the_head_agreement_is_recorded(client, pemda):
    government, *_rest = pemda
    client.force_login(make_user("bappeda", "pemda", government=government))
    response = client.post(
        url("rpjmd_agreement", government, year=2022),
        {"signed_on": "3 Januari 2022", "signatory": "Bupati Uji", "place": "Sintetis"},
    )
    assert response.status_code == 302
    agreement = HeadAgreement.objects.get(government=government, year=2022)
    assert agreement.signed_on.isoformat() == "2022-01-03" and agreement.signatory == "Bupati Uji"


def test_the_pohon_kinerja_shows_the_agency_sasaran_serving_each_rpjmd_sasaran(client, pemda):
    government, agency, _plan, objective, _ikus = pemda
    indicator = IndicatorFactory(objective__goal__plan__agency=agency)
    TargetFactory(indicator=indicator, value=Decimal("100"))
    RealisationFactory(indicator=indicator, value=Decimal("90"))
    Objective.objects.filter(pk=indicator.objective_id).update(rpjmd_objective=objective)
    client.force_login(make_user("inspektorat", "reviewer", government=government))
    page = client.get(url("rpjmd_tree", government, year=2021)).content.decode()
    assert f'data-agency="{agency.code}"' in page
    assert 'data-testid="agency-capaian">90,00' in page


# --- the agency side: a sasaran names the RPJMD sasaran it serves ----------------------------------------------


def test_a_planner_links_a_sasaran_only_to_an_rpjmd_sasaran_of_their_own_pemda(client, pemda):
    government, agency, _plan, objective, _ikus = pemda
    _other_plan, foreign, _ = make_rpjmd(GovernmentFactory())
    sasaran = ObjectiveFactory(goal__plan__agency=agency)
    client.force_login(make_user("perencana", "planner", agency=agency))
    edit = reverse("indicators:plan_edit", args=[agency.code, "sasaran", sasaran.pk])
    form = client.get(edit).content.decode()
    assert f'<option value="{objective.pk}"' in form and f'<option value="{foreign.pk}"' not in form
    data = {"code": sasaran.code, "statement": sasaran.statement, "rpjmd_objective": foreign.pk}
    response = client.post(edit, data)
    assert response.status_code == 200
    sasaran.refresh_from_db()
    assert sasaran.rpjmd_objective is None
    assert client.post(edit, {**data, "rpjmd_objective": objective.pk}).status_code == 302
    sasaran.refresh_from_db()
    assert sasaran.rpjmd_objective == objective


def file_url(name, government, **kwargs):
    return reverse(f"rpjmd_file:{name}", kwargs={"code": government.code, **kwargs})


def _upload(content: bytes, name="rpjmd.json"):
    return SimpleUploadedFile(name, content, content_type="application/json")


def test_the_rpjmd_file_is_downloaded_and_imported_again_in_the_browser(client, pemda, tmp_path):
    """Every Pemda-wide role downloads the file `export_rpjmd` writes; the administrator imports it: refused while
    an RPJMD of that period and revision exists, replaced when asked, and the file it then gives is the same."""
    government, _agency, plan, _objective, _ikus = pemda
    client.force_login(make_user("inspektorat", "reviewer", government=government))
    page = client.get(url("rpjmd", government)).content.decode()
    export = file_url("download", government, plan=plan.pk)
    assert f'href="{export}"' in page and 'data-testid="import-rpjmd"' not in page  # the reviewer reads only
    response = client.get(export)
    name = f"RPJMD-{government.code}-{plan.start_year}-{plan.end_year}.json"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    call_command("export_rpjmd", "--government", government.code, "--output", str(tmp_path / "cli.json"))
    assert response.content == (tmp_path / "cli.json").read_bytes()
    file = response.content

    client.force_login(make_user("bappeda", "pemda", government=government))
    assert 'data-testid="import-rpjmd"' in client.get(url("rpjmd", government)).content.decode()
    answer = client.post(file_url("upload", government), {"file": _upload(file)})
    assert answer.status_code == 400
    assert "sudah ada; centang &quot;Ganti RPJMD" in answer.content.decode()
    assert RegionalPlan.objects.get() == plan  # nothing replaced

    RegionalIndicator.objects.filter(plan=plan).update(name="Diubah di layar")
    answer = client.post(
        file_url("upload", government), {"file": _upload(file), "replace": "on"}, follow=True
    )
    text = answer.content.decode()
    replaced = RegionalPlan.objects.get()
    assert replaced.pk != plan.pk and f"RPJMD {replaced} diganti" in text
    assert not RegionalIndicator.objects.filter(name="Diubah di layar").exists()  # the file's names are back
    assert client.get(file_url("download", government, plan=replaced.pk)).content == file


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"{ bukan json", "JSON tidak valid"),
        ("RPJMD ÿ".encode("latin-1"), "UTF-8"),
        (b'{"format": "sakip-rpjmd/1"}', "kunci wajib tidak ada"),
        (b"[" * 100_000 + b"]" * 100_000, "bersarang terlalu dalam"),
    ],
)
def test_a_bad_file_is_refused_whole_with_the_reason(client, pemda, content, says):
    government, *_ = pemda
    before = RegionalIndicator.objects.count(), RegionalPlan.objects.count()
    client.force_login(make_user("bappeda", "pemda", government=government))
    answer = client.post(file_url("upload", government), {"file": _upload(content)})
    text = answer.content.decode()
    assert answer.status_code == 400 and 'data-testid="import-problems"' in text and says in text
    assert "tidak ada yang disimpan" in text
    assert (RegionalIndicator.objects.count(), RegionalPlan.objects.count()) == before


def test_another_pemdas_file_is_refused_and_nothing_of_it_is_saved(client, pemda):
    government, _agency, plan, *_ = pemda
    other = GovernmentFactory()
    make_rpjmd(other)
    client.force_login(make_user("bappeda-lain", "pemda", government=other))
    data = json.loads(
        client.get(file_url("download", other, plan=RegionalPlan.objects.get(government=other).pk)).content
    )
    data["plan"]["revision"] = "perubahan"  # a new plan, were it accepted
    client.force_login(make_user("bappeda", "pemda", government=government))
    answer = client.post(file_url("upload", government), {"file": _upload(json.dumps(data).encode())})
    text = answer.content.decode()
    assert answer.status_code == 400 and f"RPJMD Pemda {other.code}, bukan {government.code}" in text
    assert RegionalPlan.objects.filter(revision="perubahan").count() == 0
