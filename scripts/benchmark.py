"""Measure import and report speed on the demo dataset and on copies scaled 10× and 100×.

Usage: .venv/bin/python scripts/benchmark.py [--repeat 5] [--factors 1,10,100]
Runs against a throw-away SQLite file (or DATABASE_URL if set) and prints a Markdown table for
docs/performance.md. Times are wall-clock medians on this machine; query counts are exact.
"""

import argparse
import copy
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interchange.scale import scaled  # noqa: E402


def median_time(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--factors", default="1,10,100")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.db")
    os.environ["DJANGO_SETTINGS_MODULE"] = "sakip.settings.dev"
    os.environ["DEBUG"] = "false"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from agencies.models import Agency
    from interchange.demo import DEMO_DATASET
    from interchange.exporter import dataset_export
    from interchange.importer import dataset_import
    from reports.assembly import report_build
    from reports.json_report import dumps

    call_command("migrate", verbosity=0)
    demo = json.loads(DEMO_DATASET.read_text(encoding="utf-8"))
    print(f"Database: {connection.vendor}; median of {args.repeat} runs; Python {sys.version.split()[0]}\n")
    print("| data | indicators | budget rows | import | report JSON | queries (report) | export |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for factor in [int(f) for f in args.factors.split(",")]:
        data = scaled(demo, factor)
        import_time = median_time(
            lambda data=data: dataset_import(copy.deepcopy(data), replace=True), args.repeat
        )
        agency = Agency.objects.select_related("government").get(code=data["agency"]["code"])

        def render(agency=agency):
            return dumps(report_build(agency=agency, year=2021))

        with CaptureQueriesContext(connection) as queries:
            render()
        report = report_build(agency=agency, year=2021)
        budget_rows = sum(1 + len(a.children) for p in report.budget.children for a in p.children)
        report_time = median_time(render, args.repeat)
        export_time = median_time(lambda agency=agency: dataset_export(agency), args.repeat)
        print(
            f"| demo ×{factor} | {len(report.indicators)} | {budget_rows} | {import_time * 1000:.0f} ms "
            f"| {report_time * 1000:.0f} ms | {len(queries)} | {export_time * 1000:.0f} ms |"
        )


if __name__ == "__main__":
    main()
