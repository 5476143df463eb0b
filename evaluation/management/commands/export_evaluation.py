from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency
from evaluation.interchange import export_text
from evaluation.services import evaluation_for


class Command(BaseCommand):
    help = (
        "Ekspor evaluasi AKIP satu perangkat daerah dan tahun sebagai sakip-evaluation/1. / "
        "Export one agency's AKIP evaluation of a year as sakip-evaluation/1."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="Kode perangkat daerah / agency code")
        parser.add_argument("--year", required=True, type=int, help="Tahun yang dievaluasi / year evaluated")
        parser.add_argument(
            "--output", type=Path, help="Berkas tujuan (tanpa: stdout) / output file (default stdout)"
        )

    def handle(self, *args, agency: str, year: int, output: Path | None, **options):
        found = Agency.objects.select_related("government").filter(code=agency).first()
        if found is None:
            raise CommandError(f"Perangkat daerah tidak ditemukan / agency not found: {agency}")
        evaluation = evaluation_for(found, year, create=False)
        if evaluation is None:
            raise CommandError(f"Belum ada evaluasi {agency} {year} / no evaluation of {agency} {year}")
        text = export_text(evaluation)
        if output is None:
            self.stdout.write(text, ending="")
            return
        output.write_text(text, encoding="utf-8")
        answers = evaluation.answers.count()
        self.stdout.write(f"{found.code} {year}: {answers} jawaban / answers → {output}")
