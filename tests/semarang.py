"""The Semarang Renstra 2016–2021 (Perubahan II): a real agency's plan of 9 programs and 74 kegiatan over six
years, with indicative funding per year on every kegiatan. Its fixtures are imported by the conftest of each test
folder that uses them (reports/renstra, golden, workspace/views, browser)."""

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import make_user

SEMARANG_PATH = (
    Path(__file__).resolve().parents[1] / "interchange" / "fixtures" / "semarang-renstra-2016-2021.json"
)


@pytest.fixture(scope="session")
def semarang_pristine():
    return json.loads(SEMARANG_PATH.read_text(encoding="utf-8"))


@pytest.fixture
def semarang_dataset(semarang_pristine):
    return copy.deepcopy(semarang_pristine)


@pytest.fixture
def semarang(db, semarang_dataset):
    from interchange.dataset.writing import dataset_import

    return dataset_import(semarang_dataset).agency


@pytest.fixture
def semarang_planner_client(client, semarang):
    client.force_login(make_user("perencana-smg", "planner", agency=semarang))
    return client


def plan_years(data) -> list[int]:
    return list(range(data["plan"]["start_year"], data["plan"]["end_year"] + 1))


def dataset_funding(activity: dict) -> dict[int, Decimal]:
    """The indicative funding per year the dataset gives a kegiatan (its `ceiling_plan` lines)."""
    return {
        line["year"]: Decimal(line["ceiling_plan"])
        for line in activity.get("budget", [])
        if line.get("ceiling_plan") is not None
    }


def dataset_targets(indicator: dict) -> dict[int, Decimal]:
    return {int(y): Decimal(v) for y, v in (indicator.get("targets", {}).get("renstra") or {}).items()}
