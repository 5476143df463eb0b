"""The Semarang Renstra 2016–2021 (Perubahan II): a real agency's plan of 9 programs and 74 kegiatan over six
years, with indicative funding per year on every kegiatan. Browser fixtures come from tests/browser."""

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest

from tests.browser.conftest import browser_context_args, browser_type_launch_args, screenshot  # noqa: F401
from tests.conftest import make_user

SEMARANG_PATH = (
    Path(__file__).resolve().parent.parent.parent
    / "interchange"
    / "fixtures"
    / "semarang-renstra-2016-2021.json"
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
