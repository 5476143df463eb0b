"""Load: simulated users of a whole Pemda against gunicorn with the production settings, on this machine.

    .venv/bin/python scripts/load.py [--users 50] [--duration 60] [--warm-up 10] [--agencies 50]
                                     [--workers 3] [--threads 2] [--think 1.0] [--postgres URL] [--seed 1]
                                     [--cache-url redis://127.0.0.1:6379/N]

Builds a throw-away database (SQLite in a temporary folder, or a fresh PostgreSQL database from `--postgres
postgres://…/name`, dropped afterwards): migrate, `loaddemo`, `generate_pemda --agencies N` (Kabupaten Sintetis,
a planner per agency, its inspectorate reviewer and its administrator), collectstatic. Starts gunicorn
(`gunicorn.conf.py`, DJANGO_SETTINGS_MODULE=sakip.settings.prod, HTTPS as a proxy would announce it) on a free
loopback port, logs every simulated user in through the login form, then lets them work for `--duration`
seconds after `--warm-up` seconds that are not counted. Without `--cache-url` each gunicorn worker has its own
in-process cache (the default `CACHE_URL`), so each builds every report once; with a shared one (a Redis database
of its own: it is emptied first) the deployment's `warm_reports` runs before gunicorn starts, as the README's
deployment does:

- most users are planners, each of another agency: the Ringkasan, this quarter's realisation grid, the PK
  targets, the budget, the narratives, the LKjIP preview;
- one in ten is the Pemda's administrator and one in ten its inspectorate: the dashboard of a quarter (sorted or
  filtered now and then), an agency drilled into, the review page of an agency's year.

Each user waits a random think time (mean `--think` seconds, exponential) between pages: a closed loop, as people
work. Prints pages per second, p50 / p95 / p99 / max latency overall and per page, and any non-200 answer; exits 1
when a page failed. Only the standard library and the project's own dependencies are used. docs/performance.md
holds the figures.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "sakip-demo"
CODE, YEAR, QUARTER = "sintetis", 2023, 2


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Session:
    """One simulated user: a keep-alive connection and its cookies (kept by hand: they are Secure, the
    connection is plain HTTP behind a pretend proxy)."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: str | None = None, headers=None) -> tuple[int, bytes]:
        base = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        base.update(headers or {})
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self.connection.request(method, path, body=body, headers=base)
                response = self.connection.getresponse()
                data = response.read()
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
                continue
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, data
        raise AssertionError("unreachable")

    def login(self, username: str) -> None:
        status, page = self.request("GET", "/masuk/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert status == 200 and token, status
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token[1].decode(), "username": username, "password": PASSWORD}
        )
        origin = f"https://127.0.0.1:{self.port}"
        status, _ = self.request(
            "POST",
            "/masuk/",
            form,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin,
                "Referer": origin + "/masuk/",
            },
        )
        assert status == 302, f"login {username}: {status}"


def planner_pages(code: str) -> list[tuple[str, str]]:
    base = f"/opd/{code}/{YEAR}"
    return [
        ("Ringkasan", f"{base}/"),
        ("Realisasi TW", f"{base}/realisasi/tw{QUARTER}/"),
        ("Target PK", f"{base}/target/pk/"),
        ("Anggaran", f"{base}/anggaran/"),
        ("Narasi", f"{base}/narasi/"),
        ("LKjIP (pratinjau)", f"{base}/lkjip/"),
    ]


def pemda_pages(agency_codes: list[str], rng: random.Random) -> list[tuple[str, str]]:
    dashboard = f"/pemda/{CODE}/{YEAR}/?tw={QUARTER}"
    code = rng.choice(agency_codes)
    return [
        ("Dasbor Pemda", dashboard),
        (
            "Dasbor Pemda",
            dashboard + rng.choice(["&urut=capaian&arah=desc", "&urut=absorption", "&tertinggal=on"]),
        ),
        ("Ringkasan", f"/opd/{code}/{YEAR}/"),
        ("Dasbor Pemda", dashboard),
        ("Reviu", f"/opd/{code}/{YEAR}/reviu/"),
    ]


@dataclass
class Results:
    latencies: defaultdict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, page: str, seconds: float, status: int, path: str) -> None:
        with self.lock:
            self.latencies[page].append(seconds)
            if status != 200:
                self.failures.append(f"{status} {path}")


def user_loop(session, pages, rng, think, start_at, count_from, stop_at, results, agency_codes):
    while time.monotonic() < start_at:
        time.sleep(0.01)
    while True:
        steps = pages() if callable(pages) else pages
        for name, path in steps:
            now = time.monotonic()
            if now >= stop_at:
                return
            began = time.perf_counter()
            status, _ = session.request("GET", path)
            elapsed = time.perf_counter() - began
            if time.monotonic() >= count_from:
                results.add(name, elapsed, status, path)
            time.sleep(min(rng.expovariate(1 / think) if think else 0, 5 * think))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def prepare(env: dict, agencies: int) -> None:
    python = str(ROOT / ".venv" / "bin" / "python")
    for command in (
        ["migrate", "-v0"],
        ["loaddemo"],
        [
            "generate_pemda",
            "--agencies",
            str(agencies),
            "--years",
            "2021-2025",
            "--seed",
            "1",
            "--code",
            CODE,
        ],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run(
            [python, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )


def agency_codes(env: dict) -> list[str]:
    python = str(ROOT / ".venv" / "bin" / "python")
    script = (
        "from agencies.models import Agency;"
        f"print(' '.join(Agency.objects.filter(government__code='{CODE}').order_by('pk').values_list('code', flat=True)))"
    )
    out = subprocess.run(
        [python, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.split()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--warm-up", type=float, default=10)
    parser.add_argument("--agencies", type=int, default=50)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between a user's pages")
    parser.add_argument("--postgres", help="postgres://user@host:port/NAME: a fresh database of that name")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--cache-url", help="a shared cache (redis://127.0.0.1:6379/N, emptied first), warmed by warm_reports"
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="sakip-load-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sakip.settings.prod",
        "SECRET_KEY": "load-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "GUNICORN_LOGLEVEL": "warning",
    }
    env.pop("CACHE_URL", None)
    if args.cache_url:
        env["CACHE_URL"] = args.cache_url
    env.pop("DEBUG", None)
    if args.postgres:
        url = urllib.parse.urlsplit(args.postgres)
        admin = url._replace(path="/postgres").geturl()
        database = url.path.lstrip("/")
        subprocess.run(["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{database}"'], check=True)
        subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{database}"'], check=True)
        env["DATABASE_URL"] = args.postgres
    else:
        env["DATABASE_URL"] = f"sqlite:///{work}/load.sqlite3"
    server = None
    try:
        started = time.monotonic()
        prepare(env, args.agencies)
        codes = agency_codes(env)
        if args.cache_url:
            python = str(ROOT / ".venv" / "bin" / "python")
            for command in (
                ["shell", "--no-imports", "-c", "from django.core.cache import cache; cache.clear()"],
                ["warm_reports", "--government", CODE, "--year", str(YEAR)],  # the year the users open
            ):
                subprocess.run(
                    [python, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
                )
        print(
            f"Prepared {len(codes)} agencies in {time.monotonic() - started:.0f} s ({env['DATABASE_URL'].split(':')[0]})"
        )
        port = free_port()
        server = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "sakip.wsgi"],
            cwd=ROOT,
            env={
                **env,
                "WEB_CONCURRENCY": str(args.workers),
                "GUNICORN_THREADS": str(args.threads),
                "GUNICORN_BIND": f"127.0.0.1:{port}",
            },
            stdout=open(work / "gunicorn.log", "w"),  # noqa: SIM115 (closed with the process)
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if Session(port).request("GET", "/masuk/")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, (work / "gunicorn.log").read_text()
            time.sleep(0.2)

        rng = random.Random(args.seed)
        pemda_every = 10  # one user in ten is the Pemda's administrator, one in ten its inspectorate
        users = []
        for k in range(args.users):
            session = Session(port)
            if k % pemda_every == 0:
                session.login(f"bappeda-{CODE}")
            elif k % pemda_every == 1:
                session.login(f"reviu-{CODE}")
            else:
                code = codes[k % len(codes)]
                session.login(code)
                users.append((session, planner_pages(code), random.Random(rng.random())))
                continue
            own = random.Random(rng.random())
            users.append((session, lambda own=own: pemda_pages(codes, own), own))
        results = Results()
        load_at_start = os.getloadavg()[0]
        start_at = time.monotonic() + 0.5
        count_from, stop_at = start_at + args.warm_up, start_at + args.warm_up + args.duration
        threads = [
            threading.Thread(
                target=user_loop,
                args=(session, pages, own, args.think, start_at, count_from, stop_at, results, codes),
                daemon=True,
            )
            for session, pages, own in users
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.warm_up + args.duration + 120)

        everything = [s for values in results.latencies.values() for s in values]
        print(
            f"\n{args.users} users ({args.users // pemda_every} Pemda administrators, {args.users // pemda_every} "
            f"inspectorate, the rest planners of {min(len(codes), args.users)} agencies); gunicorn {args.workers} "
            f"workers × {args.threads} threads; {'shared cache, warmed' if args.cache_url else 'in-process caches'};"
            f" think time {args.think} s; {args.duration:.0f} s counted after {args.warm_up:.0f} s; load average"
            f" {load_at_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end\n"
        )
        print(f"Pages: {len(everything)} — {len(everything) / args.duration:.1f} pages/s")
        if everything:
            print(
                f"Latency: p50 {percentile(everything, 50) * 1000:.0f} ms, p95 {percentile(everything, 95) * 1000:.0f}"
                f" ms, p99 {percentile(everything, 99) * 1000:.0f} ms, max {max(everything) * 1000:.0f} ms\n"
            )
        print("| page | count | p50 | p95 | max |")
        print("|---|---:|---:|---:|---:|")
        for name, values in sorted(results.latencies.items()):
            print(
                f"| {name} | {len(values)} | {statistics.median(values) * 1000:.0f} ms | "
                f"{percentile(values, 95) * 1000:.0f} ms | {max(values) * 1000:.0f} ms |"
            )
        if results.failures:
            print(f"\n{len(results.failures)} failed pages, e.g.: {results.failures[:5]}")
            return 1
        return 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if args.postgres:
            subprocess.run(["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{database}"'], check=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
