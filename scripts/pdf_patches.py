"""What each of our changes to WeasyPrint's render path is worth: CPU of the demo LKjIP PDF as shipped, with each
change switched off in turn, and with a removed one switched back on (issue 17, docs/performance.md).

Usage: .venv/bin/python scripts/pdf_patches.py [--repeat 7] [--only 'stack reserve']

Loads the demo into a throw-away SQLite file, renders the print HTML of the LKjIP 2021 once, then times
`reports.documents.pdf.html_to_pdf` on it (`time.process_time`: CPU of one core, the render is single-threaded) for each
variant, the variants alternated round after round in one process so that a drift of the shared machine's speed
falls on all of them alike. Prints the median of each variant, what the change saves, the minor page faults of a
render (counted, not timed: what the stack reserve avoids) and whether the PDF stays byte for byte the same.
"""

import argparse
import contextlib
import functools
import gc
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# The stack reserve of the removed sakip/deep_calls.py (issue 17), rebuilt here to measure it again: the render
# called from a frame whose value stack is 70.000 slots deep, for which CPython 3.11 to 3.13.12 map one 1 MB chunk
# of their frame stack, so that WeasyPrint's recursion no longer maps and unmaps a 16 KB chunk at every crossing
# of a chunk boundary (CPython gh-142183). Public API (code.replace) relying on how CPython allocates frames.
RESERVED_SLOTS = 70_000


def _call(function, args, kwargs):
    return function(*args, **kwargs)


def reserving_call(function, /, *args, **kwargs):
    reserving = type(_call)(_call.__code__.replace(co_stacksize=RESERVED_SLOTS), _call.__globals__)
    return reserving(function, args, kwargs)


def variants():
    """Name → context manager that switches one change off ("without …") or a removed one on ("with …")."""
    from reports.documents import pdf as pdf_module

    @contextlib.contextmanager
    def patched(target, name, value):
        original = getattr(target, name)
        setattr(target, name, value)
        try:
            yield
        finally:
            setattr(target, name, original)

    return {
        "as shipped": contextlib.nullcontext,
        "with the stack reserve (sakip/deep_calls.py, removed)": lambda: patched(
            pdf_module, "_render", functools.partial(reserving_call, pdf_module._render)
        ),
        "without the collector pause (_gc_paused)": lambda: patched(
            pdf_module, "_gc_paused", contextlib.nullcontext
        ),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--repeat", type=int, default=7, help="rounds; every variant is rendered once a round"
    )
    parser.add_argument("--only", help="the variants whose name contains this text (and the shipped one)")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/patches.db"
    os.environ["DJANGO_SETTINGS_MODULE"] = "sakip.settings.dev"
    os.environ["DEBUG"] = "false"
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic here
    django.setup()
    import weasyprint
    from django.core.management import call_command

    from agencies.models import Agency
    from interchange.dataset.validation import parse_json
    from interchange.dataset.writing import dataset_import
    from interchange.demo import DEMO_DATASET
    from reports.documents.pdf import html_to_pdf, stylesheet_text
    from reports.lkjip.document import document_build
    from reports.lkjip.render import lkjip_print_html
    from reports.readmodel.build import report_build

    call_command("migrate", verbosity=0)
    dataset_import(parse_json(DEMO_DATASET.read_text(encoding="utf-8")), replace=True)
    agency = Agency.objects.select_related("government").get()
    html = lkjip_print_html(document_build(report_build(agency=agency, year=2021)))
    sheets = [stylesheet_text()]

    found = {
        name: switch
        for name, switch in variants().items()
        if name == "as shipped" or not args.only or args.only in name
    }
    reference = html_to_pdf(html, sheets)  # also loads fonts and parses the stylesheet, as a warm server has
    times = {name: [] for name in found}
    faults = {name: [] for name in found}  # minor page faults: what the stack reserve avoids, counted
    same = dict.fromkeys(found, True)
    for round_ in range(args.repeat):
        names = list(found)
        names = names[round_ % len(names) :] + names[: round_ % len(names)]  # each variant takes each place
        for name in names:
            gc.collect()  # every render starts from the same heap
            with found[name]():
                cpu, minflt = time.process_time(), resource.getrusage(resource.RUSAGE_SELF).ru_minflt
                pdf = html_to_pdf(html, sheets)
                times[name].append(time.process_time() - cpu)
                faults[name].append(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - minflt)
            same[name] = same[name] and pdf == reference

    print(
        f"Python {sys.version.split()[0]}, WeasyPrint {weasyprint.__version__}; demo LKjIP 2021; CPU seconds of "
        f"one core over {args.repeat} renders, median (fastest–slowest); saving: what the change takes off the "
        "PDF's CPU without it, from the medians and from the fastest renders\n"
    )
    print("| variant | CPU | saving (medians) | saving (fastest) | page faults | PDF |")
    print("|---|---:|---:|---:|---:|---|")
    shipped, shipped_fastest = statistics.median(times["as shipped"]), min(times["as shipped"])
    for name, runs in times.items():
        median, fastest = statistics.median(runs), min(runs)
        if name == "as shipped":
            savings = ["–", "–"]
        elif name.startswith("with "):  # the change is on in the variant, off as shipped
            savings = [
                percent((shipped - median) / shipped),
                percent((shipped_fastest - fastest) / shipped_fastest),
            ]
        else:
            savings = [percent((median - shipped) / median), percent((fastest - shipped_fastest) / fastest)]
        print(
            f"| {name} | {decimal(median)} s ({decimal(fastest)}–{decimal(max(runs))}) | {' | '.join(savings)} "
            f"| {thousands(statistics.median(faults[name]))} | {'same bytes' if same[name] else 'different bytes'} |"
        )


def decimal(seconds: float) -> str:
    """1,23: docs/performance.md writes numbers the Indonesian way."""
    return f"{seconds:.2f}".replace(".", ",")


def thousands(count: float) -> str:
    return f"{count:,.0f}".replace(",", ".")


def percent(fraction: float) -> str:
    return f"{fraction * 100:.1f} %".replace(".", ",").replace("-", "\N{MINUS SIGN}")


if __name__ == "__main__":
    main()
