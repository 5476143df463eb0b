"""Import a `sakip-rpjmd/1` file (interchange/rpjmd_dataset.py): all or nothing, every problem listed with its
JSON path; references to agencies not (yet) present are warnings and only those links are left out."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interchange.dataset.validation import DatasetError, parse_json
from interchange.rpjmd_dataset import rpjmd_import


class Command(BaseCommand):
    help = "Impor RPJMD Pemda (sakip-rpjmd/1) secara atomik. / Import a Pemda's RPJMD (sakip-rpjmd/1) atomically."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--replace", action="store_true", help="Ganti RPJMD periode dan revisi yang sama. / Replace it."
        )

    def handle(self, *args, file: Path, replace: bool, **options):
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Tidak dapat membaca berkas / cannot read file {file}: {exc}") from exc
        try:
            summary = rpjmd_import(parse_json(text), replace=replace)
        except DatasetError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            n = len(error.problems)
            raise CommandError(
                f"{n} masalah, tidak ada yang disimpan / {n} problems, nothing saved"
            ) from error
        self.stdout.write(str(summary))
