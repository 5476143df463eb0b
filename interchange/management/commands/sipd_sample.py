"""Write a realistic SIPD export of an agency's year, to try the SIPD import with:
`python manage.py sipd_sample --agency tangsel-dinkopukm --year 2021 --output sipd-2021.xlsx`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency
from interchange.sipd.sample import sample_export


class Command(BaseCommand):
    help = (
        "Buat contoh ekspor SIPD (.xlsx) dari sub kegiatan perangkat daerah. / Write a sample SIPD export (.xlsx) "
        "built from the agency's sub kegiatan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="kode perangkat daerah / agency code")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--output", required=True, help="berkas .xlsx / .xlsx file")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--rename",
            action="append",
            default=[],
            metavar="KODE=KODE_SIPD",
            help="tulis kode sub kegiatan ini dengan kode lain (untuk mencoba pemetaan) / write a code as another",
        )

    def handle(self, *args, agency, year, output, seed, rename, **options):
        found = Agency.objects.filter(code=agency).first()
        if found is None:
            raise CommandError(f"Perangkat daerah {agency} tidak ada. / No agency {agency}.")
        renamed = {}
        for item in rename:
            old, sep, new = item.partition("=")
            if not sep or not old or not new:
                raise CommandError(f"--rename {item}: tulis KODE=KODE_SIPD. / write CODE=SIPD_CODE.")
            renamed[old] = new
        try:
            data, figures = sample_export(found, year, seed=seed, renamed=renamed)
        except ValueError as error:
            raise CommandError(str(error)) from error
        Path(output).write_bytes(data)
        self.stdout.write(f"{output}: {len(figures)} sub kegiatan, {len(data)} bytes")
