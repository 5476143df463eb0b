"""A synthetic Pemda for demos and benchmarks (`interchange/synthetic.py`), imported agency by agency through the
dataset importer, so it obeys every rule a real dataset does; all of it in one transaction, or nothing.

    manage.py generate_pemda --agencies 50 --years 2021-2025 --seed 1 --code sintetis
"""

import re
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from agencies.models import Agency, Government
from agencies.services import DEMO_PASSWORD, pemda_users_create
from interchange.dataset.validation import DatasetError
from interchange.dataset.writing import dataset_import
from interchange.rpjmd_dataset import rpjmd_import
from interchange.synthetic import PemdaSpec, max_agencies, pemda_datasets, rpjmd_document, spec_problems
from review.locks import dataset_locked_years

YEARS_RE = re.compile(r"^(\d{4})(?:-(\d{4}))?$")
LEVEL_NAMES = {"kabupaten": "Kabupaten", "kota": "Kota", "provinsi": "Provinsi"}


class Command(BaseCommand):
    help = (
        "Buat Pemda sintetis (perangkat daerah, Renstra, target, realisasi, anggaran) untuk demo dan uji beban. / "
        "Generate a synthetic Pemda for demos and benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--code", required=True, help="Kode Pemda / Pemda code, e.g. sintetis")
        parser.add_argument("--name", help="Nama Pemda; bawaan: '<Tingkat> <Kode>' / Pemda name")
        parser.add_argument("--level", choices=sorted(LEVEL_NAMES), default="kabupaten")
        parser.add_argument(
            "--agencies", type=int, default=50, help=f"Jumlah perangkat daerah, 1–{max_agencies()}"
        )
        parser.add_argument("--years", default="2021-2025", help="Tahun yang dilaporkan, mis. 2021-2025")
        parser.add_argument(
            "--quarter",
            type=int,
            default=4,
            help="Triwulan terakhir yang dilaporkan pada tahun terakhir (1–4) / last quarter reported",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--password", default=DEMO_PASSWORD, help="Kata sandi pengguna / users' password")
        parser.add_argument("--no-users", action="store_true", help="Tanpa pengguna / create no users")
        parser.add_argument(
            "--replace", action="store_true", help="Ganti Pemda yang sudah ada / replace an existing Pemda"
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        code = options["code"]
        first, last = _years(options["years"])
        name = options["name"] or f"{LEVEL_NAMES[options['level']]} {code.replace('-', ' ').title()}"
        spec = PemdaSpec(
            code=code,
            name=name,
            level=options["level"],
            agencies=options["agencies"],
            first_year=first,
            last_year=last,
            seed=options["seed"],
            quarter=options["quarter"],
        )
        problems = spec_problems(spec)
        if problems:
            raise CommandError("; ".join(problems))
        generated = pemda_datasets(spec)
        counts: dict[str, int] = {}
        with transaction.atomic():
            government = Government.objects.filter(code=code).first()
            if government and not options["replace"]:
                raise CommandError(
                    f"Pemda {code!r} sudah ada; gunakan --replace / Pemda {code!r} already exists; use --replace"
                )
            if government:
                self._drop_stale(government, {g.code for g in generated})
            for item in generated:
                other = Agency.objects.filter(code=item.code).exclude(government__code=code).first()
                if other:
                    raise CommandError(
                        f"perangkat daerah {item.code!r} milik Pemda lain ({other.government.code}) / "
                        f"agency {item.code!r} belongs to another Pemda"
                    )
                try:
                    summary = dataset_import(item.dataset, replace=options["replace"])
                except DatasetError as error:
                    for problem in error.problems:
                        self.stderr.write(str(problem))
                    raise CommandError(
                        f"{item.code}: {error}; tidak ada yang disimpan / nothing saved"
                    ) from error
                for label, n in summary.counts.items():
                    counts[label] = counts.get(label, 0) + n
                self.stdout.write(f"{summary}{_incomplete_note(item, spec)}")
            # The Pemda's RPJMD over the same period, its IKU partly read off the agencies' indicators.
            try:
                regional = rpjmd_import(rpjmd_document(spec, generated), replace=True)
            except DatasetError as error:
                for problem in error.problems:
                    self.stderr.write(str(problem))
                raise CommandError(f"RPJMD: {error}; tidak ada yang disimpan / nothing saved") from error
            self.stdout.write(str(regional))
            users = []
            if not options["no_users"]:
                users = pemda_users_create(
                    government=Government.objects.get(code=code),
                    agency_codes=[g.code for g in generated],
                    password=options["password"],
                )
        seconds = time.perf_counter() - started
        totals = ", ".join(f"{n} {label}" for label, n in counts.items() if n)
        who = (
            f"; {len(users)} pengguna / users (kata sandi / password: {options['password']})" if users else ""
        )
        self.stdout.write(
            f"{name} ({code}): {len(generated)} perangkat daerah / agencies, {first}–{last} — {totals}{who}; "
            f"{seconds:.1f} s"
        )

    def _drop_stale(self, government: Government, codes: set[str]) -> None:
        """With --replace, the agencies a previous run made that this one does not (it asked for more)."""
        for agency in government.agencies.exclude(code__in=codes):
            locked = dataset_locked_years(agency)
            if locked:
                raise CommandError(f"{agency.code}: " + "; ".join(locked))
            self.stdout.write(f"{agency.code}: dihapus / deleted")
            # Its planner (named after it) goes with it; anyone else attached to it keeps their account.
            get_user_model().objects.filter(username=agency.code, profile__agency=agency).delete()
            agency.delete()


def _years(text: str) -> tuple[int, int]:
    match = YEARS_RE.match(text.strip())
    if not match:
        raise CommandError(f"tahun tidak valid / invalid years: {text!r} (mis. / e.g. 2021-2025)")
    first = int(match.group(1))
    return first, int(match.group(2) or first)


def _incomplete_note(item, spec: PemdaSpec) -> str:
    notes = []
    if item.late:
        notes.append(f"TW {spec.quarter} {spec.last_year} belum dilaporkan / not reported yet")
    if item.missing_targets:
        notes.append(
            f"{item.missing_targets} indikator tanpa target {spec.last_year} / indicators without targets"
        )
    return f" [{'; '.join(notes)}]" if notes else ""
