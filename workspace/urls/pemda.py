from django.urls import path

from workspace.views import pemda as views
from workspace.views import pemda_batch

app_name = "pemda"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:year>/", views.dashboard, name="dashboard"),
    path("<int:year>/dasbor.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("<int:year>/laporan/", pemda_batch.batch, name="batch"),
    path("<int:year>/laporan/status/", pemda_batch.batch_status, name="batch_status"),
    path("<int:year>/laporan/unduh.zip", pemda_batch.batch_download, name="batch_download"),
]
