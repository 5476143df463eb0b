"""The Pemda's evaluation rubrics (/pemda/<code>/kelola/rubrik/): who may open, load and download them, a variant
loaded from a file (and then used for new evaluations), a broken file refused with every problem by its path."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Agency, Government
from evaluation.models import RubricVersion
from evaluation.rubric import default_rubric_text
from evaluation.services import current_rubric, default_rubric, evaluation_for, load_rubric
from tests.conftest import make_user
from tests.evaluation.helpers import tiny_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def government():
    return Government.objects.create(code="kota-uji", name="Kota Uji")


@pytest.fixture
def other_government():
    return Government.objects.create(code="kota-lain", name="Kota Lain")


def rubrics_url(government):
    return reverse("pemda:admin_rubrics", kwargs={"code": government.code})


def json_url(government, record):
    return reverse("pemda:admin_rubric_json", kwargs={"code": government.code, "pk": record.pk})


def upload(client, government, text, name="rubrik.json"):
    content = text if isinstance(text, bytes) else text.encode("utf-8")
    return client.post(rubrics_url(government), {"file": SimpleUploadedFile(name, content)})


def test_every_role_gets_what_the_access_layer_says(client, government, other_government):
    agency = Agency.objects.create(government=government, code="dinas-uji", name="Dinas Uji")
    users = {
        "reviewer": make_user("inspektorat", "reviewer", government=government),
        "pemda": make_user("bappeda", "pemda", government=government),
        "admin": make_user("admin-uji", "admin"),
        "planner": make_user("perencana", "planner", agency=agency),
        "head": make_user("kepala", "head", agency=agency),
        "other-reviewer": make_user("reviu-lain", "reviewer", government=other_government),
        "other-pemda": make_user("bappeda-lain", "pemda", government=other_government),
    }
    record = default_rubric()
    urls = [rubrics_url(government), json_url(government, record)]
    for url in urls:
        client.logout()
        for method in (client.get, client.post):
            answer = method(url)
            assert answer.status_code == 302 and answer.url.startswith("/masuk/"), url
    for role, user in users.items():
        client.force_login(user)
        sees = role in ("reviewer", "pemda", "admin")
        assert client.get(urls[0]).status_code == (200 if sees else 404), role
        assert client.get(urls[1]).status_code == (200 if sees else 404), role
        # An empty upload is shown again with the form's error (nothing stored); a JSON download is never posted.
        assert client.post(urls[0]).status_code == (200 if sees else 404), role
        assert client.post(urls[1]).status_code == (405 if sees else 404), role
    assert RubricVersion.objects.count() == 1


def test_the_list_shows_the_default_and_the_pemdas_variants_and_which_is_used(
    client, government, other_government
):
    load_rubric(other_government, json.dumps({**tiny_data(), "code": "milik-lain"}))
    client.force_login(make_user("bappeda", "pemda", government=government))
    page = client.get(rubrics_url(government)).content.decode()
    assert 'data-rubric="lke-88-2021-1" class="table-primary"' in page
    assert ">80<" in page and "bawaan" in page
    assert "milik-lain" not in page  # another Pemda's variant
    assert 'data-testid="rubric-form"' in page and 'data-testid="read-only"' not in page


def test_the_inspectorate_loads_a_variant_that_new_evaluations_then_use(client, government):
    agency = Agency.objects.create(government=government, code="dinas-uji", name="Dinas Uji")
    before = evaluation_for(agency, 2023)
    inspector = make_user("inspektorat", "reviewer", government=government)
    client.force_login(inspector)
    answer = upload(client, government, json.dumps(tiny_data()))
    assert answer.status_code == 302 and answer.url == rubrics_url(government)
    record = RubricVersion.objects.get(government=government)
    assert (record.code, record.version, record.loaded_by) == ("mini", 1, inspector)
    assert current_rubric(government) == record
    assert evaluation_for(agency, 2024).rubric == record
    assert evaluation_for(agency, 2023).rubric == before.rubric  # a started evaluation keeps its rubric
    page = client.get(answer.url).content.decode()
    assert "Rubrik mini versi 1 dimuat" in page
    assert 'data-rubric="mini-1" class="table-primary"' in page and ">4<" in page
    assert 'data-rubric="lke-88-2021-1" class="table-primary"' not in page


def test_a_broken_rubric_lists_every_problem_by_path_and_stores_nothing(client, government):
    client.force_login(make_user("bappeda", "pemda", government=government))
    data = tiny_data()
    del data["title"]
    data["components"][0]["sub_components"][0]["criteria"][2]["code"] = "1.a.1"
    data["components"][1]["weight"] = "60"
    page = upload(client, government, json.dumps(data)).content.decode()
    assert 'data-testid="rubric-problems"' in page
    for problem in (
        "$.title: wajib diisi / required",
        "$.components[0].sub_components[0].criteria[2].code: kode ganda / duplicate code &#x27;1.a.1&#x27;",
        "$.components: jumlah bobot 90 ≠ 100",
    ):
        assert problem in page, problem
    assert not RubricVersion.objects.filter(government=government).exists()


def test_a_file_not_json_too_large_not_utf8_or_already_loaded_is_refused(client, government, monkeypatch):
    client.force_login(make_user("bappeda", "pemda", government=government))
    assert "JSON tidak valid / invalid JSON" in upload(client, government, "{ rubrik").content.decode()
    assert "not UTF-8" in upload(client, government, b"\xff\xfe{}").content.decode()
    monkeypatch.setattr("workspace.views.pemda_rubrics.MAX_RUBRIC_BYTES", 1024)
    assert "larger than 1 KB" in upload(client, government, json.dumps(tiny_data())).content.decode()
    monkeypatch.undo()
    assert not RubricVersion.objects.filter(government=government).exists()
    assert upload(client, government, json.dumps(tiny_data())).status_code == 302
    page = upload(client, government, json.dumps({**tiny_data(), "title": "Lain"})).content.decode()
    assert "sudah dimuat" in page
    assert RubricVersion.objects.filter(government=government).count() == 1


def test_a_rubric_downloads_verbatim_and_only_the_default_or_the_pemdas_own(
    client, government, other_government
):
    client.force_login(make_user("admin-uji", "admin"))
    record = default_rubric()
    answer = client.get(json_url(government, record))
    assert answer.content == default_rubric_text().encode("utf-8")
    assert answer["Content-Type"] == "application/json; charset=utf-8"
    assert answer["Content-Disposition"] == 'attachment; filename="lke-88-2021-v1.json"'
    text = json.dumps(tiny_data(), indent=1)
    own = load_rubric(government, text)
    assert client.get(json_url(government, own)).content == text.encode("utf-8")
    # Another Pemda's variant is not reachable under this Pemda's address, even for an admin.
    assert client.get(json_url(other_government, own)).status_code == 404
    assert (
        client.get(
            reverse("pemda:admin_rubric_json", kwargs={"code": government.code, "pk": 9999})
        ).status_code
        == 404
    )


def test_the_administration_has_a_rubric_tab(client, government):
    client.force_login(make_user("inspektorat", "reviewer", government=government))
    page = client.get(reverse("pemda:admin_settings", kwargs={"code": government.code})).content.decode()
    assert rubrics_url(government) in page


def test_the_list_takes_a_constant_number_of_queries(client, government):
    client.force_login(make_user("bappeda", "pemda", government=government))
    client.get(rubrics_url(government))  # the shipped rubric stored on first use
    load_rubric(government, json.dumps(tiny_data()))
    with CaptureQueriesContext(connection) as one:
        assert client.get(rubrics_url(government)).status_code == 200
    for version in range(2, 7):
        load_rubric(government, json.dumps({**tiny_data(), "version": version}))
    with CaptureQueriesContext(connection) as six:
        assert client.get(rubrics_url(government)).content.decode().count("data-rubric=") == 7
    assert len(six) == len(one) <= 12


def test_the_screen_speaks_english_when_chosen(client, government):
    client.force_login(make_user("bappeda", "pemda", government=government))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(rubrics_url(government)).content.decode()
    assert "Evaluation rubrics" in page and "Load a rubric variant" in page and ">in use<" in page
    assert "Muat varian rubrik" not in page
