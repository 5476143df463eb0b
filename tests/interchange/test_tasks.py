"""Imports run by a task worker (interchange/tasks.py): a confirmed workbook is queued as an import run, applied
by its task, and followed on the run's page; the task checks again, when it runs, who asked, the year's review
state and that the file still gives the previewed changes, and writes all of it or nothing.

Most tests queue with the dummy backend (queued, never run) and then run the task as a worker would, outside any
request (`.call`); the immediate backend of the tests runs it inside the confirming request.
"""

import json
from datetime import timedelta
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency
from indicators.models import Target
from interchange import tasks
from interchange.models import AppliedImport, ImportRun
from interchange.workbook.applying import workbook_apply
from interchange.workbook.reading import workbook_changes
from review.workflow import State
from sakip.tasks_api import DUMMY_BACKEND
from tests.conftest import make_user
from tests.interchange.workbook.test_applying import (
    _bytes,
    _column,
    _database,
    _pk_target,
    _row,
    _template,
    _upload,
)
from tests.review.helpers import set_state

YEAR = 2021
QUEUED = "Impor menunggu giliran; belum ada yang disimpan."


@pytest.fixture
def queue_only(settings):
    """Tasks are queued and left there, as with a worker that has not reached them yet."""
    settings.TASKS = {"default": {"BACKEND": DUMMY_BACKEND}}


def _changed_target(agency, value=77):
    """A workbook changing one PK target of the year to `value`, and that target."""
    target = _pk_target(agency)
    workbook = _template(agency)
    ws = workbook["Target"]
    ws[f"{_column(ws, 'PK')}{_row(ws, target.indicator.code)}"] = value
    return _bytes(workbook), target


def _preview(client, agency, data):
    response = _upload(client, agency, data)
    assert response.status_code == 200 and len(response.context["changes"]) == 1
    return response.context["token"]


def _confirm(client, agency, token):
    return client.post(reverse("interchange:confirm", args=[agency.code, YEAR]), {"token": token})


def _queued_run(client, agency, value=77):
    data, target = _changed_target(agency, value)
    response = _confirm(client, agency, _preview(client, agency, data))
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("interchange:run", args=[agency.code, YEAR, run.pk])
    return run, target


def _page(client, run) -> str:
    response = client.get(response_url(run))
    assert response.status_code == 200
    return response.content.decode()


def response_url(run):
    return reverse("interchange:run", args=[run.agency.code, run.year, run.pk])


def test_a_confirmed_import_waits_for_its_worker_then_shows_what_was_saved(
    planner_client, planner, demo_agency, queue_only, settings
):
    run, target = _queued_run(planner_client, demo_agency)
    before = _database(demo_agency)

    page = _page(planner_client, run)
    assert QUEUED in page
    status_url = reverse("interchange:run_status", args=[demo_agency.code, YEAR, run.pk])
    assert f'hx-get="{status_url}"' in page  # the page follows the run
    assert '<meta http-equiv="refresh"' in page  # without JavaScript too
    assert _database(demo_agency) == before, "nothing is written before the worker runs the task"
    assert not list((Path(settings.MEDIA_ROOT) / "imports").glob("*.xlsx")), (
        "a worker needs only the database"
    )

    assert tasks.apply_workbook.call(run.pk) == "done"  # as a worker: outside any request

    target.refresh_from_db()
    assert target.value == Decimal("77")
    latest = Target.history.filter(id=target.pk).first()
    assert (latest.history_user, latest.history_change_reason) == (planner, "excel"), "who asked, via Excel"
    fragment = planner_client.get(status_url).content.decode()
    assert "1 nilai dari berkas disimpan." in fragment and "hx-get" not in fragment  # done: polling stops
    page = _page(planner_client, run)
    assert "1 nilai dari berkas disimpan." in page and "Target: 1" in page
    assert '<meta http-equiv="refresh"' not in page
    run.refresh_from_db()
    assert (run.status, run.user, run.summary) == (
        "done",
        planner,
        {"values": 1, "target": 1, "realisation": 0, "budget": 0},
    )
    assert run.started_at and run.finished_at and bytes(run.source) == b""
    assert AppliedImport.objects.get(name=run.name).values == 1


def test_the_task_writes_what_the_synchronous_import_wrote(planner_client, demo_agency, queue_only):
    """The same workbook, applied by the worker, leaves the database as the in-request import left it."""
    workbook = _template(demo_agency)
    ws = workbook["Realisasi"]
    code = ws["A2"].value
    ws[f"{_column(ws, 'TW II')}{_row(ws, code)}"] = "1.715,5"
    ws = workbook["Anggaran"]
    row = next(c.row for c in ws["A"][1:] if c.value)
    ws[f"{_column(ws, 'Pagu perubahan')}{row}"] = "Rp 1.000.000,-"
    data = _bytes(workbook)

    token = _preview_many(planner_client, demo_agency, data)
    before = _database(demo_agency)
    with transaction.atomic():  # the synchronous path of before, undone
        workbook_apply(demo_agency, YEAR, workbook_changes(demo_agency, YEAR, data)[0])
        synchronous = _database(demo_agency)
        transaction.set_rollback(True)
    assert _database(demo_agency) == before != synchronous

    _confirm(planner_client, demo_agency, token)
    tasks.apply_workbook.call(ImportRun.objects.get().pk)

    assert _database(demo_agency) == synchronous
    assert "2 nilai dari berkas disimpan." in _page(planner_client, ImportRun.objects.get())


def _preview_many(client, agency, data):
    response = _upload(client, agency, data)
    assert response.status_code == 200 and response.context["changes"]
    return response.context["token"]


def test_a_preview_made_stale_meanwhile_writes_nothing(planner_client, demo_agency, queue_only):
    run, target = _queued_run(planner_client, demo_agency)
    Target.objects.filter(pk=target.pk).update(value=Decimal("66"))  # someone saved it after the preview
    before = _database(demo_agency)

    assert tasks.apply_workbook.call(run.pk) == "failed"

    assert _database(demo_agency) == before
    page = _page(planner_client, run)
    assert "Data telah diubah sejak pratinjau dibuat" in page
    assert "The data changed after the preview was made; nothing was saved." in page
    assert not AppliedImport.objects.exists()


def test_a_planner_who_lost_write_access_meanwhile_gets_nothing_written(
    planner_client, planner, demo_agency, other_agency, queue_only
):
    run, _target = _queued_run(planner_client, demo_agency)
    planner.profile.agency = other_agency  # moved to another agency before the worker came to the run
    planner.profile.save()
    before = _database(demo_agency)

    assert tasks.apply_workbook.call(run.pk) == "failed"

    assert _database(demo_agency) == before
    run.refresh_from_db()
    assert run.error.startswith("Anda tidak lagi berhak mengubah data perangkat daerah ini")
    assert "You may no longer change this agency's data" in run.error


def test_a_planner_made_head_meanwhile_gets_nothing_written(planner_client, planner, demo_agency, queue_only):
    run, _target = _queued_run(planner_client, demo_agency)
    planner.profile.role = "head"  # may still read the agency, no longer write it
    planner.profile.save()
    before = _database(demo_agency)

    tasks.apply_workbook.call(run.pk)

    assert _database(demo_agency) == before
    assert "tidak lagi berhak" in _page(planner_client, run)


def test_a_year_submitted_meanwhile_gets_nothing_written(planner_client, demo_agency, queue_only):
    run, _target = _queued_run(planner_client, demo_agency)
    set_state(demo_agency, State.SUBMITTED)
    before = _database(demo_agency)

    tasks.apply_workbook.call(run.pk)

    assert _database(demo_agency) == before
    run.refresh_from_db()
    assert run.status == "failed"
    assert f"Laporan tahun {YEAR} sedang direviu Inspektorat" in _page(planner_client, run)


def test_a_double_confirmation_queues_one_run_and_applies_it_once(planner_client, demo_agency, queue_only):
    data, target = _changed_target(demo_agency)
    token = _preview(planner_client, demo_agency, data)
    first = _confirm(planner_client, demo_agency, token)
    second = _confirm(planner_client, demo_agency, token)  # a double click, before the worker got to it

    run = ImportRun.objects.get()
    assert first.url == second.url == response_url(run)
    assert "Impor ini sudah dikonfirmasi" in planner_client.get(second.url).content.decode()

    assert tasks.apply_workbook.call(run.pk) == "done"
    assert tasks.apply_workbook.call(run.pk) == "skipped"  # the same run queued twice: applied once
    third = _confirm(planner_client, demo_agency, token)
    assert third.url == reverse("interchange:upload", args=[demo_agency.code, YEAR])
    assert "Impor ini sudah diterapkan (1 nilai disimpan)" in planner_client.get(third.url).content.decode()
    assert ImportRun.objects.count() == 1 and AppliedImport.objects.count() == 1
    assert Target.history.filter(id=target.pk, history_type="~").count() == 1


def test_with_the_immediate_backend_the_confirmation_lands_on_the_result(planner_client, demo_agency):
    data, target = _changed_target(demo_agency, 88)
    page = planner_client.post(
        reverse("interchange:confirm", args=[demo_agency.code, YEAR]),
        {"token": _preview(planner_client, demo_agency, data)},
        follow=True,
    )
    assert "1 nilai dari berkas disimpan." in page.content.decode()
    target.refresh_from_db()
    assert target.value == Decimal("88")


def test_the_run_page_is_shown_to_whoever_may_see_the_agency_only(
    client, planner_client, planner, demo_agency, other_agency, queue_only
):
    run, _target = _queued_run(planner_client, demo_agency)
    names = ("interchange:run", "interchange:run_status")
    own = [reverse(name, args=[demo_agency.code, YEAR, run.pk]) for name in names]
    assert all(planner_client.get(url).status_code == 200 for url in own)
    # Another year's address of the same run is not the run.
    assert all(
        planner_client.get(reverse(n, args=[demo_agency.code, YEAR - 1, run.pk])).status_code == 404
        for n in names
    )

    client.logout()
    assert all(client.get(url).url.startswith("/masuk/") for url in own)  # anonymous: the login page
    client.force_login(make_user("reviu-uji", "reviewer", government=demo_agency.government))
    assert all(client.get(url).status_code == 200 for url in own)  # a reviewer of the Pemda reads it
    client.force_login(make_user("lain", "planner", agency=other_agency))
    assert all(client.get(url).status_code == 404 for url in own)
    # Nor by swapping in one's own agency code.
    assert all(
        client.get(reverse(n, args=[other_agency.code, YEAR, run.pk])).status_code == 404 for n in names
    )
    client.force_login(planner)
    assert client.post(own[0]).status_code == 405  # a page to read, not to post to


# --- manage.py import_dataset -------------------------------------------------------------------------------------
def _dataset_file(tmp_path, dataset):
    path = tmp_path / "data.json"
    path.write_text(json.dumps(dataset), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_import_dataset_runs_here_and_queues_the_run_for_a_worker_on_request(
    tmp_path, demo_dataset, queue_only
):
    path = _dataset_file(tmp_path, demo_dataset)
    out = StringIO()
    call_command("import_dataset", str(path), "--queue", stdout=out)
    run = ImportRun.objects.get()
    assert f"Impor #{run.pk} diantrekan" in out.getvalue()
    assert run.status == "queued" and not Agency.objects.exists()

    assert tasks.import_dataset.call(run.pk) == "done"
    run.refresh_from_db()
    assert Agency.objects.filter(code=demo_dataset["agency"]["code"]).exists()
    assert run.agency.code == demo_dataset["agency"]["code"] and run.summary["counts"]["indikator"] > 0

    out = StringIO()
    call_command(
        "import_dataset", str(path), "--replace", stdout=out
    )  # in this process, whatever the backend
    assert out.getvalue().startswith(f"{demo_dataset['agency']['code']}: diganti / replaced")
    assert ImportRun.objects.filter(status="done").count() == 2


@pytest.mark.django_db
def test_an_import_dataset_run_keeps_every_problem(tmp_path, demo_dataset):
    demo_dataset["goals"][0]["objectives"][0]["indicators"][0]["targets"]["pk"]["2021"] = "1.715,5"
    with pytest.raises(CommandError, match="1 masalah"):
        call_command("import_dataset", str(_dataset_file(tmp_path, demo_dataset)), stderr=StringIO())
    run = ImportRun.objects.get()
    assert run.status == "failed" and "nothing was saved" in run.error
    assert [p["where"] for p in run.problems] == ["$.goals[0].objectives[0].indicators[0].targets.pk.2021"]
    assert not Agency.objects.exists()


def test_the_admin_shows_the_runs_read_only(client, planner_client, demo_agency, queue_only):
    run, target = _queued_run(planner_client, demo_agency)
    Target.objects.filter(pk=target.pk).update(value=Decimal("66"))
    tasks.apply_workbook.call(run.pk)
    client.force_login(get_user_model().objects.create_superuser("root", password="x"))
    change = reverse("admin:interchange_importrun_change", args=[run.pk])
    page = client.get(change).content.decode()
    assert "Data telah diubah sejak pratinjau dibuat" in page
    assert 'name="error"' not in page  # shown, not editable
    assert client.get(reverse("admin:interchange_importrun_add")).status_code == 403
    client.post(change, {"error": "diubah", "status": "done"})
    run.refresh_from_db()
    assert run.status == "failed" and run.error.startswith("Data telah diubah")


def test_a_run_whose_worker_was_killed_says_so_instead_of_waiting_for_ever(
    planner_client, demo_agency, queue_only, settings
):
    run, target = _queued_run(planner_client, demo_agency)
    before = target.value
    started = timezone.now() - timedelta(seconds=settings.IMPORT_STALE_SECONDS - 60)
    ImportRun.objects.filter(pk=run.pk).update(status="running", started_at=started)
    assert "Impor sedang berjalan" in _page(planner_client, run)  # still within the bound: it waits
    ImportRun.objects.filter(pk=run.pk).update(started_at=started - timedelta(seconds=120))
    page = _page(planner_client, run)
    assert "Pekerja latar berhenti sebelum impor selesai" in page and "nothing was saved" in page
    assert '<meta http-equiv="refresh"' not in page
    run.refresh_from_db()
    target.refresh_from_db()
    assert run.status == "failed" and target.value == before
