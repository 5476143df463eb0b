"""The LKjIP as PDF: the very HTML of the report page, laid out for A4 by WeasyPrint.

Deterministic: the same report gives the same bytes (no timestamps in the metadata, fonts from the system's
fixed font files, font subsets dated by `SOURCE_DATE_EPOCH` rather than the clock, charts drawn with a fixed hash
salt), so a PDF can be compared and archived.

Rendered by a task worker, one render per version, never in a web request: reports/rendering.py. This module only
makes the HTML and turns it into a PDF.

Speed (docs/performance.md): WeasyPrint's work grows with the boxes it lays out and draws, so the PDF is fed
only what it needs: the charts as images (the `chart` tag) rather than inline SVG elements, and the stylesheet
parsed once per process (`html_to_pdf`) instead of inlined in every document, and the garbage collector's
passes during a render are avoided (`_gc_paused`). WeasyPrint is used through its public API only: changes to its
internals were kept only if they took 10 % or more off the PDF's CPU, and none did (issue 17).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import threading
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template import engines

STYLESHEET = "css/lkjip.css"


def stylesheet_text() -> str:
    """lkjip.css with its @imports resolved, to inline in a standalone file (the PDF, the HTML download)."""
    parts = []
    for line in Path(finders.find(STYLESHEET)).read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("@import"):
            name = line.split('"')[1]
            parts.append(Path(finders.find(f"css/{name}")).read_text(encoding="utf-8"))
        else:
            parts.append(line)
    return "".join(parts)


# WeasyPrint cuts each embedded font down to the glyphs used. With HarfBuzz-Subset (libharfbuzz-subset0) the
# subset keeps the font file's own dates; without it (a pip-only install, a slim container) WeasyPrint falls back
# to fontTools, which writes the time of the render into each subset's `head` table unless SOURCE_DATE_EPOCH is
# set (the reproducible-builds convention). A fixed date, the same on every installation and for every document:
# the date of a font subset tells a reader of the report nothing. Set once when the app starts (`ReportsConfig.
# ready`), before any thread renders: changing os.environ while another thread reads it is not safe, and a value
# per document would need exactly that. An operator's own SOURCE_DATE_EPOCH is replaced, for the same bytes
# everywhere.
FONT_SUBSET_EPOCH = "0"  # 1970-01-01 00:00 UTC, read by fontTools.misc.timeTools.timestampNow


def fix_font_subset_dates() -> None:
    """Make fontTools date every font subset FONT_SUBSET_EPOCH instead of now (see above)."""
    os.environ["SOURCE_DATE_EPOCH"] = FONT_SUBSET_EPOCH


def harfbuzz_subsetting_available() -> bool:
    """Whether WeasyPrint subsets fonts with HarfBuzz (the PDFs of installations with and without it differ)."""
    from weasyprint.pdf import fonts

    return bool(fonts.harfbuzz_subset) and bool(fonts.harfbuzz.hb_version_atleast(4, 1, 0))


_fonts = threading.local()


def _font_config():
    """One FontConfiguration per thread, kept: Pango's font map caches the fonts and shaped glyphs of every
    render made with it (Pango objects are not shared between threads)."""
    from weasyprint.text.fonts import FontConfiguration

    if not hasattr(_fonts, "config"):
        _fonts.config = FontConfiguration()
    return _fonts.config


@functools.lru_cache(maxsize=16)
def parsed_stylesheet(text: str):
    """A stylesheet parsed once per process (the LKjIP's takes ~0,1 s to parse); read-only while rendering."""
    from weasyprint import CSS

    return CSS(string=text)


_gc_lock = threading.Lock()
_gc_state = {"holds": 0, "was_enabled": True}


def _gc_hold() -> None:
    with _gc_lock:
        if _gc_state["holds"] == 0:
            _gc_state["was_enabled"] = gc.isenabled()
            gc.disable()
        _gc_state["holds"] += 1


def _gc_release() -> None:
    with _gc_lock:
        _gc_state["holds"] -= 1
        if _gc_state["holds"] == 0 and _gc_state["was_enabled"]:
            gc.enable()


@contextlib.contextmanager
def _gc_paused():
    """Python's cyclic garbage collector off while WeasyPrint renders. A render allocates millions of short-lived
    objects (boxes, styles, Pango layouts), which start hundreds of collections, each walking the live objects of
    the whole process: −18 % CPU for the LKjIP, the same peak memory (docs/performance.md). Most of a render's
    objects hang on reference cycles (every computed style refers to itself); a task worker renders in a process of
    its own that ends after the render (reports/management/commands/task_worker.py), so that garbage is never
    collected at all, just returned with the process. Counted across threads, so that one render ending does not
    switch the collector back on under another thread's render."""
    _gc_hold()
    try:
        yield
    finally:
        _gc_release()


def html_to_pdf(html: str, stylesheets: Sequence[str] = ()) -> bytes:
    """WeasyPrint's PDF of a self-contained `html` page with the given stylesheets (CSS text, each parsed once
    per process, then reused). Only `data:` URLs are fetched (the charts): never a file or the network.
    Same input, same bytes."""
    sheets = [parsed_stylesheet(text) for text in stylesheets]
    with _gc_paused():
        return _render(html, sheets)


def _render(html: str, sheets: list) -> bytes:
    from weasyprint import HTML  # heavy import, only where a PDF is made
    from weasyprint.urls import URLFetcher

    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"}))
    return document.write_pdf(stylesheets=sheets, font_config=_font_config())


def compile_templates(folders: Sequence[str]) -> None:
    """Compile the templates of `folders` (under templates/) once, before the first request needs them: the cached
    loader keeps every template compiled after its first use (`reports.registry.compile_report_templates`)."""
    for engine in engines.all():
        for folder in folders:
            for path in sorted(Path(settings.BASE_DIR, "templates", folder).glob("*.html")):
                engine.get_template(f"{folder}/{path.name}")
