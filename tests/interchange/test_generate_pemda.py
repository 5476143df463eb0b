"""`manage.py generate_pemda`: a synthetic Pemda imported through the dataset importer, all or nothing."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError

from agencies.models import Agency, Government, Profile
from indicators.models import Objective, StrategicPlan
from interchange.dataset import writing
from reports.readmodel.build import report_build
from reports.readmodel.checks import report_checks

ARGS = ("--agencies", "3", "--years", "2021-2023", "--seed", "1", "--code", "uji")


def generate(*args):
    out = StringIO()
    call_command("generate_pemda", *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip().splitlines()


@pytest.mark.django_db
def test_generate_pemda_creates_the_agencies_with_their_plans_and_users():
    lines = generate(*ARGS, "--password", "rahasia-demo")

    government = Government.objects.get(code="uji")
    assert (government.name, government.level) == ("Kabupaten Uji", "kabupaten")
    agencies = list(Agency.objects.filter(government=government).order_by("code"))
    assert [a.code for a in agencies] == ["uji-dinkes", "uji-disdik", "uji-dpupr"]
    assert {p.agency.code for p in StrategicPlan.objects.filter(start_year=2021, end_year=2025)} == {
        a.code for a in agencies
    }
    # a line per agency, the RPJMD and a total
    assert len(lines) == 5
    assert [line.split(":")[0] for line in lines[:3]] == ["uji-disdik", "uji-dinkes", "uji-dpupr"]
    assert lines[3].startswith("uji: RPJMD 2021–2025")
    assert lines[4].startswith("Kabupaten Uji (uji): 3 perangkat daerah")
    assert "5 pengguna" in lines[4]
    # a planner per agency, a reviewer and an administrator of the Pemda; none with another role
    roles = {
        p.user.username: (p.role, p.agency_id, p.government_id)
        for p in Profile.objects.select_related("user")
    }
    assert roles == {
        **{a.code: ("planner", a.pk, None) for a in agencies},
        "reviu-uji": ("reviewer", None, government.pk),
        "bappeda-uji": ("pemda", None, government.pk),
    }
    assert authenticate(username="uji-disdik", password="rahasia-demo") is not None
    assert authenticate(username="reviu-uji", password="rahasia-demo") is not None


@pytest.mark.django_db
def test_each_agencys_report_builds_with_capaian_for_a_year():
    generate(*ARGS)
    for agency in Agency.objects.filter(government__code="uji"):
        report = report_build(agency=agency, year=2022)
        rows = report.indicators
        assert 30 <= len(rows) <= 60
        with_capaian = [row for row in rows if row.current.capaian is not None]
        assert len(with_capaian) == len(rows)
        assert report.budget.figures.spent > 0
        # consistent figures: quarters add up, spending under the pagu, every sasaran served by a program
        assert report_checks(report) == []


@pytest.mark.django_db
def test_without_users_none_are_created():
    generate(*ARGS, "--no-users")
    assert Agency.objects.filter(government__code="uji").count() == 3
    assert not Profile.objects.exists()


@pytest.mark.django_db
def test_an_existing_pemda_is_refused_without_replace_and_replaced_with_it():
    generate(*ARGS)
    with pytest.raises(CommandError, match="sudah ada; gunakan --replace"):
        generate(*ARGS)

    lines = generate("--agencies", "2", "--years", "2021-2023", "--seed", "2", "--code", "uji", "--replace")

    assert (
        lines[0] == "uji-dpupr: dihapus / deleted"
    )  # asked for fewer: the one left over goes, with its planner
    assert sorted(Agency.objects.filter(government__code="uji").values_list("code", flat=True)) == [
        "uji-dinkes",
        "uji-disdik",
    ]
    assert StrategicPlan.objects.count() == 2
    assert sorted(Profile.objects.values_list("user__username", flat=True)) == [
        "bappeda-uji",
        "reviu-uji",
        "uji-dinkes",
        "uji-disdik",
    ]


@pytest.mark.django_db
def test_nothing_is_saved_when_one_agency_fails(monkeypatch):
    real_import = writing.dataset_import
    calls = []

    def failing_second(data, **kwargs):
        calls.append(data["agency"]["code"])
        if len(calls) == 2:
            raise writing.DatasetError([writing.Problem("$.agency.code", "gagal / failed")])
        return real_import(data, **kwargs)

    monkeypatch.setattr("interchange.management.commands.generate_pemda.dataset_import", failing_second)
    with pytest.raises(CommandError, match="uji-dinkes"):
        generate(*ARGS)
    assert not Government.objects.filter(code="uji").exists()
    assert not Agency.objects.exists()
    assert not Profile.objects.exists()


@pytest.mark.django_db
def test_years_beyond_one_renstra_period_are_refused():
    with pytest.raises(CommandError, match="rentang tahun"):
        generate("--agencies", "1", "--years", "2021-2026", "--code", "uji")
    with pytest.raises(CommandError, match="tahun tidak valid"):
        generate("--agencies", "1", "--years", "2021..2025", "--code", "uji")


@pytest.mark.django_db
def test_the_synthetic_pemda_has_an_rpjmd_whose_iku_partly_come_from_its_agencies():
    from reports.pemda.rpjmd import rpjmd_report
    from rpjmd.models import RegionalIndicator

    generate(*ARGS)
    government = Government.objects.get(code="uji")
    indicators = RegionalIndicator.objects.filter(plan__government=government)
    assert 10 <= indicators.count() <= 20
    sourced = indicators.filter(source_indicator__isnull=False)
    assert 0 < sourced.count() < indicators.count()
    assert all(i.source_indicator.plan.agency.government_id == government.pk for i in sourced)
    report = rpjmd_report(government, 2022)
    # Every IKU has a realisation for a reported year: typed, or read off its agency's report.
    assert all(row.current.realisation is not None for row in report.indicators)
    # Every agency sasaran serves a sasaran of the RPJMD.
    assert not Objective.objects.filter(
        plan__agency__government=government, rpjmd_objective__isnull=True
    ).exists()
