from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("agencies.urls")),
    path("opd/<slug:code>/", include("indicators.urls")),
    path("opd/<slug:code>/", include("budgets.urls")),
    path("opd/<slug:code>/", include("reports.urls")),
    path("opd/<slug:code>/", include("surveys.urls")),
    path("opd/<slug:code>/", include("interchange.urls")),
    path("opd/<slug:code>/", include("agencies.history.urls")),
    path("opd/<slug:code>/", include("review.urls")),
]
