"""The LKjIP as PDF: the very HTML of the report page, laid out for A4 by WeasyPrint.

Deterministic: the same report gives the same bytes (no timestamps in the metadata, fonts from the system's
fixed font files, font subsets dated by `SOURCE_DATE_EPOCH` rather than the clock, charts drawn with a fixed hash
salt), so a PDF can be compared and archived.

One render per version (`render_once`): simultaneous requests for the same PDF, in any thread or worker process,
share one render, and at most PDF_MAX_CONCURRENT_RENDERS run at once.

Speed (docs/performance.md): WeasyPrint's work grows with the boxes it lays out and draws, so the PDF is fed
only what it needs: the charts as images (the `chart` tag) rather than inline SVG elements, and the stylesheet
parsed once per process (`html_to_pdf`) instead of inlined in every document, and the garbage collector's
passes during a render are avoided (`_gc_paused`). WeasyPrint is used through its public API only: changes to its
internals were kept only if they took 10 % or more off the PDF's CPU, and none did (issue 17).
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import gc
import hashlib
import logging
import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .document import LkjipDocument

logger = logging.getLogger(__name__)

STYLESHEET = "css/lkjip.css"
PDF_CACHE_SECONDS = 24 * 60 * 60


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


def _context(document: LkjipDocument, for_print: bool, charts_as_images: bool = False) -> dict:
    # charts_as_images: read by the `chart` tag (reports/templatetags/lkjip.py), True for WeasyPrint only.
    return {
        "doc": document,
        "report": document.report,
        "for_print": for_print,
        "charts_as_images": charts_as_images,
    }


def lkjip_html(document: LkjipDocument, *, for_print: bool = False, request=None) -> str:
    """The HTML of the report: linked to the site's stylesheet on screen, self-contained for print."""
    context = _context(document, for_print)
    if for_print:
        context["stylesheet"] = mark_safe(stylesheet_text())  # our own file, not user input
    return render_to_string("reports/lkjip/document.html", context, request=request)


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
def _stylesheet(text: str):
    """A stylesheet parsed once per process (the LKjIP's takes ~0,1 s to parse); read-only while rendering."""
    from weasyprint import CSS

    return CSS(string=text)


_gc_lock = threading.Lock()
_gc_state = {"holds": 0, "was_enabled": True}
_deferral = threading.local()  # .active: this thread serves a request whose response is not sent yet; .held


def _gc_hold() -> None:
    with _gc_lock:
        if _gc_state["holds"] == 0:
            _gc_state["was_enabled"] = gc.isenabled()
            gc.disable()
        _gc_state["holds"] += 1


def _gc_release(*, collect: bool = False) -> None:
    with _gc_lock:
        _gc_state["holds"] -= 1
        resume = _gc_state["holds"] == 0 and _gc_state["was_enabled"]
        if resume:
            gc.enable()
    if resume and collect:
        gc.collect(0)  # outside the lock: another thread may start a render meanwhile


@contextlib.contextmanager
def _gc_paused():
    """Python's cyclic garbage collector off while WeasyPrint renders. A render allocates millions of short-lived
    objects (boxes, styles, Pango layouts), which start hundreds of collections, each walking the live objects of
    the whole process: −18 % CPU for the LKjIP, the same peak memory (docs/performance.md). Most of a render's
    objects hang on reference cycles (every computed style refers to itself), so one collection frees them once
    the collector is back: 0,25 s for the LKjIP. In a view wrapped in `collect_garbage_after_response`, that
    collection waits until the PDF has been sent. Counted across threads, so that one render ending does not switch
    the collector back on under another thread's render."""
    _gc_hold()
    try:
        yield
    finally:
        if getattr(_deferral, "active", False) and not getattr(_deferral, "held", False):
            _deferral.held = True  # released by collect_deferred_garbage
        else:
            _gc_release()


def defer_garbage_collection() -> None:
    """From now on, a render on this thread leaves the collector paused until `collect_deferred_garbage`."""
    _deferral.active = True


def collect_deferred_garbage() -> None:
    """End the deferral on this thread: the collector resumes (unless another render is running) and frees what
    this thread's render left."""
    _deferral.active = False
    if getattr(_deferral, "held", False):
        _deferral.held = False
        _gc_release(collect=True)


def collect_garbage_after_response(view):
    """Decorates a view that may render a PDF: the render's garbage is collected once the response has been sent
    (on `request_finished`, which the WSGI server sends after the last byte), not before the user gets the file."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        defer_garbage_collection()
        try:
            return view(request, *args, **kwargs)
        except BaseException:
            collect_deferred_garbage()
            raise

    return wrapper


def collect_after_request_finished(**kwargs) -> None:
    """`request_finished` receiver (reports.apps): ends this thread's deferral, if any."""
    if getattr(_deferral, "active", False):
        collect_deferred_garbage()


def html_to_pdf(html: str, stylesheets: Sequence[str] = ()) -> bytes:
    """WeasyPrint's PDF of a self-contained `html` page with the given stylesheets (CSS text, each parsed once
    per process, then reused). Only `data:` URLs are fetched (the charts): never a file or the network.
    Same input, same bytes."""
    sheets = [_stylesheet(text) for text in stylesheets]
    with _gc_paused():
        return _render(html, sheets)


def _render(html: str, sheets: list) -> bytes:
    from weasyprint import HTML  # heavy import, only where a PDF is made
    from weasyprint.urls import URLFetcher

    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"}))
    return document.write_pdf(stylesheets=sheets, font_config=_font_config())


def warm_up() -> None:
    """Do at a server process's start what the first PDF would otherwise pay for: parse the report stylesheets
    and WeasyPrint's default one, load the fonts in every weight used, the Indonesian hyphenation dictionary
    and the chart code, and compile the report templates (gunicorn.conf.py, post_worker_init)."""
    from django.template import engines

    from . import charts
    from .renstra_render import renstra_stylesheet_text
    from .templatetags.lkjip import chart_markup

    sheets = [stylesheet_text(), renstra_stylesheet_text()]
    chart = charts.capaian_chart([("S1.1", Decimal("103.32"))], title="Capaian")
    page = (
        '<!doctype html><html lang="id"><head><title>LKjIP</title></head><body class="lkjip print">'
        '<div class="running-header">Laporan Kinerja</div><section class="chapter"><h1 class="chapter-title">'
        '<span class="chapter-number">BAB I</span> Pendahuluan</h1><h2 class="section">A. Latar Belakang</h2>'
        "<p>Penyelenggaraan pemberdayaan koperasi dan usaha mikro berkelanjutan <strong>1.715</strong> "
        '<em>0,5 %</em></p><table class="data"><thead><tr><th>Kode</th></tr></thead><tbody><tr>'
        f'<td class="num">103,32 %</td></tr></tbody></table><figure>{chart_markup(chart, as_image=True)}'
        "</figure></section></body></html>"
    )
    html_to_pdf(page, sheets[:1])
    for text in sheets[1:]:
        _stylesheet(text)
    for engine in engines.all():  # the cached loader keeps every template compiled after its first use
        for folder in ("reports/lkjip", "reports/lkjip/tables", "reports/renstra", "reports/renstra/tables"):
            for path in sorted(Path(settings.BASE_DIR, "templates", folder).glob("*.html")):
                engine.get_template(f"{folder}/{path.name}")


def lkjip_print_html(document: LkjipDocument) -> str:
    """The HTML WeasyPrint gets: charts as images, the stylesheet beside it (`html_to_pdf`)."""
    return render_to_string("reports/lkjip/document.html", _context(document, True, charts_as_images=True))


def lkjip_pdf(document: LkjipDocument, *, use_cache: bool = True) -> bytes:
    """The PDF; cached under the hash of its HTML and stylesheet, since laying out ~60 A4 pages takes
    WeasyPrint seconds.

    The same HTML always gives the same bytes, so a cached PDF is exactly the one a fresh render would give;
    any change of data, narrative or template changes the HTML and so the key.
    """
    return cached_pdf("lkjip-pdf", lkjip_print_html(document), [stylesheet_text()], use_cache=use_cache)


def lkjip_pdf_prerender(document: LkjipDocument) -> str:
    """Start rendering the PDF in the background (see `prerender_pdf`)."""
    return prerender_pdf("lkjip-pdf", lkjip_print_html(document), [stylesheet_text()])


def _cache_key(prefix: str, html: str, stylesheets: Sequence[str]) -> str:
    digest = hashlib.sha256("".join([*stylesheets, html]).encode()).hexdigest()
    return f"{prefix}:{digest}"


def cached_pdf(prefix: str, html: str, stylesheets: Sequence[str], *, use_cache: bool = True) -> bytes:
    """`html_to_pdf`, cached under the hash of the HTML and its stylesheets (same input, same bytes), rendered
    once per version however many requests ask for it at once (`render_once`). Raises `RenderBusy` when no
    render could start within PDF_RENDER_WAIT_SECONDS. `use_cache=False`: a plain render (measurements, tests)."""
    if not use_cache:
        return html_to_pdf(html, stylesheets)
    key = _cache_key(prefix, html, stylesheets)
    deadline = time.monotonic() + settings.PDF_RENDER_WAIT_SECONDS
    pdf = cache.get(key)
    if pdf is None:  # a background render claimed in the cache (here, or elsewhere with CACHE_URL)
        pdf = _wait_for_other_process(key, deadline)
    if pdf is None:
        pdf = render_once(key, html, stylesheets, deadline)
    return pdf


# --- one render per version, a bounded number at once ----------------------------------------------------------
# Ten people downloading a report whose data just changed used to start ten WeasyPrint renders of the same
# version, side by side: each took ten times as long and the workers' memory grew for good (issue 16). Now:
# - one render per version: a render holds an exclusive lock on a file named after the version's hash; a request
#   for the same version waits on that lock, then takes the PDF from the cache or, when the render was made by
#   another worker process (the default cache is per process), from the file the render left beside the lock;
# - at most PDF_MAX_CONCURRENT_RENDERS renders at once in all processes sharing PDF_RENDER_DIR: a render first
#   takes one of that many slot files;
# - a request that got neither within PDF_RENDER_WAIT_SECONDS gets RenderBusy: the download views answer with
#   a "being prepared, try again" page (503 with Retry-After) instead of queueing without end.
# flock(2) locks belong to an open file, so they exclude threads of one process as well as other processes, and
# the system releases them when a process dies. Lock files are never deleted (deleting a lock file while another
# process waits on it would let two renders run): versions share LOCK_BUCKETS of them, by their hash.
LOCK_BUCKETS = 256
LOCK_POLL_SECONDS = 0.05
HANDOVER_SECONDS = 30 * 60  # how long a finished PDF stays beside the locks for other processes
RETRY_AFTER_SECONDS = 15


class RenderBusy(Exception):
    """No render of this PDF could start within PDF_RENDER_WAIT_SECONDS: every render slot stayed busy, or the
    render of the same version by another request did not finish."""


def render_dir() -> Path:
    """Where the lock files and the PDFs handed between processes are kept: PDF_RENDER_DIR, by default a folder
    under MEDIA_ROOT (shared by every worker of the deployment)."""
    folder = Path(settings.PDF_RENDER_DIR or Path(settings.MEDIA_ROOT) / "pdf-renders")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _take_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextlib.contextmanager
def _first_free_lock(paths: Sequence[Path], deadline: float):
    """Hold an exclusive lock on the first of `paths` that is free, waiting until `deadline` (RenderBusy)."""
    descriptors = []
    try:
        # Read-only is enough for flock; 0o666 (less the umask) so that a file first made by an operator's
        # `render_report` under another user does not lock the web workers out.
        for path in paths:
            descriptors.append(os.open(path, os.O_RDONLY | os.O_CREAT, 0o666))
        while not any(_take_lock(fd) for fd in descriptors):
            if time.monotonic() >= deadline:
                raise RenderBusy
            time.sleep(LOCK_POLL_SECONDS)
        yield
    finally:
        for fd in descriptors:
            os.close(fd)  # closing the descriptor releases its lock


def render_slot(deadline: float):
    """One of the PDF_MAX_CONCURRENT_RENDERS render slots, held for the duration of a `with` block."""
    folder = render_dir()
    count = max(1, int(settings.PDF_MAX_CONCURRENT_RENDERS))
    return _first_free_lock([folder / f"slot-{n}.lock" for n in range(count)], deadline)


def _version_lock(key: str, deadline: float):
    digest = key.rsplit(":", 1)[-1]
    bucket = int(digest[:8], 16) % LOCK_BUCKETS
    return _first_free_lock([render_dir() / f"version-{bucket:03d}.lock"], deadline)


def _handover_path(key: str) -> Path:
    return render_dir() / (key.replace(":", "-") + ".pdf")


def _handed_over(key: str) -> bytes | None:
    path = _handover_path(key)
    try:
        if time.time() - path.stat().st_mtime < HANDOVER_SECONDS:
            return path.read_bytes()
    except FileNotFoundError:
        pass
    return None


def _hand_over(key: str, pdf: bytes) -> None:
    """Leave the PDF beside the locks for the processes waiting for it (written whole, then renamed), and
    remove those older than HANDOVER_SECONDS. Best effort: a full or read-only folder costs the other processes
    a render of their own, never this request its PDF."""
    path = _handover_path(key)
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
    try:
        partial.write_bytes(pdf)
        os.replace(partial, path)
    except OSError:
        logger.warning("PDF not handed over in %s", path.parent, exc_info=True)
        with contextlib.suppress(OSError):
            partial.unlink()
    for old in [*path.parent.glob("*.pdf"), *path.parent.glob("*.part")]:
        with contextlib.suppress(OSError):
            if time.time() - old.stat().st_mtime >= HANDOVER_SECONDS:
                old.unlink()


def render_once(key: str, html: str, stylesheets: Sequence[str], deadline: float) -> bytes:
    """The PDF of this version: from the cache, from the render another request (in any process sharing
    PDF_RENDER_DIR) has just made of it, or rendered here in a render slot. Raises RenderBusy at `deadline`."""
    with _version_lock(key, deadline):
        pdf = cache.get(key)
        if pdf is None:
            pdf = _handed_over(key)
        if pdf is None:
            with render_slot(deadline):
                pdf = html_to_pdf(html, stylesheets)
            _hand_over(key, pdf)
        cache.set(key, pdf, timeout=PDF_CACHE_SECONDS)
    return pdf


def answer_busy_with_retry(view):
    """Decorates a PDF download view: when `RenderBusy`, a page that says the PDF is being prepared and reloads
    itself (503 with Retry-After), instead of an error or a request left waiting without end."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except RenderBusy:
            from django.shortcuts import render

            context = {"retry_after": RETRY_AFTER_SECONDS, "again": request.get_full_path()}
            response = render(request, "reports/pdf_busy.html", context, status=503)
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response

    return wrapper


# --- rendering ahead of the download ---------------------------------------------------------------------------
# The report page asks for its PDF as soon as it is shown (static/js/sakip.js, `a[data-prepare]` → the
# `…/lkjip.pdf/siapkan` view): one background thread per process renders it into the cache the download reads,
# so "Unduh PDF" is usually served at once instead of after WeasyPrint's seconds. One thread: renders queue
# rather than compete for the CPU with the requests being served. Only the HTML and stylesheet text cross to the
# thread (no database). It renders through `render_once`, so it shares the version locks and render slots with
# the downloads. A claim in the cache (`…:rendering`) also keeps processes on other machines sharing a cache
# (CACHE_URL) from rendering the same PDF twice; it expires by itself if its process dies.
_prerender_lock = threading.Lock()
_prerenders: dict[str, Future] = {}
_prerender_executor: ThreadPoolExecutor | None = None
RENDER_CLAIM_SECONDS = 120  # longer than any render; gunicorn's own timeout is 120 s
CLAIM_POLL_SECONDS = 0.25


def _claim(key: str) -> str:
    return f"{key}:rendering"


def prerender_pdf(prefix: str, html: str, stylesheets: Sequence[str]) -> str:
    """Queue the PDF of `html` for rendering into the cache unless it is cached or on its way already.
    Returns "ready" (cached), "rendering" (on its way, here or in another process) or "off" (PDF_PRERENDER
    is False)."""
    global _prerender_executor
    key = _cache_key(prefix, html, stylesheets)
    if cache.get(key) is not None:
        return "ready"
    if not settings.PDF_PRERENDER:
        return "off"
    with _prerender_lock:
        if key not in _prerenders and cache.add(_claim(key), True, timeout=RENDER_CLAIM_SECONDS):
            if _prerender_executor is None:
                _prerender_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf-prerender")
            _prerenders[key] = _prerender_executor.submit(_prerender, key, html, list(stylesheets))
    return "rendering"


def _prerender(key: str, html: str, stylesheets: list[str]) -> bytes | None:
    try:
        return render_once(key, html, stylesheets, time.monotonic() + settings.PDF_RENDER_WAIT_SECONDS)
    except RenderBusy:  # the download renders it when asked, or says to try again
        logger.info("Background PDF render skipped: no render slot free (%s)", key)
        return None
    except Exception:  # the download renders again and reports the error to the user who asked
        logger.exception("Background PDF render failed (%s)", key)
        return None
    finally:
        cache.delete(_claim(key))
        with _prerender_lock:
            _prerenders.pop(key, None)


def _wait_for_other_process(key: str, deadline: float) -> bytes | None:
    """The PDF another process is rendering in the background (its claim is in a cache shared with this
    process, CACHE_URL), once it is there; None if nobody claimed it, or its render ended without a PDF, or not
    by `deadline` (the caller then renders it or waits on the lock of its version)."""
    deadline = min(deadline, time.monotonic() + RENDER_CLAIM_SECONDS)
    while (pdf := cache.get(key)) is None and cache.get(_claim(key)) and time.monotonic() < deadline:
        time.sleep(CLAIM_POLL_SECONDS)
    return pdf if pdf is not None else cache.get(key)


def wait_for_prerenders(timeout: float | None = None) -> None:
    """Block until the queued background renders are done (tests, and a worker shutting down)."""
    with _prerender_lock:
        pending = list(_prerenders.values())
    for future in pending:
        future.result(timeout=timeout)
