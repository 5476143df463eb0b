"""The RPJMD file on the Pemda's screens (`/pemda/<code>/rpjmd/…`): interchange/rpjmd_views.py."""

from django.urls import path

from . import rpjmd_views

app_name = "rpjmd_file"

urlpatterns = [
    path("rpjmd/<int:plan>/rpjmd.json", rpjmd_views.download, name="download"),
    path("rpjmd/impor/", rpjmd_views.upload, name="upload"),
]
