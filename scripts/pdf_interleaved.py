"""Compare the PDF CPU of two versions of the code fairly on a shared machine: each tree dumps what WeasyPrint
gets for the demo LKjIP (print HTML and stylesheets), then one process renders the two dumps alternately with the
same WeasyPrint, so both see the same load. Only `html_to_pdf` is timed (CPU of this process).

    # in each tree (its own code, its own demo data), a fresh SQLite file:
    python scripts/pdf_interleaved.py dump /tmp/before.json      # run with cwd = the old tree
    python scripts/pdf_interleaved.py dump /tmp/after.json       # run with cwd = this tree
    python scripts/pdf_interleaved.py compare /tmp/before.json /tmp/after.json --rounds 6

Figures go in docs/performance.md.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def dump(output: Path, document: str, year: int) -> None:
    """Migrate a fresh SQLite file, load the demo, write the document's PDF input as JSON (cwd = the tree)."""
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if k != "CACHE_URL"}
        env.update(
            DJANGO_SETTINGS_MODULE="sakip.settings.test", DATABASE_URL=f"sqlite:///{folder}/demo.sqlite3"
        )
        for command in (["migrate", "-v0"], ["loaddemo"]):
            subprocess.run([sys.executable, "manage.py", *command], env=env, check=True, capture_output=True)
        code = (
            "import json, sys, django; django.setup()\n"
            "from agencies.models import Agency\n"
            "from reports.registry import DOCUMENTS\n"
            "from interchange.demo import DEMO_AGENCY\n"
            f"spec = DOCUMENTS[{document!r}]\n"
            "agency = Agency.objects.select_related('government').get(code=DEMO_AGENCY)\n"
            f"html, sheets = spec.pdf_input(spec.build(agency, {year}))\n"
            f"open({str(output)!r}, 'w', encoding='utf-8').write(json.dumps({{'html': html, 'sheets': list(sheets)}}))\n"
        )
        subprocess.run([sys.executable, "-c", code], env=env, check=True)


def compare(paths: list[Path], rounds: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings.test")
    import django

    django.setup()
    from reports.documents.pdf import html_to_pdf
    from scripts.benchmark import pdf_page_count

    inputs = [json.loads(path.read_text(encoding="utf-8")) for path in paths]
    html_to_pdf(inputs[0]["html"], inputs[0]["sheets"])  # warm-up: fonts, stylesheets, hyphenation
    times: list[list[float]] = [[] for _ in inputs]
    pages = [0 for _ in inputs]
    for _ in range(rounds):
        for index, data in enumerate(inputs):
            start = time.process_time()
            pdf = html_to_pdf(data["html"], data["sheets"])
            times[index].append(time.process_time() - start)
            pages[index] = pdf_page_count(pdf)
    base = statistics.median(times[0])
    for path, found, count in zip(paths, times, pages, strict=True):
        median = statistics.median(found)
        print(
            f"{path.name}: {count} pages, CPU median {median:.2f} s, min {min(found):.2f} s, "
            f"change {100 * (median / base - 1):+.0f} % (load {os.getloadavg()[0]:.1f})"
        )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump")
    dumping.add_argument("output", type=Path)
    dumping.add_argument("--document", default="lkjip")
    dumping.add_argument("--year", type=int, default=2021)
    comparing = commands.add_parser("compare")
    comparing.add_argument("inputs", type=Path, nargs="+")
    comparing.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.output.resolve(), args.document, args.year)
    else:
        compare(args.inputs, args.rounds)


if __name__ == "__main__":
    main()
