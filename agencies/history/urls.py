from django.urls import path

from . import history_views

app_name = "history"

urlpatterns = [
    path("riwayat/", history_views.agency_history, name="agency"),
    path("riwayat/riwayat.xlsx", history_views.export_xlsx, name="export_xlsx"),
    path("riwayat/riwayat.csv", history_views.export_csv, name="export_csv"),
]
