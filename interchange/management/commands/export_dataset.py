from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency
from interchange.exporter import dataset_export, dumps
from interchange.walk import dataset_indicators


class Command(BaseCommand):
    help = (
        "Ekspor data satu perangkat daerah sebagai sakip-dataset/2. / Export one agency as sakip-dataset/2."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="Kode perangkat daerah / agency code")
        parser.add_argument("--output", required=True, type=Path)

    def handle(self, *args, agency: str, output: Path, **options):
        found = Agency.objects.select_related("government").filter(code=agency).first()
        if found is None:
            raise CommandError(f"Perangkat daerah tidak ditemukan / agency not found: {agency}")
        data = dataset_export(found)
        output.write_text(dumps(data), encoding="utf-8")
        n = sum(1 for _ in dataset_indicators(data))
        self.stdout.write(f"{found.code}: {n} indikator / indicators → {output}")
