from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency, Government
from reports.documents.pdf import html_to_pdf
from reports.readmodel.types import ReportUnavailable
from reports.registry import DOCUMENTS, GOVERNMENT

FORMATS = ("json", "html", "pdf", "xlsx")


class Command(BaseCommand):
    help = (
        "Buat LKjIP (per tahun) atau Renstra satu perangkat daerah, atau LKjIP Pemda. / Render an agency's LKjIP "
        "for one year or its Renstra document, or a Pemda's LKjIP (--document lkjip-pemda --government CODE)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--document", default="lkjip", choices=tuple(DOCUMENTS))
        parser.add_argument("--agency", help="the agency's code (agency documents)")
        parser.add_argument("--government", help="the Pemda's code (lkjip-pemda)")
        parser.add_argument("--year", type=int, help="LKjIP: the report year (required); Renstra: not used")
        parser.add_argument("--format", default="json", choices=FORMATS)
        parser.add_argument("--output", required=True, type=Path)
        parser.add_argument(
            "--live",
            action="store_true",
            help="LKjIP of an approved year: today's data instead of the approved edition",
        )

    # Renders here and now, in this process (not through the task queue): an operator's command waits for its file.
    def handle(
        self,
        *args,
        format,
        output,
        agency=None,
        government=None,
        document="lkjip",
        year=None,
        live=False,
        **options,
    ):
        if format not in FORMATS:
            raise CommandError(f"Format {format} belum tersedia / not available yet")
        spec = DOCUMENTS[document]
        found = self.owner(spec, agency, government)
        if not spec.per_year:
            year = None
        elif year is None:
            raise CommandError(f"{spec.title} perlu --year / the {spec.title} needs --year")
        edition = None if live else spec.edition(found, year)
        if edition is not None:  # an approved year is its approved edition (reports/lkjip/editions.py)
            return self.approved(edition, found, year, format, output)
        try:
            built = spec.build(found, year)
        except ReportUnavailable as exc:
            raise CommandError(str(exc)) from exc
        if format == "json":
            output.write_text(spec.json(built), encoding="utf-8")
        elif format == "html":
            output.write_text(spec.html(built, for_print=True), encoding="utf-8")
        elif format == "xlsx":
            output.write_bytes(spec.workbook(built))
        else:
            output.write_bytes(html_to_pdf(*spec.pdf_input(built)))
        self.stdout.write(f"{spec.summary(built)} → {output}")

    def owner(self, spec, agency, government):
        if spec.scope == GOVERNMENT:
            if not government:
                raise CommandError(f"{spec.title} perlu --government / the {spec.title} needs --government")
            found = Government.objects.filter(code=government).first()
            if found is None:
                raise CommandError(f"Pemerintah daerah tidak ditemukan / Pemda not found: {government}")
            return found
        if not agency:
            raise CommandError(f"{spec.title} perlu --agency / the {spec.title} needs --agency")
        found = Agency.objects.select_related("government").filter(code=agency).first()
        if found is None:
            raise CommandError(f"Perangkat daerah tidak ditemukan / agency not found: {agency}")
        return found

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
