from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency
from reports.assembly import ReportUnavailable, report_build
from reports.document import document_build
from reports.json_report import dumps
from reports.pdf import lkjip_html, lkjip_pdf
from reports.xlsx import annex_workbook, workbook_bytes

FORMATS = ("json", "html", "pdf", "xlsx")


class Command(BaseCommand):
    help = "Buat LKjIP satu perangkat daerah untuk satu tahun. / Render an agency's LKjIP for one year."

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True)
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--format", default="json", choices=["json", "html", "pdf", "xlsx"])
        parser.add_argument("--output", required=True, type=Path)

    def handle(self, *args, agency, year, format, output, **options):
        found = Agency.objects.select_related("government").filter(code=agency).first()
        if found is None:
            raise CommandError(f"Perangkat daerah tidak ditemukan / agency not found: {agency}")
        if format not in FORMATS:
            raise CommandError(f"Format {format} belum tersedia / not available yet")
        try:
            report = report_build(agency=found, year=year)
        except ReportUnavailable as exc:
            raise CommandError(str(exc)) from exc
        if format == "json":
            output.write_text(dumps(report), encoding="utf-8")
        elif format == "html":
            output.write_text(lkjip_html(document_build(report), for_print=True), encoding="utf-8")
        elif format == "xlsx":
            output.write_bytes(workbook_bytes(annex_workbook(report)))
        else:
            output.write_bytes(lkjip_pdf(document_build(report)))
        errors = sum(1 for c in report.checks if c.level == "error")
        self.stdout.write(
            f"{found.code} {year}: {len(report.indicators)} indikator, {len(report.checks)} temuan "
            f"({errors} error) → {output}"
        )
