from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interchange.exporter import dumps
from interchange.rpjmd_dataset import rpjmd_export
from rpjmd.models import RegionalPlan


class Command(BaseCommand):
    help = "Ekspor RPJMD satu Pemda sebagai sakip-rpjmd/1. / Export a Pemda's RPJMD as sakip-rpjmd/1."

    def add_arguments(self, parser):
        parser.add_argument("--government", required=True, help="Kode Pemda / Pemda code")
        parser.add_argument(
            "--start-year", type=int, help="Tahun awal RPJMD (bawaan: yang terbaru) / the RPJMD's first year"
        )
        parser.add_argument(
            "--output", type=Path, help="Berkas tujuan (bawaan: keluaran standar) / output file"
        )

    def handle(self, *args, government: str, start_year: int | None, output: Path | None, **options):
        plans = RegionalPlan.objects.filter(government__code=government).select_related("government")
        if start_year is not None:
            plans = plans.filter(start_year=start_year)
        plan = plans.order_by("-start_year", "-pk").first()
        if plan is None:
            raise CommandError(f"RPJMD tidak ditemukan / no RPJMD for: {government}")
        text = dumps(rpjmd_export(plan))
        if output is None:
            self.stdout.write(text, ending="")
        else:
            output.write_text(text, encoding="utf-8")
            self.stderr.write(f"{government}: {plan} → {output}")
