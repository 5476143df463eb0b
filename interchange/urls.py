from django.urls import path

from . import views
from .sipd import views as sipd

app_name = "interchange"

urlpatterns = [
    path("<int:year>/templat.xlsx", views.template_download, name="template"),
    path("<int:year>/impor/", views.upload, name="upload"),
    path("<int:year>/impor/konfirmasi/", views.confirm, name="confirm"),
    path("<int:year>/impor/<int:pk>/", views.run_page, name="run"),
    path("<int:year>/impor/<int:pk>/status/", views.run_status, name="run_status"),
    path("<int:year>/anggaran/sipd/", sipd.upload, name="sipd_upload"),
    path("<int:year>/anggaran/sipd/konfirmasi/", sipd.confirm, name="sipd_confirm"),
    path("anggaran/sipd/pemetaan/", sipd.mapping, name="sipd_mapping"),
]
