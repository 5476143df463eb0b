"""Parallel saves against a real server: how many server errors, lost edits and double writes.

    .venv/bin/python scripts/parallel_saves.py [--rounds 20]        # SQLite (a fresh file in a temporary folder)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sakip_race .venv/bin/python scripts/parallel_saves.py

Starts gunicorn (2 workers × 4 threads, as in production) on a free port over a fresh database with the demo
data (on PostgreSQL the named database must exist and be empty), then fires pairs of simultaneous requests:
two planners saving the same realisation row with different values, a planner and the head submitting (then
withdrawing) at once, a double-clicked evidence upload and a double-clicked import confirmation. Prints, per
race, the server errors, the lost edits (a save reported as saved whose value is not the one stored) and the
double writes. Expected after issue 16: every count 0.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.live_client import Session, form_fields, simultaneously  # noqa: E402

AGENCY, YEAR, PASSWORD = "tangsel-dinkopukm", 2021, "sakip-demo"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server(folder: Path):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="sakip.settings.dev", MEDIA_ROOT=str(folder / "media"))
    env.setdefault("DATABASE_URL", f"sqlite:///{folder / 'db.sqlite3'}")
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [python, "manage.py", "loaddemo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )
    port = _free_port()
    gunicorn = Path(python).with_name("gunicorn")
    command = [str(gunicorn), "sakip.wsgi", "-c", "/dev/null", "--workers", "2", "--threads", "4"]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "critical"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            Session(base).get("/masuk/")
            return process, base, env
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("the server did not start")


def _errors(*replies) -> int:
    return sum(isinstance(r, Exception) or r.status >= 500 for r in replies)


def grid_race(base, rounds):
    first = Session(base).login("perencana", PASSWORD)
    second = Session(base).login("perencana", PASSWORD)
    url = f"/opd/{AGENCY}/{YEAR}/realisasi/tw1/"
    key = next(
        k for k in form_fields(first.get(url).text, form_id="realisation-grid") if k.endswith("-value")
    )
    errors = lost = 0
    for index in range(rounds):
        forms = [form_fields(s.get(url).text, form_id="realisation-grid") for s in (first, second)]
        typed = [str(100 + 2 * index), str(101 + 2 * index)]
        for form, value in zip(forms, typed, strict=True):
            form[key] = value
        replies = simultaneously(partial(first.post, url, forms[0]), partial(second.post, url, forms[1]))
        errors += _errors(*replies)
        stored = form_fields(first.get(url).text, form_id="realisation-grid")[key]
        told_saved = [
            v for r, v in zip(replies, typed, strict=True) if not isinstance(r, Exception) and r.status == 302
        ]
        lost += sum(value != stored for value in told_saved)
    return (
        f"grid row saved by two planners at once: {rounds} races, {errors} server errors, {lost} lost edits"
    )


def review_race(base, rounds, env):
    planner = Session(base).login("perencana", PASSWORD)
    head = Session(base).login("kepala", PASSWORD)
    errors = 0
    for index in range(rounds):
        slug = "ajukan" if index % 2 == 0 else "tarik"
        path = f"/opd/{AGENCY}/{YEAR}/reviu/{slug}/"
        forms = [form_fields(s.get(path).text, having="note") for s in (planner, head)]
        errors += _errors(
            *simultaneously(partial(planner.post, path, forms[0]), partial(head.post, path, forms[1]))
        )
    count = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from review.models import ReviewEvent; print(ReviewEvent.objects.count())",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"submit/withdraw by planner and head at once: {rounds} races, {errors} server errors, {count} events (expected {rounds})"


def _png(seed: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (seed % 256, 0, 0)).save(buffer, format="PNG")
    return buffer.getvalue()


def evidence_race(base, rounds, folder):
    planner = Session(base).login("perencana", PASSWORD)
    twin = planner.twin()
    page = planner.get(f"/opd/{AGENCY}/{YEAR}/realisasi/tw1/").text
    indicator = re.search(r"/realisasi/tw1/(\d+)/bukti/", page).group(1)
    path = f"/opd/{AGENCY}/{YEAR}/realisasi/tw1/{indicator}/bukti/"
    errors = 0
    for index in range(rounds):
        form = form_fields(planner.get(path).text, having="description")
        files = {"file": (f"bukti-{index}.png", _png(index), "image/png")}
        errors += _errors(
            *simultaneously(partial(planner.post, path, form, files), partial(twin.post, path, form, files))
        )
    stored = sum(1 for p in (folder / "media").rglob("*") if p.is_file())
    return f"evidence upload double-clicked: {rounds} races, {errors} server errors, {stored} files stored (expected {rounds})"


def import_race(base, rounds):
    from openpyxl import load_workbook

    planner = Session(base).login("perencana", PASSWORD)
    twin = planner.twin()
    upload = f"/opd/{AGENCY}/{YEAR}/impor/"
    confirm = f"/opd/{AGENCY}/{YEAR}/impor/konfirmasi/"
    errors = twice = 0
    for index in range(rounds):
        workbook = load_workbook(
            io.BytesIO(planner.opener.open(f"{base}/opd/{AGENCY}/{YEAR}/templat.xlsx").read())
        )
        ws = workbook["Target"]
        column = next(c.column_letter for c in ws[1] if c.value == "PK")
        row = next(c.row for c in ws["A"][1:] if c.value and ws[f"{column}{c.row}"].value is not None)
        ws[f"{column}{row}"] = 500 + index
        buffer = io.BytesIO()
        workbook.save(buffer)
        form = form_fields(planner.get(upload).text, form_id="workbook-upload")
        preview = planner.post(upload, form, {"file": ("templat.xlsx", buffer.getvalue(), XLSX)})
        token = re.search(r'name="token" value="([^"]+)"', preview.text).group(1)
        fields = {"csrfmiddlewaretoken": form["csrfmiddlewaretoken"], "token": token}
        errors += _errors(
            *simultaneously(partial(planner.post, confirm, fields), partial(twin.post, confirm, fields))
        )
        twice += sum("nilai dari berkas disimpan" in s.get(upload).text for s in (planner, twin)) == 2
    return f"import confirmed twice at once: {rounds} races, {errors} server errors, {twice} applied twice"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory(prefix="sakip-race-") as name:
        folder = Path(name)
        process, base, env = _server(folder)
        try:
            print(grid_race(base, rounds))
            print(review_race(base, rounds, env))
            print(evidence_race(base, rounds // 2, folder))
            print(import_race(base, rounds // 2))
        finally:
            process.terminate()
            process.wait()


if __name__ == "__main__":
    main()
