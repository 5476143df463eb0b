from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interchange.dataset.validation import DatasetError, parse_json
from interchange.dataset.writing import dataset_import


class Command(BaseCommand):
    help = "Impor dataset sakip-dataset/1 (JSON) secara atomik. / Import a sakip-dataset/1 file atomically."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--replace", action="store_true", help="Ganti data perangkat daerah yang sudah ada."
        )

    def handle(self, *args, file: Path, replace: bool, **options):
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Tidak dapat membaca berkas / cannot read file {file}: {exc}") from exc
        try:
            summary = dataset_import(parse_json(text), replace=replace)
        except DatasetError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(exc.problems)} masalah, tidak ada yang disimpan / {len(exc.problems)} problems, nothing saved"
            ) from exc
        self.stdout.write(str(summary))
