from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("<int:year>/narasi/", views.narratives, name="narratives"),
    path("<int:year>/lkjip/", views.lkjip, name="lkjip"),
    path("<int:year>/lkjip.html", views.lkjip_html_download, name="lkjip_html_download"),
    path("<int:year>/lkjip.pdf", views.lkjip_pdf_download, name="lkjip_pdf"),
    path("<int:year>/pemeriksaan/", views.review, name="review"),
    path("<int:year>/lkjip.xlsx", views.lkjip_xlsx, name="lkjip_xlsx"),
    path("renstra.xlsx", views.renstra_xlsx, name="renstra_xlsx"),
]
