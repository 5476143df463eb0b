"""Which rubric a Pemda evaluates with, loading a variant, and an agency's evaluation of a year."""

import json

import pytest
from django.core.exceptions import ValidationError

from agencies.models import Agency, Government
from evaluation.models import Evaluation, RubricVersion
from evaluation.rubric import RubricError, default_rubric_text
from evaluation.services import current_rubric, default_rubric, evaluation_for, load_rubric
from tests.conftest import make_user
from tests.evaluation.helpers import tiny_data

pytestmark = pytest.mark.django_db


def variant(version=1, **changes) -> str:
    return json.dumps({**tiny_data(), "version": version, **changes})


@pytest.fixture
def government():
    return Government.objects.create(code="kota-uji", name="Kota Uji")


@pytest.fixture
def agency(government):
    return Agency.objects.create(government=government, code="dinas-uji", name="Dinas Uji")


def test_the_default_rubric_is_stored_once_verbatim():
    first, second = default_rubric(), default_rubric()
    assert first.pk == second.pk and RubricVersion.objects.count() == 1
    assert first.government is None and (first.code, first.version) == ("lke-88-2021", 1)
    assert first.text == default_rubric_text() and len(first.sha256) == 64


def test_the_current_rubric_is_the_pemdas_newest_variant_else_the_default(government):
    other = Government.objects.create(code="kota-lain", name="Kota Lain")
    assert current_rubric(government) == default_rubric()
    load_rubric(other, variant())
    assert current_rubric(government) == default_rubric()  # another Pemda's variant is not ours
    older = load_rubric(government, variant(1))
    assert current_rubric(government) == older
    newer = load_rubric(government, variant(2))
    assert current_rubric(government) == newer
    assert current_rubric(other).government == other


def test_load_rubric_keeps_the_text_and_who_loaded_it(government):
    user = make_user("inspektorat", "reviewer", government=government)
    text = variant()
    record = load_rubric(government, text, user)
    assert (record.code, record.version, record.title, record.text) == ("mini", 1, "Rubrik mini", text)
    assert record.loaded_by == user and record.rubric.code == "mini"


def test_a_version_already_loaded_is_refused(government):
    load_rubric(government, variant())
    with pytest.raises(ValidationError, match="sudah dimuat"):
        load_rubric(government, variant(title="Lain"))
    assert RubricVersion.objects.filter(government=government).count() == 1
    load_rubric(Government.objects.create(code="x", name="X"), variant())  # another Pemda may


def test_an_invalid_rubric_is_refused_and_nothing_is_stored(government):
    with pytest.raises(RubricError) as caught:
        load_rubric(government, variant(code="", title=""))
    assert {"$.code: wajib diisi / required", "$.title: wajib diisi / required"} <= set(caught.value.problems)
    assert not RubricVersion.objects.exists()


def test_an_evaluation_is_started_once_with_the_current_rubric_and_keeps_it(agency, government):
    assert evaluation_for(agency, 2024, create=False) is None
    own = load_rubric(government, variant())
    evaluation = evaluation_for(agency, 2024)
    assert evaluation.rubric == own and Evaluation.objects.count() == 1
    load_rubric(government, variant(2))
    again = evaluation_for(agency, 2024)
    assert (
        again.pk == evaluation.pk and again.rubric == own
    )  # a new variant never changes a started evaluation
    assert evaluation_for(agency, 2025).rubric.version == 2
    assert Evaluation.objects.count() == 2
