"""The documents SAKIP renders, by name: what `render_report --document`, the PDF views and the task workers'
warm-up ask of each, in one place. A new document (a Pemda's LKjIP, the LKE…) is a package beside
`reports/lkjip/` and `reports/renstra/` and one entry here.

Each entry is a `DocumentSpec`: how to build the immutable document for its owner (and year), and how that one
object becomes the web page, the print HTML WeasyPrint gets, the workbook, the JSON form and the file names. The
owner is an agency (`scope` AGENCY: the LKjIP, the Renstra) or a Pemda (`scope` GOVERNMENT: the Pemda LKjIP).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from agencies.models import Agency, Government
from reports.documents.pdf import compile_templates
from reports.lhe.build import lhe_build
from reports.lhe.document import LheDocument
from reports.lhe.json_form import lhe_json
from reports.lhe.render import lhe_filename, lhe_html, lhe_pdf_input, lhe_warm_up
from reports.lhe.workbook import lke_workbook_bytes
from reports.lkjip.document import LkjipDocument, document_build
from reports.lkjip.editions import Edition, approved_edition
from reports.lkjip.render import lkjip_filename, lkjip_html, lkjip_pdf_input, lkjip_warm_up
from reports.lkjip.workbook import annex_workbook
from reports.lkjip_pemda.build import pemda_lkjip_build
from reports.lkjip_pemda.document import PemdaLkjipDocument
from reports.lkjip_pemda.editions import approved_pemda_edition
from reports.lkjip_pemda.json_form import pemda_report_dumps
from reports.lkjip_pemda.render import (
    pemda_lkjip_filename,
    pemda_lkjip_html,
    pemda_lkjip_pdf_input,
    pemda_lkjip_warm_up,
)
from reports.lkjip_pemda.workbook import pemda_workbook
from reports.models import RenderedFile
from reports.readmodel.build import report_build
from reports.readmodel.json_report import dumps
from reports.rendering import RenderInput
from reports.renstra.build import renstra_build
from reports.renstra.document import RenstraDocument
from reports.renstra.render import renstra_filename, renstra_html, renstra_pdf_input, renstra_warm_up
from reports.renstra.snapshot import renstra_json
from reports.renstra.workbook import renstra_document_workbook
from sakip.xlsx import workbook_bytes

# LkjipDocument | RenstraDocument | PemdaLkjipDocument | LheDocument: each spec's functions take what its
# `build` returns.
Document = Any
Owner = Any  # Agency (scope AGENCY) | Government (scope GOVERNMENT)
AGENCY, GOVERNMENT = "agency", "government"


@dataclass(frozen=True)
class DocumentSpec:
    name: str  # "lkjip", "renstra", "lkjip-pemda": `render_report --document`
    title: str
    pdf_kind: str  # RenderedFile.Kind of its PDF
    per_year: bool  # the LKjIP is a year's; the Renstra is the plan's (no year)
    templates: tuple[str, ...]  # template folders, compiled ahead (`compile_report_templates`)
    # The immutable document of its owner (and year); raises ReportUnavailable when there is none.
    build: Callable[[Owner, int | None], Document]
    html: Callable[..., str]  # (document, *, for_print=False, request=None)
    pdf_input: Callable[[Document], tuple[str, list[str]]]  # the print HTML and its stylesheets
    workbook: Callable[[Document], bytes]  # the .xlsx file
    json: Callable[[Document], str]
    filename: Callable[[Owner, int | None, Document | None, str], str]  # (owner, year, document, suffix)
    summary: Callable[[Document], str]  # what `render_report` says of it
    warm_up: Callable[[], None]
    # The edition to serve instead of today's data (an approved LKjIP year), or None.
    edition: Callable[[Owner, int | None], Edition | None] = lambda owner, year: None
    scope: str = AGENCY  # whose document it is: an agency's or a Pemda's


# --- the LKjIP -------------------------------------------------------------------------------------------------
def _lkjip_build(agency: Agency, year: int | None) -> LkjipDocument:
    assert year is not None  # per_year: the callers ask for a year
    return document_build(report_build(agency=agency, year=year))


def _lkjip_workbook(document: LkjipDocument) -> bytes:
    return workbook_bytes(annex_workbook(document.report))


def _lkjip_summary(document: LkjipDocument) -> str:
    report = document.report
    errors = sum(1 for c in report.checks if c.level == "error")
    return (
        f"{report.agency.code} {report.year}: {len(report.indicators)} indikator, {len(report.checks)} temuan "
        f"({errors} error)"
    )


def _lkjip_filename(agency: Agency, year: int | None, document: LkjipDocument | None, suffix: str) -> str:
    assert year is not None  # per_year
    return lkjip_filename(agency, year, suffix)


def _lkjip_edition(agency: Agency, year: int | None) -> Edition | None:
    return approved_edition(agency, year) if year is not None else None


LKJIP = DocumentSpec(
    name="lkjip",
    title="LKjIP",
    pdf_kind=RenderedFile.Kind.LKJIP_PDF,
    per_year=True,
    templates=("reports/lkjip", "reports/lkjip/tables"),
    build=_lkjip_build,
    html=lkjip_html,
    pdf_input=lkjip_pdf_input,
    workbook=_lkjip_workbook,
    json=lambda document: dumps(document.report),
    filename=_lkjip_filename,
    summary=_lkjip_summary,
    warm_up=lkjip_warm_up,
    edition=_lkjip_edition,
)


# --- the Renstra -----------------------------------------------------------------------------------------------
def _renstra_workbook(document: RenstraDocument) -> bytes:
    return workbook_bytes(renstra_document_workbook(document))


def _renstra_summary(doc: RenstraDocument) -> str:
    errors = sum(1 for c in doc.checks if c.level == "error")
    return (
        f"{doc.agency.code} {doc.plan} [{doc.revision}]: {len(doc.programs)} program, {len(doc.activities)} "
        f"kegiatan, {len(doc.indicators)} indikator, {len(doc.checks)} temuan ({errors} error)"
    )


def _renstra_filename(agency: Agency, year: int | None, document: RenstraDocument | None, suffix: str) -> str:
    assert document is not None  # the Renstra has no edition: its file is always named after a built document
    return renstra_filename(document, suffix)


RENSTRA = DocumentSpec(
    name="renstra",
    title="Renstra",
    pdf_kind=RenderedFile.Kind.RENSTRA_PDF,
    per_year=False,
    templates=("reports/renstra", "reports/renstra/tables"),
    build=lambda agency, year: renstra_build(agency=agency),
    html=renstra_html,
    pdf_input=renstra_pdf_input,
    workbook=_renstra_workbook,
    json=lambda document: json.dumps(renstra_json(document), ensure_ascii=False, indent=2) + "\n",
    filename=_renstra_filename,
    summary=_renstra_summary,
    warm_up=renstra_warm_up,
)


# --- the Pemda LKjIP -------------------------------------------------------------------------------------------
def _pemda_build(government: Government, year: int | None) -> PemdaLkjipDocument:
    assert year is not None  # per_year
    return pemda_lkjip_build(government, year)


def _pemda_summary(doc: PemdaLkjipDocument) -> str:
    errors = sum(1 for c in doc.checks if c.level == "error")
    return (
        f"{doc.government.code} {doc.year}: {len(doc.regional.indicators)} IKU, {len(doc.agencies)} perangkat "
        f"daerah, {len(doc.checks)} temuan ({errors} error)"
    )


def _pemda_filename(government: Government, year: int | None, document: Document | None, suffix: str) -> str:
    assert year is not None  # per_year
    return pemda_lkjip_filename(government, year, suffix)


LKJIP_PEMDA = DocumentSpec(
    name="lkjip-pemda",
    title="LKjIP Pemda",
    pdf_kind=RenderedFile.Kind.LKJIP_PEMDA_PDF,
    per_year=True,
    templates=("reports/lkjip_pemda", "reports/lkjip_pemda/tables"),
    build=_pemda_build,
    html=pemda_lkjip_html,
    pdf_input=pemda_lkjip_pdf_input,
    workbook=pemda_workbook,
    json=pemda_report_dumps,
    filename=_pemda_filename,
    summary=_pemda_summary,
    warm_up=pemda_lkjip_warm_up,
    edition=approved_pemda_edition,
    scope=GOVERNMENT,
)


# --- the LHE letter of an agency's AKIP evaluation (its workbook: the evaluator's LKE worksheet) -------------------
def _lhe_build(agency: Agency, year: int | None) -> LheDocument:
    assert year is not None  # per_year
    return lhe_build(agency, year)


def _lhe_summary(doc: LheDocument) -> str:
    total = "–" if doc.total is None else f"{doc.total} ({doc.predicate.code if doc.predicate else '–'})"
    state = "draf" if doc.draft else "terbit"
    return f"{doc.agency.code} {doc.year}: nilai {total}, {len(doc.recommendations)} rekomendasi, {state}"


def _lhe_filename(agency: Agency, year: int | None, document: LheDocument | None, suffix: str) -> str:
    assert year is not None  # per_year
    return lhe_filename(agency, year, suffix)


LHE = DocumentSpec(
    name="lhe",
    title="LHE AKIP",
    pdf_kind=RenderedFile.Kind.LHE_PDF,
    per_year=True,
    templates=("reports/lhe",),
    build=_lhe_build,
    html=lhe_html,
    pdf_input=lhe_pdf_input,
    workbook=lke_workbook_bytes,
    json=lhe_json,
    filename=_lhe_filename,
    summary=_lhe_summary,
    warm_up=lhe_warm_up,
)

DOCUMENTS: dict[str, DocumentSpec] = {spec.name: spec for spec in (LKJIP, RENSTRA, LKJIP_PEMDA, LHE)}


def render_input(spec: DocumentSpec, agency: Owner, year: int | None) -> RenderInput:
    """What a task worker renders for the document's PDF today: an approved edition's kept print HTML, else the
    print HTML of today's data (reports/rendering.py). A Pemda's document belongs to its Pemda (agency None)."""
    edition = spec.edition(agency, year)
    if edition is not None:
        return edition_render_input(spec, agency, year, edition)
    if spec.scope == GOVERNMENT:
        document = spec.build(agency, year)
        html, sheets = spec.pdf_input(document)
        filename = spec.filename(agency, year, document, "pdf")
        return RenderInput(spec.pdf_kind, None, year, filename, html, tuple(sheets), government=agency)
    return document_render_input(spec, agency, year, spec.build(agency, year))


def document_render_input(
    spec: DocumentSpec, agency: Agency, year: int | None, document: Document
) -> RenderInput:
    """What a task worker renders for the PDF of a document already built (a batch builds many reports at once,
    `reports.batch`): the same input, hence the same version, as `render_input` of the same data."""
    html, sheets = spec.pdf_input(document)
    filename = spec.filename(agency, year, document, "pdf")
    return RenderInput(spec.pdf_kind, agency, year, filename, html, tuple(sheets))


def edition_render_input(
    spec: DocumentSpec, agency: Owner, year: int | None, edition: Edition
) -> RenderInput:
    """What a task worker renders for an approved edition's PDF: the print HTML kept at approval. The workspace
    download and the public page (workspace/public.py) both come here, so they share one version and one file.
    `agency`: the owner, a Pemda for the Pemda LKjIP (whose file then belongs to it, agency None)."""
    html, sheets = edition.pdf_input()
    filename = spec.filename(agency, year, None, "pdf")
    if spec.scope == GOVERNMENT:
        return RenderInput(spec.pdf_kind, None, year, filename, html, tuple(sheets), government=agency)
    return RenderInput(spec.pdf_kind, agency, year, filename, html, tuple(sheets))


def warm_up() -> None:
    """Do at a task worker's start what its first PDF would otherwise pay for (`task_worker`, `rq_worker`; each
    render then runs in a fork of the warmed-up process): each document's warm-up (fonts, stylesheets, chart
    code), then the report templates."""
    for spec in DOCUMENTS.values():
        spec.warm_up()
    compile_report_templates()


def compile_report_templates() -> None:
    """Compile every document's templates once, before the first request needs them (gunicorn.conf.py's
    post_worker_init: the web processes make the HTML of every report page and PDF)."""
    compile_templates([folder for spec in DOCUMENTS.values() for folder in spec.templates])
