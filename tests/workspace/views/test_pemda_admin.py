"""The Pemda's own administration (/pemda/<code>/kelola/…): who may open and post to each screen, and what each
form saves or refuses (settings, agencies, org units, users and roles, entry windows and extensions)."""

import datetime
import io

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from PIL import Image

from agencies.models import Agency, Government, OrgUnit, Profile
from review.models import EntryException, EntryWindow
from sakip.url_walk import agency_patterns, url_kwargs
from tests.conftest import make_user

User = get_user_model()
ADMIN_PREFIX = "pemda:admin_"
# Screens only the Pemda's administrators open at all (the inspectorate gets 403 on GET too).
WRITE_ONLY = {
    "pemda:admin_agency_new",
    "pemda:admin_agency_delete",
    "pemda:admin_user_new",
    "pemda:admin_user_password",
    "pemda:admin_exception_add",
    "pemda:admin_exception_delete",
}
POST_ONLY = {"pemda:admin_agency_delete", "pemda:admin_exception_add", "pemda:admin_exception_delete"}


@pytest.fixture
def pemda(pemda_of):
    """A Pemda of two agencies: opd-00 (2021 a draft) and opd-01 (2021 submitted, so frozen)."""
    return pemda_of(2)


@pytest.fixture
def bappeda(pemda):
    government, _agencies = pemda
    return make_user("bappeda", "pemda", government=government)


@pytest.fixture
def admin_client(client, bappeda):
    client.force_login(bappeda)
    return client


def url(name, government, **kwargs):
    return reverse(f"pemda:{name}", kwargs={"code": government.code, **kwargs})


def post_settings(client, government, **changes):
    data = {
        "name": government.name,
        "level": government.level,
        "head_title": government.head_title,
        "predicate_scale": government.predicate_scale,
        "indicator_scale": government.indicator_scale,
        "objective_cap": "",
        "plausible_capaian_max": "200",
        "ikm_weight": government.ikm_weight,
        "ikm_scale": government.ikm_scale,
        "renstra_series": government.renstra_series,
        **changes,
    }
    return client.post(url("admin_settings", government), data)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


# --- who may do what -------------------------------------------------------------------------------------------
def test_every_administration_url_answers_each_role_as_the_access_layer_says(client, pemda, other_agency):
    government, agencies = pemda
    planner = make_user("perencana-opd", "planner", agency=agencies[0])
    users = {
        "pemda": make_user("bappeda", "pemda", government=government),
        "admin": make_user("admin-uji", "admin"),
        "reviewer": make_user("inspektorat", "reviewer", government=government),
        "planner": planner,
        "head": make_user("kepala-opd", "head", agency=agencies[0]),
        "other-pemda": make_user("bappeda-lain", "pemda", government=other_agency.government),
        "other-reviewer": make_user("reviu-lain", "reviewer", government=other_agency.government),
    }
    EntryWindow.objects.create(
        government=government, year=2021, quarter=1, deadline=datetime.date(2021, 4, 15)
    )
    extension = EntryException.objects.create(
        agency=agencies[0], year=2021, quarter=1, until=datetime.date(2021, 4, 30), reason="banjir"
    )
    values = {
        "code": government.code,
        "agency": agencies[0].code,
        "user_id": make_user("sasaran", "planner", agency=agencies[0]).pk,  # its password is reset below
        "year": 2021,
        "pk": extension.pk,
    }
    # The evaluation rubrics (kelola/rubrik/) let the inspectorate load a rubric too: their own walk is in
    # test_pemda_rubrics.py.
    rubric_screens = ("pemda:admin_rubric",)
    patterns = [
        p
        for p in agency_patterns(under="pemda/")
        if p[0].startswith(ADMIN_PREFIX) and not p[0].startswith(rubric_screens)
    ]
    assert len(patterns) == 15
    for name, args, defaults in patterns:
        target = reverse(name, kwargs=url_kwargs(args, defaults, values))
        client.logout()
        for method in (client.get, client.post):
            answer = method(target)
            assert answer.status_code == 302 and answer.url.startswith("/masuk/"), target
        for role, user in users.items():
            client.force_login(user)
            got, posted = client.get(target).status_code, None
            if role in ("pemda", "admin"):
                wanted = 405 if name in POST_ONLY else 302 if name.endswith("windows_home") else 200
            elif role == "reviewer":
                wanted = 403 if name in WRITE_ONLY else 302 if name.endswith("windows_home") else 200
            else:
                wanted = 404
            assert got == wanted, (target, role, got)
            if role in ("pemda", "admin"):
                if name == "pemda:admin_exception_delete":
                    continue  # it deletes: its own test below
                posted = client.post(target).status_code
                assert posted in (200, 302, 405), (target, role, posted)
            else:
                posted = client.post(target).status_code
                assert posted == (403 if role == "reviewer" else 404), (target, role, posted)
    assert EntryException.objects.filter(pk=extension.pk).exists()  # no refused POST deleted it


def test_the_dashboard_leads_to_the_administration(admin_client, pemda):
    government, _agencies = pemda
    page = admin_client.get(reverse("pemda:dashboard", args=[government.code, 2021])).content.decode()
    assert url("admin_settings", government) in page


def test_the_inspectorate_reads_the_lists_without_a_way_to_change_them(client, pemda):
    government, agencies = pemda
    client.force_login(make_user("inspektorat", "reviewer", government=government))
    page = client.get(url("admin_agencies", government)).content.decode()
    assert 'data-testid="read-only"' in page and agencies[0].name in page
    assert url("admin_agency_new", government) not in page
    settings_page = client.get(url("admin_settings", government)).content.decode()
    assert "<fieldset disabled>" in settings_page


# --- settings --------------------------------------------------------------------------------------------------
def test_the_settings_are_saved_whole_with_a_logo(pemda_of, client):
    government, _agencies = pemda_of(1)  # one agency, its 2021 a draft: nothing frozen
    client.force_login(make_user("bappeda", "pemda", government=government))
    logo = io.BytesIO(png_bytes())
    logo.name = "lambang.png"
    answer = post_settings(
        client,
        government,
        name="Kota Baru",
        head_title="Wali Kota",
        predicate_scale="target-3",
        objective_cap="120",
        plausible_capaian_max="250,5",
        ikm_weight="0.11",
        renstra_series="always",
        logo=logo,
    )
    assert answer.status_code == 302
    government.refresh_from_db()
    assert (government.name, government.predicate_scale, government.ikm_weight) == (
        "Kota Baru",
        "target-3",
        "0.11",
    )
    assert str(government.objective_cap) == "120.0000" and str(government.plausible_capaian_max) == "250.5000"
    assert government.logo.name.startswith("lambang/")


def test_bad_settings_are_refused_in_both_languages_and_nothing_is_saved(pemda_of, client):
    government, _agencies = pemda_of(1)
    client.force_login(make_user("bappeda", "pemda", government=government))
    not_image = io.BytesIO(b"%PDF-1.4 not an image")
    not_image.name = "lambang.png"
    page = post_settings(
        client, government, name="Kota Lain", objective_cap="0", plausible_capaian_max="abc", logo=not_image
    ).content.decode()
    assert "Harus lebih dari 0. / Must be more than 0." in page
    assert "The logo must be a PNG or JPEG image." in page
    stored = Government.objects.get(pk=government.pk)
    assert stored.name == government.name and not stored.logo


def test_a_frozen_year_refuses_a_scale_change_but_not_the_head_title(admin_client, pemda):
    government, _agencies = pemda  # opd-01's 2021 is submitted
    page = post_settings(admin_client, government, predicate_scale="permendagri-86-2017").content.decode()
    assert "Pengaturan perhitungan Pemda ini dipakai laporan DU01 2021 (Diajukan)" in page
    assert "computation settings are used by the DU01 2021 (Diajukan) report" in page
    assert Government.objects.get(pk=government.pk).predicate_scale == government.predicate_scale
    assert post_settings(admin_client, government, head_title="Bupati").status_code == 302
    assert Government.objects.get(pk=government.pk).head_title == "Bupati"


# --- agencies --------------------------------------------------------------------------------------------------
def test_the_agency_list_counts_units_and_users(admin_client, pemda):
    government, agencies = pemda
    make_user("perencana-00", "planner", agency=agencies[0])
    make_user("kepala-00", "head", agency=agencies[0])
    page = admin_client.get(url("admin_agencies", government)).content.decode()
    row = page[page.index(f'data-agency="{agencies[0].code}"') :].split("</tr>")[0]
    units = OrgUnit.objects.filter(agency=agencies[0]).count()
    assert f'data-testid="unit-count">{units}<' in row and 'data-testid="user-count">2<' in row


def test_an_agency_is_created_edited_and_its_code_stays(admin_client, pemda):
    government, _agencies = pemda
    answer = admin_client.post(
        url("admin_agency_new", government),
        {"code": "dinkes", "name": "Dinas Kesehatan", "short_name": "Dinkes", "head_name": "dr. A"},
    )
    assert answer.status_code == 302
    agency = Agency.objects.get(code="dinkes")
    assert agency.government == government and agency.head_name == "dr. A"
    answer = admin_client.post(
        url("admin_agency", government, agency="dinkes"),
        {"code": "lain", "name": "Dinas Kesehatan Kota", "head_name": "dr. B", "head_nip": "1970"},
    )
    assert answer.status_code == 302
    agency.refresh_from_db()
    assert (agency.code, agency.name, agency.head_nip) == ("dinkes", "Dinas Kesehatan Kota", "1970")
    assert agency.history.count() == 2  # created, then changed: the audit history


def test_a_taken_or_malformed_agency_code_is_refused(admin_client, pemda, other_agency):
    government, _agencies = pemda
    page = admin_client.post(
        url("admin_agency_new", government), {"code": other_agency.code, "name": "X"}
    ).content.decode()
    assert f"The code {other_agency.code} is already used by another agency." in page
    page = admin_client.post(url("admin_agency_new", government), {"code": "", "name": ""}).content.decode()
    assert "Wajib diisi. / Required." in page
    assert not Agency.objects.filter(name="X").exists()


def test_a_frozen_years_agency_keeps_its_printed_name(admin_client, pemda):
    government, agencies = pemda
    frozen = agencies[1]
    page = admin_client.post(
        url("admin_agency", government, agency=frozen.code), {"name": "Nama Baru"}
    ).content.decode()
    assert "name, address and head are printed in the 2021 (Diajukan) report" in page
    assert Agency.objects.get(pk=frozen.pk).name == frozen.name


def test_only_an_agency_without_data_is_deleted(admin_client, pemda):
    government, agencies = pemda
    answer = admin_client.post(url("admin_agency_delete", government, agency=agencies[0].code), follow=True)
    assert "was not deleted: it holds data" in answer.content.decode()
    assert Agency.objects.filter(pk=agencies[0].pk).exists()
    empty = Agency.objects.create(government=government, code="kosong", name="Dinas Kosong")
    OrgUnit.objects.create(agency=empty, code="sek", name="Sekretariat")
    answer = admin_client.post(url("admin_agency_delete", government, agency="kosong"))
    assert answer.status_code == 302 and not Agency.objects.filter(code="kosong").exists()


def test_another_pemdas_agency_is_out_of_reach(admin_client, pemda, other_agency):
    government, _agencies = pemda
    for name in ("admin_agency", "admin_units", "admin_agency_delete"):
        target = url(name, government, agency=other_agency.code)
        assert admin_client.post(target, {"name": "Diambil"}).status_code == 404
    assert Agency.objects.get(pk=other_agency.pk).name == other_agency.name


# --- org units -------------------------------------------------------------------------------------------------
def unit_post(units, **changes):
    """The grid as shown (every unit as stored, versions included), with `changes` on top."""
    data = {}
    for unit in units:
        prefix = f"unit-{unit.pk}"
        data |= {
            f"{prefix}-code": unit.code,
            f"{prefix}-name": unit.name,
            f"{prefix}-parent": str(unit.parent_id or ""),
            f"{prefix}-head_title": unit.head_title,
            f"{prefix}-position": str(unit.position),
        }
    return data | changes


@pytest.fixture
def fresh_agency(pemda):
    government, _agencies = pemda
    agency = Agency.objects.create(government=government, code="bapenda", name="Badan Pendapatan")
    top = OrgUnit.objects.create(agency=agency, code="kaban", name="Kepala Badan", position=0)
    OrgUnit.objects.create(agency=agency, code="sek", name="Sekretariat", parent=top, position=1)
    return agency


def test_units_are_added_renamed_moved_and_deleted_in_one_save(admin_client, pemda, fresh_agency):
    government, _agencies = pemda
    top, secretariat = OrgUnit.objects.filter(agency=fresh_agency).order_by("position")
    data = unit_post(
        [top, secretariat],
        **{
            f"unit-{secretariat.pk}-name": "Sekretariat Badan",
            "new-0-code": "bid1",
            "new-0-name": "Bidang Pajak",
            "new-0-parent": str(top.pk),
            "new-0-head_title": "Kepala Bidang",
        },
    )
    answer = admin_client.post(url("admin_units", government, agency="bapenda"), data)
    assert answer.status_code == 302
    units = {u.code: u for u in OrgUnit.objects.filter(agency=fresh_agency)}
    assert units["sek"].name == "Sekretariat Badan"
    assert units["bid1"].parent_id == top.pk and units["bid1"].head_title == "Kepala Bidang"
    assert units["bid1"].position == 2  # after the last one
    units_now = list(OrgUnit.objects.filter(agency=fresh_agency))
    data = unit_post(units_now, **{f"unit-{units['bid1'].pk}-delete": "on"})
    assert admin_client.post(url("admin_units", government, agency="bapenda"), data).status_code == 302
    assert set(OrgUnit.objects.filter(agency=fresh_agency).values_list("code", flat=True)) == {"kaban", "sek"}


def test_a_wrong_unit_grid_saves_nothing(admin_client, pemda, fresh_agency):
    government, _agencies = pemda
    top, secretariat = OrgUnit.objects.filter(agency=fresh_agency).order_by("position")
    target = url("admin_units", government, agency="bapenda")
    cases = [
        ({"new-0-code": "sek", "new-0-name": "Sekretariat Dua"}, "The code sek is listed twice."),
        ({"new-0-code": "bid9"}, "Wajib diisi. / Required."),
        ({f"unit-{top.pk}-parent": str(secretariat.pk)}, "A unit cannot sit under itself"),
        ({f"unit-{top.pk}-delete": "on"}, "Its parent is marked for deletion"),
    ]
    for changes, message in cases:
        data = unit_post([top, secretariat], **{f"unit-{secretariat.pk}-name": "Diubah"}, **changes)
        page = admin_client.post(target, data).content.decode()
        assert message in page, message
        assert "tidak ada yang disimpan" in page
        assert OrgUnit.objects.get(pk=secretariat.pk).name == "Sekretariat"
        assert OrgUnit.objects.filter(agency=fresh_agency).count() == 2


def test_a_unit_an_indicator_names_is_not_deleted(admin_client, pemda):
    government, agencies = pemda
    agency = agencies[0]
    named = OrgUnit.objects.filter(agency=agency, indicators__isnull=False).distinct().first()
    assert named is not None
    units = list(OrgUnit.objects.filter(agency=agency))
    page = admin_client.post(
        url("admin_units", government, agency=agency.code),
        unit_post(units, **{f"unit-{named.pk}-delete": "on"}),
    ).content.decode()
    assert "This unit is still in use (indikator" in page
    assert OrgUnit.objects.filter(pk=named.pk).exists()


def test_a_frozen_years_units_are_not_changed(admin_client, pemda):
    government, agencies = pemda
    frozen = agencies[1]
    units = list(OrgUnit.objects.filter(agency=frozen))
    target = url("admin_units", government, agency=frozen.code)
    assert 'data-testid="units-locked"' in admin_client.get(target).content.decode()
    page = admin_client.post(
        target, unit_post(units, **{f"unit-{units[0].pk}-name": "Baru"})
    ).content.decode()
    assert "The org units are printed in the 2021 (Diajukan) report" in page
    assert OrgUnit.objects.get(pk=units[0].pk).name == units[0].name


# --- users -----------------------------------------------------------------------------------------------------
def new_user(client, government, **fields):
    data = {"username": "budi", "first_name": "Budi", "email": "budi@example.id", "role": "planner", **fields}
    return client.post(url("admin_user_new", government), data)


def test_a_user_is_created_with_a_password_shown_once_that_logs_in(admin_client, pemda, bappeda):
    government, agencies = pemda
    answer = new_user(admin_client, government, agency=agencies[0].pk)
    assert answer.status_code == 200 and answer["Cache-Control"].startswith("no-store")
    page = answer.content.decode()
    password = page.split('data-testid="generated-password">')[1].split("<")[0]
    assert len(password) == 14
    user = User.objects.get(username="budi")
    assert (user.profile.role, user.profile.agency, user.is_superuser) == ("planner", agencies[0], False)
    assert password not in admin_client.get(url("admin_user", government, user_id=user.pk)).content.decode()
    visitor = Client()
    answer = visitor.post(reverse("login"), {"username": "budi", "password": password})
    assert answer.status_code == 302
    entry = LogEntry.objects.get(object_id=str(user.pk))
    assert entry.user == bappeda and "dibuat: Perencana" in entry.change_message


def test_a_typed_password_must_pass_djangos_validators_in_both_languages(admin_client, pemda):
    government, agencies = pemda
    page = new_user(
        admin_client, government, agency=agencies[0].pk, password1="12345678", password2="12345678"
    ).content.decode()
    assert "This password is entirely numeric." in page and " / " in page
    page = new_user(
        admin_client, government, agency=agencies[0].pk, password1="Rahasia-Kota-9", password2="lain"
    ).content.decode()
    assert "The two passwords differ." in page
    assert not User.objects.filter(username="budi").exists()
    answer = new_user(
        admin_client,
        government,
        agency=agencies[0].pk,
        password1="Rahasia-Kota-9",
        password2="Rahasia-Kota-9",
    )
    assert answer.status_code == 302 and User.objects.get(username="budi").check_password("Rahasia-Kota-9")


def test_a_pemda_admin_never_makes_an_administrator_nor_a_user_of_another_pemda(
    admin_client, pemda, other_agency
):
    government, agencies = pemda
    page = new_user(admin_client, government, role="admin").content.decode()
    assert "This role cannot be given here." in page
    page = new_user(admin_client, government, agency=other_agency.pk).content.decode()
    assert "Choose an agency of this Pemda." in page
    page = new_user(admin_client, government, role="planner").content.decode()
    assert "Planners and agency heads need their agency." in page
    assert not User.objects.filter(username="budi").exists()
    reviewer = new_user(admin_client, government, username="reviu2", role="reviewer", agency=agencies[0].pk)
    assert reviewer.status_code == 200  # shown its password
    profile = Profile.objects.get(user__username="reviu2")
    assert (profile.government, profile.agency) == (government, None)


def test_a_users_role_and_agency_change_and_the_change_is_recorded(admin_client, pemda, bappeda):
    government, agencies = pemda
    user = make_user("siti", "planner", agency=agencies[0])
    answer = admin_client.post(
        url("admin_user", government, user_id=user.pk),
        {"first_name": "Siti", "email": "", "role": "head", "agency": agencies[1].pk, "is_active": "on"},
    )
    assert answer.status_code == 302
    user.refresh_from_db()
    assert (user.profile.role, user.profile.agency) == ("head", agencies[1])
    page = admin_client.get(url("admin_user", government, user_id=user.pk)).content.decode()
    assert "peran: Perencana → Kepala perangkat daerah" in page and "bappeda" in page


def test_another_pemdas_users_and_administrators_are_out_of_reach(admin_client, pemda, other_agency):
    government, _agencies = pemda
    outsider = make_user("perencana-lain", "planner", agency=other_agency)
    superuser = User.objects.create_superuser("root", password="x")
    for target in (outsider, superuser):
        for name in ("admin_user", "admin_user_password"):
            answer = admin_client.post(
                url(name, government, user_id=target.pk), {"first_name": "X", "role": "planner"}
            )
            assert answer.status_code == 404
    page = admin_client.get(url("admin_users", government)).content.decode()
    assert "perencana-lain" not in page and "root" not in page
    assert User.objects.get(pk=outsider.pk).first_name == ""


def test_a_pemda_admin_cannot_change_their_own_role_nor_lock_themselves_out(admin_client, pemda, bappeda):
    government, agencies = pemda
    answer = admin_client.post(
        url("admin_user", government, user_id=bappeda.pk),
        {"first_name": "Admin Bappeda", "role": "planner", "agency": agencies[0].pk},  # is_active left out
    )
    assert answer.status_code == 302
    bappeda.refresh_from_db()
    assert (bappeda.first_name, bappeda.profile.role, bappeda.is_active) == ("Admin Bappeda", "pemda", True)


def test_a_deactivated_user_cannot_log_in_and_is_reactivated(admin_client, pemda):
    government, agencies = pemda
    user = make_user("andi", "planner", agency=agencies[0])
    signed_in = Client()
    signed_in.force_login(user)
    home = reverse("agencies:overview", args=[agencies[0].code])
    assert signed_in.get(home).status_code == 200
    edit = url("admin_user", government, user_id=user.pk)
    fields = {"first_name": "Andi", "role": "planner", "agency": agencies[0].pk}
    assert admin_client.post(edit, fields).status_code == 302  # "is_active" unticked
    assert not User.objects.get(pk=user.pk).is_active
    assert User.objects.filter(pk=user.pk).exists()  # kept, with its history
    assert signed_in.get(home).status_code == 302  # the open session ends
    visitor = Client()
    assert visitor.post(reverse("login"), {"username": "andi", "password": "x"}).status_code == 200
    assert "_auth_user_id" not in visitor.session
    assert 'data-testid="inactive"' in admin_client.get(url("admin_users", government)).content.decode()
    assert admin_client.post(edit, fields | {"is_active": "on"}).status_code == 302
    assert visitor.post(reverse("login"), {"username": "andi", "password": "x"}).status_code == 302


def test_a_password_is_reset_to_a_typed_or_a_generated_one(admin_client, pemda):
    government, agencies = pemda
    user = make_user("andi", "planner", agency=agencies[0])
    target = url("admin_user_password", government, user_id=user.pk)
    page = admin_client.post(target, {"password1": "andi", "password2": "andi"}).content.decode()
    assert "too similar" in page and User.objects.get(pk=user.pk).check_password("x")
    page = admin_client.post(target, {}).content.decode()
    password = page.split('data-testid="generated-password">')[1].split("<")[0]
    assert User.objects.get(pk=user.pk).check_password(password)
    assert "kata sandi diatur ulang" in LogEntry.objects.filter(object_id=str(user.pk)).first().change_message


# --- entry windows ---------------------------------------------------------------------------------------------
def test_the_four_deadlines_are_saved_whole(admin_client, pemda):
    government, _agencies = pemda
    target = url("admin_windows", government, year=2021)
    answer = admin_client.post(
        target,
        {
            "tw1-deadline": "15 April 2021",
            "tw2-deadline": "15/07/2021",
            "tw3-deadline": "",
            "tw4-deadline": "",
        },
    )
    assert answer.status_code == 302
    stored = dict(
        EntryWindow.objects.filter(government=government, year=2021).values_list("quarter", "deadline")
    )
    assert stored == {1: datetime.date(2021, 4, 15), 2: datetime.date(2021, 7, 15)}
    page = admin_client.post(
        target, {"tw1-deadline": "", "tw2-deadline": "15 Juli 2021", "tw3-deadline": "1 Juni 2021"}
    ).content.decode()
    assert "The TW III deadline cannot precede the start of the quarter (1 Juli 2021)." in page
    # Nothing of that save was kept: TW I was not cleared either.
    assert EntryWindow.objects.filter(government=government, year=2021).count() == 2


def test_an_extension_is_granted_to_an_agency_and_removed(admin_client, pemda, bappeda, other_agency):
    government, agencies = pemda
    EntryWindow.objects.create(
        government=government, year=2021, quarter=2, deadline=datetime.date(2021, 7, 15)
    )
    add = url("admin_exception_add", government, year=2021)
    fields = {"agency": agencies[0].pk, "quarter": 2, "until": "31 Juli 2021", "reason": "Server down"}
    page = admin_client.post(add, fields | {"until": "10 Juli 2021"}).content.decode()
    assert "The extension must end after the TW II deadline, 15 Juli 2021." in page
    page = admin_client.post(add, fields | {"quarter": 3}).content.decode()
    assert "TW III 2021 has no deadline: there is nothing to extend." in page
    page = admin_client.post(add, fields | {"agency": other_agency.pk}).content.decode()
    assert "Choose an agency of this Pemda." in page
    assert not EntryException.objects.exists()
    assert admin_client.post(add, fields).status_code == 302
    extension = EntryException.objects.get()
    assert (extension.agency, extension.until, extension.granted_by) == (
        agencies[0],
        datetime.date(2021, 7, 31),
        bappeda,
    )
    page = admin_client.get(url("admin_windows", government, year=2021)).content.decode()
    assert "Server down" in page
    remove = url("admin_exception_delete", government, year=2021, pk=extension.pk)
    assert admin_client.post(remove).status_code == 302
    assert not EntryException.objects.exists()


def test_another_pemdas_extension_cannot_be_removed(admin_client, pemda, other_agency):
    government, _agencies = pemda
    foreign = EntryException.objects.create(
        agency=other_agency, year=2021, quarter=1, until=datetime.date(2021, 5, 1), reason="x"
    )
    assert (
        admin_client.post(url("admin_exception_delete", government, year=2021, pk=foreign.pk)).status_code
        == 404
    )
    assert EntryException.objects.filter(pk=foreign.pk).exists()


def test_the_administration_speaks_english_on_request(admin_client, pemda):
    government, _agencies = pemda
    admin_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = admin_client.get(url("admin_users", government)).content.decode()
    assert f"Manage {government.name}" in page and "Entry deadlines" in page and "Add a user" in page
    page = new_user(admin_client, government, role="planner").content.decode()
    assert "Planners and agency heads need their agency." in page and "harus memilih" not in page


def test_two_units_swapping_codes_is_refused_without_an_error_page(admin_client, pemda, fresh_agency):
    government, _agencies = pemda
    top, secretariat = OrgUnit.objects.filter(agency=fresh_agency).order_by("position")
    data = unit_post(
        [top, secretariat], **{f"unit-{top.pk}-code": "sek", f"unit-{secretariat.pk}-code": "kaban"}
    )
    page = admin_client.post(url("admin_units", government, agency="bapenda"), data).content.decode()
    assert "Unit codes were swapped in one save" in page
    assert OrgUnit.objects.get(pk=top.pk).code == "kaban"
