from django.urls import path

from workspace.views import analysis, period, plan, realisations, targets, year_start

app_name = "indicators"

urlpatterns = [
    # Renstra structure editor (kind: tujuan, sasaran, strategi, kebijakan, indikator, program, kegiatan, ...)
    path("rencana/", plan.plan_tree, name="plan"),
    path("rencana/periode-baru/", period.next_period, name="plan_next_period"),
    path("rencana/<slug:kind>/baru/", plan.plan_create, name="plan_create"),
    path("rencana/<slug:kind>/<int:pk>/", plan.plan_edit, name="plan_edit"),
    path("rencana/<slug:kind>/<int:pk>/hapus/", plan.plan_delete, name="plan_delete"),
    # A new year of the period, prepared from the plan and last year
    path("<int:year>/siapkan/", year_start.year_start, name="year_start"),
    # Targets
    path("target/renstra/", targets.renstra_targets, name="targets_renstra"),
    path("<int:year>/target/pk/", targets.agreement_targets, name="targets_pk"),
    path("<int:year>/target/triwulan/", targets.quarter_targets, name="targets_quarters"),
    path("<int:year>/target/triwulan/periksa/", targets.quarter_targets_check, name="targets_quarters_check"),
    # Quarterly realisations and their evidence
    path("<int:year>/realisasi/tahunan/", realisations.entry, {"quarter": 0}, name="realisations_annual"),
    path("<int:year>/realisasi/tw<int:quarter>/", realisations.entry, name="realisations"),
    path(
        "<int:year>/realisasi/tw<int:quarter>/pratinjau/", realisations.preview, name="realisations_preview"
    ),
    path(
        "<int:year>/realisasi/tw<int:quarter>/<int:indicator>/bukti/",
        realisations.evidence,
        name="evidence",
    ),
    # The analysis of each sasaran for the year (printed in the LKjIP's analyses c and e)
    path("<int:year>/analisis/", analysis.objective_notes, name="objective_notes"),
    path("bukti/<int:pk>/", realisations.evidence_download, name="evidence_download"),
    path("bukti/<int:pk>/hapus/", realisations.evidence_delete, name="evidence_delete"),
]
