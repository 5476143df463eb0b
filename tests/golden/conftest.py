from tests.semarang import semarang, semarang_dataset, semarang_pristine  # noqa: F401
