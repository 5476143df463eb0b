"""The REST API (docs/api.md): version 1 under /api/v1/, its OpenAPI 3 schema and the browsable docs page."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authentication import SessionAuthentication

from .views import reads, writes

app_name = "api"

AGENCY = "v1/agencies/<slug:code>/"
YEAR = AGENCY + "years/<int:year>/"
QUARTER = YEAR + "quarters/<int:quarter>/"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The docs page is HTML for a browser: its session only. A key there (a bad one too) would be read while its
    # template renders, outside DRF's error handling: a 500 instead of the refusal.
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="api:schema", authentication_classes=[SessionAuthentication]),
        name="docs",
    ),
    path("v1/", reads.Root.as_view(), name="root"),
    # Reading: what the user may see on the screens.
    path("v1/agencies/", reads.AgencyList.as_view(), name="agency-list"),
    path(AGENCY, reads.AgencyDetail.as_view(), name="agency-detail"),
    path(AGENCY + "plans/", reads.PlanList.as_view(), name="plan-list"),
    path(AGENCY + "indicators/", reads.IndicatorList.as_view(), name="indicator-list"),
    path(AGENCY + "targets/", reads.TargetList.as_view(), name="target-list"),
    path(AGENCY + "realisations/", reads.RealisationList.as_view(), name="realisation-list"),
    path(AGENCY + "budget-lines/", reads.BudgetLineList.as_view(), name="budget-line-list"),
    path(AGENCY + "surveys/", reads.SurveyList.as_view(), name="survey-list"),
    path(YEAR + "report/", reads.Report.as_view(), name="report"),
    path(YEAR + "review/", reads.Review.as_view(), name="review"),
    path("v1/pemda/", reads.GovernmentList.as_view(), name="government-list"),
    path("v1/pemda/<slug:code>/years/<int:year>/dashboard/", reads.Dashboard.as_view(), name="dashboard"),
    # Writing: a quarter's realisations, its budget spending and physical progress, evidence files; each request
    # all or nothing, through the screens' forms, locks, entry windows and history.
    path(QUARTER + "realisations/", writes.QuarterRealisations.as_view(), name="quarter-realisations"),
    path(QUARTER + "budget/", writes.QuarterBudget.as_view(), name="quarter-budget"),
    path(
        QUARTER + "indicators/<str:indicator>/evidence/",
        writes.Evidence.as_view(),
        name="evidence",
    ),
]
