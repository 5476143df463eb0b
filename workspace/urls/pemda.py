from django.urls import path

from workspace.views import pemda as views
from workspace.views import rpjmd

app_name = "pemda"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:year>/", views.dashboard, name="dashboard"),
    path("<int:year>/dasbor.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    # The RPJMD and IKU Pemda (workspace/views/rpjmd.py).
    path("rpjmd/", rpjmd.page, name="rpjmd"),
    path("rpjmd/baru/", rpjmd.plan_edit, name="rpjmd_plan_create"),
    path("rpjmd/<int:plan>/ubah/", rpjmd.plan_edit, name="rpjmd_plan_edit"),
    path("rpjmd/<int:plan>/<slug:kind>/tambah/", rpjmd.element_create, name="rpjmd_element_create"),
    path("rpjmd/<slug:kind>/<int:pk>/ubah/", rpjmd.element_edit, name="rpjmd_element_edit"),
    path("rpjmd/<slug:kind>/<int:pk>/hapus/", rpjmd.element_delete, name="rpjmd_element_delete"),
    path("rpjmd/<int:plan>/target/", rpjmd.targets, name="rpjmd_targets"),
    path("rpjmd/<int:plan>/realisasi/<int:year>/", rpjmd.realisations, name="rpjmd_realisations"),
    path("rpjmd/pk/<int:year>/", rpjmd.agreement, name="rpjmd_agreement"),
    path("rpjmd/pohon/<int:year>/", rpjmd.tree, name="rpjmd_tree"),
]
