"""URLs of the LHE's recommendations and the agency's follow-ups (workspace/views/evaluation_followup.py)."""

from django.urls import path

from workspace.views import evaluation_followup as views

app_name = "evaluation_followup"

# `pk` is a recommendation's, but for `follow_up_file` and `decide`, where it is a follow-up's.
urlpatterns = [
    path("<int:year>/evaluasi/rekomendasi/", views.recommendation_list, name="list"),
    path("<int:year>/evaluasi/rekomendasi/baru/", views.recommendation_create, name="create"),
    path("<int:year>/evaluasi/rekomendasi/<int:pk>/ubah/", views.recommendation_edit, name="edit"),
    path("<int:year>/evaluasi/rekomendasi/<int:pk>/hapus/", views.recommendation_delete, name="delete"),
    path("<int:year>/evaluasi/rekomendasi/<int:pk>/naik/", views.recommendation_move_up, name="move_up"),
    path("<int:year>/evaluasi/rekomendasi/<int:pk>/turun/", views.recommendation_move_down, name="move_down"),
    path("<int:year>/evaluasi/rekomendasi/<int:pk>/tindak-lanjut/", views.follow_up, name="follow_up"),
    path("<int:year>/evaluasi/tindak-lanjut/<int:pk>/berkas/", views.follow_up_file, name="follow_up_file"),
    path("<int:year>/evaluasi/tindak-lanjut/<int:pk>/putuskan/", views.decide, name="decide"),
]
