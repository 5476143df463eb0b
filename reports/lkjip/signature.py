"""The signature block of the LKjIP's foreword: typed for the year (`ReportSigning`), else the agency's head, "Kepala
<agency>", and "<place>, Desember <year>" (the place of the year's PK, else the Pemda's name). Pure."""

from __future__ import annotations

from dataclasses import dataclass

from agencies.models import Agency
from reports.readmodel.types import Report, SigningRow
from sakip.dates import format_date

BLANK = "………………………………"


@dataclass(frozen=True)
class SignatureBlock:
    place_and_date: str  # "Tangerang Selatan, 3 Januari 2022"
    title: str  # "Kepala Dinas …", "Plt. Kepala Dinas …"
    name: str
    rank: str
    nip: str


def signature_block(
    *, agency: Agency, year: int, signing: SigningRow | None, agreement_place: str = ""
) -> SignatureBlock:
    """`agreement_place`: where the year's Perjanjian Kinerja was signed ("" without one)."""
    place = (signing.place if signing else "") or agreement_place or agency.government.name
    date = format_date(signing.signed_on) if signing and signing.signed_on else f"Desember {year}"
    if signing and signing.name:  # another signer: their own title, rank and NIP (left blank when not typed)
        return SignatureBlock(
            f"{place}, {date}",
            signing.title or f"Kepala {agency.name}",
            signing.name,
            signing.rank,
            signing.nip or BLANK,
        )
    return SignatureBlock(
        f"{place}, {date}",
        (signing.title if signing else "") or f"Kepala {agency.name}",
        agency.head_name or BLANK,
        agency.head_rank,
        agency.head_nip or BLANK,
    )


def report_signature(report: Report) -> SignatureBlock:
    """The signature block of a built report."""
    agreement = report.agreements[0] if report.agreements else None
    return signature_block(
        agency=report.agency,
        year=report.year,
        signing=report.signing,
        agreement_place=agreement.place if agreement else "",
    )
