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
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import warnings

    import django

    warnings.filterwarnings(
        "ignore", message="No directory at"
    )  # whitenoise: no collectstatic for a benchmark
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
    pages, documents = {}, {}
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
        pages[factor] = page_times(agency, args.repeat)
        documents[factor] = document_times(agency, args.repeat if factor < 10 else 1)

    print("\nServer time of the planner's screens (GET, admin user; queries in brackets):\n")
    factors = list(pages)
    print("| screen | " + " | ".join(f"demo ×{f}" for f in factors) + " |")
    print("|---|" + "---:|" * len(factors))
    for name in pages[factors[0]]:
        cells = [f"{pages[f][name][0] * 1000:.0f} ms ({pages[f][name][1]})" for f in factors]
        print(f"| {name} | " + " | ".join(cells) + " |")

    print(
        "\nThe LKjIP of 2021 (HTML: assembly, charts and templates; PDF: the same plus the WeasyPrint layout):\n"
    )
    print(
        "| data | HTML (charts drawn) | HTML (charts memoised) | PDF (uncached) | PDF pages | Excel annexes |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for factor, (html_time, warm_time, pdf_time, page_count, xlsx_time) in documents.items():
        print(
            f"| demo ×{factor} | {html_time * 1000:.0f} ms | {warm_time * 1000:.0f} ms | {pdf_time:.2f} s "
            f"| {page_count} | {xlsx_time * 1000:.0f} ms |"
        )


def document_times(agency, repeat):
    """The LKjIP of year 2021: HTML (assembly + charts + templates) and PDF (the same + WeasyPrint layout)."""
    from reports import charts
    from reports.assembly import report_build
    from reports.document import document_build
    from reports.pdf import lkjip_html, lkjip_pdf

    def html():  # cold: every chart drawn again
        charts.clear_caches()
        return lkjip_html(document_build(report_build(agency=agency, year=2021)), for_print=True)

    def warm_html():  # charts memoised, as on every view after the first
        return lkjip_html(document_build(report_build(agency=agency, year=2021)), for_print=True)

    def pdf():  # no PDF cache, charts drawn again
        charts.clear_caches()
        return lkjip_pdf(document_build(report_build(agency=agency, year=2021)), use_cache=False)

    from weasyprint import HTML

    from reports.xlsx import annex_workbook, workbook_bytes

    def xlsx():
        return workbook_bytes(annex_workbook(report_build(agency=agency, year=2021)))

    pages = len(HTML(string=html()).render().pages)
    timings = (median_time(html, repeat), median_time(warm_html, repeat), median_time(pdf, repeat))
    return (*timings, pages, median_time(xlsx, repeat))


def page_times(agency, repeat):
    """Median server time and query count of each workspace screen, through the whole Django stack."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    admin = get_user_model().objects.filter(username="bench-admin").first()
    admin = admin or get_user_model().objects.create_superuser("bench-admin", password="x")
    client = Client()
    client.force_login(admin)
    code, year = agency.code, 2021
    screens = {
        "Ringkasan": reverse("agencies:overview_year", args=[code, year]),
        "Renstra (pohon)": reverse("indicators:plan", args=[code]),
        "Target Renstra": reverse("indicators:targets_renstra", args=[code]),
        "Target PK": reverse("indicators:targets_pk", args=[code, year]),
        "Rencana Aksi": reverse("indicators:targets_quarters", args=[code, year]),
        "Realisasi TW II": reverse("indicators:realisations", args=[code, year, 2]),
        "Anggaran": reverse("budgets:entry", args=[code, year]),
        "Narasi": reverse("reports:narratives", args=[code, year]),
    }
    out = {}
    for name, url in screens.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        count = len(queries)  # now: the next request's start clears the connection's query log
        out[name] = (median_time(lambda url=url: client.get(url), repeat), count)
    return out


if __name__ == "__main__":
    main()
