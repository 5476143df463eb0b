from django.urls import path

from . import views

app_name = "budgets"

urlpatterns = [
    path("<int:year>/anggaran/", views.entry, name="entry"),
    path("<int:year>/anggaran/pratinjau/", views.preview, name="preview"),
]
