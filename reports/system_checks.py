"""Deployment checks of the report output (`manage.py check --deploy`)."""

from django.core import checks


@checks.register(checks.Tags.compatibility, deploy=True)
def font_subsetting(app_configs=None, **kwargs):
    """Without HarfBuzz-Subset, WeasyPrint subsets fonts with fontTools: the PDFs are still the same bytes from
    run to run (reports.documents.pdf.FONT_SUBSET_EPOCH), but not the same bytes as those of an installation with
    HarfBuzz, so a PDF archived on one server does not compare equal to the one rendered on the other. Said
    here, at deployment, rather than found out by comparing files."""
    from reports.documents.pdf import harfbuzz_subsetting_available  # imports WeasyPrint: only under --deploy

    if harfbuzz_subsetting_available():
        return []
    return [
        checks.Warning(
            "HarfBuzz-Subset (libharfbuzz-subset0 ≥ 4.1) is missing: WeasyPrint subsets the PDF fonts with "
            "fontTools. PDFs are reproducible on this installation but differ in bytes from those of an "
            "installation with HarfBuzz-Subset.",
            hint="Install libharfbuzz-subset0 (scripts/install.sh does so with apt-get).",
            id="reports.W001",
        )
    ]
