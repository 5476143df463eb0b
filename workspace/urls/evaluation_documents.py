"""URLs of the LHE letter (HTML, PDF) and the LKE worksheet (xlsx) of an agency's evaluation."""

from django.urls import path

from workspace.views.evaluation_placeholder import not_built

app_name = "evaluation_documents"

urlpatterns = [
    path("<int:year>/evaluasi/lhe/", not_built, name="lhe"),
    path("<int:year>/evaluasi/lhe.pdf", not_built, name="lhe_pdf"),
    path("<int:year>/evaluasi/lhe.pdf/siapkan", not_built, name="lhe_pdf_prepare"),
    path("<int:year>/evaluasi/lhe.pdf/status", not_built, name="lhe_pdf_status"),
    path("<int:year>/evaluasi/lke.xlsx", not_built, name="lke_xlsx"),
]
