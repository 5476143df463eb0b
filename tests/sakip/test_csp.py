"""Content Security Policy: our own scripts and styles only, and templates that need nothing else."""

import re
from pathlib import Path

from django.urls import reverse

from indicators import predicates

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATES = ROOT / "templates"
# Documents that inline matplotlib SVG (styled by attributes) or their print stylesheet; their views relax
# style-src (sakip/csp.py). Scripts stay forbidden everywhere. The Pemda LKjIP inlines its stylesheet in the
# print HTML only (its page links the stylesheet and draws no chart).
STYLED_DOCUMENTS = (
    "reports/lkjip/",
    "reports/renstra/document",
    "reports/lkjip_pemda/document.html",
    "reports/lhe/document.html",  # the LHE letter: its print HTML inlines lhe.css (the page links it)
    "surveys/detail.html",
)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_workspace_pages_allow_only_our_own_assets(planner_client, demo_agency):
    response = planner_client.get(reverse("indicators:realisations", args=[demo_agency.code, 2021, 1]))
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]


def test_the_report_page_alone_allows_inline_styles_for_its_charts(planner_client, demo_agency):
    response = planner_client.get(reverse("reports:lkjip", args=[demo_agency.code, 2021]))
    assert response.status_code == 200
    directives = policy(response)
    assert "'unsafe-inline'" in directives["style-src"]
    assert directives["script-src"] == ["'self'"]


def test_templates_hold_no_inline_script_or_event_handler():
    offenders = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for pattern in (INLINE_SCRIPT, HANDLER)
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_workspace_templates_hold_no_inline_style():
    offenders = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        if not str(path.relative_to(TEMPLATES)).startswith(STYLED_DOCUMENTS)
        for match in INLINE_STYLE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_every_predicate_colour_has_a_badge_class():
    css = (ROOT / "static" / "css" / "sakip.css").read_text(encoding="utf-8")
    colours = set(re.findall(r'"(#[0-9a-fA-F]{6})"', Path(predicates.__file__).read_text(encoding="utf-8")))
    assert colours
    for colour in colours:
        assert f".band-{colour[1:].lower()} {{ background: {colour.lower()}; }}" in css, colour
