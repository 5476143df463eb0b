from django.urls import path

from workspace.views import pemda as views
from workspace.views import pemda_admin as admin

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
]
