"""The Renstra editor: the cascading tree, create/edit/delete of every kind, validation and permissions."""

from decimal import Decimal

import pytest
from django.db.models import Q
from django.urls import reverse

from budgets.models import Activity, BudgetLine, Program, SubActivity
from indicators.models import Goal, Indicator, Mission, Objective, Policy, Strategy, Target
from tests.conftest import make_user

# The tree loads each table once: the same number of queries for the demo plan and for one twice as large
# (the last one: the frozen years that use the plan, for the "read-only" banner).
TREE_QUERIES = 17


def tree_url(agency):
    return reverse("indicators:plan", args=[agency.code])


def create_url(agency, kind, query=""):
    url = reverse("indicators:plan_create", args=[agency.code, kind])
    return f"{url}?{query}" if query else url


def edit_url(agency, kind, pk):
    return reverse("indicators:plan_edit", args=[agency.code, kind, pk])


def delete_url(agency, kind, pk):
    return reverse("indicators:plan_delete", args=[agency.code, kind, pk])


def plan_of(agency):
    return agency.plans.get()


# --- the tree ---------------------------------------------------------------------------------------------


def test_tree_shows_every_element_of_the_demo_plan(planner_client, demo_agency):
    plan = plan_of(demo_agency)
    html = planner_client.get(tree_url(demo_agency)).content.decode()
    for goal in Goal.objects.filter(plan=plan):
        assert goal.statement in html
        assert f'id="tujuan-{goal.pk}"' in html
    for objective in Objective.objects.filter(plan=plan):
        assert f'id="sasaran-{objective.pk}"' in html
    for program in Program.objects.filter(plan=plan):
        assert f'id="program-{program.pk}"' in html
    for activity in Activity.objects.filter(program__plan=plan):
        assert f'id="kegiatan-{activity.pk}"' in html
    for sub in SubActivity.objects.filter(activity__program__plan=plan):
        assert f'id="subkegiatan-{sub.pk}"' in html
        assert sub.code in html
    for indicator in Indicator.objects.filter(plan=plan):
        assert f'data-indicator="{indicator.code}"' in html
    for mission in Mission.objects.filter(plan=plan):
        assert mission.statement in html
    # Each indicator of the IKU set is flagged.
    assert html.count(">IKU</span>") == Indicator.objects.filter(plan=plan, is_key=True).count()


def test_a_program_appears_under_every_sasaran_it_serves(planner_client, demo_agency):
    program = Program.objects.filter(plan=plan_of(demo_agency)).order_by("position").last()
    links = program.objectives.count()
    assert links > 1
    html = planner_client.get(tree_url(demo_agency)).content.decode()
    assert html.count(f'data-kind="program" data-code="{program.code}"') == links
    assert html.count(f'id="program-{program.pk}"') == 1  # the anchor stays unique


def test_programs_without_sasaran_have_their_own_section(planner_client, demo_agency):
    program = Program.objects.filter(plan=plan_of(demo_agency)).first()
    program.objectives.clear()
    html = planner_client.get(tree_url(demo_agency)).content.decode()
    section = html.split('data-testid="unlinked-programs"')[1]
    assert f'id="program-{program.pk}"' in section


@pytest.mark.parametrize("agency_fixture", ["demo_agency", "double_demo_agency"])
def test_tree_queries_do_not_grow_with_the_plan(
    client, request, agency_fixture, django_assert_max_num_queries
):
    agency = request.getfixturevalue(agency_fixture)
    # The demo has no strategies: give every sasaran one, with an arah kebijakan, so those tables count too.
    for objective in Objective.objects.filter(plan__agency=agency):
        strategy = Strategy.objects.create(objective=objective, statement=f"Strategi {objective.code}")
        Policy.objects.create(strategy=strategy, statement=f"Kebijakan {objective.code}")
    client.force_login(make_user("perencana-q", "planner", agency=agency))
    with django_assert_max_num_queries(TREE_QUERIES):
        response = client.get(tree_url(agency))
    assert response.status_code == 200
    assert "Kebijakan " in response.content.decode()


# --- create each kind -------------------------------------------------------------------------------------


def _creations(plan):
    goal = Goal.objects.get(plan=plan, code="T1")
    objective = Objective.objects.get(plan=plan, code="S1")
    program = Program.objects.get(plan=plan, code="2.17.05")
    activity = Activity.objects.get(program=program, code="2.17.05.2.01")
    strategy = Strategy.objects.create(objective=objective, statement="Strategi yang sudah ada")
    return [
        ("misi", "", {"statement": "Misi uji yang baru"}, "Misi uji yang baru"),
        ("tujuan", "", {"code": "T9", "statement": "Tujuan uji yang baru"}, "Tujuan uji yang baru"),
        ("sasaran", f"parent={goal.pk}", {"code": "S9", "statement": "Sasaran uji baru"}, "Sasaran uji baru"),
        ("strategi", f"parent={objective.pk}", {"statement": "Strategi uji baru"}, "Strategi uji baru"),
        ("kebijakan", f"parent={strategy.pk}", {"statement": "Kebijakan uji baru"}, "Kebijakan uji baru"),
        (
            "indikator",
            f"owner=objective:{objective.pk}",
            {"code": "S1.9", "name": "Indikator uji baru", "unit": "%", "kind": "percent",
             "polarity": "higher", "computation": "direct"},
            "Indikator uji baru",
        ),
        (
            "program",
            "",
            {"code": "2.17.99", "name": "Program uji baru", "objectives": [objective.pk]},
            "Program uji baru",
        ),
        ("kegiatan", f"parent={program.pk}", {"code": "2.17.05.2.09", "name": "Kegiatan uji baru"},
         "Kegiatan uji baru"),
        (
            "subkegiatan",
            f"parent={activity.pk}",
            {"code": "2.17.05.2.01.0009", "name": "Sub kegiatan uji baru"},
            "Sub kegiatan uji baru",
        ),
    ]  # fmt: skip


def test_every_kind_can_be_created_and_shows_in_the_tree(planner_client, demo_agency):
    plan = plan_of(demo_agency)
    for kind, query, data, text in _creations(plan):
        assert planner_client.get(create_url(demo_agency, kind, query)).status_code == 200, kind
        response = planner_client.post(create_url(demo_agency, kind, query), data)
        assert response.status_code == 302, (kind, response.content.decode()[-3000:])
        assert response["Location"].startswith(tree_url(demo_agency) + f"#{kind}-")
        tree = planner_client.get(response["Location"]).content.decode()
        assert text in tree, kind
        assert "tersimpan" in tree  # the success message


def test_a_new_element_goes_after_its_siblings(planner_client, demo_agency):
    program = Program.objects.get(plan=plan_of(demo_agency), code="2.17.01")
    last = program.activities.order_by("position").last()
    planner_client.post(
        create_url(demo_agency, "kegiatan", f"parent={program.pk}"), {"code": "2.17.01.2.99", "name": "Baru"}
    )
    new = Activity.objects.get(program=program, code="2.17.01.2.99")
    assert new.position == last.position + 1


def test_a_program_is_created_linked_to_the_sasaran_it_was_added_from(planner_client, demo_agency):
    objective = Objective.objects.get(plan=plan_of(demo_agency), code="S3")
    form = planner_client.get(
        create_url(demo_agency, "program", f"objective={objective.pk}")
    ).content.decode()
    assert f'value="{objective.pk}"' in form
    checked = form.split(f'value="{objective.pk}"')[1].split(">")[0]
    assert "checked" in checked


def test_editing_changes_the_element(planner_client, demo_agency):
    goal = Goal.objects.get(plan=plan_of(demo_agency), code="T1")
    response = planner_client.post(
        edit_url(demo_agency, "tujuan", goal.pk), {"code": "T1", "statement": "Ubah"}
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.statement == "Ubah"


# --- validation -------------------------------------------------------------------------------------------


def test_an_activity_code_must_start_with_its_programs_code(planner_client, demo_agency):
    program = Program.objects.get(plan=plan_of(demo_agency), code="2.17.02")
    before = Activity.objects.count()
    for wrong in ("2.17.03.2.01", "2.17.022.01", "2.17.02."):
        response = planner_client.post(
            create_url(demo_agency, "kegiatan", f"parent={program.pk}"), {"code": wrong, "name": "Salah"}
        )
        assert response.status_code == 200
        assert "Kode kegiatan harus diawali kode program 2.17.02 diikuti titik" in response.content.decode()
    assert Activity.objects.count() == before


def test_a_sub_activity_code_must_start_with_its_activitys_code(planner_client, demo_agency):
    activity = Activity.objects.get(program__plan=plan_of(demo_agency), code="2.17.02.2.01")
    before = SubActivity.objects.count()
    response = planner_client.post(
        create_url(demo_agency, "subkegiatan", f"parent={activity.pk}"), {"code": "2.17.02.0001", "name": "X"}
    )
    assert (
        "Kode sub kegiatan harus diawali kode kegiatan 2.17.02.2.01 diikuti titik"
        in response.content.decode()
    )
    assert SubActivity.objects.count() == before
    ok = planner_client.post(
        create_url(demo_agency, "subkegiatan", f"parent={activity.pk}"),
        {"code": "2.17.02.2.01.0099", "name": "Benar"},
    )
    assert ok.status_code == 302


@pytest.mark.parametrize(
    ("kind", "existing"),
    [("tujuan", "T1"), ("sasaran", "S2"), ("program", "2.17.01"), ("indikator", "S1.1")],
)
def test_a_duplicate_code_is_a_field_error_not_a_crash(planner_client, demo_agency, kind, existing):
    plan = plan_of(demo_agency)
    goal = Goal.objects.get(plan=plan, code="T1")
    query = {"sasaran": f"parent={goal.pk}", "indikator": f"owner=goal:{goal.pk}"}.get(kind, "")
    data = {"code": existing, "statement": "Duplikat", "name": "Duplikat", "kind": "number",
            "polarity": "higher", "computation": "direct"}  # fmt: skip
    counts = (
        Goal.objects.count(),
        Objective.objects.count(),
        Program.objects.count(),
        Indicator.objects.count(),
    )
    response = planner_client.post(create_url(demo_agency, kind, query), data)
    assert response.status_code == 200
    assert f"Kode {existing} sudah dipakai di Renstra ini" in response.content.decode()
    assert counts == (
        Goal.objects.count(),
        Objective.objects.count(),
        Program.objects.count(),
        Indicator.objects.count(),
    )


def test_an_activity_code_is_unique_within_its_program(planner_client, demo_agency):
    program = Program.objects.get(plan=plan_of(demo_agency), code="2.17.01")
    taken = program.activities.first().code
    response = planner_client.post(
        create_url(demo_agency, "kegiatan", f"parent={program.pk}"), {"code": taken, "name": "Lagi"}
    )
    assert f"Kode {taken} sudah dipakai di program ini" in response.content.decode()


def test_an_element_keeps_its_own_code_when_edited(planner_client, demo_agency):
    indicator = Indicator.objects.filter(plan=plan_of(demo_agency)).first()
    form = planner_client.get(edit_url(demo_agency, "indikator", indicator.pk))
    assert form.status_code == 200
    data = {
        name: indicator.__dict__[name]
        for name in ("code", "name", "unit", "kind", "polarity", "computation", "quarter_mode", "formula")
    }
    data["name"] = "Nama baru"
    if indicator.computation == "ratio":
        data.update(numerator_label=indicator.numerator_label, denominator_label=indicator.denominator_label)
    response = planner_client.post(edit_url(demo_agency, "indikator", indicator.pk), data)
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Nama baru"


def _indicator_post(client, agency, **fields):
    objective = Objective.objects.get(plan=plan_of(agency), code="S1")
    data = {"code": "S1.7", "name": "Indikator uji", "unit": "%", "kind": "percent", "polarity": "higher",
            "computation": "direct", **fields}  # fmt: skip
    return client.post(create_url(agency, "indikator", f"owner=objective:{objective.pk}"), data)


def test_indicator_figures_are_read_as_typed_in_indonesian(planner_client, demo_agency):
    response = _indicator_post(
        planner_client, demo_agency, baseline="0,5", baseline_year="2015", national_standard="1.715",
        multiplier="100", is_key="on", responsible_unit=demo_agency.org_units.first().pk,
    )  # fmt: skip
    assert response.status_code == 302
    indicator = Indicator.objects.get(plan=plan_of(demo_agency), code="S1.7")
    assert indicator.baseline_value == Decimal("0.5")
    assert indicator.national_standard_value == Decimal("1715")
    assert indicator.multiplier == Decimal("100")
    assert (indicator.baseline_year, indicator.is_key, indicator.objective.code) == (2015, True, "S1")
    # Shown back the way it was typed.
    form = planner_client.get(edit_url(demo_agency, "indikator", indicator.pk)).content.decode()
    assert 'value="0,5"' in form


def test_a_grade_indicator_takes_letters_and_others_do_not(planner_client, demo_agency):
    refused = _indicator_post(planner_client, demo_agency, baseline="BB")
    assert "Nilai huruf hanya untuk indikator berjenis nilai huruf" in refused.content.decode()
    assert _indicator_post(planner_client, demo_agency, kind="grade", baseline="bb").status_code == 302
    indicator = Indicator.objects.get(plan=plan_of(demo_agency), code="S1.7")
    assert (indicator.baseline_grade, indicator.baseline_value, indicator.grade_scale) == ("BB", None, "akip")


def test_a_grade_indicator_cannot_add_its_quarters_up(planner_client, demo_agency):
    refused = _indicator_post(planner_client, demo_agency, kind="grade", quarter_mode="increment")
    assert "Nilai huruf tidak dapat dijumlahkan antar triwulan" in refused.content.decode()
    assert not Indicator.objects.filter(plan=plan_of(demo_agency), code="S1.7").exists()


def test_a_ratio_indicator_needs_numerator_and_denominator_labels(planner_client, demo_agency):
    response = _indicator_post(planner_client, demo_agency, computation="ratio", multiplier="0")
    html = response.content.decode()
    assert html.count("Wajib diisi untuk indikator rasio") == 2
    assert "Pengali tidak boleh nol" in html
    assert not Indicator.objects.filter(code="S1.7").exists()


def test_bad_figures_are_refused_with_a_message(planner_client, demo_agency):
    response = _indicator_post(planner_client, demo_agency, baseline="lima koma")
    assert response.status_code == 200
    assert not Indicator.objects.filter(code="S1.7").exists()
    assert "is-invalid" in response.content.decode()


def test_plan_years_are_checked(planner_client, demo_agency):
    plan = plan_of(demo_agency)
    url = edit_url(demo_agency, "renstra", plan.pk)
    backwards = planner_client.post(url, {"start_year": 2021, "end_year": 2016, "revision": "", "vision": ""})
    assert "Tahun akhir tidak boleh sebelum tahun awal" in backwards.content.decode()
    too_long = planner_client.post(url, {"start_year": 2016, "end_year": 2026, "revision": "", "vision": ""})
    assert "Renstra paling lama 10 tahun" in too_long.content.decode()
    plan.refresh_from_db()
    assert (plan.start_year, plan.end_year) == (2016, 2021)
    ok = planner_client.post(
        url, {"start_year": 2016, "end_year": 2021, "revision": "II", "vision": "Visi baru"}
    )
    assert ok.status_code == 302
    plan.refresh_from_db()
    assert (plan.revision, plan.vision) == ("II", "Visi baru")


def test_a_program_may_only_serve_this_plans_sasaran(planner_client, demo_agency, other_agency):
    foreign = Objective.objects.filter(plan__agency=other_agency).first()
    response = planner_client.post(
        create_url(demo_agency, "program"), {"code": "2.17.98", "name": "X", "objectives": [foreign.pk]}
    )
    assert response.status_code == 200
    assert not Program.objects.filter(code="2.17.98").exists()


def test_a_sasaran_names_the_misi_and_the_rpjmd_goal_it_serves(planner_client, demo_agency):
    plan = plan_of(demo_agency)
    objective = Objective.objects.get(plan=plan, code="S2")
    mission = Mission.objects.filter(plan=plan).order_by("position")[1]
    response = planner_client.post(
        edit_url(demo_agency, "sasaran", objective.pk),
        {"code": "S2", "statement": objective.statement, "mission": mission.pk,
         "rpjmd_goal": "Tumbuhnya perekonomian daerah yang berdaya saing"},
    )  # fmt: skip
    assert response.status_code == 302
    objective.refresh_from_db()
    assert (objective.mission, objective.rpjmd_goal) == (
        mission,
        "Tumbuhnya perekonomian daerah yang berdaya saing",
    )
    tree = planner_client.get(tree_url(demo_agency)).content.decode()
    node = tree[tree.index(f'id="sasaran-{objective.pk}"') :]
    context = node[node.index('data-testid="objective-context"') :].split("</div>")[0]
    assert "Misi 2 · RPJMD: Tumbuhnya perekonomian daerah yang berdaya saing" in context


def test_a_sasaran_may_only_serve_a_misi_of_its_own_plan(planner_client, demo_agency, other_agency):
    foreign = Mission.objects.create(plan=plan_of(other_agency), statement="Misi lain")
    objective = Objective.objects.get(plan=plan_of(demo_agency), code="S2")
    own = objective.mission_id  # the demo's S2 serves misi 2
    response = planner_client.post(
        edit_url(demo_agency, "sasaran", objective.pk),
        {"code": "S2", "statement": objective.statement, "mission": foreign.pk},
    )
    assert response.status_code == 200
    objective.refresh_from_db()
    assert own is not None and objective.mission_id == own


def test_an_indicator_keeps_which_standard_it_is_measured_against(planner_client, demo_agency):
    response = _indicator_post(
        planner_client, demo_agency, national_standard="100", national_standard_kind="spm",
        national_standard_source="Permendagri 100/2018", formula="A / B x 100%", data_source="BPS",
        cumulative="on",
    )  # fmt: skip
    assert response.status_code == 302
    indicator = Indicator.objects.get(plan=plan_of(demo_agency), code="S1.7")
    assert (indicator.national_standard_value, indicator.national_standard_kind) == (Decimal("100"), "spm")
    assert indicator.national_standard_source == "Permendagri 100/2018"
    assert (indicator.formula, indicator.data_source, indicator.cumulative) == ("A / B x 100%", "BPS", True)
    # The standard's kind and source are asked right after its value.
    form = planner_client.get(edit_url(demo_agency, "indikator", indicator.pk)).content.decode()
    assert form.index('name="national_standard"') < form.index('name="national_standard_kind"')
    assert 'value="spm" selected' in form


# --- permissions and scoping ------------------------------------------------------------------------------


def test_a_reviewer_reads_the_tree_but_cannot_change_it(reviewer_client, demo_agency):
    plan = plan_of(demo_agency)
    response = reviewer_client.get(tree_url(demo_agency))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="read-only"' in html
    assert "tambah indikator" not in html
    assert "/hapus/" not in html
    goal = Goal.objects.get(plan=plan, code="T1")
    form = reviewer_client.get(edit_url(demo_agency, "tujuan", goal.pk)).content.decode()
    assert "<fieldset disabled>" in form
    assert (
        reviewer_client.post(create_url(demo_agency, "tujuan"), {"code": "T9", "statement": "X"}).status_code
        == 403
    )
    assert reviewer_client.post(edit_url(demo_agency, "tujuan", goal.pk), {"code": "T1"}).status_code == 403
    assert reviewer_client.post(delete_url(demo_agency, "tujuan", goal.pk)).status_code == 403
    assert Goal.objects.filter(pk=goal.pk, statement=goal.statement).exists()


def test_another_agencys_planner_gets_404(client, demo_agency, other_agency):
    client.force_login(make_user("perencana-lain", "planner", agency=other_agency))
    goal = Goal.objects.get(plan=plan_of(demo_agency), code="T1")
    assert client.get(tree_url(demo_agency)).status_code == 404
    assert client.get(edit_url(demo_agency, "tujuan", goal.pk)).status_code == 404
    assert (
        client.post(edit_url(demo_agency, "tujuan", goal.pk), {"code": "X", "statement": "X"}).status_code
        == 404
    )
    assert client.post(delete_url(demo_agency, "tujuan", goal.pk)).status_code == 404
    # Through their own agency's URLs, the demo agency's objects do not exist either.
    assert client.get(edit_url(other_agency, "tujuan", goal.pk)).status_code == 404
    assert client.post(delete_url(other_agency, "tujuan", goal.pk)).status_code == 404
    assert client.get(create_url(other_agency, "sasaran", f"parent={goal.pk}")).status_code == 404
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_unknown_kinds_and_missing_parents_are_404(planner_client, demo_agency):
    plan = plan_of(demo_agency)
    assert planner_client.get(create_url(demo_agency, "anggaran")).status_code == 404
    assert planner_client.get(create_url(demo_agency, "sasaran")).status_code == 404
    assert planner_client.get(create_url(demo_agency, "sasaran", "parent=abc")).status_code == 404
    assert planner_client.get(create_url(demo_agency, "indikator", "owner=plan:1")).status_code == 404
    assert planner_client.get(create_url(demo_agency, "renstra")).status_code == 404
    assert planner_client.get(delete_url(demo_agency, "renstra", plan.pk)).status_code == 404
    # A kind's URL with another kind's id does not reach it.
    objective = Objective.objects.filter(plan=plan).exclude(pk__in=Goal.objects.values("pk")).first()
    assert planner_client.get(edit_url(demo_agency, "tujuan", objective.pk)).status_code == 404


# --- delete -----------------------------------------------------------------------------------------------


def test_deleting_a_goal_says_what_goes_with_it_and_removes_the_subtree(planner_client, demo_agency):
    goal = Goal.objects.get(plan=plan_of(demo_agency), code="T1")
    objectives = list(Objective.objects.filter(goal=goal))
    indicators = Indicator.objects.filter(Q(goal=goal) | Q(objective__goal=goal))
    n_indicators, n_targets = indicators.count(), Target.objects.filter(indicator__in=indicators).count()
    page = planner_client.get(delete_url(demo_agency, "tujuan", goal.pk)).content.decode()
    assert f"{len(objectives)} sasaran" in page
    assert f"{n_indicators} indikator" in page
    assert f"{n_targets} target" in page

    response = planner_client.post(delete_url(demo_agency, "tujuan", goal.pk))
    assert response.status_code == 302
    assert not Goal.objects.filter(pk=goal.pk).exists()
    assert not Objective.objects.filter(pk__in=[o.pk for o in objectives]).exists()
    assert not Indicator.objects.filter(
        Q(goal_id=goal.pk) | Q(objective_id__in=[o.pk for o in objectives])
    ).exists()
    tree = planner_client.get(response["Location"]).content.decode()
    assert "dihapus" in tree  # the message names what was deleted ...
    tree = planner_client.get(tree_url(demo_agency)).content.decode()
    assert goal.statement not in tree  # ... and then it is gone
    # Programs serve sasaran but are not owned by them: they stay.
    assert Program.objects.filter(plan=plan_of(demo_agency)).count() == 8


def test_deleting_a_program_removes_its_activities_and_budget(planner_client, demo_agency):
    program = Program.objects.get(plan=plan_of(demo_agency), code="2.17.01")
    activities = list(program.activities.values_list("pk", flat=True))
    subs = SubActivity.objects.filter(activity__program=program).count()
    page = planner_client.get(delete_url(demo_agency, "program", program.pk)).content.decode()
    assert f"{len(activities)} kegiatan, {subs} sub kegiatan" in page
    planner_client.post(delete_url(demo_agency, "program", program.pk))
    assert not Activity.objects.filter(pk__in=activities).exists()
    assert not SubActivity.objects.filter(activity_id__in=activities).exists()
    assert not BudgetLine.objects.filter(
        Q(activity_id__in=activities) | Q(sub_activity__activity_id__in=activities)
    ).exists()
