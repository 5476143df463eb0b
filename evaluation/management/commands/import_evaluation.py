from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from evaluation.interchange import EvaluationImportError, import_evaluation


class Command(BaseCommand):
    help = (
        "Impor evaluasi AKIP sakip-evaluation/1 (JSON) secara atomik. / "
        "Import a sakip-evaluation/1 file atomically (every problem listed, nothing saved on error)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Tidak dapat membaca berkas / cannot read file {file}: {exc}") from exc
        try:
            summary = import_evaluation(text)
        except EvaluationImportError as error:
            n = len(error.problems)
            raise CommandError(
                "\n".join(
                    [*error.problems, f"{n} masalah, tidak ada yang disimpan / {n} problems, nothing saved"]
                )
            ) from None
        self.stdout.write(str(summary))
