"""URLs of the LHE's recommendations and the agency's follow-ups (workspace/views/evaluation_followup.py)."""

from django.urls import path

from workspace.views.evaluation_placeholder import not_built

app_name = "evaluation_followup"

urlpatterns = [
    path("<int:year>/evaluasi/rekomendasi/", not_built, name="list"),
]
