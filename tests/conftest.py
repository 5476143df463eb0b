import copy
import json
from pathlib import Path

import pytest

DEMO_PATH = Path(__file__).resolve().parent.parent / "interchange" / "fixtures" / "tangsel-2021.json"


@pytest.fixture(scope="session")
def demo_dataset_pristine():
    return json.loads(DEMO_PATH.read_text(encoding="utf-8"))


@pytest.fixture
def demo_dataset(demo_dataset_pristine):
    """A fresh, mutable copy of the bundled demo dataset (Dinas Koperasi UKM Kota Tangerang Selatan, 2021)."""
    return copy.deepcopy(demo_dataset_pristine)


@pytest.fixture
def demo_agency(db, demo_dataset):
    from interchange.importer import dataset_import

    return dataset_import(demo_dataset).agency
