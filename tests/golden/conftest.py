from tests.renstra.conftest import semarang, semarang_dataset, semarang_pristine  # noqa: F401
