from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    # The approved reports, for everyone (no login): workspace/public.py decides what is published.
    path("api/", include("api.urls")),
    path("publik/", include("workspace.urls.public")),
    path("", include("workspace.urls.agencies")),
    path("opd/<slug:code>/", include("workspace.urls.indicators")),
    path("opd/<slug:code>/", include("workspace.urls.budgets")),
    path("opd/<slug:code>/", include("workspace.urls.reports")),
    path("opd/<slug:code>/", include("workspace.urls.surveys")),
    path("opd/<slug:code>/", include("interchange.urls")),
    path("opd/<slug:code>/", include("workspace.urls.history")),
    path("opd/<slug:code>/", include("workspace.urls.review")),
    path("opd/<slug:code>/", include("workspace.urls.evaluation")),
    path("opd/<slug:code>/", include("workspace.urls.evaluation_followup")),
    path("opd/<slug:code>/", include("workspace.urls.evaluation_documents")),
    path("pemda/<slug:code>/", include("workspace.urls.pemda")),
    path("pemda/<slug:code>/", include("interchange.urls_pemda")),  # the RPJMD file
]
