from django.urls import path

from workspace.views import account, profile
from workspace.views import agencies as views

app_name = "agencies"

urlpatterns = [
    path("", views.home, name="home"),
    path("akun/pemberitahuan/", account.notifications, name="notifications"),
    path("akun/token/", account.api_tokens, name="api_tokens"),
    path("akun/token/<int:pk>/cabut/", account.api_token_revoke, name="api_token_revoke"),
    path("opd/<slug:code>/", views.overview, name="overview"),
    path("opd/<slug:code>/<int:year>/", views.overview, name="overview_year"),
    # The organisation profile of the year (BAB I: tugas dan fungsi, staff, sarana-prasarana, isu; risk annex)
    path("opd/<slug:code>/<int:year>/profil/", profile.profile, name="profile"),
]
