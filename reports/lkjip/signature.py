"""The signature block of the LKjIP's foreword: typed for the year (`ReportSigning`), else the agency's head, "Kepala
<agency>", and "<place>, Desember <year>" (the place of the year's PK, else the Pemda's name). Pure."""

from __future__ import annotations

from dataclasses import dataclass

from reports.readmodel.types import Report
from sakip.dates import format_date

BLANK = "………………………………"


@dataclass(frozen=True)
class SignatureBlock:
    place_and_date: str  # "Tangerang Selatan, 3 Januari 2022"
    title: str  # "Kepala Dinas …", "Plt. Kepala Dinas …"
    name: str
    rank: str
    nip: str


def signature_block(report: Report) -> SignatureBlock:
    agency, signing = report.agency, report.signing
    agreement = report.agreements[0] if report.agreements else None
    place = (
        (signing.place if signing else "") or (agreement.place if agreement else "") or report.government.name
    )
    date = format_date(signing.signed_on) if signing and signing.signed_on else f"Desember {report.year}"
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
