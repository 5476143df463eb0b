"""The public surface (no login), mounted at `publik/`: the only URLs an anonymous visitor gets an answer from
besides the login page. What they publish is `workspace.public`'s answer; the arguments are named `government`
and `agency`, not `code`, so the agency URL walk (sakip/url_walk.py), which proves every `code` URL closed to
outsiders, does not take them for workspace screens; its test lists these as the intentionally public ones."""

from django.urls import path

from workspace.views import public as views

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:government>/", views.government, name="government"),
    # The Pemda's own approved LKjIP (workspace/public.py): three segments, an agency's LKjIP four.
    path("<slug:government>/<int:year>/lkjip.pdf", views.government_lkjip_pdf, name="government_lkjip_pdf"),
    path("<slug:government>/<slug:agency>/<int:year>/lkjip.pdf", views.lkjip_pdf, name="lkjip_pdf"),
]
