"""URLs of the LKE of an agency's year: self-assessment, the evaluator's answers, scores, the LHE's particulars (workspace/views/evaluation.py)."""

from django.urls import path

from workspace.views.evaluation_placeholder import not_built

app_name = "evaluation"

urlpatterns = [
    path("<int:year>/evaluasi/", not_built, name="lke"),
    path("<int:year>/evaluasi/riwayat/", not_built, name="answer_history"),
    path("<int:year>/evaluasi/terbitkan/", not_built, name="issue"),
    path("<int:year>/evaluasi/buka-kembali/", not_built, name="reopen"),
    path("<int:year>/evaluasi/bukti/<int:pk>/", not_built, name="evidence_download"),
    path("<int:year>/evaluasi/bukti/<int:pk>/hapus/", not_built, name="evidence_delete"),
]
