"""URLs of the LKE of an agency's year: self-assessment, the evaluator's answers, scores, the LHE's particulars (workspace/views/evaluation.py)."""

from django.urls import path

from workspace.views.evaluation_placeholder import not_built

app_name = "evaluation"

urlpatterns = [
    path("<int:year>/evaluasi/", not_built, name="lke"),
]
