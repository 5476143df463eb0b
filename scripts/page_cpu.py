"""CPU per page of the load test's mix, in-process: less noisy than a load run on a shared machine.

    DATABASE_URL=postgres://…/NAME STATIC_ROOT=… SECRET_KEY=… DJANGO_SETTINGS_MODULE=sakip.settings.prod \\
        ALLOWED_HOSTS=testserver SECURE_SSL_REDIRECT=false .venv/bin/python scripts/page_cpu.py [PAGE …]

On a database prepared as scripts/load.py prepares it (migrate, loaddemo, `generate_pemda --agencies 50 --years
2021-2025 --seed 1 --code sintetis`, collectstatic), with the production settings (cached templates, the form
renderer, DEBUG off): each page of the load test's mix through Django's test client, once to fill the caches,
then `N` times (default 15); prints the median and the least process CPU time of a view, its queries and its
size. `PROFILE=1` also writes a cProfile of three views per page into /tmp (`python -m pstats`).
docs/performance.md ("Load") holds the figures.
"""

import cProfile
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings.prod")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from agencies.models import Agency  # noqa: E402

CODE, YEAR, QUARTER = "sintetis", 2023, 2


def main() -> None:
    repeat = int(os.environ.get("N", "15"))
    only = sys.argv[1:]
    codes = Agency.objects.filter(government__code=CODE).order_by("pk").values_list("code", flat=True)
    code = list(codes)[3]
    users = get_user_model().objects
    clients = {}
    for name in (code, f"bappeda-{CODE}", f"reviu-{CODE}"):
        clients[name] = Client(secure=True)
        clients[name].force_login(users.get(username=name))
    base = f"/opd/{code}/{YEAR}"
    pages = [
        ("Ringkasan", code, f"{base}/"),
        ("Realisasi TW", code, f"{base}/realisasi/tw{QUARTER}/"),
        ("Target PK", code, f"{base}/target/pk/"),
        ("Anggaran", code, f"{base}/anggaran/"),
        ("Narasi", code, f"{base}/narasi/"),
        ("LKjIP (pratinjau)", code, f"{base}/lkjip/"),
        ("Dasbor Pemda", f"bappeda-{CODE}", f"/pemda/{CODE}/{YEAR}/?tw={QUARTER}"),
        ("Reviu", f"reviu-{CODE}", f"{base}/reviu/"),
    ]
    print("| page | median | least | queries | size |\n|---|---:|---:|---:|---:|")
    for name, user, url in pages:
        if only and name not in only:
            continue
        client = clients[user]
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        times = []
        for _ in range(repeat):
            began = time.process_time()
            client.get(url)
            times.append(time.process_time() - began)
        print(
            f"| {name} | {statistics.median(times) * 1000:.1f} ms | {min(times) * 1000:.1f} ms | {len(queries)} |"
            f" {len(response.content) // 1024} kB |"
        )
        if os.environ.get("PROFILE"):
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(3):
                client.get(url)
            profile.disable()
            profile.dump_stats(f"/tmp/page-{name.split()[0].lower()}.prof")


if __name__ == "__main__":
    main()
