"""Writing a period's realisations and evidence files: the one code path of the Realisasi screen and of the API.

`RealisationGrid` holds the indicators of a plan with their stored realisation for one period and a
`RealisationRow` each; `grid_save(grid.rows, grid.write)` saves it whole or not at all. The screen posts every row;
the API (`api/views/writes.py`) names the indicators it writes (`codes`), so that the others are left alone.
Both run inside the agency's write lock (`agencies.writes`), so the stored values a row is checked against cannot
change before it is written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from typing import Any

from django.db import transaction

from indicators.forms.realisations import RealisationRow, stored_realisation
from indicators.models import Evidence, Indicator, Realisation
from sakip.grids import detached_copy
from workspace.access import plan_or_404


class RealisationGrid:
    """The indicators of a plan (all, or those of `codes`) with their stored realisation for one period, and a row
    form each (prefix `r<pk>`)."""

    def __init__(
        self,
        agency,
        year: int,
        quarter: int,
        data: Mapping[str, Any] | None = None,
        *,
        codes: Collection[str] | None = None,
    ):
        self.plan = plan_or_404(agency, year)
        self.agency, self.year, self.quarter = agency, year, quarter
        indicators = Indicator.objects.filter(plan=self.plan).order_by("position")
        realisations = Realisation.objects.filter(indicator__plan=self.plan, year=year, quarter=quarter)
        if codes is not None:
            indicators = indicators.filter(code__in=list(codes))
            realisations = realisations.filter(indicator__code__in=list(codes))
        self.indicators = list(indicators)
        self.existing = {r.indicator_id: r for r in realisations}
        self.bind(data)

    def bind(self, data: Mapping[str, Any] | None) -> None:
        """A row form per indicator on `data` (the API binds its rows once it knows each indicator's pk)."""
        self.rows = [
            RealisationRow(
                data,
                indicator=indicator,
                stored=stored_realisation(self.existing.get(indicator.pk)),
                prefix=f"r{indicator.pk}",
            )
            for indicator in self.indicators
        ]

    def write(self, row: RealisationRow):
        existing = self.existing.get(row.indicator.pk)
        if row.is_blank() and not (existing and existing.declared_capaian):
            if existing:
                existing.delete()
            return
        realisation = row.pending(self.year, self.quarter, existing)
        realisation.full_clean(validate_unique=False, validate_constraints=False)
        realisation.save()

    def pending(self):
        """Unsaved realisations of every row that parses (rows with errors keep their stored value)."""
        out = []
        for row in self.rows:
            if row.is_valid():
                out.append(
                    row.pending(self.year, self.quarter, detached_copy(self.existing.get(row.indicator.pk)))
                )
        return out


def _digest(chunks) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


def same_evidence(indicator, year, quarter, upload) -> Evidence | None:
    """A stored evidence file of this realisation with the very same content as the upload, if any.

    Called under the agency's write lock, so two identical uploads posted at once store one file. Only files of the
    same size are read, so this costs nothing in the usual case.
    """
    candidates = Evidence.objects.filter(indicator=indicator, year=year, quarter=quarter, size=upload.size)
    if not candidates:
        return None
    wanted = _digest(upload.chunks())
    upload.seek(0)
    for item in candidates:
        try:
            with item.file.open("rb") as handle:
                if _digest(iter(lambda: handle.read(1 << 16), b"")) == wanted:
                    return item
        except FileNotFoundError:
            continue
    return None


@transaction.atomic
def store_evidence(user, indicator, year: int, quarter: int, data) -> tuple[list[str], list[str]]:
    """Keep each uploaded file of a valid `EvidenceForm` (all or nothing); a file whose content is already there is
    not kept twice. Returns (names stored, names already there)."""
    stored, repeated = [], []
    for upload in data["file"]:
        if same_evidence(indicator, year, quarter, upload) is not None:
            repeated.append(upload.name)
            continue
        Evidence.objects.create(
            indicator=indicator,
            year=year,
            quarter=quarter,
            file=upload,
            original_name=upload.name[:255],
            content_type=upload.sniffed_type,
            size=upload.size,
            description=data["description"],
            uploaded_by=user,
        )
        stored.append(upload.name)
    return stored, repeated
