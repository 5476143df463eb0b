from django.urls import path

from workspace.views import lkjip as views
from workspace.views import renstra as renstra_views

app_name = "reports"

urlpatterns = [
    path("<int:year>/narasi/", views.narratives, name="narratives"),
    path("<int:year>/narasi/penanda-tangan/", views.report_signing, name="report_signing"),
    path("<int:year>/lkjip/", views.lkjip, name="lkjip"),
    path("<int:year>/lkjip.html", views.lkjip_html_download, name="lkjip_html_download"),
    path("<int:year>/lkjip.pdf", views.lkjip_pdf_download, name="lkjip_pdf"),
    path("<int:year>/lkjip.pdf/siapkan", views.lkjip_pdf_prepare, name="lkjip_pdf_prepare"),
    path("<int:year>/lkjip.pdf/status", views.lkjip_pdf_status, name="lkjip_pdf_status"),
    path("<int:year>/pemeriksaan/", views.review, name="review"),
    path("<int:year>/lkjip.xlsx", views.lkjip_xlsx, name="lkjip_xlsx"),
    path("renstra.xlsx", views.renstra_xlsx, name="renstra_xlsx"),
    # The Renstra document (Permendagri 86/2017) of the current plan
    path("renstra/", renstra_views.renstra_review, name="renstra_review"),
    path("renstra/dokumen/", renstra_views.renstra, name="renstra"),
    path("renstra/renstra.html", renstra_views.renstra_html_download, name="renstra_html_download"),
    path("renstra/renstra.pdf", renstra_views.renstra_pdf_download, name="renstra_pdf"),
    path("renstra/renstra.pdf/siapkan", renstra_views.renstra_pdf_prepare, name="renstra_pdf_prepare"),
    path("renstra/renstra.pdf/status", renstra_views.renstra_pdf_status, name="renstra_pdf_status"),
    path("renstra/renstra.xlsx", renstra_views.renstra_xlsx_download, name="renstra_xlsx_download"),
    path("renstra/renstra.json", renstra_views.renstra_json_download, name="renstra_json"),
    path("renstra/narasi/", renstra_views.renstra_narratives, name="renstra_narratives"),
    path("renstra/pendanaan/", renstra_views.renstra_funding, name="renstra_funding"),
    path("renstra/revisi/", renstra_views.renstra_revisions, name="renstra_revisions"),
    path("renstra/revisi/banding/", renstra_views.renstra_compare, name="renstra_compare"),
]
