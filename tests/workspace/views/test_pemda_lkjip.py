"""The Pemda LKjIP screen: the Pemda-wide roles of this Pemda see it and download it; nobody else does."""

import pytest
from django.urls import reverse

from agencies.models import Government
from reports.models import RenderedFile
from tests.conftest import make_user
from tests.reports.lkjip_pemda.scenario import make_pemda_rpjmd

NAMES = ("pemda:lkjip", "pemda:lkjip_html", "pemda:lkjip_xlsx", "pemda:lkjip_json", "pemda:lkjip_pdf")


@pytest.fixture
def pemda(pemda_of):
    government, agencies = pemda_of(2)
    make_pemda_rpjmd(government, agencies)
    return government, agencies


def _urls(government):
    return [reverse(name, args=[government.code, 2021]) for name in NAMES]


def test_the_pemda_admin_and_the_inspectorate_see_the_page_and_download_it(client, pemda):
    government, _ = pemda
    for user in (
        make_user("bappeda", "pemda", government=government),
        make_user("inspektorat", "reviewer", government=government),
    ):
        client.force_login(user)
        page, html, xlsx, data = (client.get(url) for url in _urls(government)[:4])
        assert page.status_code == 200
        assert "Capaian IKU Pemerintah Daerah" in page.content.decode()
        assert reverse("pemda:lkjip_xlsx", args=[government.code, 2021]) in page.content.decode()
        assert (
            html["Content-Disposition"] == f'attachment; filename="LKjIP-Pemda-2021-{government.code}.html"'
        )
        assert xlsx.content.startswith(b"PK")
        assert data.json()["format"] == "sakip-pemda-report/1"


def test_a_planner_and_another_pemda_get_404_and_a_visitor_the_login(client, pemda):
    government, agencies = pemda
    other = Government.objects.create(code="lain", name="Kabupaten Lain")
    for user in (
        make_user("perencana", "planner", agency=agencies[0]),
        make_user("bappeda-lain", "pemda", government=other),
    ):
        client.force_login(user)
        assert [client.get(url).status_code for url in _urls(government)] == [404] * 5
    client.logout()
    response = client.get(_urls(government)[0])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_year_without_rpjmd_is_404(client, pemda):
    government, _ = pemda
    client.force_login(make_user("bappeda", "pemda", government=government))
    assert client.get(reverse("pemda:lkjip", args=[government.code, 2030])).status_code == 404


def test_the_pdf_is_rendered_by_the_task_queue_as_a_file_of_the_pemda(client, pemda):
    government, _ = pemda
    client.force_login(make_user("bappeda", "pemda", government=government))
    url = reverse("pemda:lkjip_pdf", args=[government.code, 2021])
    response = client.get(url)  # the immediate backend of the tests renders within the request
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="LKjIP-Pemda-2021-{government.code}.pdf"'
    assert response.content.startswith(b"%PDF")
    (record,) = RenderedFile.objects.all()
    assert (record.kind, record.agency_id, record.government_id) == ("lkjip-pemda-pdf", None, government.pk)
    assert client.get(url).content == response.content  # the same version: the same file, not rendered again
    assert RenderedFile.objects.count() == 1
