"""URLs of the LHE letter (HTML, PDF) and the LKE worksheet (xlsx) of an agency's evaluation."""

from django.urls import path

from workspace.views import evaluation_documents as views

app_name = "evaluation_documents"

urlpatterns = [
    path("<int:year>/evaluasi/lhe/", views.lhe, name="lhe"),
    path("<int:year>/evaluasi/lhe.pdf", views.lhe_pdf, name="lhe_pdf"),
    path("<int:year>/evaluasi/lhe.pdf/siapkan", views.lhe_pdf_prepare, name="lhe_pdf_prepare"),
    path("<int:year>/evaluasi/lhe.pdf/status", views.lhe_pdf_status, name="lhe_pdf_status"),
    path("<int:year>/evaluasi/lke.xlsx", views.lke_xlsx, name="lke_xlsx"),
]
