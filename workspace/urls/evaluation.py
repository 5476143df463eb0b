"""URLs of the LKE of an agency's year: self-assessment, the evaluator's answers, scores, the LHE's particulars (workspace/views/evaluation.py)."""

from django.urls import path

from workspace.views import evaluation as views

app_name = "evaluation"

urlpatterns = [
    path("<int:year>/evaluasi/", views.lke, name="lke"),
    path("<int:year>/evaluasi/riwayat/", views.answer_history, name="answer_history"),
    path("<int:year>/evaluasi/terbitkan/", views.issue, name="issue"),
    path("<int:year>/evaluasi/buka-kembali/", views.reopen, name="reopen"),
    path("<int:year>/evaluasi/bukti/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("<int:year>/evaluasi/bukti/<int:pk>/hapus/", views.evidence_delete, name="evidence_delete"),
]
