"""Measure import and report speed on the demo dataset and on copies scaled 10× and 100×.

Usage: .venv/bin/python scripts/benchmark.py [--repeat 5] [--factors 1,10,100] [--pdf-factors 1,10]
                                             [--parts data,screens,lkjip,edition,queue|batch|pemda|pemda-idle|lkjip-pemda|evaluation|api|api-write]
                                             [--pemda-agencies 10,50]
                                             [--tasks-backend database|rq]
Runs against a throw-away SQLite file (or DATABASE_URL if set) and prints Markdown tables for
docs/performance.md. Times are wall-clock medians on this machine; query counts are exact. The LKjIP part also
gives CPU time (time.process_time): rendering is single-threaded, so it is the time of one core, and unlike the
wall clock it does not grow when other processes share the machine.
"""

import argparse
import copy
import gc
import json
import os
import re
import shutil
import statistics
import subprocess
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


def median_times(fn, repeat, after=None):
    """Median (wall, CPU) seconds of `fn` over `repeat` runs; CPU is this process's time on one core. With `after`
    (called after each run, untimed by the first figure): ((wall, CPU), median CPU of `after`)."""
    walls, cpus, afters = [], [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        if after is not None:
            cpu = time.process_time()
            after()
            afters.append(time.process_time() - cpu)
    times = statistics.median(walls), statistics.median(cpus)
    return times if after is None else (times, statistics.median(afters))


def reference_loop() -> float:
    """CPU seconds of a fixed pure-Python loop: how fast this machine is today, to compare figures taken on
    different days (shared cloud machines vary by a factor of two or more)."""
    cpu, total = time.process_time(), 0
    for i in range(3_000_000):
        total += i * i
    return time.process_time() - cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--factors", default="1,10,100")
    parser.add_argument("--pdf-factors", default="1,10", help="sizes whose PDF is rendered (×100: ~25 min)")
    parser.add_argument("--parts", default="data,screens,lkjip,edition")
    parser.add_argument(
        "--pemda-agencies",
        default="10,50",
        help="sizes of the synthetic Pemda of the `pemda` part (generate_pemda)",
    )
    parser.add_argument(
        "--queue-steps",
        default="latency,batch,memory",
        help="steps of the `queue` part: save → downloadable, a batch of 20 with 1 and 2 workers, a worker's memory",
    )
    parser.add_argument(
        "--tasks-backend",
        default="database",
        choices=("database", "rq", "rq-cold"),
        help="queue of the `queue` part: the database (task_worker) or Redis (rqworker with our warmed-up worker "
        "class; rq-cold: RQ's own worker class; Redis at REDIS_URL)",
    )
    parser.add_argument(
        "--agencies", type=int, default=50, help="`batch` part: agencies of the synthetic Pemda"
    )
    parser.add_argument("--one-pdf", help=argparse.SUPPRESS)  # child process: one cold PDF of this agency
    parser.add_argument(
        "--warm-up", action="store_true", help=argparse.SUPPRESS
    )  # … after the server warm-up
    args = parser.parse_args()
    if args.one_pdf:
        return one_cold_pdf(args.one_pdf, args.warm_up)
    parts = set(args.parts.split(","))
    os.environ["TASKS_BACKEND"] = args.tasks_backend.removesuffix("-cold")

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
    from interchange.dataset.writing import dataset_import
    from interchange.demo import DEMO_DATASET
    from interchange.exporter import dataset_export
    from reports.readmodel.build import report_build
    from reports.readmodel.json_report import dumps

    call_command("migrate", verbosity=0)
    demo = json.loads(DEMO_DATASET.read_text(encoding="utf-8"))
    print(f"Database: {connection.vendor}; median of {args.repeat} runs; Python {sys.version.split()[0]}")
    print(f"Reference loop (3 million multiply-adds in Python): {reference_loop():.2f} s CPU\n")
    if "pemda" in parts:
        return pemda_benchmark(args.repeat, [int(n) for n in args.pemda_agencies.split(",")])
    if "api" in parts:
        return api_read_benchmark(demo, args.repeat)
    if "batch" in parts:
        return pemda_batch_benchmark(args.agencies, args.tasks_backend)
    if "pemda-idle" in parts:
        return pemda_idle_benchmark(args.repeat, [int(n) for n in args.pemda_agencies.split(",")])
    if "lkjip-pemda" in parts:
        return pemda_lkjip_benchmark(args.repeat, [int(n) for n in args.pemda_agencies.split(",")])
    if "evaluation" in parts:
        return evaluation_benchmark(args.repeat, [int(n) for n in args.pemda_agencies.split(",")])
    if "api-write" in parts:
        return api_write_benchmark(demo, args.repeat)
    if "queue" in parts:
        factors = [int(f) for f in args.pdf_factors.split(",")]
        return queue_benchmark(
            demo, args.repeat, args.tasks_backend, factors, set(args.queue_steps.split(","))
        )
    if "data" in parts:
        print("| data | indicators | budget rows | import | report JSON | queries (report) | export |")
        print("|---|---:|---:|---:|---:|---:|---:|")
    pages, documents, editions = {}, {}, {}
    pdf_factors = {int(f) for f in args.pdf_factors.split(",") if f}
    for factor in [int(f) for f in args.factors.split(",")]:
        data = scaled(demo, factor)
        import_time = median_time(
            lambda data=data: dataset_import(copy.deepcopy(data), replace=True),
            args.repeat if "data" in parts else 1,
        )
        agency = Agency.objects.select_related("government").get(code=data["agency"]["code"])
        if "data" not in parts:
            if "screens" in parts:
                pages[factor] = page_times(agency, args.repeat)
            if "lkjip" in parts:
                documents[factor] = document_times(agency, args.repeat, factor in pdf_factors)
            if "edition" in parts:
                editions[factor] = edition_times(agency, args.repeat)
            continue

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
        if "screens" in parts:
            pages[factor] = page_times(agency, args.repeat)
        if "lkjip" in parts:
            documents[factor] = document_times(agency, args.repeat, factor in pdf_factors)
        if "edition" in parts:
            editions[factor] = edition_times(agency, args.repeat)

    if pages:
        print("\nServer time of the planner's screens (GET, admin user; queries in brackets):\n")
        factors = list(pages)
        print("| screen | " + " | ".join(f"demo ×{f}" for f in factors) + " |")
        print("|---|" + "---:|" * len(factors))
        for name in pages[factors[0]]:
            cells = [f"{pages[f][name][0] * 1000:.0f} ms ({pages[f][name][1]})" for f in factors]
            print(f"| {name} | " + " | ".join(cells) + " |")
    if documents:
        print_documents(documents, args.repeat)
    if editions:
        print(
            "\nThe approved edition (reports/lkjip/editions.py): kept at approval, served while the year stays approved.\n"
        )
        print(
            "| data | keep the edition (approval) | stored (compressed) | HTML pages and downloads uncompressed | serve the page |"
        )
        print("|---|---:|---:|---:|---:|")
        for factor, (keep, stored, raw, serve) in editions.items():
            print(
                f"| demo ×{factor} | {keep * 1000:.0f} ms | {stored / 1024:.0f} KB | {raw / 1024:.0f} KB "
                f"| {serve * 1000:.1f} ms |"
            )


def edition_times(agency, repeat):
    """Time to keep the approved edition of 2021 (the part of an approval that renders), its size, and the time
    to serve its page (unpack and wrap), each the median of `repeat`."""
    from django.db import transaction
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    from reports.lkjip.editions import approved_edition, capture_edition
    from review.models import ApprovedEdition, ReviewEvent, YearReview
    from review.workflow import Action, State

    review, _ = YearReview.objects.update_or_create(
        agency=agency, year=2021, defaults={"state": State.APPROVED}
    )

    def keep():
        with transaction.atomic():
            event = ReviewEvent.objects.create(
                review=review, action=Action.APPROVE, from_state=State.SUBMITTED, to_state=State.APPROVED
            )
            return capture_edition(event, agency, 2021)

    keep_time = median_time(keep, repeat)
    stored = ApprovedEdition.objects.filter(event__review=review).order_by("-pk").first()
    blobs = ("page_body", "print_html", "stylesheet", "download_html", "report_json", "workbook")
    size = sum(len(bytes(getattr(stored, name))) for name in blobs)
    edition = approved_edition(agency, 2021)
    raw = sum(len(text.encode()) for text in (edition.page_body, edition.download_html, edition.report_json))

    def serve():  # what the page view does for an approved year
        edition = approved_edition(agency, 2021)
        context = {"edition": edition, "agency": agency, "year": 2021, "body": mark_safe(edition.page_body)}
        return render_to_string("reports/lkjip/edition.html", context)

    serve_time = median_time(serve, repeat)
    ReviewEvent.objects.filter(review=review).delete()
    review.delete()
    return keep_time, size, raw, serve_time


def print_documents(documents, repeat):
    print(
        "\nThe LKjIP of 2021, wall / CPU of one core (HTML: assembly, charts and templates; PDF: the same plus\n"
        f"WeasyPrint). Cold PDF: the first one in a fresh process (median of {repeat} processes, one at ×10);\n"
        "first after warm-up: the same in a process that ran reports.registry.warm_up first, as a gunicorn worker\n"
        "does before its first request (warm-up CPU in brackets); warm PDF: the next one in the same process\n"
        "(charts drawn again, stylesheet and fonts already loaded). The last column is the garbage collection a\n"
        "process that goes on after the render pays (CPU of gc.collect after the cold and the warm PDF); a task\n"
        "worker renders in a child process that exits instead (reports/management/commands/task_worker.py).\n"
    )
    print(
        "| data | HTML (charts drawn) | HTML (charts memoised) | PDF cold | PDF first after warm-up "
        "| PDF warm | PDF pages | Excel annexes | collection after the PDF |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")

    def pair(times, unit="s"):
        if times is None:
            return "not run"
        wall, cpu = times
        if unit == "ms":
            return f"{wall * 1000:.0f} / {cpu * 1000:.0f} ms"
        return f"{wall:.2f} / {cpu:.2f} s"

    for factor, d in documents.items():
        warm_up = f" ({d['warm_up']:.2f} s)" if d["warm_up"] is not None else ""
        after = "–" if d["after_cold"] is None else f"{d['after_cold']:.2f} / {d['after_warm']:.2f} s"
        print(
            f"| demo ×{factor} | {pair(d['html'], 'ms')} | {pair(d['warm_html'], 'ms')} | {pair(d['pdf_cold'])} "
            f"| {pair(d['pdf_first'])}{warm_up} | {pair(d['pdf_warm'])} | {d['pages'] or '–'} "
            f"| {d['xlsx'] * 1000:.0f} ms | {after} |"
        )


def pdf_page_count(pdf: bytes) -> int:
    """Pages of a PDF, read by poppler's pdfinfo (WeasyPrint compresses the page dictionaries); 0 without it."""
    if not shutil.which("pdfinfo"):
        return 0
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        info = subprocess.run(["pdfinfo", file.name], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])


def one_cold_pdf(agency_code, warm_up=False):
    """Child process: set Django up, then time the first PDF of the agency's LKjIP 2021 (charts drawn, no
    PDF cache) and print wall, CPU and page count as JSON. `warm_up`: after `reports.registry.warm_up`, as a gunicorn
    worker does before its first request (its own CPU time is printed too)."""
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    import weasyprint  # noqa: F401  (a server imports it at start-up: not part of a request)

    from agencies.models import Agency
    from reports import registry
    from reports.lkjip.document import document_build
    from reports.lkjip.render import lkjip_pdf
    from reports.readmodel.build import report_build

    warm_up_cpu = time.process_time()
    if warm_up:
        registry.warm_up()
    warm_up_cpu = time.process_time() - warm_up_cpu
    agency = Agency.objects.select_related("government").get(code=agency_code)
    wall, cpu = time.perf_counter(), time.process_time()
    pdf = lkjip_pdf(document_build(report_build(agency=agency, year=2021)))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    after = time.process_time()
    gc.collect()
    after = time.process_time() - after
    print(
        json.dumps(
            {"wall": wall, "cpu": cpu, "after": after, "pages": pdf_page_count(pdf), "warm_up": warm_up_cpu}
        )
    )


def document_times(agency, repeat, with_pdf=True):
    """The LKjIP of year 2021: HTML (assembly + charts + templates) and PDF (the same + WeasyPrint layout)."""
    from reports.lkjip import charts
    from reports.lkjip.document import document_build
    from reports.lkjip.render import lkjip_html, lkjip_pdf
    from reports.lkjip.workbook import annex_workbook
    from reports.readmodel.build import report_build
    from sakip.xlsx import workbook_bytes

    def html():  # cold: every chart drawn again
        charts.clear_caches()
        return lkjip_html(document_build(report_build(agency=agency, year=2021)), for_print=True)

    def warm_html():  # charts memoised, as on every view after the first
        return lkjip_html(document_build(report_build(agency=agency, year=2021)), for_print=True)

    def pdf():  # no PDF cache, charts drawn again; WeasyPrint already warmed up by an earlier PDF
        charts.clear_caches()
        return lkjip_pdf(document_build(report_build(agency=agency, year=2021)))

    def xlsx():
        return workbook_bytes(annex_workbook(report_build(agency=agency, year=2021)))

    out = {"html": median_times(html, repeat), "warm_html": median_times(warm_html, repeat)}
    out["pdf_cold"] = out["pdf_warm"] = out["pdf_first"] = out["warm_up"] = None
    out["after_cold"] = out["after_warm"] = None
    out["pages"] = 0
    if with_pdf:
        runs = repeat if pdf_page_count(pdf()) < 200 else 1  # the call also warms this process up
        colds = [cold_pdf(agency.code) for _ in range(runs)]
        out["pdf_cold"] = (
            statistics.median(c["wall"] for c in colds),
            statistics.median(c["cpu"] for c in colds),
        )
        warmed = [cold_pdf(agency.code, warm_up=True) for _ in range(runs)]
        out["pdf_first"] = (
            statistics.median(c["wall"] for c in warmed),
            statistics.median(c["cpu"] for c in warmed),
        )
        out["warm_up"] = statistics.median(c["warm_up"] for c in warmed)
        out["pages"] = colds[0]["pages"]
        out["pdf_warm"], out["after_warm"] = median_times(pdf, runs, after=gc.collect)
        out["after_cold"] = statistics.median(c["after"] for c in colds)
    out["xlsx"] = median_time(xlsx, repeat)
    return out


def cold_pdf(agency_code, warm_up=False) -> dict:
    """One cold PDF, timed in a fresh Python process (same database, same settings)."""
    result = subprocess.run(
        [sys.executable, __file__, "--one-pdf", agency_code, *(["--warm-up"] if warm_up else [])],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


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
        # issue 18 and 19 screens
        "Profil": reverse("agencies:profile", args=[code, year]),
        "Belanja OPD": reverse("budgets:whole_budget", args=[code, year]),
        "Anggaran per triwulan": reverse("budgets:progress", args=[code, year]),
        "Realisasi tahunan": reverse("indicators:realisations_annual", args=[code, year]),
        "Analisis sasaran": reverse("indicators:objective_notes", args=[code, year]),
        "Siapkan tahun": reverse("indicators:year_start", args=[code, year]),
        "Renstra periode baru": reverse("indicators:plan_next_period", args=[code]),
        "Penanda tangan": reverse("reports:report_signing", args=[code, year]),
        "Pemeriksaan": reverse("reports:review", args=[code, year]),
        "Reviu": reverse("review:detail", args=[code, year]),
        "LKjIP (pratinjau)": reverse("reports:lkjip", args=[code, year]),
        "Riwayat": reverse("history:agency", args=[code]),
        "IKM": reverse("surveys:list", args=[code]),
        "Pemberitahuan": reverse("agencies:notifications"),
    }
    out = {}
    for name, url in screens.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        count = len(queries)  # now: the next request's start clears the connection's query log
        out[name] = (median_time(lambda url=url: client.get(url), repeat), count)
    return out


# --- background work: the task queue and its workers (docs/performance.md, "Background work") -------------------
class WorkerProcess:
    """A task worker in a process of its own, as production runs it: `task_worker` on the database queue, or
    django-rq's `rqworker` on Redis. Its log tells when it is ready and, for `task_worker`, each render's child's
    peak memory."""

    def __init__(self, backend: str, *extra: str):
        self.log = tempfile.NamedTemporaryFile("w+", suffix=".log")  # noqa: SIM115 (closed in stop)
        if backend.startswith("rq"):
            command = ["rqworker", "default", "--job-class", "django_tasks_rq.Job"]
            if backend == "rq":
                command += ["--worker-class", "reports.rq_worker.WarmWorker"]
        else:
            command = ["task_worker", "--no-reload", "--interval", "0.2", "--no-startup-delay", *extra]
        self.ready_line = "Listening on" if backend.startswith("rq") else "Starting worker"
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", *command], cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT
        )

    def text(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def wait_ready(self, timeout=120):
        deadline = time.monotonic() + timeout
        while self.ready_line not in self.text():
            assert self.process.poll() is None and time.monotonic() < deadline, self.text()[-2000:]
            time.sleep(0.05)

    def memory_mb(self, field="VmRSS") -> float:
        """This process's resident memory now (VmRSS) or at its peak (VmHWM), children not included."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(rf"^{field}:\s+(\d+) kB", status, re.M)[1]) / 1024

    def child_peaks(self) -> list[float]:
        return [float(mb) for mb in re.findall(r"peak memory (\d+) MB", self.text())]

    def child_cpu(self) -> float:
        """CPU seconds (user + system) of the tasks' child processes, from the worker's log."""
        return sum(float(s) for s in re.findall(r"CPU ([\d.]+) s", self.text()))

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=300)  # a render under way is finished first
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def _wait_for(condition, timeout=1800, step=0.05):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError
        time.sleep(step)


def queue_benchmark(demo, repeat, backend, memory_factors, steps):
    """What a user waits for once rendering left the request, the throughput of one and two workers, and a
    worker's memory at demo ×1 and ×10."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from agencies.models import Agency
    from interchange.dataset.writing import dataset_import

    dataset_import(copy.deepcopy(demo), replace=True)
    agency = Agency.objects.select_related("government").get(code=demo["agency"]["code"])
    admin = get_user_model().objects.filter(username="bench-admin").first()
    admin = admin or get_user_model().objects.create_superuser("bench-admin", password="x")
    client = Client()
    client.force_login(admin)
    args = [agency.code, 2021]
    download = reverse("reports:lkjip_pdf", args=args)
    status = reverse("reports:lkjip_pdf_status", args=args)
    print(f"Task queue: {backend} ({connection.vendor} database); load average {os.getloadavg()[0]:.1f}\n")

    if "latency" in steps:
        save_to_download(client, agency, download, status, repeat, backend)
    if "batch" in steps:
        batch_throughput(agency, backend)
    if "memory" in steps and backend == "database":
        worker_memory(demo, agency, memory_factors)


def save_to_download(client, agency, download, status, repeat, backend):
    """A planner saves a realisation, then asks for the PDF: the answer (the waiting page), then the file."""
    from indicators.models import Realisation
    from reports.models import RenderedFile

    worker = WorkerProcess(backend)
    worker.wait_ready()
    realisation = Realisation.objects.filter(indicator__plan__agency=agency, year=2021, quarter=0).first()
    rows = []
    for n in range(repeat):
        RenderedFile.objects.all().delete()
        realisation.note = f"benchmark {n}"  # printed nowhere; the value below is
        realisation.value = (realisation.value or 0) + 1
        start = time.perf_counter()
        realisation.save()
        response = client.get(download)
        answered = time.perf_counter()
        record = RenderedFile.objects.order_by("-pk").first()
        url = f"{status}?versi={record.version}"
        _wait_for(lambda url=url: client.get(url).json()["status"] in ("ready", "failed"))
        pdf = client.get(f"{download}?versi={record.version}")
        done = time.perf_counter()
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-"), pdf.status_code
        record.refresh_from_db()
        rows.append(
            {
                "answer": answered - start,
                "code": response.status_code,
                "total": done - start,
                "pickup": (record.started_at - record.queued_at).total_seconds(),
                "render": (record.finished_at - record.started_at).total_seconds(),
            }
        )
    worker.stop()
    med = {key: statistics.median(r[key] for r in rows) for key in ("answer", "total", "pickup", "render")}
    print(f"Save a realisation → its PDF downloadable (demo ×1, one worker, median of {repeat}):\n")
    print("| answer to the click | of which queued → picked up | rendered | save → downloadable |")
    print("|---:|---:|---:|---:|")
    print(
        f"| {med['answer'] * 1000:.0f} ms (HTTP {rows[0]['code']}) | {med['pickup']:.2f} s | {med['render']:.1f} s "
        f"| {med['total']:.1f} s |\n"
    )


def batch_throughput(agency, backend):
    """Twenty documents queued at once, rendered by one worker, then by two."""
    from reports.documents.pdf import stylesheet_text
    from reports.lkjip.document import document_build
    from reports.lkjip.render import lkjip_print_html
    from reports.models import RenderedFile
    from reports.readmodel.build import report_build
    from reports.rendering import RenderInput, request_render

    html, sheets = (
        lkjip_print_html(document_build(report_build(agency=agency, year=2021))),
        (stylesheet_text(),),
    )
    batch = 20
    throughput = {}
    for count in (1, 2):
        RenderedFile.objects.all().delete()
        workers = [WorkerProcess(backend) for _ in range(count)]
        for w in workers:
            w.wait_ready()
        start = time.perf_counter()
        for n in range(batch):
            # Twenty documents (a year each: versions of one document would supersede each other), the same size.
            request_render(
                RenderInput("lkjip-pdf", agency, 2100 + n, "x.pdf", f"{html}<!-- {count}/{n} -->", sheets)
            )
        _wait_for(lambda: RenderedFile.objects.filter(status="ready").count() == batch, step=0.2)
        wall = time.perf_counter() - start
        load = os.getloadavg()[0]
        cpu = sum(w.child_cpu() for w in workers)
        for w in workers:
            w.stop()
        throughput[count] = (wall, batch / wall * 60, cpu, load)
    print(
        f"A batch of {batch} LKjIP renders (demo ×1) queued at once; CPU: the renders' own (user + system),"
    )
    print("and the share of the machine's two cores they got (the rest went to other processes):\n")
    print(
        "| workers | wall | renders per minute | CPU per render | share of 2 cores | load average at the end |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for count, (wall, per_minute, cpu, load) in throughput.items():
        share = f"{cpu / (wall * 2) * 100:.0f} %" if cpu else "–"
        per_render = f"{cpu / batch:.2f} s" if cpu else "–"
        print(f"| {count} | {wall:.1f} s | {per_minute:.1f} | {per_render} | {share} | {load:.1f} |")
    print(f"\nThroughput 2 workers / 1 worker: {throughput[2][1] / throughput[1][1]:.2f}\n")


def worker_memory(demo, agency, memory_factors):
    """A worker's memory: its own (the warmed-up parent) and the child's peak for one render, at ×1 and ×10;
    and, for comparison, the same renders in the worker process itself (--no-fork)."""
    from interchange.dataset.writing import dataset_import
    from reports.documents.pdf import stylesheet_text
    from reports.lkjip.document import document_build
    from reports.lkjip.render import lkjip_print_html
    from reports.models import RenderedFile
    from reports.readmodel.build import report_build
    from reports.rendering import RenderInput, request_render

    backend, sheets = "database", (stylesheet_text(),)
    print("A task worker's memory for one LKjIP PDF (MB; VmRSS and VmHWM of the worker process, the child's")
    print("peak RSS from wait4):\n")
    print(
        "| data | pages | worker, idle | child's peak (fork) | worker after | without fork: peak | without fork: after |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for factor in memory_factors:
        dataset_import(scaled(demo, factor), replace=True)
        doc = document_build(report_build(agency=agency, year=2021))
        html = lkjip_print_html(doc)
        figures = []
        for extra in ((), ("--no-fork",)):
            RenderedFile.objects.all().delete()
            w = WorkerProcess(backend, *extra)
            w.wait_ready()
            time.sleep(0.5)
            idle = w.memory_mb()
            record = request_render(
                RenderInput("lkjip-pdf", agency, 2021, "x.pdf", f"{html}<!-- {extra} -->", sheets)
            )
            _wait_for(
                lambda record=record: RenderedFile.objects.get(pk=record.pk).status == "ready", step=0.5
            )
            time.sleep(0.5)
            figures.append((idle, w.child_peaks(), w.memory_mb(), w.memory_mb("VmHWM")))
            pdf = bytes(RenderedFile.objects.get(pk=record.pk).content)
            w.stop()
        (idle, peaks, after, _), (_, _, plain_after, plain_peak) = figures
        print(
            f"| demo ×{factor} | {pdf_page_count(pdf)} | {idle:.0f} | {peaks[-1]:.0f} | {after:.0f} "
            f"| {plain_peak:.0f} | {plain_after:.0f} |"
        )


# --- the whole Pemda (issue 20) ----------------------------------------------------------------------------------
def synthetic_pemda(size):
    """Kabupaten Sintetis with `size` agencies and its RPJMD (`generate_pemda --seed 1`, replacing an earlier one)."""
    from django.core.management import call_command

    from agencies.models import Government

    with open(os.devnull, "w") as quiet:
        call_command(
            "generate_pemda",
            agencies=size,
            years="2021-2025",
            seed=1,
            code="sintetis",
            replace=True,
            no_users=True,
            stdout=quiet,
        )
    return Government.objects.get(code="sintetis")


def pemda_client(government, role="pemda", username="bench-bappeda"):
    """A test client logged in as a Pemda-wide user of `government` (made once, its role and Pemda set anew)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from agencies.models import Profile

    user = get_user_model().objects.filter(username=username).first()
    user = user or get_user_model().objects.create_user(username, password="x")
    Profile.objects.update_or_create(user=user, defaults={"role": role, "government": government})
    client = Client()
    client.force_login(user)
    return client


# --- the dashboard over a synthetic Pemda of N agencies ----------------------------------------------------------
def pemda_benchmark(repeat, sizes):
    """The dashboard's server time and queries through the whole Django stack, for a synthetic Pemda of each size:
    cold (no agency's figures cached: every report built, in one batch), warm (nothing changed since), and after
    one agency's change (its report alone rebuilt); `warm_reports` on an emptied cache (`reports.pemda.warm`, what
    the deployment step costs) and the first view after it; and the workbook export."""
    print(
        "| agencies | indicators | dashboard cold | queries | warm | queries | one agency changed | warm_reports "
        "| first view after it | queries | workbook (warm) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        print(pemda_row(size, repeat))


def pemda_row(size, repeat) -> str:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from agencies.revisions import note_agency
    from indicators.models import Indicator
    from reports.pemda.warm import warm_pemda

    government = synthetic_pemda(size)
    client = pemda_client(government)
    url = reverse("pemda:dashboard", args=[government.code, 2023]) + "?tw=2"
    xlsx = reverse("pemda:dashboard_xlsx", args=[government.code, 2023]) + "?tw=2"
    indicators = Indicator.objects.filter(plan__agency__government=government).count()
    first_agency = government.agencies.order_by("pk").first().pk

    def cold():
        cache.clear()
        assert client.get(url).status_code == 200

    def warm():
        assert client.get(url).status_code == 200

    def changed():
        note_agency(first_agency)  # outside a transaction: written at once
        assert client.get(url).status_code == 200

    def counted(fn):
        with CaptureQueriesContext(connection) as queries:
            fn()
        return len(queries)

    def warmed():
        cache.clear()
        warm_pemda(government, 2023)

    cold_queries, cold_time = counted(cold), median_time(cold, repeat)
    warm_queries, warm_time = counted(warm), median_time(warm, repeat)
    changed_time = median_time(changed, repeat)
    warming_time = median_time(warmed, repeat)
    after_times = []
    for _ in range(repeat):  # the first view after each warm-up (a second one would just be warm)
        warmed()
        after_times.append(median_time(warm, 1))
    warmed()
    after_queries = counted(warm)
    xlsx_time = median_time(lambda: client.get(xlsx), repeat)
    return (
        f"| {size} | {indicators} | {cold_time * 1000:.0f} ms | {cold_queries} | {warm_time * 1000:.0f} ms | "
        f"{warm_queries} | {changed_time * 1000:.0f} ms | {warming_time * 1000:.0f} ms | "
        f"{statistics.median(after_times) * 1000:.0f} ms | {after_queries} | {xlsx_time * 1000:.0f} ms |"
    )


# --- the dashboard between deploys: a view after a quiet quarter of an hour, with and without the cron -----------
def pemda_idle_benchmark(repeat, sizes):
    """The dashboard's first view 16 minutes after the last one, nobody viewing in between, on a cache the processes
    share without a new service (Django's file cache, as `CACHE_URL=filecache://…`): without the cron its entries
    have expired (every report built again), with `warm_reports --refresh` run at minute 15 (as a quarter-hourly
    cron) it is a warm view. And what each cron run costs, in its own process, and what the cache holds."""
    print(
        "| agencies | view 16 min later, no cron | queries | with `warm_reports --refresh` every 15 min | queries "
        "| each refresh | cache on disk |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        print(pemda_idle_row(size, repeat))


def pemda_idle_row(size, repeat) -> str:
    from pathlib import Path
    from unittest import mock

    from django.core.cache import cache
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from reports.pemda.warm import warm_pemda

    government = synthetic_pemda(size)
    client = pemda_client(government)
    url = reverse("pemda:dashboard", args=[government.code, 2023]) + "?tw=2"
    folder = tempfile.mkdtemp()
    shared = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": folder,
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }

    def view_at(minutes):
        """(seconds, queries) of one view with the cache's clock `minutes` ahead."""
        now = time.time()
        with mock.patch("time.time", lambda: now + minutes * 60), CaptureQueriesContext(connection) as q:
            start = time.perf_counter()
            assert client.get(url).status_code == 200
            return time.perf_counter() - start, len(q)

    def refresh_at(minutes):
        now = time.time()
        with mock.patch("time.time", lambda: now + minutes * 60):
            warm_pemda(government, 2023, refresh=True)

    with override_settings(CACHES=shared):
        quiet, cron, refreshes = [], [], []
        for _ in range(repeat):
            cache.clear()
            view_at(0)  # the last view before the quiet quarter of an hour
            quiet.append(view_at(16))  # nobody refreshed: expired
            cache.clear()
            view_at(0)
            refreshes.append(median_time(lambda: refresh_at(15), 1))  # the cron's run at minute 15
            cron.append(view_at(16))
        disk = sum(f.stat().st_size for f in Path(folder).iterdir()) / 1024 / 1024
        cache.clear()
    quiet_time, cron_time = statistics.median(t for t, _ in quiet), statistics.median(t for t, _ in cron)
    return (
        f"| {size} | {quiet_time * 1000:.0f} ms | {quiet[-1][1]} | {cron_time * 1000:.0f} ms | {cron[-1][1]} "
        f"| {statistics.median(refreshes) * 1000:.0f} ms | {disk:.1f} MB |"
    )


# --- every agency's LKjIP of a year (reports/batch.py; docs/performance.md, "The whole Pemda's LKjIP") -----------
def pemda_batch_benchmark(agencies, backend, year=2024):
    """A synthetic Pemda of `agencies` agencies (`generate_pemda`), its batch of every agency's LKjIP PDF started
    as the Pemda's page starts it (`batch_start`: the preparation and the renders are tasks) and rendered by one
    worker, then by two; the zip made from it."""
    from django.db import connection

    from reports.batch import batch_progress, batch_start, batch_zip
    from reports.models import RenderBatch, RenderedFile

    started = time.perf_counter()
    government = synthetic_pemda(agencies)
    generated = time.perf_counter() - started
    print(
        f"Batch of every agency's LKjIP {year}: {agencies} agencies (generate_pemda --seed 1, {generated:.0f} s),"
    )
    print(f"{connection.vendor} database, {backend} queue; load average {os.getloadavg()[0]:.1f}\n")
    rows = {}
    for count in (1, 2):
        RenderBatch.objects.all().delete()
        RenderedFile.objects.all().delete()
        workers = [WorkerProcess(backend) for _ in range(count)]
        for w in workers:
            w.wait_ready()
        start = time.perf_counter()
        batch, _ = batch_start(government, year, ["pdf", "xlsx"])

        def finished(batch=batch):
            batch.refresh_from_db()
            return batch.error or batch_progress(batch).complete

        _wait_for(finished, timeout=6 * 3600, step=0.5)
        wall = time.perf_counter() - start
        progress = batch_progress(batch)
        prepared = (
            (batch.prepared_at - batch.created_at).total_seconds() if batch.prepared_at else float("nan")
        )
        rendered = RenderedFile.objects.filter(status="ready")
        render_cpu = sum(w.child_cpu() for w in workers)
        peaks = [max(w.child_peaks(), default=0) for w in workers]
        parents = [w.memory_mb("VmHWM") for w in workers]
        load = os.getloadavg()[0]
        for w in workers:
            w.stop()
        with tempfile.TemporaryFile() as out:
            zip_start = time.perf_counter()
            batch_zip(batch, out)
            zipped, size = time.perf_counter() - zip_start, out.tell()
        pages = pdf_page_count(bytes(rendered.first().content)) if rendered.exists() else 0
        rows[count] = {
            "wall": wall,
            "prepared": prepared,
            "ready": progress.ready,
            "failed": len(progress.failed),
            "per_minute": progress.ready / wall * 60,
            "cpu": render_cpu,
            "peak": max(peaks),
            "parent": max(parents),
            "load": load,
            "zip": zipped,
            "size": size / 1e6,
            "pages": pages,
        }
    print(
        "| workers | ready / failed | preparation | wall, start → all ready | PDFs per minute | CPU of the tasks "
        "| peak RSS of a task's child | worker process (VmHWM) | zip | load average at the end |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for count, r in rows.items():
        print(
            f"| {count} | {r['ready']} / {r['failed']} | {r['prepared']:.1f} s | {r['wall']:.1f} s "
            f"| {r['per_minute']:.1f} | {r['cpu']:.0f} s | {r['peak']:.0f} MB | {r['parent']:.0f} MB "
            f"| {r['zip']:.1f} s, {r['size']:.1f} MB | {r['load']:.1f} |"
        )
    print(f"\nThroughput 2 workers / 1 worker: {rows[2]['per_minute'] / rows[1]['per_minute']:.2f}")
    print(f"(first agency's PDF: {rows[1]['pages']} pages)\n")


# --- the Pemda LKjIP (issue 20, point 4) over a synthetic Pemda of N agencies and a small RPJMD -------------------
def pemda_lkjip_benchmark(repeat, sizes):
    """The Pemda LKjIP's build (cold: no agency's report cached; warm: every one cached) with its queries, and its
    print HTML, workbook and json, for a synthetic Pemda of each size with the RPJMD `generate_pemda` writes
    (10–20 IKU, about half read off an agency indicator; every agency sasaran linked); its page through the whole
    Django stack as the Pemda's administrator opens it (cold and warm, with its queries); and its PDF, rendered
    here as a warmed-up task worker renders it (CPU, pages)."""
    print(
        "| agencies | build cold | queries | build warm | queries | page cold | queries | page warm | queries "
        "| print HTML | workbook | json | PDF (CPU) | pages |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        print(pemda_lkjip_row(size, repeat))


def pemda_lkjip_row(size, repeat) -> str:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from reports.documents.pdf import html_to_pdf
    from reports.lkjip_pemda.build import pemda_lkjip_build
    from reports.lkjip_pemda.json_form import pemda_report_dumps
    from reports.lkjip_pemda.render import pemda_lkjip_pdf_input
    from reports.lkjip_pemda.workbook import pemda_workbook

    government = synthetic_pemda(size)
    client = pemda_client(government)
    page = reverse("pemda:lkjip", args=[government.code, 2023])

    def cold():
        cache.clear()
        return pemda_lkjip_build(government, 2023)

    def view():
        response = client.get(page)
        assert response.status_code == 200, response.status_code

    def cold_view():
        cache.clear()
        view()

    def counted(fn):
        with CaptureQueriesContext(connection) as queries:
            fn()
        return len(queries)

    cold_queries, cold_time = counted(cold), median_time(cold, repeat)
    doc = pemda_lkjip_build(government, 2023)
    warm_queries = counted(lambda: pemda_lkjip_build(government, 2023))
    warm_time = median_time(lambda: pemda_lkjip_build(government, 2023), repeat)
    html_time = median_time(lambda: pemda_lkjip_pdf_input(doc), repeat)
    xlsx_time = median_time(lambda: pemda_workbook(doc), repeat)
    json_time = median_time(lambda: pemda_report_dumps(doc), repeat)
    page_cold = counted(cold_view), median_time(cold_view, repeat)
    view()
    page_warm = counted(view), median_time(view, repeat)
    html, sheets = pemda_lkjip_pdf_input(doc)
    html_to_pdf(
        html, sheets
    )  # a first render parses the stylesheet and loads the fonts, as a warm worker has
    start = time.process_time()
    pdf = html_to_pdf(html, sheets)
    pdf_cpu = time.process_time() - start
    return (
        f"| {size} | {cold_time * 1000:.0f} ms | {cold_queries} | {warm_time * 1000:.0f} ms | {warm_queries} | "
        f"{page_cold[1] * 1000:.0f} ms | {page_cold[0]} | {page_warm[1] * 1000:.0f} ms | {page_warm[0]} | "
        f"{html_time * 1000:.0f} ms | {xlsx_time * 1000:.0f} ms | {json_time * 1000:.0f} ms | "
        f"{pdf_cpu * 1000:.0f} ms | {pdf_page_count(pdf)} |"
    )


# --- the AKIP evaluation (issue 21): the Pemda-wide table, the LKE page, the LHE and the LKE worksheet ----------
def synthetic_evaluations(government, year):
    """Every agency of the Pemda evaluated for `year` and the year before: all 80 criteria answered by the agency
    and the evaluator (answers varied by agency and criterion, deterministic), a note per component, three
    recommendations with follow-ups; even agencies issued, odd ones still drafts."""
    from django.utils import timezone

    from evaluation.models import Answer, ComponentNote, Evaluation, FollowUp, Recommendation
    from evaluation.services import evaluation_for

    Evaluation.objects.filter(agency__government=government).delete()
    now = timezone.now()
    for k, agency in enumerate(government.agencies.order_by("pk")):
        for y in (year - 1, year):
            evaluation = evaluation_for(agency, y)
            rubric = evaluation.rubric.rubric
            answers = []
            for n, criterion in enumerate(rubric.criteria):
                options = rubric.options(criterion)
                pick = options[(k + n + y) % len(options) // 2]  # the better half of the scale, varied
                answers.append(
                    Answer(
                        evaluation=evaluation,
                        criterion=criterion.code,
                        self_answer=options[0].answer,
                        self_note="Bukti tersedia.",
                        evaluator_answer=pick.answer,
                        evaluator_note="Sesuai bukti." if n % 3 else "",
                    )
                )
            Answer.objects.bulk_create(answers)
            ComponentNote.objects.bulk_create(
                ComponentNote(evaluation=evaluation, component=c.code, text=f"Catatan komponen {c.code}.")
                for c in rubric.components
            )
            for position in range(1, 4):
                recommendation = Recommendation.objects.create(
                    evaluation=evaluation,
                    position=position,
                    text=f"Rekomendasi {position} untuk {agency.code}.",
                )
                if position <= k % 3:
                    FollowUp.objects.create(
                        recommendation=recommendation,
                        text="Sudah ditindaklanjuti.",
                        link="https://example.org/bukti",
                        decision="accepted",
                        decided_at=now,
                    )
            if y < year or k % 2 == 0:
                evaluation.letter_number = f"700/{k:03d}/Itko/{y + 1}"
                evaluation.issued_at = now
                evaluation.save()


def evaluation_benchmark(repeat, sizes):
    """Server time (the whole Django stack, the test client) and queries of the Pemda-wide evaluation table (as
    the inspectorate, who sees drafts, and as the Pemda's administrators) and its workbook; the LKE page of one
    agency (`evaluation:lke`, whatever is behind that name when the benchmark runs); the LHE's build, page, PDF
    (rendered here, as a task worker would) and the LKE worksheet, for a synthetic Pemda of each size."""
    print(
        "| agencies | table (inspectorate) | queries | table (Pemda admin) | queries | table xlsx | LKE page "
        "| queries | LHE build | queries | LHE page | LHE PDF (CPU) | pages | LKE xlsx |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        print(evaluation_row(size, repeat))


def evaluation_row(size, repeat, year=2023) -> str:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from reports.documents.pdf import html_to_pdf
    from reports.lhe.build import lhe_build
    from reports.lhe.render import lhe_pdf_input
    from reports.lhe.workbook import lke_workbook_bytes

    government = synthetic_pemda(size)
    synthetic_evaluations(government, year)
    agency = government.agencies.order_by("pk").first()
    clients = {role: pemda_client(government, role, f"bench-{role}") for role in ("reviewer", "pemda")}
    table = reverse("pemda:evaluation", args=[government.code, year])
    table_xlsx = reverse("pemda:evaluation_xlsx", args=[government.code, year])
    lke = reverse("evaluation:lke", args=[agency.code, year])
    lhe = reverse("evaluation_documents:lhe", args=[agency.code, year])

    def get(role, url):
        def fetch():
            response = clients[role].get(url)
            assert response.status_code == 200, (url, response.status_code)

        return fetch

    def counted(fn):
        with CaptureQueriesContext(connection) as queries:
            fn()
        return len(queries)

    inspectorate = counted(get("reviewer", table)), median_time(get("reviewer", table), repeat)
    admins = counted(get("pemda", table)), median_time(get("pemda", table), repeat)
    xlsx_time = median_time(get("reviewer", table_xlsx), repeat)
    lke_page = counted(get("reviewer", lke)), median_time(get("reviewer", lke), repeat)
    build = counted(lambda: lhe_build(agency, year)), median_time(lambda: lhe_build(agency, year), repeat)
    page_time = median_time(get("reviewer", lhe), repeat)
    doc = lhe_build(agency, year)
    html, sheets = lhe_pdf_input(doc)
    # A first render parses the stylesheet and loads the fonts, as a warmed-up worker has them.
    html_to_pdf(html, sheets)
    start = time.process_time()
    pdf = html_to_pdf(html, sheets)
    pdf_cpu = time.process_time() - start
    lke_xlsx_time = median_time(lambda: lke_workbook_bytes(doc), repeat)
    return (
        f"| {size} | {inspectorate[1] * 1000:.0f} ms | {inspectorate[0]} | {admins[1] * 1000:.0f} ms | "
        f"{admins[0]} | {xlsx_time * 1000:.0f} ms | {lke_page[1] * 1000:.0f} ms | {lke_page[0]} | "
        f"{build[1] * 1000:.0f} ms | {build[0]} | {page_time * 1000:.0f} ms | {pdf_cpu * 1000:.0f} ms | "
        f"{pdf_page_count(pdf)} | {lke_xlsx_time * 1000:.0f} ms |"
    )


# --- the REST API's writes (issue 22) -------------------------------------------------------------------------
def api_write_benchmark(demo, repeat, rows=40):
    """Writing a quarter through the API with a planner's key, through the whole Django stack (authentication, the
    agency's write lock, the screens' row forms, history rows, the report rebuilt for the answer): `rows` indicators'
    realisations, and `rows` budget lines' spending and physical progress, each run changing every row."""
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from rest_framework.test import APIClient

    from agencies.api_tokens import issue_token
    from agencies.models import Agency, Profile
    from indicators.models import Indicator
    from interchange.dataset.writing import dataset_import
    from workspace.budget_entry import BudgetGrid

    data = scaled(demo, 2)  # 74 indicators, 140 budget lines: a mid-sized agency
    dataset_import(copy.deepcopy(data), replace=True)
    agency = Agency.objects.select_related("government").get(code=data["agency"]["code"])
    user, _ = get_user_model().objects.get_or_create(username="bench-api")
    Profile.objects.update_or_create(user=user, defaults={"role": "planner", "agency": agency})
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(user, 'bench')[1]}")
    codes = list(
        Indicator.objects.filter(plan__agency=agency)
        .exclude(kind=Indicator.Kind.GRADE)
        .exclude(computation=Indicator.Computation.RATIO)
        .order_by("position")
        .values_list("code", flat=True)[:rows]
    )
    paths = sorted(BudgetGrid(agency, 2021, keys=()).paths().values())[:rows]
    realisations = reverse("api:quarter-realisations", args=[agency.code, 2021, 3])
    budget = reverse("api:quarter-budget", args=[agency.code, 2021, 3])
    step = iter(range(1, 10_000))

    def write_realisations():
        value = str(Decimal(next(step)) + Decimal("0.5"))
        body = {"rows": [{"indicator": code, "value": value} for code in codes]}
        response = client.put(realisations, body, format="json")
        assert response.status_code == 200 and response.json()["saved"] == len(codes), response.content

    def write_budget():
        n = next(step)
        body = {
            "rows": [
                {"path": path, "spent": f"Rp {n}.000.000", "physical_progress": n % 100} for path in paths
            ]
        }
        response = client.put(budget, body, format="json")
        assert response.status_code == 200 and response.json()["saved"] == len(paths), response.content

    print("| write (quarter III, planner's key) | rows | server time | CPU | queries |")
    print("|---|---:|---:|---:|---:|")
    for name, write, count in (
        ("realisations", write_realisations, len(codes)),
        ("budget spending and physical progress", write_budget, len(paths)),
    ):
        write()  # warm
        with CaptureQueriesContext(connection) as queries:
            write()
        queried = len(queries)  # now: the next request's start clears the connection's query log
        if os.environ.get("BENCH_PROFILE"):
            import cProfile
            import pstats

            profile = cProfile.Profile()
            profile.runcall(write)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(45)
        wall, cpu = median_times(write, repeat)
        print(f"| {name} | {count} | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms | {queried} |")


def api_read_benchmark(demo, repeat):
    """The reading API (issue 22): a page of 1 000 realisations of the demo ×10 (1 760 of them), server time and
    queries, against the page of 100 and the 304 of a client holding the page; the other lists of the agency."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from rest_framework.test import APIClient

    from agencies.api_tokens import issue_token
    from agencies.models import Profile
    from interchange.dataset.writing import dataset_import

    agency = dataset_import(scaled(demo, 10), replace=True).agency
    user = get_user_model().objects.filter(username="bench-api").first()
    user = user or get_user_model().objects.create_user("bench-api", password="x")
    Profile.objects.update_or_create(user=user, defaults={"role": "planner", "agency": agency})
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(user, 'bench')[1]}")

    def get(url, etag=None, status=200):
        def fetch():
            headers = {"HTTP_IF_NONE_MATCH": etag} if etag else {}
            response = client.get(url, **headers)
            assert response.status_code == status, (url, response.status_code)
            return response

        return fetch

    def counted(fn):
        with CaptureQueriesContext(connection) as queries:
            fn()
        return len(queries)

    realisations = reverse("api:realisation-list", args=[agency.code])
    print("| request (demo ×10, planner's key) | rows | server time | queries |")
    print("|---|---:|---:|---:|")
    rows = [("realisations, page of 1 000", realisations + "?page_size=1000", None, 200)]
    rows.append(("realisations, page of 100", realisations, None, 200))
    etag = get(realisations + "?page_size=1000")()["ETag"]
    rows.append(
        ("realisations, page of 1 000, If-None-Match (304)", realisations + "?page_size=1000", etag, 304)
    )
    for name in ("indicator-list", "target-list", "budget-line-list", "plan-list", "survey-list"):
        rows.append(
            (
                f"{name}, page of 1 000",
                reverse(f"api:{name}", args=[agency.code]) + "?page_size=1000",
                None,
                200,
            )
        )
    rows.append(("report (sakip-report/1)", reverse("api:report", args=[agency.code, 2021]), None, 200))
    for label, url, tag, status in rows:
        fetch = get(url, tag, status)
        data = fetch().data
        shown = len(data["results"]) if isinstance(data, dict) and "results" in data else "–"
        print(f"| {label} | {shown} | {median_time(fetch, repeat) * 1000:.0f} ms | {counted(fetch)} |")


if __name__ == "__main__":
    main()
