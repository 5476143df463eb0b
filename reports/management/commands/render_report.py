import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency
from reports.document import document_build
from reports.editions import approved_edition
from reports.pdf import lkjip_html, lkjip_pdf
from reports.readmodel.build import report_build
from reports.readmodel.json_report import dumps
from reports.readmodel.types import ReportUnavailable
from reports.xlsx import annex_workbook
from sakip.xlsx import workbook_bytes

FORMATS = ("json", "html", "pdf", "xlsx")
DOCUMENTS = ("lkjip", "renstra")


class Command(BaseCommand):
    help = (
        "Buat LKjIP (per tahun) atau Renstra satu perangkat daerah. / Render an agency's LKjIP for one year, "
        "or its Renstra document."
    )

    def add_arguments(self, parser):
        parser.add_argument("--document", default="lkjip", choices=DOCUMENTS)
        parser.add_argument("--agency", required=True)
        parser.add_argument("--year", type=int, help="LKjIP: the report year (required); Renstra: not used")
        parser.add_argument("--format", default="json", choices=FORMATS)
        parser.add_argument("--output", required=True, type=Path)
        parser.add_argument(
            "--live",
            action="store_true",
            help="LKjIP of an approved year: today's data instead of the approved edition",
        )

    # Renders here and now, in this process (not through the task queue): an operator's command waits for its file.
    def handle(self, *args, agency, format, output, document="lkjip", year=None, live=False, **options):
        found = Agency.objects.select_related("government").filter(code=agency).first()
        if found is None:
            raise CommandError(f"Perangkat daerah tidak ditemukan / agency not found: {agency}")
        if format not in FORMATS:
            raise CommandError(f"Format {format} belum tersedia / not available yet")
        if document == "renstra":
            return self.renstra(found, format, output)
        if year is None:
            raise CommandError("LKjIP perlu --year / the LKjIP needs --year")
        edition = None if live else approved_edition(found, year)
        if edition is not None:  # an approved year is its approved edition (reports/editions.py)
            return self.approved(edition, found, year, format, output)
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

    def approved(self, edition, agency, year, format, output):
        if format == "json":
            output.write_text(edition.report_json, encoding="utf-8")
        elif format == "html":
            output.write_text(edition.download_html, encoding="utf-8")
        elif format == "xlsx":
            output.write_bytes(edition.workbook)
        else:
            output.write_bytes(edition.pdf())
        self.stdout.write(
            f"{agency.code} {year}: edisi yang disetujui {edition.approved_at:%Y-%m-%d} / approved edition → {output}"
        )

    def renstra(self, agency, format, output):
        from reports.renstra import renstra_build, renstra_json
        from reports.renstra_render import renstra_html, renstra_pdf
        from reports.xlsx import renstra_document_workbook

        try:
            doc = renstra_build(agency=agency)
        except ReportUnavailable as exc:
            raise CommandError(str(exc)) from exc
        if format == "json":
            output.write_text(
                json.dumps(renstra_json(doc), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
        elif format == "html":
            output.write_text(renstra_html(doc, for_print=True), encoding="utf-8")
        elif format == "xlsx":
            output.write_bytes(workbook_bytes(renstra_document_workbook(doc)))
        else:
            output.write_bytes(renstra_pdf(doc))
        errors = sum(1 for c in doc.checks if c.level == "error")
        self.stdout.write(
            f"{agency.code} {doc.plan} [{doc.revision}]: {len(doc.programs)} program, {len(doc.activities)} kegiatan, "
            f"{len(doc.indicators)} indikator, {len(doc.checks)} temuan ({errors} error) → {output}"
        )
