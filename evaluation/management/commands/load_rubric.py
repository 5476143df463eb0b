from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from agencies.models import Government
from evaluation.rubric import RubricError
from evaluation.services import load_rubric


class Command(BaseCommand):
    help = (
        "Muat rubrik evaluasi (sakip-rubric/1) untuk satu Pemda atau untuk semua. / "
        "Load an evaluation rubric (sakip-rubric/1) for one Pemda, or shared by all."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--government", help="Kode Pemda (tanpa: rubrik bersama) / Pemda code (default: a shared rubric)"
        )

    def handle(self, *args, file: Path, government: str | None, **options):
        found = None
        if government is not None:
            found = Government.objects.filter(code=government).first()
            if found is None:
                raise CommandError(f"Pemda tidak ditemukan / Pemda not found: {government}")
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Tidak dapat membaca berkas / cannot read file {file}: {exc}") from exc
        try:
            record = load_rubric(found, text)
        except RubricError as error:
            n = len(error.problems)
            raise CommandError(
                "\n".join(
                    [*error.problems, f"{n} masalah, tidak ada yang disimpan / {n} problems, nothing saved"]
                )
            ) from None
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from None
        where = found.code if found else "semua Pemda / every Pemda"
        criteria = len(record.rubric.criteria)
        self.stdout.write(
            f"{record.code} v{record.version} ({criteria} kriteria / criteria) dimuat untuk / loaded for {where}"
        )
