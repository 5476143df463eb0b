"""The approved edition of a year's LKjIP: captured when the inspectorate approves, served while the year stays
approved (review.models.ApprovedEdition says why)."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from reports.documents.pdf import html_to_pdf, stylesheet_text
from reports.lkjip.document import document_build
from reports.lkjip.render import lkjip_html, lkjip_page_body, lkjip_print_html
from reports.lkjip.workbook import annex_workbook
from reports.readmodel.build import report_build
from reports.readmodel.json_report import dumps
from review.models import ApprovedEdition, EditionDocuments, ReviewEvent
from review.workflow import Action, State
from sakip.xlsx import workbook_bytes

# Between the stylesheets of a document that has several (the Pemda LKjIP: lkjip.css, lkjip-pemda.css), kept in one
# field: NUL cannot be part of a stylesheet (CSS reads it as U+FFFD), and an agency's single sheet has none.
SHEET_SEPARATOR = "\x00"


def pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 6)


def _unpack(data) -> str:
    return zlib.decompress(bytes(data)).decode("utf-8")


def capture_edition(event: ReviewEvent, agency, year: int, report=None) -> ApprovedEdition:
    """Render the year's report as it stands (inside the approval's transaction) and keep it with `event`.
    `report`: the year's report, when the caller has built it already."""
    document = document_build(report or report_build(agency=agency, year=year))
    return ApprovedEdition.objects.create(
        event=event,
        title=f"{document.title} · {agency.name}",
        page_body=pack(lkjip_page_body(document)),
        print_html=pack(lkjip_print_html(document)),
        stylesheet=pack(stylesheet_text()),
        download_html=pack(lkjip_html(document, for_print=True)),
        report_json=pack(dumps(document.report)),
        workbook=workbook_bytes(annex_workbook(document.report)),
    )


@dataclass(frozen=True)
class Edition:
    """An approved edition, unpacked for serving: an agency's LKjIP (`ApprovedEdition`) or the Pemda LKjIP
    (`PemdaEdition`, reports/lkjip_pemda/editions.py)."""

    approved_at: object  # datetime of the approval
    approved_by: str
    title: str
    stored: EditionDocuments

    @classmethod
    def of_approval(cls, event) -> Edition:
        """The edition kept with an approval (an agency's `ReviewEvent` or a `PemdaReportEvent`, with its edition
        and actor fetched), its approver named as people read it."""
        actor = event.actor
        name = (actor.get_full_name() or actor.get_username()) if actor else ""
        return cls(approved_at=event.at, approved_by=name, title=event.edition.title, stored=event.edition)

    @property
    def page_body(self) -> str:
        return _unpack(self.stored.page_body)

    @property
    def download_html(self) -> str:
        return _unpack(self.stored.download_html)

    @property
    def report_json(self) -> str:
        return _unpack(self.stored.report_json)

    @property
    def workbook(self) -> bytes:
        return bytes(self.stored.workbook)

    def pdf_input(self) -> tuple[str, list[str]]:
        """The print HTML and stylesheet kept at approval: the version of the approved PDF (reports/rendering.py
        renders it; an unchanged live report has the same version, so the two share one rendered file)."""
        return _unpack(self.stored.print_html), _unpack(self.stored.stylesheet).split(SHEET_SEPARATOR)

    def pdf(self) -> bytes:
        """The approved PDF, rendered here and now (`render_report`)."""
        html, sheets = self.pdf_input()
        return html_to_pdf(html, sheets)


def approved_edition(agency, year: int) -> Edition | None:
    """The edition to serve for the year: the one kept with its latest approval, while the year is approved.

    None for a year that is not approved, and for one approved before editions were kept (served live; the
    `capture_editions` command keeps one for those). One query.
    """
    return latest_approved_edition(ReviewEvent.objects.filter(review__agency=agency, review__year=year))


def latest_approved_edition(events) -> Edition | None:
    """Of an agency's or the Pemda's approval events of one year (`ReviewEvent`, `PemdaReportEvent`): the edition
    kept with the latest approval while the year is approved, else None. One query."""
    event = (
        events.filter(review__state=State.APPROVED, action=Action.APPROVE, edition__isnull=False)
        .select_related("edition", "actor")
        .order_by("-at", "-pk")
        .first()
    )
    return None if event is None else Edition.of_approval(event)
