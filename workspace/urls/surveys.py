from django.urls import path

from workspace.views import surveys as views

app_name = "surveys"

urlpatterns = [
    path("ikm/", views.survey_list, name="list"),
    path("ikm/baru/", views.create, name="create"),
    path("ikm/<int:year>/", views.detail, name="detail"),
    path("ikm/<int:year>/impor/", views.import_responses, name="import"),
]
