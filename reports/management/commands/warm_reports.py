"""`manage.py warm_reports [--government CODE ...] [--year N] [--refresh]`: fill the shared cache with every agency's
report and the Pemda dashboard's figures (reports/pemda/warm.py), so that the dashboard's first view after a deploy,
a restart of the cache or a flush is as fast as a warm one. `--refresh`, from cron every 15 minutes, rebuilds them
from the database even when cached and keeps them an hour: the dashboard stays warm between deploys, and a write
that raised no revision is still seen within the quarter of an hour (README, "Production deployment").

Run it once after `migrate` in a deployment (README, "Production deployment"), in its own process: never inside a
web request nor a test run. It only helps where the cache is shared (`CACHE_URL`, e.g. Redis): with the default
local-memory cache, the cache is each process's own and one warmed here would vanish with this process, so the
command says so and warms nothing. Not at a task worker's start either: a worker restarts often (`--max-tasks`,
each supervisor restart), and with the local-memory cache its forked children would warm only themselves.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from agencies.models import Government
from reports.pemda.dashboard import dashboard_year, plan_years
from reports.pemda.warm import cache_is_shared, warm


class Command(BaseCommand):
    help = (
        "Isi cache bersama dengan laporan setiap perangkat daerah dan angka dasbor Pemda. / Warm the shared cache "
        "with every agency's report and the Pemda dashboard's figures (default: every Pemda, its dashboard's year)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--government",
            action="append",
            default=[],
            help="a Pemda's code (repeat for more; default: every one)",
        )
        parser.add_argument(
            "--year",
            type=int,
            help="the report year (default: the year each Pemda's dashboard opens on: this year, within its plans)",
        )
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="rebuild from the database even what is cached, and keep it an hour (cron, every 15 minutes)",
        )

    def handle(
        self, *, government: list[str], year: int | None, refresh: bool = False, **options: Any
    ) -> None:
        if not cache_is_shared():
            self.stdout.write(
                "Cache tidak dihangatkan: cache lokal per proses (CACHE_URL tidak diatur). / Cache not warmed: the "
                "cache is each process's own (no shared CACHE_URL), so warming it here would help no other process."
            )
            return
        governments = list(Government.objects.order_by("code"))
        if government:
            known = {g.code: g for g in governments}
            unknown = [code for code in government if code not in known]
            if unknown:
                raise CommandError(
                    f"Pemda tidak dikenal: {', '.join(unknown)} / unknown Pemda: {', '.join(unknown)}"
                )
            governments = [known[code] for code in dict.fromkeys(government)]
        this_year = timezone.localdate().year
        done = warm(
            governments,
            lambda g: year if year is not None else dashboard_year(plan_years(g), this_year),
            refresh=refresh,
        )
        seconds = f"{done.seconds:.2f}"
        agencies = f"{done.agencies} agenc{'y' if done.agencies == 1 else 'ies'}"
        without_id = f" ({done.without_report} tanpa Renstra tahun ini)" if done.without_report else ""
        without_en = f" ({done.without_report} without a Renstra for the year)" if done.without_report else ""
        self.stdout.write(
            f"Cache {'diperbarui' if refresh else 'dihangatkan'}: {done.agencies} perangkat daerah{without_id}, {done.governments} Pemda, "
            f"{seconds.replace('.', ',')} detik. / Cache {'refreshed' if refresh else 'warmed'}: {agencies}{without_en}, {done.governments} Pemda, "
            f"{seconds} s."
        )
