"""The API keeps its own promise: schemathesis generates requests from the OpenAPI schema drf-spectacular builds,
sends them to the app (in process, WSGI) with a key (the agency's planner; the Pemda's administrator for the Pemda's
own endpoints), and checks that no answer is a server error, that each answer's status is one the schema lists and
that its body matches the schema.

Bounded for CI: a fixed number of examples per operation, derandomized (the same requests on every run). The path
parameters are drawn from real values (the demo agency, another Pemda's agency, a Pemda, an indicator) mixed with
wrong ones, so that the requests reach the views rather than stopping at a 404. Writes are rolled back with each
test. An operation whose view is still a placeholder (501) is skipped until it is built.

And `manage.py spectacular --validate --fail-on-warn`: the schema is valid OpenAPI 3, drf-spectacular has nothing
to warn about.
"""

from __future__ import annotations

import copy
import json

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import resolve
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.settings import patched_settings
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests.api.test_permission_walk import ENDPOINTS, PLANNER, world  # noqa: F401  (the module's world)
from tests.api.test_permission_walk import PEMDA as PEMDA_ROLE
from tests.conftest import DEMO_PATH
from tests.review.helpers import YEAR, small_dataset

# Per operation; with the demo's report (the heaviest answer) this keeps the whole module well under two minutes.
MAX_EXAMPLES = 12
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
AGENCY, OTHER_AGENCY = "tangsel-dinkopukm", "dinas-lain"  # tests/api/test_permission_walk.py's world
PEMDA, OTHER_PEMDA = "kota-tangerang-selatan", "kota-lain"
# Real values first (the generator starts from them), then wrong ones: an unknown code, a year without data,
# a quarter out of range.
PATH_VALUES = {
    "code": [AGENCY, OTHER_AGENCY, "tidak-ada"],
    "year": [YEAR, YEAR + 1, 1999],
    "quarter": [1, 2, 4, 0, 5],
}


def generated_schema() -> dict:
    """The schema as /api/schema/ serves it (drf-spectacular's complaints are the last test's business)."""
    with GENERATOR_STATS.silence():
        return SchemaGenerator().get_schema(request=None, public=True)


def with_real_path_values(schema: dict, indicators: list[str]) -> dict:
    """The schema, its path parameters narrowed to the world's values (and a few wrong ones)."""
    schema = copy.deepcopy(schema)
    for path, item in schema["paths"].items():
        for operation in item.values():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("in") != "path":
                    continue
                name = parameter["name"]
                if name == "code" and path.startswith("/api/v1/pemda/"):
                    values = [PEMDA, OTHER_PEMDA, "tidak-ada"]
                elif name == "indicator":
                    values = [*indicators, "X9.9"]
                else:
                    values = PATH_VALUES.get(name)
                if values:
                    kind = "integer" if isinstance(values[0], int) else "string"
                    parameter["schema"] = {"type": kind, "enum": values}
    return schema


def view_of(path: str) -> type:
    """The view class behind an OpenAPI path ("/api/v1/agencies/{code}/…")."""
    for name, value in (("code", "x"), ("year", "1"), ("quarter", "1"), ("indicator", "x")):
        path = path.replace("{" + name + "}", value)
    return resolve(path).func.view_class


def is_placeholder(view: type) -> bool:
    """Still the contract's placeholder (answers 501) rather than a built view."""
    return any(cls.__name__ == "_Placeholder" for cls in view.__mro__)


def without_placeholders(endpoints):
    """drf-spectacular preprocessing hook: leave out the views that are not built yet."""
    return [
        (path, regex, method, view) for path, regex, method, view in endpoints if not is_placeholder(view.cls)
    ]


def demo_indicator_codes() -> list[str]:
    data = small_dataset(json.loads(DEMO_PATH.read_text(encoding="utf-8")))
    return sorted(i["code"] for goal in data["goals"] for o in goal["objectives"] for i in o["indicators"])[
        :3
    ]


# No cache on disk: a failure is reproduced by the derandomized run itself, and nothing lands in the work tree.
CONFIG = SchemathesisConfig.from_dict(
    {
        "cache": {"enabled": False},
        "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "mode": "all"},
    }
)
schema = schemathesis.openapi.from_dict(
    with_real_path_values(generated_schema(), demo_indicator_codes()), config=CONFIG
)
APP = get_wsgi_application()


@pytest.fixture
def keys(db, world):  # noqa: F811
    """The world's keys; the app called as Django's test client calls it: the test's transaction (and connection)
    stays open across requests, rolled back at the end."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield world.keys
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_answer_matches_the_schema(case, keys):
    if is_placeholder(view_of(case.operation.path)):
        pytest.skip(f"{case.operation.label} is still a placeholder (501)")
    # The agency's planner; the Pemda's own screens (the dashboard) are the Pemda-wide roles', not a planner's.
    key = keys[PEMDA_ROLE] if case.operation.path.startswith("/api/v1/pemda/") else keys[PLANNER]
    case.call_and_validate(app=APP, headers={"Authorization": f"Token {key}"}, checks=CHECKS)


def test_manage_py_spectacular_validates_with_no_warning(tmp_path):
    """`manage.py spectacular --validate --fail-on-warn`, on the built views (placeholders left out)."""
    out = tmp_path / "schema.yaml"
    GENERATOR_STATS.reset()
    hook = f"{__name__}.without_placeholders"
    with patched_settings({"PREPROCESSING_HOOKS": [hook]}):
        call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert out.read_text(encoding="utf-8").startswith("openapi: 3")
