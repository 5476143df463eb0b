from django.urls import path

from workspace.views import pemda as views
from workspace.views import pemda_admin as admin
from workspace.views import pemda_batch, pemda_evaluation, pemda_history, pemda_lkjip, pemda_rubrics, rpjmd

app_name = "pemda"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:year>/", views.dashboard, name="dashboard"),
    path("<int:year>/dasbor.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    # The Pemda's own administration (its administrators write, the inspectorate reads): workspace/views/pemda_admin.py
    path("kelola/", admin.settings, name="admin_settings"),
    path("kelola/opd/", admin.agencies, name="admin_agencies"),
    path("kelola/opd/baru/", admin.agency_new, name="admin_agency_new"),
    path("kelola/opd/<slug:agency>/", admin.agency_edit, name="admin_agency"),
    path("kelola/opd/<slug:agency>/hapus/", admin.agency_delete, name="admin_agency_delete"),
    path("kelola/opd/<slug:agency>/unit/", admin.units, name="admin_units"),
    path("kelola/pengguna/", admin.users, name="admin_users"),
    path("kelola/pengguna/baru/", admin.user_new, name="admin_user_new"),
    path("kelola/pengguna/<int:user_id>/", admin.user_edit, name="admin_user"),
    path("kelola/pengguna/<int:user_id>/sandi/", admin.user_password, name="admin_user_password"),
    path("kelola/batas/", admin.windows_home, name="admin_windows_home"),
    path("kelola/batas/<int:year>/", admin.windows, name="admin_windows"),
    path("kelola/batas/<int:year>/perpanjangan/", admin.exception_add, name="admin_exception_add"),
    path(
        "kelola/batas/<int:year>/perpanjangan/<int:pk>/hapus/",
        admin.exception_delete,
        name="admin_exception_delete",
    ),
    # The evaluation rubrics (the inspectorate and the administrators load a variant): workspace/views/pemda_rubrics.py
    path("kelola/rubrik/", pemda_rubrics.rubrics, name="admin_rubrics"),
    path("kelola/rubrik/<int:pk>.json", pemda_rubrics.rubric_json, name="admin_rubric_json"),
    path("kelola/riwayat/", pemda_history.history, name="admin_history"),  # workspace/views/pemda_history.py
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
    path("<int:year>/laporan/", pemda_batch.batch, name="batch"),
    path("<int:year>/laporan/status/", pemda_batch.batch_status, name="batch_status"),
    path("<int:year>/laporan/unduh.zip", pemda_batch.batch_download, name="batch_download"),
    # The Pemda LKjIP (workspace/views/pemda_lkjip.py).
    path("<int:year>/lkjip/", pemda_lkjip.page, name="lkjip"),
    path("<int:year>/lkjip/unduh.html", pemda_lkjip.html_download, name="lkjip_html"),
    path("<int:year>/lkjip/lkjip.xlsx", pemda_lkjip.xlsx, name="lkjip_xlsx"),
    path("<int:year>/lkjip/lkjip.json", pemda_lkjip.json_download, name="lkjip_json"),
    path("<int:year>/lkjip/lkjip.pdf", pemda_lkjip.pdf_download, name="lkjip_pdf"),
    path("<int:year>/lkjip/lkjip.pdf/status", pemda_lkjip.pdf_status, name="lkjip_pdf_status"),
    # The AKIP evaluation of every agency (workspace/views/pemda_evaluation.py).
    path("<int:year>/evaluasi/", pemda_evaluation.evaluation, name="evaluation"),
    path("<int:year>/evaluasi/evaluasi.xlsx", pemda_evaluation.evaluation_xlsx, name="evaluation_xlsx"),
    path("<int:year>/lkjip/setujui/", pemda_lkjip.approve, name="lkjip_approve"),
    path("<int:year>/lkjip/buka-kembali/", pemda_lkjip.reopen, name="lkjip_reopen"),
]
