"""The management commands: one-line summaries, every problem with its JSON path, exit status 1."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from agencies.models import Agency
from indicators.models import Indicator
from tests.helpers import indicators_of

PROJECT_ROOT = Path(__file__).resolve().parents[2]
AGENCY = "tangsel-dinkopukm"


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def broken(dataset):
    """Two problems in two places."""
    dataset["goals"][0]["objectives"][0]["indicators"][0]["targets"]["pk"]["2021"] = "1.715,5"
    dataset["programs"][0]["activities"][0]["sub_activities"][0]["budget"][0]["spent"] = "Rp 1.000"
    return dataset


BROKEN_PATHS = (
    "$.goals[0].objectives[0].indicators[0].targets.pk.2021",
    "$.programs[0].activities[0].sub_activities[0].budget[0].spent",
)


@pytest.mark.django_db
def test_import_dataset_prints_a_one_line_summary(tmp_path, demo_dataset):
    file = write_json(tmp_path / "demo.json", demo_dataset)

    out, err = run("import_dataset", str(file))

    lines = out.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(AGENCY)
    assert f"{len(list(indicators_of(demo_dataset)))} indikator" in lines[0]
    assert err == ""
    assert Agency.objects.filter(code=AGENCY).exists()


@pytest.mark.django_db
def test_import_dataset_lists_every_problem_and_saves_nothing(tmp_path, demo_dataset):
    file = write_json(tmp_path / "broken.json", broken(demo_dataset))
    err = StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("import_dataset", str(file), stdout=StringIO(), stderr=err)

    written = err.getvalue().splitlines()
    for path in BROKEN_PATHS:
        assert any(line.startswith(f"{path}: ") for line in written), (path, written)
    assert str(raised.value).startswith(f"{len(BROKEN_PATHS)} ")
    assert not Agency.objects.exists()
    assert not Indicator.objects.exists()


@pytest.mark.django_db
def test_import_dataset_refuses_a_truncated_file(tmp_path, demo_dataset):
    text = json.dumps(demo_dataset)
    file = tmp_path / "truncated.json"
    file.write_text(text[: len(text) // 2], encoding="utf-8")
    err = StringIO()

    with pytest.raises(CommandError):
        call_command("import_dataset", str(file), stdout=StringIO(), stderr=err)

    assert err.getvalue().startswith("$: ")
    assert not Agency.objects.exists()


@pytest.mark.django_db
def test_import_dataset_twice_needs_replace(tmp_path, demo_dataset):
    file = write_json(tmp_path / "demo.json", demo_dataset)
    run("import_dataset", str(file))

    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_dataset", str(file), stdout=StringIO(), stderr=err)
    assert "$.agency.code" in err.getvalue()
    assert "--replace" in err.getvalue()

    out, _ = run("import_dataset", str(file), "--replace")
    assert len(out.strip().splitlines()) == 1
    assert Agency.objects.count() == 1
    assert Indicator.objects.count() == len(list(indicators_of(demo_dataset)))


def test_export_dataset_writes_the_file(tmp_path, demo_agency, demo_dataset):
    output = tmp_path / "export.json"

    out, _ = run("export_dataset", "--agency", AGENCY, "--output", str(output))

    assert len(out.strip().splitlines()) == 1
    data = json.loads(output.read_text(encoding="utf-8"))
    assert data["format"] == "sakip-dataset/2"
    assert data["agency"]["code"] == AGENCY
    assert {i["code"] for i in indicators_of(data)} == {i["code"] for i in indicators_of(demo_dataset)}


@pytest.mark.django_db
def test_export_dataset_unknown_agency(tmp_path):
    output = tmp_path / "export.json"
    with pytest.raises(CommandError, match="tidak-ada"):
        run("export_dataset", "--agency", "tidak-ada", "--output", str(output))
    assert not output.exists()


def test_render_report_writes_report_json(tmp_path, demo_agency, demo_dataset):
    output = tmp_path / "report.json"

    out, _ = run(
        "render_report", "--agency", AGENCY, "--year", "2021", "--format", "json", "--output", str(output)
    )

    assert len(out.strip().splitlines()) == 1
    report = json.loads(output.read_text(encoding="utf-8"))
    assert report["format"] == "sakip-report/1"
    assert report["agency"] == AGENCY
    assert report["year"] == 2021
    assert {i["code"] for i in report["indicators"]} == {i["code"] for i in indicators_of(demo_dataset)}


@pytest.mark.django_db
def test_render_report_unknown_agency(tmp_path):
    output = tmp_path / "report.json"
    with pytest.raises(CommandError, match="tidak-ada"):
        run(
            "render_report",
            "--agency",
            "tidak-ada",
            "--year",
            "2021",
            "--format",
            "json",
            "--output",
            str(output),
        )
    assert not output.exists()


def test_render_report_year_without_renstra(tmp_path, demo_agency):
    output = tmp_path / "report.json"
    with pytest.raises(CommandError):
        run(
            "render_report", "--agency", AGENCY, "--year", "2030", "--format", "json", "--output", str(output)
        )
    assert not output.exists()


def test_import_dataset_exits_with_status_1(tmp_path, demo_dataset):
    """As a real process: the shell sees exit status 1 and the problems on stderr."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "tests.settings_without_migrations",
    }
    bad_file = write_json(tmp_path / "broken.json", broken(demo_dataset))

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    migrated = manage("migrate", "--run-syncdb", "--noinput", "-v", "0")
    assert migrated.returncode == 0, migrated.stderr

    result = manage("import_dataset", str(bad_file))

    assert result.returncode == 1
    for path in BROKEN_PATHS:
        assert path in result.stderr
    assert result.stdout == ""
