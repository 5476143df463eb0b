"""LKjIP front matter, BAB I and BAB II: what an inspector reads first, checked against the report object."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser

import pytest

from indicators.models import Narrative
from interchange.dataset.writing import dataset_import
from reports.lkjip.document import document_build
from reports.lkjip.render import lkjip_html
from reports.readmodel.build import report_build
from sakip.numbers import format_number, format_percent, format_rupiah
from tests.helpers import without_profile

YEAR = 2021
VOID = {"br", "hr", "img", "meta", "link", "input", "col", "wbr"}


def squash(text: str) -> str:
    """Collapse HTML whitespace, keeping the non-breaking spaces the number formats put in "314,00 %"."""
    return re.sub(r"[ \t\n\r\f]+", " ", text).strip()


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    @property
    def text(self) -> str:
        return squash(" ".join(c if isinstance(c, str) else c.text for c in self.children))

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, **attrs):
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag) and all(n.attrs.get(k) == v for k, v in attrs.items())
        ]

    def find(self, tag=None, **attrs):
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag}> with {attrs}"
        return found[0]

    def has_class(self, name) -> bool:
        return name in (self.attrs.get("class") or "").split()


class TreeBuilder(HTMLParser):
    """Just enough of a DOM to find elements by id and read their text."""

    def __init__(self):
        super().__init__()
        self.root = self.current = Node("#root", {})

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    return builder.root


def by_id(root: Node, element_id: str) -> Node:
    return root.find(id=element_id)


def table_of(root: Node, caption_anchor: str) -> Node:
    """The <table> whose numbered caption has this anchor."""
    caption = root.find("caption", id=caption_anchor)
    return caption.parent


@pytest.fixture
def doc(demo_agency):
    return document_build(report_build(agency=demo_agency, year=YEAR))


@pytest.fixture
def page(doc):
    return parse(lkjip_html(doc, for_print=True))


def test_cover_names_the_pemda_the_agency_and_the_year(doc, page):
    report = doc.report
    cover = page.find("section", id="sampul")
    assert cover.has_class("cover")
    text = cover.text.lower()
    assert report.government.name.lower() in text
    assert report.agency.name.lower() in text
    assert "laporan kinerja instansi pemerintah" in text
    assert f"tahun {YEAR}" in text
    assert report.agency.website in cover.text


def test_kata_pengantar_is_signed_by_the_head_of_agency(doc, page):
    agency = doc.report.agency
    section = by_id(page, "kata-pengantar")
    assert section.has_class("front-section") and section.has_class("front")
    signature = next(n for n in section.iter() if n.has_class("signature"))
    assert f"Kepala {agency.name}" in signature.text
    assert agency.head_name in signature.text
    assert f"NIP. {agency.head_nip}" in signature.text
    place = doc.report.agreements[0].place
    assert f"{place}, Desember {YEAR}" in signature.text


def test_ikhtisar_shows_every_objective_with_its_capaian_and_predicate(doc, page):
    section = by_id(page, "ikhtisar-eksekutif")
    assert doc.summary in section.text
    rows = {tr.attrs["data-objective"]: tr for tr in section.find_all("tr") if "data-objective" in tr.attrs}
    assert list(rows) == [o.code for o in doc.report.objectives]
    for objective in doc.report.objectives:
        cells = [td.text for td in rows[objective.code].find_all("td")]
        assert objective.statement in cells
        assert format_percent(objective.capaian) in cells
        assert objective.predicate.label in cells[-1]


def test_renstra_table_has_a_target_for_every_renstra_year(doc, page):
    report = doc.report
    table = table_of(page, "table-renstra")
    assert table.parent.has_class("wide")  # one column per year: printed on a landscape page
    headers = [th.text for th in table.find("thead").find_all("th")]
    assert [str(y) for y in report.plan.years] == headers[-len(report.plan.years) :]
    rows = {tr.attrs["data-indicator"]: tr for tr in table.find_all("tr") if "data-indicator" in tr.attrs}
    wanted = [i for i in report.indicators if i.level in ("goal", "objective")]
    assert wanted and set(rows) == {i.code for i in wanted}
    for indicator in wanted:
        targets = rows[indicator.code].find_all("td", **{"class": "num target"})
        assert [int(td.attrs["data-year"]) for td in targets] == list(report.plan.years)
        assert [td.text for td in targets] == [
            format_number(indicator.renstra_targets[y]) for y in report.plan.years
        ]
    # Every goal and sasaran heads its indicators.
    text = table.text
    for goal in report.goals:
        assert goal.statement in text
        for objective in goal.objectives:
            assert objective.statement in text


def test_iku_table_lists_every_key_indicator_with_its_definition(doc, page):
    table = table_of(page, "table-iku")
    rows = {tr.attrs["data-indicator"]: tr for tr in table.find_all("tr") if "data-indicator" in tr.attrs}
    key = [i for i in doc.report.indicators if i.is_key]
    assert key and list(rows) == [i.code for i in key]
    for indicator in key:
        text = rows[indicator.code].text
        for value in (indicator.name, indicator.responsible_unit, indicator.data_source):
            assert squash(value) in text
        assert squash(indicator.formula) in text


def test_agreement_table_gives_the_renstra_and_pk_target_of_every_objective_indicator(doc, page):
    """Side by side (issue 18): the demo's sasaran S* have a PK murni target, R* only a Renstra one; no PK
    perubahan, so no column for it."""
    table = table_of(page, "table-agreement")
    rows = {tr.attrs["data-indicator"]: tr for tr in table.find_all("tr") if "data-indicator" in tr.attrs}
    for objective in doc.report.objectives:
        for indicator in objective.indicators:
            cells = [td.text for td in rows[indicator.code].find_all("td")]
            assert cells[-2:] == [
                format_number(indicator.inputs.renstra_target),
                format_number(indicator.inputs.pk_target),
            ]
            assert format_number(indicator.current.target) in cells[-2:]


def test_agreement_budget_lists_every_program_and_the_total_ceiling(doc, page):
    budget = doc.report.budget
    table = table_of(page, "table-agreement-budget")
    rows = {tr.attrs["data-program"]: tr for tr in table.find_all("tr") if "data-program" in tr.attrs}
    assert list(rows) == [p.code for p in budget.children]
    for program in budget.children:
        cells = [td.text for td in rows[program.code].find_all("td")]
        assert program.name in cells
        assert cells[-1] == format_rupiah(program.figures.ceiling)
        assert cells[-2] == ", ".join(program.objective_codes)
    total = table.find("tr", **{"class": "total"})
    assert total.find_all("td")[-1].text == format_rupiah(budget.figures.ceiling)


def test_lists_of_tables_and_figures_link_every_caption(doc, page):
    for section_id, captions in (("daftar-tabel", doc.tables), ("daftar-gambar", doc.figures)):
        links = {a.attrs["href"]: a.text for a in by_id(page, section_id).find_all("a")}
        assert len(links) == len(captions)
        for cap in captions:
            assert links[f"#{cap.anchor}"] == f"{cap.label} {cap.title}"


def test_table_of_contents_links_reach_existing_sections(page):
    """A dangling link would print a TOC line without a page number."""
    ids = {n.attrs["id"] for n in page.iter() if "id" in n.attrs}
    targets = [a.attrs["href"][1:] for a in by_id(page, "daftar-isi").find_all("a")]
    for chapter in ("bab-1", "bab-2", "bab-3", "bab-4", "lampiran-1"):
        assert chapter in targets
    assert [t for t in targets if t not in ids] == []


def test_organisation_chart_draws_every_unit_under_its_parent(doc, page):
    figure = page.find("figure", **{"class": "org-chart"})
    assert "Gambar 1.1" in figure.text
    assert doc.report.agency.name in figure.find("div", **{"class": "org-box org-head"}).text
    branches = figure.find_all("td", **{"class": "org-branch"})
    roots = [u for u in doc.report.org_units if u.parent_id is None]
    assert [b.find("div").text for b in branches] == [u.name for u in roots]
    for branch, root in zip(branches, roots, strict=True):
        children = [u.name for u in doc.report.org_units if u.parent_id == root.pk]
        assert [d.text for d in branch.find_all("div", **{"class": "org-box org-sub"})] == children


@pytest.mark.django_db
def test_empty_optional_sections_are_left_out_and_letters_follow(demo_dataset):
    demo_agency = dataset_import(without_profile(demo_dataset)).agency  # the demo has its staff and assets

    def headings():
        doc = document_build(report_build(agency=demo_agency, year=YEAR))
        chapter = by_id(parse(lkjip_html(doc, for_print=True)), "bab-1")
        return [h.text for h in chapter.find_all("h2")]

    assert headings()[-1] == "E. Sistematika Penyajian"
    assert not any("Sumber Daya" in h for h in headings())
    Narrative.objects.create(agency=demo_agency, year=YEAR, key="sumber_daya", text="Pegawai 45 orang.")
    assert headings()[-2:] == ["E. Sumber Daya", "F. Sistematika Penyajian"]


def test_pdf_carries_the_front_matter_and_a_numbered_table_of_contents(doc, demo_lkjip_pdf, tmp_path):
    path = tmp_path / "lkjip.pdf"
    path.write_bytes(demo_lkjip_pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for heading in ("KATA PENGANTAR", "IKHTISAR EKSEKUTIF", "DAFTAR ISI", "BAB I", "BAB II"):
        assert heading in text
    # Dotted leaders and page numbers: roman in the front matter, BAB I starting on page 1.
    assert re.search(r"KATA PENGANTAR\s*\.{5,}\s*i\n", text)
    assert re.search(r"PENDAHULUAN\s*\.{5,}\s*1\n", text)
    renstra = doc.captions["renstra"]
    number = re.search(rf"{re.escape(renstra.label)}\s+.*?\.{{5,}}\s*(\d+)\n", text)
    assert number and int(number.group(1)) > 1
