from django.urls import path

from . import views

app_name = "interchange"

urlpatterns = [
    path("<int:year>/templat.xlsx", views.template_download, name="template"),
    path("<int:year>/impor/", views.upload, name="upload"),
    path("<int:year>/impor/konfirmasi/", views.confirm, name="confirm"),
    path("<int:year>/impor/<int:pk>/", views.run_page, name="run"),
    path("<int:year>/impor/<int:pk>/status/", views.run_status, name="run_status"),
]
