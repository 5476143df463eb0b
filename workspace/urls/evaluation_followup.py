"""URLs of the LHE's recommendations and the agency's follow-ups (workspace/views/evaluation_followup.py)."""

from django.urls import path  # noqa: F401

app_name = "evaluation_followup"

urlpatterns: list = []
