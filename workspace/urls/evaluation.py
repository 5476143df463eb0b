"""URLs of the LKE of an agency's year: self-assessment, the evaluator's answers, scores, the LHE's particulars (workspace/views/evaluation.py)."""

from django.urls import path  # noqa: F401

app_name = "evaluation"

urlpatterns: list = []
