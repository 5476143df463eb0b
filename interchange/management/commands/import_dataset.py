"""Import of a `sakip-dataset/2` (or `/1`) document (SPEC.md §5): `validation` lists every problem first, then `writing`
writes the whole document in one transaction.

The import is an import run (`interchange.models.ImportRun`, applied by `interchange.tasks.import_dataset`). By default
the command applies it in its own process and prints its outcome (SPEC §5: the data is there when the command
returns); with `--queue` it hands the run to a task worker and says so.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency
from interchange.dataset.writing import ImportSummary
from interchange.models import ImportRun
from interchange.tasks import import_dataset, pack


def _agency_code(text: str) -> str:
    """The agency code the file names, to take its write lock; "" when the file does not say (validation will)."""
    try:
        code = json.loads(text)["agency"]["code"]
    except (ValueError, KeyError, TypeError):
        return ""
    return code if isinstance(code, str) else ""


class Command(BaseCommand):
    help = "Impor dataset sakip-dataset/2 atau /1 (JSON) secara atomik. / Import a sakip-dataset/2 or /1 file atomically."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--replace", action="store_true", help="Ganti data perangkat daerah yang sudah ada."
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Serahkan ke pekerja antrean (manage.py task_worker). / Hand the import to a task worker.",
        )

    def handle(self, *args, file: Path, replace: bool, queue: bool, **options):
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Tidak dapat membaca berkas / cannot read file {file}: {exc}") from exc
        run = ImportRun.objects.create(
            kind=ImportRun.Kind.DATASET,
            agency_code=_agency_code(text)[:100],
            replace=replace,
            source=pack(text.encode()),
        )
        if queue:
            import_dataset.enqueue(run.pk)
        else:
            import_dataset.call(run.pk)
        run.refresh_from_db()
        if not run.finished:
            self.stdout.write(
                f"Impor #{run.pk} diantrekan; pekerja antrean (manage.py task_worker) akan menjalankannya. / "
                f"Import #{run.pk} queued for a task worker."
            )
            return
        if run.status == ImportRun.Status.FAILED:
            for problem in run.problems:
                self.stderr.write(f"{problem['where']}: {problem['message']}")
            if not run.problems:
                raise CommandError(run.error)
            n = len(run.problems)
            raise CommandError(f"{n} masalah, tidak ada yang disimpan / {n} problems, nothing saved")
        summary = ImportSummary(
            agency=Agency.objects.get(code=run.summary["agency"]),
            replaced=run.summary["replaced"],
            counts=run.summary["counts"],
        )
        self.stdout.write(str(summary))
