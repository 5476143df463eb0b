from django.urls import path

from workspace.history import views

app_name = "history"

urlpatterns = [
    path("riwayat/", views.agency_history, name="agency"),
    path("riwayat/riwayat.xlsx", views.export_xlsx, name="export_xlsx"),
    path("riwayat/riwayat.csv", views.export_csv, name="export_csv"),
]
