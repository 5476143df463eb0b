"""The Pemda LKjIP's approvals and the approved editions in the Django admin: listed and opened by a superuser,
never changed there (the approval keeps its edition on the Pemda LKjIP page, in one transaction)."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from reports.approval import review_transition
from review.models import ApprovedEdition, PemdaEdition, PemdaReportEvent, PemdaReportReview
from tests.conftest import make_user
from tests.reports.lkjip_pemda.scenario import make_pemda_rpjmd
from tests.workspace.views.test_pemda_lkjip_edition import approve

MODELS = (PemdaReportReview, PemdaReportEvent, PemdaEdition, ApprovedEdition)


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_the_approvals_and_editions_are_listed_and_opened_read_only(client, pemda_of):
    government, agencies = pemda_of(2)
    make_pemda_rpjmd(government, agencies)
    inspectorate = make_user("inspektorat", "reviewer", government=government)
    planner = make_user("perencana", "planner", agency=agencies[0])
    review_transition(agency=agencies[0], year=2021, action="submit", user=planner)
    review_transition(agency=agencies[0], year=2021, action="approve", user=inspectorate)
    client.force_login(inspectorate)
    approve(client, government, 2021)
    client.force_login(get_user_model().objects.create_superuser("root", password="x"))

    for model in MODELS:
        row = model.objects.get()
        listing = client.get(admin_url(model, "changelist"))
        assert listing.status_code == 200, model
        assert admin_url(model, "change", row.pk) in listing.content.decode()
        page = client.get(admin_url(model, "change", row.pk))
        assert page.status_code == 200, model
        html = page.content.decode()
        assert 'name="_save"' not in html  # nothing to save: read-only
        assert client.get(admin_url(model, "delete", row.pk)).status_code == 403
        assert client.get(admin_url(model, "add")).status_code == 403
    edition_page = client.get(
        admin_url(PemdaEdition, "change", PemdaEdition.objects.get().pk)
    ).content.decode()
    assert "LKjIP 2021" in edition_page and "inspektorat" in edition_page
    assert 'name="print_html"' not in edition_page and 'name="workbook"' not in edition_page
    review_page = client.get(
        admin_url(PemdaReportReview, "change", PemdaReportReview.objects.get().pk)
    ).content.decode()
    assert "Disetujui" in review_page and "inspektorat" in review_page  # the state and its event inline
    # A POST changes nothing either.
    review = PemdaReportReview.objects.get()
    client.post(admin_url(PemdaReportReview, "change", review.pk), {"state": "draft"})
    review.refresh_from_db()
    assert review.state == "approved"
