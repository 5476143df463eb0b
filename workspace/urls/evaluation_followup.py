"""URLs of the LHE's recommendations and the agency's follow-ups (workspace/views/evaluation_followup.py)."""

from django.urls import path

from workspace.views.evaluation_placeholder import not_built

app_name = "evaluation_followup"

# `pk` is a recommendation's, but for `follow_up_file` and `decide`, where it is a follow-up's.
urlpatterns = [
    path("<int:year>/evaluasi/rekomendasi/", not_built, name="list"),
    path("<int:year>/evaluasi/rekomendasi/baru/", not_built, name="create"),
    path("<int:year>/evaluasi/rekomendasi/<int:pk>/ubah/", not_built, name="edit"),
    path("<int:year>/evaluasi/rekomendasi/<int:pk>/hapus/", not_built, name="delete"),
    path("<int:year>/evaluasi/rekomendasi/<int:pk>/naik/", not_built, name="move_up"),
    path("<int:year>/evaluasi/rekomendasi/<int:pk>/turun/", not_built, name="move_down"),
    path("<int:year>/evaluasi/rekomendasi/<int:pk>/tindak-lanjut/", not_built, name="follow_up"),
    path("<int:year>/evaluasi/tindak-lanjut/<int:pk>/berkas/", not_built, name="follow_up_file"),
    path("<int:year>/evaluasi/tindak-lanjut/<int:pk>/putuskan/", not_built, name="decide"),
]
