"""Playwright drives the system Chromium (Debian's package); no browser is downloaded."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("SAKIP_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "docs" / "screenshots"

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make there are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-dev-shm-usage",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "id-ID", "viewport": {"width": 1366, "height": 768}}


@pytest.fixture
def screenshot():
    """Save a screenshot under docs/screenshots/ when SAKIP_SCREENSHOTS=1 (the docs script sets it)."""

    def take(page, name, *, full_page=True):
        if os.environ.get("SAKIP_SCREENSHOTS"):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)

    return take


@pytest.fixture(autouse=True)
def database_queue(request, settings):
    """The task queue as in production: a PDF asked for ahead (the LKjIP page does on opening) is queued, not
    rendered inside the request while the journey goes on; no worker runs unless the test plays one. A journey
    whose step runs a task in the request (a workbook import) is marked `immediate_tasks`."""
    if request.node.get_closest_marker("immediate_tasks") is None:
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def demo_site(request, transactional_db, live_server, demo_agency):
    from agencies.services import demo_users_create

    agency = demo_agency
    demo_users_create(agency=agency, password="rahasia-uji-123")
    page = request.getfixturevalue("page") if "page" in request.fixturenames else None
    yield live_server
    if page is not None and not page.is_closed():
        # Every request the page started has its answer before the database is emptied: a request still running
        # holds locks the flush then waits on (PostgreSQL reports a deadlock and the next test finds old data).
        # Closed then, so that no timer (a status polled every second) starts another one.
        page.wait_for_load_state("networkidle", timeout=60_000)
        page.close()


def login(page, base_url, username, password="rahasia-uji-123"):
    page.goto(f"{base_url}/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()


@pytest.fixture(autouse=True)
def _no_content_security_policy_violations(request):
    """Every journey doubles as a check of the Content Security Policy: Chromium logs each refused script or
    style to the console ("Refused to … because it violates the following Content Security Policy …")."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    refused = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield
    assert not refused, refused


from tests.semarang import semarang_dataset, semarang_pristine  # noqa: E402, F401  (the Renstra journey)
