from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("<int:year>/narasi/", views.narratives, name="narratives"),
]
