from django.core.management.base import BaseCommand

from agencies.services import DEMO_PASSWORD, demo_users_create
from interchange.dataset.validation import parse_json
from interchange.dataset.writing import dataset_import

from ...demo import DEMO_DATASET


class Command(BaseCommand):
    help = "Muat data demo (DINKOP UKM Kota Tangerang Selatan 2021) dan satu pengguna per peran."

    def handle(self, *args, **options):
        summary = dataset_import(parse_json(DEMO_DATASET.read_text(encoding="utf-8")), replace=True)
        users = demo_users_create(agency=summary.agency)
        logins = ", ".join(f"{name} ({role})" for name, role in users)
        self.stdout.write(f"{summary}; pengguna / users: {logins}; kata sandi / password: {DEMO_PASSWORD}")
