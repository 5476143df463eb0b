"""Run as a script by test_pdf_single_flight.py: a worker process in which THREADS requests download the same PDF
at once, through `reports.pdf.cached_pdf` (what the download views call) with the default per-process cache.

    python tests/reports/download_elsewhere.py HTML_FILE OUT_DIR SHARED_DIR --threads N --arrivals TOTAL

WeasyPrint is replaced by a stand-in that notes each render in SHARED_DIR/renders.log and holds it until TOTAL
requests, in this process and the others, have arrived (files in SHARED_DIR/arrived/): without one render per
version, every request would start its own. Each request's PDF is written to OUT_DIR. Environment:
DJANGO_SETTINGS_MODULE and PDF_RENDER_DIR (shared by the processes).
"""

import argparse
import hashlib
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("html", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("shared", type=Path)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--arrivals", type=int, required=True)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from reports import pdf

    arrived = args.shared / "arrived"
    arrived.mkdir(parents=True, exist_ok=True)
    html = args.html.read_text(encoding="utf-8")

    def stand_in(html, stylesheets):
        with open(args.shared / "renders.log", "a") as log:
            log.write(f"{os.getpid()}\n")
        deadline = time.monotonic() + 20  # a guard against a hung test, not a measurement
        while len(list(arrived.iterdir())) < args.arrivals and time.monotonic() < deadline:
            time.sleep(0.02)
        return b"%PDF-stand-in " + hashlib.sha256(html.encode()).hexdigest().encode()

    pdf.html_to_pdf = stand_in
    failures = []

    def download(n: int) -> None:
        (arrived / f"{os.getpid()}-{n}").touch()
        try:
            (args.out / f"{os.getpid()}-{n}.pdf").write_bytes(pdf.cached_pdf("lkjip-pdf", html, ["p{}"]))
        except Exception as exc:  # reported by the exit status
            failures.append(repr(exc))

    args.out.mkdir(parents=True, exist_ok=True)
    threads = [threading.Thread(target=download, args=(n,)) for n in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit("; ".join(failures))


if __name__ == "__main__":
    main()
