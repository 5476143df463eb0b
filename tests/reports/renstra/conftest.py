"""The Semarang Renstra's fixtures (tests/semarang.py) for the Renstra document's tests."""

from tests.semarang import semarang, semarang_dataset, semarang_planner_client, semarang_pristine  # noqa: F401
