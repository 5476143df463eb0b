"""Run as a script by test_same_bytes_everywhere.py: render every document of the demo in a process of its own,
as another installation would, at another time.

    python tests/reports/documents/render_elsewhere.py OUT_DIR --clock-offset SECONDS [--subsetter fonttools]

Before anything else is imported the process's clock is moved by SECONDS (time.time, which fontTools and zipfile
read, and datetime.now, which openpyxl and Django read), and with `--subsetter fonttools` WeasyPrint is made to
subset fonts as it does where libharfbuzz-subset0 is missing. Then it renders the LKjIP and the Renstra PDFs with
`manage.py render_report`, downloads every workbook (and the history CSV) through the views as the planner, and
writes them to OUT_DIR with `subsetters.json`: which subsetter WeasyPrint used, counted per font.

Environment: DJANGO_SETTINGS_MODULE and DATABASE_URL of a database holding the demo (`manage.py loaddemo`).
"""

import argparse
import datetime
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
AGENCY, YEAR = "tangsel-dinkopukm", 2021


def shift_clock(seconds: float) -> None:
    real_time = time.time
    real_datetime = datetime.datetime

    class ShiftedDatetime(real_datetime):  # instances of this class, since openpyxl checks the exact type
        @classmethod
        def now(cls, tz=None):
            return cls.fromtimestamp(time.time(), tz)

        @classmethod
        def utcnow(cls):
            return cls.fromtimestamp(time.time(), datetime.UTC).replace(tzinfo=None)

    time.time = lambda: real_time() + seconds
    datetime.datetime = ShiftedDatetime


def count_subsetters(force_fonttools: bool) -> dict:
    from weasyprint.pdf import fonts

    used = {"harfbuzz": 0, "fonttools": 0}
    if force_fonttools:
        fonts.harfbuzz_subset = None  # what weasyprint.text.ffi leaves when the library cannot be loaded
    for name in used:
        original = getattr(fonts.Font, f"_{name}_subset")

        def counted(self, *args, _original=original, _name=name, **kwargs):
            used[_name] += 1
            return _original(self, *args, **kwargs)

        setattr(fonts.Font, f"_{name}_subset", counted)
    return used


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--clock-offset", type=float, default=0)
    parser.add_argument("--subsetter", choices=("installed", "fonttools"), default="installed")
    args = parser.parse_args()
    shift_clock(args.clock_offset)  # before Django, openpyxl or fontTools take their references

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    used = count_subsetters(args.subsetter == "fonttools")
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    call_command("render_report", agency=AGENCY, year=YEAR, format="pdf", output=out / "lkjip.pdf")
    call_command("render_report", document="renstra", agency=AGENCY, format="pdf", output=out / "renstra.pdf")

    setup_test_environment()  # the test client's host name is allowed
    client = Client()
    client.force_login(get_user_model().objects.get(username="perencana"))
    downloads = {
        "lkjip.xlsx": f"/opd/{AGENCY}/{YEAR}/lkjip.xlsx",
        "renstra.xlsx": f"/opd/{AGENCY}/renstra/renstra.xlsx",
        "templat.xlsx": f"/opd/{AGENCY}/{YEAR}/templat.xlsx",
        "riwayat.xlsx": f"/opd/{AGENCY}/riwayat/riwayat.xlsx",
        "riwayat.csv": f"/opd/{AGENCY}/riwayat/riwayat.csv",
    }
    for name, url in downloads.items():
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}")
        (out / name).write_bytes(b"".join(response) if response.streaming else response.content)
    (out / "subsetters.json").write_text(json.dumps(used))


if __name__ == "__main__":
    main()
