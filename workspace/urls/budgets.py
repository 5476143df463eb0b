from django.urls import path

from workspace.views import budgets as views

app_name = "budgets"

urlpatterns = [
    path("<int:year>/anggaran/", views.entry, name="entry"),
    path("<int:year>/anggaran/pratinjau/", views.preview, name="preview"),
    path("<int:year>/anggaran/belanja/", views.whole_budget, name="whole_budget"),
    path("<int:year>/anggaran/triwulan/", views.progress, name="progress"),
]
