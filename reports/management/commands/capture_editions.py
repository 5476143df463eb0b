from django.core.management.base import BaseCommand
from django.db import transaction

from agencies.writes import lock_agency
from reports.lkjip.editions import capture_edition
from review.models import ReviewEvent, YearReview
from review.workflow import Action, State


class Command(BaseCommand):
    help = (
        "Simpan edisi yang disetujui bagi tahun yang disetujui sebelum edisi disimpan (sekali, setelah "
        "pemutakhiran). / Keep an approved edition for each year approved before editions were kept (once, "
        "after upgrading): until then such a year's plan and agency rows stay read-only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agency", help="kode perangkat daerah / one agency's code")

    def handle(self, *args, agency=None, **options):
        reviews = (
            YearReview.objects.filter(state=State.APPROVED)
            .select_related("agency")
            .order_by("agency", "year")
        )
        if agency:
            reviews = reviews.filter(agency__code=agency)
        kept = 0
        for review in reviews:
            with transaction.atomic():
                lock_agency(review.agency.code)
                approval = (
                    ReviewEvent.objects.filter(review=review, action=Action.APPROVE)
                    .order_by("-at", "-pk")
                    .first()
                )
                if approval is None:
                    self.stderr.write(
                        f"{review.agency.code} {review.year}: tidak ada peristiwa persetujuan / no approval event"
                    )
                    continue
                if ReviewEvent.objects.filter(review=review, edition__isnull=False).exists():
                    continue
                capture_edition(approval, review.agency, review.year)
                kept += 1
        self.stdout.write(f"{kept} edisi disimpan / {kept} editions kept")
