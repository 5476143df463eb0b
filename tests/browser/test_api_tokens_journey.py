"""A planner makes an API key on their account page (issue 22): the key is shown once, works against the live
server as the planner, and is refused (401) the moment the planner revokes it in the browser."""

import http.client
import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from .conftest import login


def api_status(base_url, key, path="/api/v1/"):
    """The status of a GET with the key, over plain HTTP (no client library), as another system would call."""
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.request(
            "GET", path, headers={"Authorization": f"Token {key}", "Accept": "application/json"}
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_planner_makes_a_key_uses_it_and_revokes_it(page, demo_site, screenshot):
    login(page, demo_site.url, "perencana")
    page.get_by_test_id("account-menu").click()
    page.get_by_role("link", name="Token API").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Token API")
    expect(page.get_by_test_id("no-tokens")).to_be_visible()

    # A name is required: refused with its message, nothing made.
    page.get_by_role("button", name="Buat kunci").click()
    expect(page.get_by_role("alert")).to_contain_text("Beri nama kunci ini")

    page.get_by_label("Nama kunci").fill("Dasbor kepala daerah")
    page.get_by_role("button", name="Buat kunci").click()
    box = page.get_by_test_id("new-key-box")
    expect(box).to_contain_text("hanya ditampilkan sekali")
    key = page.get_by_test_id("new-key").inner_text().strip()
    assert re.fullmatch(r"sakip_[A-Za-z0-9_-]{40}", key), key
    row = page.get_by_test_id("api-token").filter(has_text="Dasbor kepala daerah")
    expect(row).to_contain_text(key[:12] + "…")
    expect(row.get_by_test_id("last-used")).to_have_text("belum pernah")
    screenshot(page, "api-tokens")

    # The key works as the planner: not refused (the v1 root, and the schema).
    assert api_status(demo_site.url, key) != 401
    assert api_status(demo_site.url, key, "/api/schema/") == 200

    # Shown once: the page opened again lists the key by its prefix only, now with its last use.
    page.goto(f"{demo_site.url}/akun/token/")
    expect(page.get_by_test_id("new-key")).to_have_count(0)
    assert key not in page.content()
    expect(row.get_by_test_id("last-used")).not_to_have_text("belum pernah")

    page.on("dialog", lambda dialog: dialog.accept())  # "Cabut kunci …?" asks first
    row.get_by_role("button", name="Cabut").click()
    expect(page.get_by_role("status")).to_contain_text("dicabut")
    expect(row.get_by_test_id("token-state")).to_contain_text("Dicabut")
    expect(row.get_by_role("button", name="Cabut")).to_have_count(0)

    assert api_status(demo_site.url, key) == 401
    assert api_status(demo_site.url, key, "/api/schema/") == 401
