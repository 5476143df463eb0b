"""The admin lists and opens every model with the demo data (list displays, filters and inlines work)."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse


@pytest.fixture
def admin_client_with_demo(client, demo_agency):
    client.force_login(get_user_model().objects.create_superuser("root", password="x"))
    return client


def test_every_model_changelist_and_change_page_opens(admin_client_with_demo):
    client = admin_client_with_demo
    for model in admin.site._registry:
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        first = model.objects.first()
        if first is not None:
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
            assert client.get(change).status_code == 200, change


def test_indicator_changelist_can_be_filtered_to_key_indicators(admin_client_with_demo):
    url = reverse("admin:indicators_indicator_changelist") + "?is_key__exact=1"
    page = admin_client_with_demo.get(url).content.decode()
    assert "S1.1" in page and "R1.1" not in page
