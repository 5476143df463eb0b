"""The API's docs page (/api/docs/): Swagger UI from our own static files, under the site's CSP (the autouse
fixture in conftest.py fails the test on any refused script or style)."""

from playwright.sync_api import expect


def test_the_api_docs_list_every_operation_under_the_csp(page, live_server, db):
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("SAKIP API")
    operations = page.locator(".opblock-summary-path")
    expect(operations.first).to_be_visible()
    paths = set(operations.all_inner_texts())
    assert "/api/v1/agencies/{code}/years/{year}/report/" in {p.replace("\u200b", "") for p in paths}
    assert "/api/v1/agencies/{code}/years/{year}/quarters/{quarter}/realisations/" in {
        p.replace("\u200b", "") for p in paths
    }
    # The key is entered under "Authorize" (Bearer), as docs/api.md says.
    page.get_by_role("button", name="Authorize").first.click()
    expect(page.locator(".auth-container").first).to_contain_text("apiKey")
