import copy
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.import_snapshots import imported_agency

# Property tests check rules, not speed: on a machine busy with a second test run (CI runs PostgreSQL and SQLite
# at once on 2 cores) Hypothesis's timing checks fail tests whose properties hold.
settings.register_profile("sakip", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("sakip")

DEMO_PATH = Path(__file__).resolve().parent.parent / "interchange" / "fixtures" / "tangsel-2021.json"
IMPORTED_BY = os.getpid()

PEMDA_STATES = ("draft", "submitted", "approved", "returned")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """A test session forked from the process that read the settings gets a test database of its own.

    scripts/mutation.py: mutmut forks its workers after the settings named the test database, so without this
    two workers share (and delete) one database and a mutant is "killed" by the other worker's tests.
    """
    if os.getpid() != IMPORTED_BY:
        from pytest_django.fixtures import _set_suffix_to_test_databases

        _set_suffix_to_test_databases(suffix=str(os.getpid()))


@pytest.fixture(scope="session")
def demo_dataset_pristine():
    return json.loads(DEMO_PATH.read_text(encoding="utf-8"))


@pytest.fixture
def demo_dataset(demo_dataset_pristine):
    """A fresh, mutable copy of the bundled demo dataset (Dinas Koperasi UKM Kota Tangerang Selatan, 2021)."""
    return copy.deepcopy(demo_dataset_pristine)


@pytest.fixture
def demo_agency(db, demo_dataset, demo_dataset_pristine):
    from interchange.dataset.writing import dataset_import

    if demo_dataset != demo_dataset_pristine:  # a test changed it: imported as it is
        return dataset_import(demo_dataset).agency
    return imported_agency("demo", lambda: dataset_import(demo_dataset))


@pytest.fixture
def double_demo_agency(db, demo_dataset, demo_dataset_pristine):
    """The demo agency with its plan twice as large (every goal and program repeated under new codes)."""
    from interchange.dataset.writing import dataset_import
    from interchange.scale import scaled

    if demo_dataset != demo_dataset_pristine:
        return dataset_import(scaled(demo_dataset, 2)).agency
    return imported_agency("double demo", lambda: dataset_import(scaled(demo_dataset, 2)))


def make_user(username, role, **scope):
    from django.contrib.auth import get_user_model

    from agencies.models import Profile

    user = get_user_model().objects.create_user(username, password="x")
    Profile.objects.create(user=user, role=role, **scope)
    return user


@pytest.fixture
def planner(demo_agency):
    return make_user("perencana-uji", "planner", agency=demo_agency)


@pytest.fixture
def planner_client(client, planner):
    client.force_login(planner)
    return client


@pytest.fixture
def reviewer_client(client, demo_agency):
    client.force_login(make_user("reviu-uji", "reviewer", government=demo_agency.government))
    return client


@pytest.fixture
def other_agency(db, demo_dataset, demo_dataset_pristine):
    """A second agency of another Pemda, built from a copy of the demo data (same codes, other rows)."""
    from interchange.dataset.writing import dataset_import

    data = copy.deepcopy(demo_dataset)
    data["agency"].update(code="dinas-lain", name="Dinas Lain")
    data["government"].update(code="kota-lain", name="Kota Lain")
    if demo_dataset != demo_dataset_pristine:
        return dataset_import(data).agency
    return imported_agency("other", lambda: dataset_import(data))


@pytest.fixture
def pemda_of(db, demo_dataset):
    """Make a Pemda of n agencies (the demo's, varied), the k-th in review state PEMDA_STATES[k % 4]."""

    from interchange.dataset.writing import dataset_import
    from review.models import YearReview
    from tests.helpers import agency_data

    def make(n: int, *, start: int = 0):
        agencies = []
        for k in range(start, start + n):
            agency = dataset_import(agency_data(demo_dataset, k)).agency
            state = PEMDA_STATES[k % len(PEMDA_STATES)]
            if state != "draft":
                YearReview.objects.create(agency=agency, year=2021, state=state)
            agencies.append(agency)
        return (agencies[0].government if agencies else None), agencies

    return make


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded evidence goes to a fresh folder per test, never into the work tree."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a cached figure keyed on an id another test's rows reused would lie;"""
    from django.core.cache import cache

    from agencies.revisions import forget_pending

    cache.clear()
    forget_pending()  # nor with the revision notes of another test's rolled-back rows
    yield
    cache.clear()
    forget_pending()
