"""URLs of the LHE letter (HTML, PDF) and the LKE worksheet (xlsx) of an agency's evaluation."""

from django.urls import path  # noqa: F401

app_name = "evaluation_documents"

urlpatterns: list = []
