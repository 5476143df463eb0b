"""The fast parser of the print HTML (reports/html_tree.py) builds exactly the tree WeasyPrint's HTML5 parser
builds, for every report we print; markup an HTML5 parser would repair goes to that parser instead."""

import pytest
import tinyhtml5

from reports.assembly import report_build
from reports.document import document_build
from reports.html_tree import report_tree
from reports.pdf import html_to_pdf, lkjip_print_html
from reports.renstra import renstra_build
from reports.renstra_render import _print_html as renstra_print_html


def differences(mine, theirs, path="html"):
    """The first place two element trees differ (tag, attributes, text, tail, children), or None."""
    if (mine.tag, dict(mine.attrib)) != (theirs.tag, dict(theirs.attrib)):
        return f"{path}: <{mine.tag} {dict(mine.attrib)}> != <{theirs.tag} {dict(theirs.attrib)}>"
    if (mine.text or "", mine.tail or "") != (theirs.text or "", theirs.tail or ""):
        return f"{path}: text/tail {mine.text!r}/{mine.tail!r} != {theirs.text!r}/{theirs.tail!r}"
    mine_children = [child for child in mine if isinstance(child.tag, str)]  # comments draw nothing
    their_children = [child for child in theirs if isinstance(child.tag, str)]
    if len(mine_children) != len(their_children):
        return f"{path}: {len(mine_children)} children != {len(their_children)}"
    for index, (a, b) in enumerate(zip(mine_children, their_children, strict=True)):
        if found := differences(a, b, f"{path}/{a.tag}[{index}]"):
            return found
    return None


def assert_same_tree_as_html5(html):
    tree = report_tree(html)
    assert tree is not None, "the fast parser declined this page: the PDF would take the slow HTML5 parser"
    assert differences(tree, tinyhtml5.parse(html, namespace_html_elements=False)) is None


def test_the_demo_lkjip_parses_fast_to_the_html5_tree(demo_agency):
    assert_same_tree_as_html5(lkjip_print_html(document_build(report_build(agency=demo_agency, year=2021))))


def test_the_demo_renstra_parses_fast_to_the_html5_tree(demo_agency):
    assert_same_tree_as_html5(renstra_print_html(renstra_build(agency=demo_agency)))


def test_text_is_read_as_html5_reads_it():
    page = (
        "<!doctype html>\n<html lang='id'>\n<head>\n<meta charset=utf-8><title>A &amp; B</title>\n</head>\n"
        '<body class="x">\r\n<p title="&quot;1.715&quot;">Rp&nbsp;22.511.784.601,- &lt;b&gt; &#x27;a&#39;\r'
        "<br>baris</p><img alt=chart src=data:,x>\n<table><tbody><tr><td hidden>1</td></tr></tbody></table>\n"
        "</body>\n</html>\n"
    )
    assert_same_tree_as_html5(page)


@pytest.mark.parametrize(
    "body",
    [
        "<table><tr><td>1</td></tr></table>",  # HTML5 inserts the <tbody>
        "<table><colgroup><col></colgroup><col></table>",  # … and a <colgroup>
        "<p>Capaian <div>103,32 %</div></p>",  # a block closes the paragraph
        "<ul><li>satu<li>dua</ul>",  # the second item closes the first
        "<a href='#a'>a <a href='#b'>b</a></a>",  # links do not nest
        "<div><span>103,32 %</div></span>",  # misnested end tags
        "<table><tbody>103,32 %<tr><td>1</td></tr></tbody></table>",  # text moved out of the table
        "<div/>text",  # an open <div>, not an empty one
        "<pre>\nkode</pre>",  # the first newline is dropped
    ],
)
def test_markup_an_html5_parser_would_repair_is_left_to_it(body):
    page = f"<!doctype html><html><head><title>x</title></head><body>{body}</body></html>"
    assert report_tree(page) is None


@pytest.mark.parametrize(
    "page",
    [
        "<p>no html element</p>",
        "<html><body><p>no head</p></body></html>",
        "<html><head></head><body></body></html><p>after the end</p>",
        "<html><head></head>text<body></body></html>",
    ],
)
def test_a_page_without_the_usual_frame_is_left_to_html5(page):
    assert report_tree(page) is None


def test_a_full_page_prints_as_weasyprint_prints_it():
    # Goes through the fast tree and the lean default stylesheet: byte for byte WeasyPrint's own PDF.
    from weasyprint import HTML

    page = (
        "<!doctype html><html lang='id'><head><title>Tabel</title>"
        "<style>li { text-transform: uppercase } ol { list-style-type: lower-alpha }</style></head>"
        "<body><h1>Dasar hukum</h1><ol><li>Pertama</li><li>Kedua</li></ol>"
        "<table><thead><tr><th>Kode</th></tr></thead><tbody><tr><td>1.715</td></tr></tbody></table></body></html>"
    )
    assert report_tree(page) is not None
    assert html_to_pdf(page) == HTML(string=page).write_pdf()


def test_a_declined_page_still_prints():
    from weasyprint import HTML

    page = "<table><tr><td>103,32 %</td></tr></table>"
    assert report_tree(page) is None
    assert html_to_pdf(page) == HTML(string=page).write_pdf()
