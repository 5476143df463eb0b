from django.urls import path

from workspace.views import pemda as views

app_name = "pemda"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:year>/", views.dashboard, name="dashboard"),
    path("<int:year>/dasbor.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
]
