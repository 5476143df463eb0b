from tests.semarang import semarang, semarang_dataset, semarang_planner_client, semarang_pristine  # noqa: F401
