import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency, Government
from reports.batch import (
    agencies_files,
    batch_agencies,
    batch_create,
    batch_files,
    batch_prepare,
    batch_progress,
)
from reports.documents.pdf import html_to_pdf
from reports.models import RenderedFile
from reports.readmodel.types import ReportUnavailable
from reports.registry import DOCUMENTS, GOVERNMENT
from reports.rendering import ready_file

FORMATS = ("json", "html", "pdf", "xlsx")
ALL_FORMATS = ("pdf", "xlsx")  # --all: the batch's formats
POLL_SECONDS = 1.0


class Command(BaseCommand):
    help = (
        "Buat LKjIP (per tahun) atau Renstra satu perangkat daerah, LKjIP Pemda, atau LKjIP semua perangkat daerah "
        "satu Pemda (--all). / Render an agency's LKjIP for one year or its Renstra document, a Pemda's LKjIP "
        "(--document lkjip-pemda --government CODE), or every agency's LKjIP of a Pemda (--government CODE --all)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--document", default="lkjip", choices=tuple(DOCUMENTS))
        parser.add_argument("--agency", help="the agency's code (agency documents)")
        parser.add_argument("--government", help="the Pemda's code (lkjip-pemda, or --all)")
        parser.add_argument(
            "--all",
            action="store_true",
            help="every agency of --government: the LKjIP of --year, one file each in the --output folder",
        )
        parser.add_argument(
            "--inline",
            action="store_true",
            help="--all: render the PDFs in this process instead of queueing them for the task workers",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=3600,
            help="--all: seconds to wait for the workers' renders (default 3600)",
        )
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
        if options.get("all"):
            return self.handle_all(government, document, year, format, output, live, options)
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

    # --- every agency of a Pemda -----------------------------------------------------------------------------------
    def handle_all(self, government, document, year, format, output, live, options):
        """Every agency's LKjIP of the year into the folder `output`, named as their downloads. PDFs: asked for
        through the render pipeline and rendered by the task workers (this command waits for them, `--timeout`),
        as the Pemda's batch page does (the batch shows there too); with `--inline`, rendered here (a version
        rendered before is taken as it is). Workbooks are made here (they need no worker)."""
        found = Government.objects.filter(code=government or "").first()
        if found is None:
            raise CommandError(f"Pemda tidak ditemukan / government not found: {government}")
        if document != "lkjip" or year is None:
            raise CommandError(
                "--all membuat LKjIP satu tahun: perlu --year / --all renders the LKjIP of a --year"
            )
        if format not in ALL_FORMATS:
            raise CommandError(f"--all: format pdf atau xlsx / --all writes pdf or xlsx, not {format}")
        if live:
            raise CommandError("--live tidak berlaku dengan --all / --live does not apply to --all")
        output.mkdir(parents=True, exist_ok=True)
        if format == "pdf" and not options.get("inline"):
            failed = self.all_by_workers(found, year, output, options["timeout"])
        else:
            failed = self.all_here(found, year, format, output)
        if failed:
            for code, message in failed:
                self.stderr.write(f"{code}: {message}")
            raise CommandError(f"{len(failed)} perangkat daerah gagal / {len(failed)} agencies failed")

    def all_by_workers(self, government, year, output, timeout):
        batch = batch_create(government, year, ["pdf"])
        batch_prepare(batch.pk)  # here: builds the reports and queues the renders the workers then take
        deadline = time.monotonic() + timeout
        shown = None
        while True:
            batch.refresh_from_db()
            progress = batch_progress(batch)
            if progress.complete:
                break
            if (progress.ready, progress.pending) != shown:
                shown = (progress.ready, progress.pending)
                self.stdout.write(
                    f"{progress.ready}/{progress.total} siap, {progress.pending} menunggu pekerja"
                )
            if time.monotonic() > deadline:
                raise CommandError(
                    f"Waktu habis: {progress.ready} dari {progress.total} siap setelah {timeout:.0f} s / timed out "
                    "(is a task worker running? manage.py task_worker)"
                )
            time.sleep(POLL_SECONDS)
        for name, load in batch_files(batch):
            (output / Path(name).name).write_bytes(load())
        self.stdout.write(f"{government.code} {year}: {progress.ready} dari {progress.total} PDF → {output}")
        return [(m.agency.code, m.message) for m in progress.failed]

    def all_here(self, government, year, format, output):
        failed, written = [], 0
        agencies = batch_agencies(government)
        for files in agencies_files(agencies, year, [format]):
            if files.error:
                failed.append((files.agency.code, files.error))
                continue
            name = output / DOCUMENTS["lkjip"].filename(files.agency, year, None, format)
            if format == "xlsx":
                name.write_bytes(files.workbook)
            else:
                assert files.source is not None  # a pdf was asked for and there was no error
                source = files.source
                ready = ready_file(RenderedFile.Kind.LKJIP_PDF, source.version, source.agency, year)
                name.write_bytes(
                    bytes(ready.content) if ready else html_to_pdf(source.html, source.stylesheets)
                )
            written += 1
        self.stdout.write(f"{government.code} {year}: {written} dari {len(agencies)} {format} → {output}")
        return failed
