"""Try SAKIP as a careless planner and as an attacker would, against a live server, and count what gets through.

    .venv/bin/python scripts/robustness.py [--quick] [--port N] [--keep-server] [--rounds N] [--postgres URL]
                                           [--verbose] [--only 1,1b,1c,2,3,3b,3c,4]

The script builds a fresh SQLite database in a temporary folder (migrate, `loaddemo`, and a few more
identities: planners of another agency of the same Pemda and of another Pemda, a head and a reviewer of the other
Pemda, a user without a role, a deactivated user with a live session; the demo Pemda's administrator `bappeda`
and another Pemda's `bappeda-lain`; for the demo Pemda an RPJMD, an extension and a rubric variant), starts
`manage.py runserver --noreload` on a free loopback port, and then:

1. walks every URL pattern that carries an agency code (sakip/url_walk.py, the same enumeration as the URL walk
   test) plus the Django admin, as every identity, GET and (where it must be refused) POST;
1b. walks every URL pattern under the demo Pemda's code (`pemda:*`, the same enumeration) as every identity: its
   administrators and inspectorate get the page (or the 302/403/405 the screen says), everyone else 404 (the
   anonymous and the deactivated the login page), with no POST accepted and nothing of the Pemda shown to an
   outsider; another Pemda's users try the demo Pemda's object ids under their own Pemda's code;
1c. walks every `api:` URL pattern (those under the demo agency's code, the same enumeration, every quarter; the
   demo Pemda's dashboard; the lists) as every identity, each with an API key of its own (issued as the profile
   screen issues them), plus no key and a revoked key: GET, and an empty write on the write endpoints. No key, a
   revoked key or a deactivated user's: 401; another agency's or Pemda's data: 404 (a read-only role's write: 403),
   and no list naming the demo agency or Pemda to an outsider;
2. freezes the demo year (submitted by the planner, approved by the reviewer) and tries to change it by every
   path: each grid, the narratives, the plan screen, evidence, the Excel import (upload and a confirmation
   prepared while the year was open), the IKM survey, the Django admin and the API's three writes (realisations
   PUT, budget PUT, evidence POST, with the planner's and the administrator's keys: 403); a fingerprint of the year (its
   tables and `render_report --format json`) is compared before and after each attempt;
3. posts a corpus of bad input (numbers, text, uploads, import files) into the forms, and after each accepted
   value reads the pages and downloads that show it;
3b. the same numbers, and bad dates and whole numbers, into the Pemda's forms (RPJMD target and realisation
   grids, an IKU's figures and baseline year, the RPJMD's years, the kepala daerah's PK date, the entry windows'
   deadlines, the settings' figures, the units' order) — each refused with a bilingual message and nothing saved,
   the good spellings ("1.715", "0,5%", "3 Januari 2022") kept as typed — bad RPJMD files into its import (not
   JSON, not UTF-8, off the schema, nested too deeply, another Pemda's, an existing plan without "Ganti", too large),
   and bad query strings into every page;
3c. the numbers and texts of section 3 into the API's realisation value and analysis and a budget line's spending
   and physical progress, as JSON strings (stored as `sakip.numbers.parse_localized` reads them, as the screens do)
   and as JSON numbers (stored exactly), then malformed bodies (not JSON, wrong types, huge and deeply nested
   arrays, unknown codes) — no 5xx, a refusal is a 400 leaving the year's rows as they were, an accepted value is
   read back through the pages, downloads and the API;
4. saves the same grid row from two sessions at the same instant, N rounds (and, in full mode, a double
   evidence upload, a double import confirmation and a double submit).

It prints a table of counts per section and the list of failures (URL, identity, input, status), and exits 1 if
anything leaked, answered 5xx, lost an edit, wrote to a frozen year, wrote a live formula from user text, or was
wrongly accepted (a figure not given back as typed or with another field's unit, a broken evidence file, an import
cell issue 16 says must be refused), or answered wrongly (a Pemda screen refusing its own administrators, a
refusal without a bilingual message, a good spelling refused); 2 if a section could not finish. `--postgres URL`
runs on a fresh PostgreSQL database instead of SQLite. docs/security.md explains each count and holds the figures.
Sections run in the order 1, 1b, 1c, 3, 3b, 3c, 4, 2 (the year is frozen last, so that the others can still write it);
`--only` runs some of them.
Only the standard library and the project's own dependencies (Django, openpyxl) are used.
"""

from __future__ import annotations

import argparse
import hashlib
import html.parser
import http.cookiejar
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "sakip-demo"
DEMO_CODE, YEAR = "tangsel-dinkopukm", 2021
SAME_PEMDA_CODE, OTHER_PEMDA_CODE = "dinas-sebelah", "dinas-lain"


# --- counting ----------------------------------------------------------------------------------------------
COLUMNS = (
    "tried",
    "refused",
    "leaked",
    "server errors",
    "lost edits",
    "frozen writes",
    "live formulas",
    "wrongly accepted",
    "wrong answers",  # a Pemda screen answering a permitted user otherwise than it says, a refusal not bilingual
)
FAILING = COLUMNS[2:]


@dataclass
class Tally:
    counts: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    failures: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def add(self, section, column, n=1):
        self.counts[section][column] += n

    def fail(self, section, column, identity, method, url, detail, status):
        self.add(section, column)
        self.failures.append((section, column, identity, method, url, detail, status))

    def note(self, text):
        self.notes.append(text)


TALLY = Tally()
TIMES = {}
VERBOSE = False


def say(*parts):
    print(*parts, flush=True)


def debug(*parts):
    if VERBOSE:
        print("   ", *parts, flush=True)


# --- HTTP --------------------------------------------------------------------------------------------------
class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self):
        return self.headers.get("location", "")

    def error_name(self):
        """The exception a DEBUG 500 page names ("InvalidOperation at /opd/…"), or ''."""
        match = re.search(r"<title>\s*([^<]*?)\s+at\s+/", self.text)
        return match.group(1).strip() if match else ""


class Client:
    """One browser: its own cookies (session, CSRF), no redirects followed."""

    def __init__(self, base, name):
        self.base, self.name = base, name
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def csrf(self):
        for cookie in self.jar:
            if cookie.name == "csrftoken":
                return cookie.value
        return ""

    def request(self, method, path, data=None, files=None, timeout=300):
        url = path if path.startswith("http") else self.base + path
        headers = {"User-Agent": "sakip-robustness"}
        body = None
        if method == "POST":
            headers["X-CSRFToken"] = self.csrf()
            headers["Referer"] = url
            fields = list(data.items()) if isinstance(data, dict) else list(data or [])
            if files:
                boundary = uuid.uuid4().hex
                body = _multipart(fields, files, boundary)
                headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
            else:
                body = urllib.parse.urlencode(fields).encode()
                headers["Content-Type"] = "application/x-www-form-urlencoded"
        req = urllib.request.Request(url, data=body, headers=headers, method=method)
        return self._open(req, timeout)

    def _open(self, req, timeout=300):
        try:
            with self.opener.open(req, timeout=timeout) as answer:
                return Response(
                    answer.status, answer.read(), {k.lower(): v for k, v in answer.headers.items()}
                )
        except urllib.error.HTTPError as answer:
            return Response(answer.code, answer.read(), {k.lower(): v for k, v in answer.headers.items()})
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as error:
            return Response(599, str(error).encode(), {})

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, data=None, files=None, **kw):
        if not self.csrf():
            self.get("/masuk/")
        return self.request("POST", path, data, files, **kw)

    def login(self, username, password=PASSWORD):
        page = self.get("/masuk/")
        token = _token_from(page.text)
        answer = self.request(
            "POST",
            "/masuk/",
            [("csrfmiddlewaretoken", token), ("username", username), ("password", password)],
        )
        return answer.status == 302


def _multipart(fields, files, boundary):
    out = io.BytesIO()
    for name, value in fields:
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(str(value).encode("utf-8", errors="surrogatepass") + b"\r\n")
    for name, (filename, content, ctype) in files.items():
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {ctype}\r\n\r\n".encode()
        )
        out.write(content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue()


def _token_from(text):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
    return match.group(1) if match else ""


# --- forms in a page ---------------------------------------------------------------------------------------
class Form:
    def __init__(self, action, method, enctype):
        self.action, self.method, self.enctype = action, method, enctype
        self.fields: list[list] = []  # [name, value], in page order
        self.files: list[str] = []
        self.buttons: list[tuple[str, str]] = []

    def names(self):
        return [name for name, _ in self.fields]

    def get(self, name, default=None):
        for key, value in self.fields:
            if key == name:
                return value
        return default

    def set(self, name, value):
        for item in self.fields:
            if item[0] == name:
                item[1] = value
                return
        self.fields.append([name, value])

    def data(self, extra=()):
        return [(k, v) for k, v in self.fields] + list(extra)


class _FormParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.form = None
        self.textarea = None
        self.select = None
        self.first_option = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.form = Form(
                a.get("action") or "", (a.get("method") or "get").lower(), a.get("enctype") or ""
            )
            self.forms.append(self.form)
        if self.form is None:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind == "file":
                self.form.files.append(name)
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.form.fields.append([name, a.get("value", "on")])
            elif kind in ("submit", "button", "image"):
                self.form.buttons.append((name, a.get("value", "")))
            else:
                self.form.fields.append([name, a.get("value", "")])
        elif tag == "button" and name:
            self.form.buttons.append((name, a.get("value", "")))
        elif tag == "textarea" and name and "disabled" not in a:
            self.textarea = [name, ""]
            self.form.fields.append(self.textarea)
        elif tag == "select" and name and "disabled" not in a:
            self.select, self.first_option = name, None
            self.selected = False
        elif tag == "option" and self.select:
            value = a.get("value", "")
            if self.first_option is None:
                self.first_option = value
            if "selected" in a:
                self.form.fields.append([self.select, value])
                self.selected = True

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select" and self.select:
            if not self.selected and self.first_option is not None:
                self.form.fields.append([self.select, self.first_option])
            self.select = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data


def forms_of(text) -> list[Form]:
    parser = _FormParser()
    parser.feed(text)
    return parser.forms


def form_with(text, field_pattern) -> Form | None:
    """The POST form of the page with a field whose name matches `field_pattern` (a regex)."""
    for form in forms_of(text):
        if form.method == "post" and any(re.search(field_pattern, n) for n in form.names() + form.files):
            return form
    return None


# --- the database and the server ---------------------------------------------------------------------------
def django_setup(tmp: Path, database_url: str):
    os.environ["DATABASE_URL"] = database_url
    os.environ["MEDIA_ROOT"] = str(tmp / "media")
    os.environ["DJANGO_SETTINGS_MODULE"] = "sakip.settings.dev"
    os.environ["DEBUG"] = "true"  # a 500 page names its exception
    os.environ.setdefault("SECRET_KEY", "robustness-" + uuid.uuid4().hex)
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    import django

    django.setup()


def postgres_create(server_url: str) -> tuple[str, str]:
    """A fresh database on the PostgreSQL server at `server_url` (postgres://user@host:port): (name, its URL)."""
    import psycopg2

    name = f"sakip_robustness_{uuid.uuid4().hex[:8]}"
    connection = psycopg2.connect(server_url.rstrip("/") + "/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {name}")
    connection.close()
    return name, server_url.rstrip("/") + "/" + name


def postgres_drop(server_url: str, name: str):
    import psycopg2

    connection = psycopg2.connect(server_url.rstrip("/") + "/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    connection.close()


def db_done():
    """Close this process's connection, so the server is never kept waiting on an SQLite lock we hold."""
    from django.db import connections

    connections.close_all()


def build_database():
    """migrate, loaddemo, and the extra identities and objects the walk needs; returns the ids it uses."""
    import copy

    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from agencies.models import Agency, Profile
    from interchange.dataset.validation import parse_json
    from interchange.dataset.writing import dataset_import
    from interchange.demo import DEMO_DATASET
    from review.models import Comment

    call_command("migrate", verbosity=0)
    call_command("loaddemo", stdout=io.StringIO())
    data = parse_json(DEMO_DATASET.read_text(encoding="utf-8"))
    same = copy.deepcopy(data)
    same["agency"].update(code=SAME_PEMDA_CODE, name="Dinas Sebelah")
    dataset_import(same)
    other = copy.deepcopy(data)
    other["agency"].update(code=OTHER_PEMDA_CODE, name="Dinas Lain")
    other["government"].update(code="kota-lain", name="Kota Lain")
    dataset_import(other)

    demo = Agency.objects.get(code=DEMO_CODE)
    neighbour = Agency.objects.get(code=SAME_PEMDA_CODE)
    foreign = Agency.objects.get(code=OTHER_PEMDA_CODE)
    User = get_user_model()

    def user(username, role=None, active=True, **scope):
        account = User.objects.create_user(username, password=PASSWORD, is_active=active)
        if role:
            Profile.objects.create(user=account, role=role, **scope)
        return account

    user(
        "perencana2", Profile.Role.PLANNER, agency=demo
    )  # a second planner of the demo agency (parallel saves)
    user("perencana-sebelah", Profile.Role.PLANNER, agency=neighbour)
    user("perencana-lain", Profile.Role.PLANNER, agency=foreign)
    user("kepala-lain", Profile.Role.HEAD, agency=foreign)
    user("reviu-lain", Profile.Role.REVIEWER, government=foreign.government)
    user("tanpa-peran")
    user("nonaktif", Profile.Role.PLANNER, agency=demo)  # deactivated after logging in

    from indicators.models import Evidence, Indicator, Mission, Objective, Realisation

    indicator = (
        Indicator.objects.filter(plan__agency=demo, computation=Indicator.Computation.DIRECT)
        .exclude(kind=Indicator.Kind.GRADE)
        .order_by("position")
        .first()
    )
    evidence = Evidence.objects.create(
        indicator=indicator,
        year=YEAR,
        quarter=1,
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="bukti.pdf"),
        original_name="bukti.pdf",
        content_type="application/pdf",
        size=15,
    )
    comment = Comment.objects.create(
        agency=demo,
        year=YEAR,
        anchor_kind="general",
        text="Catatan uji",
        author=User.objects.get(username="reviu"),
    )
    ids = {
        "indicator": indicator.pk,
        "indicator_code": indicator.code,
        "unit": indicator.unit,
        "evidence": evidence.pk,
        "comment": comment.pk,
        "kinds": _first_of_each_kind(demo),
        "has_q1": Realisation.objects.filter(indicator=indicator, year=YEAR, quarter=1).exists(),
        "mission": Mission.objects.filter(plan__agency=demo).values_list("pk", flat=True).first(),
        "objective": Objective.objects.filter(plan__agency=demo).values_list("pk", flat=True).first(),
    }
    db_done()
    ids["pemda"] = build_pemda_world()  # the Pemda's own screens (sections 1b and 3b)
    return ids


def _first_of_each_kind(agency):
    from workspace.views.plan import KINDS

    out = {}
    for slug, kind in KINDS.items():
        plan = agency.plans.first()
        if slug == "renstra":
            out[slug] = plan.pk
            continue
        obj = kind.model.objects.filter(**{kind.plan_path: plan.pk}).order_by("pk").first()
        if obj is not None:
            out[slug] = obj.pk
    return out


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_worker(tmp: Path):
    """One task worker beside the server, as in production: it renders the PDFs the downloads queue."""
    log = open(tmp / "worker.log", "wb")  # noqa: SIM115 (kept open for the worker's life)
    return subprocess.Popen(
        [sys.executable, "manage.py", "task_worker", "--no-reload", "--interval", "0.5"],
        cwd=ROOT,
        env=dict(os.environ),
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def failed_renders() -> list[str]:
    """The documents whose render failed: a value the pages accept must not break the PDF either."""
    from reports.models import RenderedFile

    failed = RenderedFile.objects.filter(status=RenderedFile.Status.FAILED)
    return [f"{r.kind} {r.year or ''}: {r.error.strip().splitlines()[-1]}" for r in failed]


def start_server(tmp: Path, port: int):
    env = dict(os.environ)
    log = open(tmp / "server.log", "wb")  # noqa: SIM115 (kept open for the server's life)
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    probe = Client(base, "probe")
    try:
        for _ in range(300):
            if process.poll() is not None:
                raise SystemExit(f"the server stopped; see {tmp / 'server.log'}")
            if probe.get("/masuk/", timeout=5).status == 200:
                return process, base
            time.sleep(0.2)
    except BaseException:  # interrupted while waiting (SIGTERM, ^C): the server must not outlive the script
        process.kill()
        raise
    process.kill()
    raise SystemExit("the server did not answer within 60 s")


# --- identities --------------------------------------------------------------------------------------------
@dataclass
class Identity:
    name: str
    username: str | None
    sees_demo: bool  # may read the demo agency
    writes_demo: bool  # may write the demo agency's open years
    own_code: str | None = None
    staff: bool = False
    client: Client | None = None


IDENTITIES = [
    Identity("anonim", None, False, False),
    Identity("nonaktif (sesi lama)", "nonaktif", False, False),
    Identity("tanpa-peran", "tanpa-peran", False, False),
    Identity("perencana", "perencana", True, True, DEMO_CODE),
    Identity("kepala", "kepala", True, False, DEMO_CODE),
    Identity("reviu", "reviu", True, False),
    Identity("admin", "admin", True, True, staff=True),
    Identity("perencana-sebelah (Pemda sama)", "perencana-sebelah", False, False, SAME_PEMDA_CODE),
    Identity("perencana-lain (Pemda lain)", "perencana-lain", False, False, OTHER_PEMDA_CODE),
    Identity("kepala-lain (Pemda lain)", "kepala-lain", False, False, OTHER_PEMDA_CODE),
    Identity("reviu-lain (Pemda lain)", "reviu-lain", False, False),
]


def log_in_everyone(base, quick):
    from django.contrib.auth import get_user_model

    chosen = (
        IDENTITIES
        if not quick
        else [
            i
            for i in IDENTITIES
            if i.username in (None, "nonaktif", "kepala", "perencana-lain", "perencana-sebelah", "reviu-lain")
        ]
    )
    for identity in chosen:
        identity.client = Client(base, identity.name)
        if identity.username and not identity.client.login(identity.username):
            raise SystemExit(f"cannot log in as {identity.username}")
    # The deactivated user keeps a session opened while still active: it must be worth nothing now.
    get_user_model().objects.filter(username="nonaktif").update(is_active=False)
    db_done()
    return chosen


def client_for(username, base):
    client = Client(base, username)
    if not client.login(username):
        raise SystemExit(f"cannot log in as {username}")
    return client


# --- section 1: the URL × role walk ------------------------------------------------------------------------
WALK = "1. URL × peran"


def walk_urls(ids, quick):
    """(view name, url, owner code, whether the URL names a demo object) for every pattern, with the demo ids."""
    from django.urls import reverse

    from sakip.url_walk import agency_patterns, url_kwargs

    quarters = (1,) if quick else (1, 2, 3, 4)
    out = []
    for name, args, defaults in agency_patterns():
        kinds = list(ids["kinds"].items()) if "kind" in args else [(None, None)]
        if "kind" in args and quick:
            kinds = [k for k in kinds if k[0] in ("indikator", "renstra", "misi")]
        for kind, kind_pk in kinds:
            for quarter in quarters if "quarter" in args else (1,):
                if name.startswith("indicators:evidence_"):
                    pk = ids["evidence"]
                elif name.startswith("review:comment"):
                    pk = ids["comment"]
                else:
                    pk = kind_pk or ids["indicator"]
                values = {
                    "code": DEMO_CODE,
                    "year": YEAR,
                    "quarter": quarter,
                    "kind": kind or "indikator",
                    "indicator": ids["indicator"],
                    "pk": pk,
                }
                url = reverse(name, kwargs=url_kwargs(args, defaults, values))
                out.append((name, url, args))
    return out


def admin_urls(ids):
    from django.contrib import admin
    from django.urls import reverse

    urls = ["/admin/"]
    for model in admin.site._registry:
        meta = model._meta
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    urls.append(reverse("admin:indicators_indicator_change", args=[ids["indicator"]]))
    return urls


def _denied(identity, answer):
    if answer.status in (403, 404, 405):
        return True
    return answer.status in (301, 302) and (
        "/masuk/" in answer.location or "/admin/login/" in answer.location
    )


# A POST that a permitted user could make destructive (an empty grid blanks every row, an empty review action
# submits) is only sent by identities who must be refused; those who may read get GET only, except for the
# screens that change data, which heads and reviewers must be refused on (403).
_REVIEW_POSTS = ("review:",)
# The inspectorate evaluates the demo agency: issuing and reopening its LHE are its own actions, not leaks (its
# empty POST to the LKE page is refused as an unknown part, 400; evidence ids of the walk are no evaluation's).
_EVALUATOR_POSTS = ("evaluation:issue", "evaluation:reopen")
_EVALUATORS = ("reviu",)
# The inspectorate writes recommendations and decides follow-ups (an empty form is shown again with its errors,
# 200); tests/workspace/test_access_matrix.py checks who may post there, with an evaluation the demo lacks.
_REVIEW_POSTS += ("evaluation_followup:",)


def section_walk(identities, ids, quick):
    db_done()
    urls = walk_urls(ids, quick)
    say(f"   {len(urls)} agency URLs (+ admin) × {len(identities)} identities")
    for identity in identities:
        client = identity.client
        for name, url, _args in urls:
            if not (quick and identity.sees_demo):  # quick: a reader's pages are read by the other sections
                answer = client.get(url)
                TALLY.add(WALK, "tried")
                _judge_walk(identity, "GET", url, answer, reader=True)
            if not identity.sees_demo or (not identity.writes_demo and not name.startswith(_REVIEW_POSTS)):
                if name.startswith(_REVIEW_POSTS) and identity.sees_demo:
                    continue
                if name in _EVALUATOR_POSTS and identity.username in _EVALUATORS:
                    continue
                answer = client.post(url, {})
                TALLY.add(WALK, "tried")
                _judge_walk(identity, "POST", url, answer, reader=False)
        for url in admin_urls(ids):
            answer = client.get(url)
            TALLY.add(WALK, "tried")
            if answer.status >= 500:
                TALLY.fail(
                    WALK, "server errors", identity.name, "GET", url, answer.error_name(), answer.status
                )
            elif identity.staff:
                pass
            elif _denied(identity, answer):
                TALLY.add(WALK, "refused")
            else:
                TALLY.fail(WALK, "leaked", identity.name, "GET", url, "admin page", answer.status)
    # Another agency's object id under one's own agency code.
    for identity in identities:
        if not identity.own_code or identity.own_code == DEMO_CODE:
            continue
        for _name, url, args in urls:
            if not args & {"pk", "indicator"}:
                continue
            own = url.replace(f"/opd/{DEMO_CODE}/", f"/opd/{identity.own_code}/", 1)
            for method in ("GET", "POST"):
                answer = identity.client.get(own) if method == "GET" else identity.client.post(own, {})
                TALLY.add(WALK, "tried")
                if answer.status >= 500:
                    TALLY.fail(
                        WALK, "server errors", identity.name, method, own, answer.error_name(), answer.status
                    )
                elif answer.status in (404, 405):
                    TALLY.add(WALK, "refused")
                elif 200 <= answer.status < 400:
                    TALLY.fail(
                        WALK,
                        "leaked",
                        identity.name,
                        method,
                        own,
                        "another agency's object id",
                        answer.status,
                    )
                else:
                    TALLY.add(WALK, "refused")


def _judge_walk(identity, method, url, answer, *, reader):
    if answer.status >= 500:
        TALLY.fail(WALK, "server errors", identity.name, method, url, answer.error_name(), answer.status)
        return
    if identity.sees_demo and reader:
        return
    if _denied(identity, answer):
        TALLY.add(WALK, "refused")
        return
    if 200 <= answer.status < 300:
        TALLY.fail(WALK, "leaked", identity.name, method, url, "answered with the page", answer.status)
    elif answer.status in (301, 302, 303):
        detail = "a POST accepted" if method == "POST" else f"redirect to {answer.location}"
        TALLY.fail(WALK, "leaked", identity.name, method, url, detail, answer.status)
    else:
        TALLY.add(WALK, "refused")


# --- the demo's forms --------------------------------------------------------------------------------------
def demo_url(path):
    return f"/opd/{DEMO_CODE}/{path}"


def grid_form(client, path, field_pattern):
    answer = client.get(path)
    if answer.status >= 500:
        return None, answer
    return form_with(answer.text, field_pattern), answer


def tried_form(client, path, field_pattern, section=None):
    """The page's form holding a field that matches, counted as one try; None (and a failure: a server error, or
    a page that lost its form) when it is not there. Section 3 (bad input) unless named."""
    section = section or BAD
    form, answer = grid_form(client, path, field_pattern)
    TALLY.add(section, "tried")
    if form is None:
        count = "server errors" if answer.status >= 500 else "tried"
        TALLY.fail(section, count, client.name, "GET", path, "no form", answer.status)
    return form


def post_form(client, path, form, extra=(), files=None):
    target = form.action or path
    if not target.startswith("/") and not target.startswith("http"):
        target = path
    return client.post(target, form.data(extra), files=files)


def saved(answer):
    return answer.status in (302, 303)


def readers(quick, pdf=True):
    if quick:
        return [
            demo_url(f"{YEAR}/"),
            demo_url(f"{YEAR}/realisasi/tw1/"),
            demo_url(f"{YEAR}/lkjip/"),
            demo_url(f"{YEAR}/lkjip.xlsx"),
            demo_url("riwayat/"),
        ]
    paths = [
        demo_url(f"{YEAR}/"),
        demo_url(f"{YEAR}/lkjip/"),
        demo_url(f"{YEAR}/lkjip.xlsx"),
        demo_url(f"{YEAR}/realisasi/tw1/"),
        demo_url(f"{YEAR}/realisasi/tahunan/"),
        demo_url(f"{YEAR}/anggaran/"),
        demo_url(f"{YEAR}/pemeriksaan/"),
        demo_url(f"{YEAR}/reviu/ajukan/"),
        demo_url("riwayat/"),
        demo_url("riwayat/riwayat.xlsx"),
        demo_url("riwayat/riwayat.csv"),
        demo_url("renstra/dokumen/"),
        demo_url("renstra.xlsx"),
        demo_url(f"{YEAR}/templat.xlsx"),
        demo_url(f"ikm/{YEAR}/"),
    ]
    if not quick:
        paths += [
            demo_url(f"{YEAR}/lkjip.pdf"),
            demo_url("renstra/renstra.pdf"),
            "/admin/indicators/realisation/",
        ]
    return paths


_PDF_READ = set()


def read_back(client, section, label, quick, field=None):
    """GET every page that shows the year's data; count 5xx (one line in the failure list per input).
    The PDFs (seconds each) are read after the first accepted value of each field only."""
    pdf = field is None or field not in _PDF_READ
    _PDF_READ.add(field)
    read_paths(
        client, section, label, readers(quick, pdf), shown=lambda path: path.replace(demo_url(""), "…/")
    )


def read_paths(client, section, label, paths, shown=str):
    """GET each path; a 5xx is counted, and listed once per input (`label`) in the failures."""
    broken = []
    for path in paths:
        answer = client.get(path)
        TALLY.add(section, "tried")
        if answer.status >= 500:
            TALLY.add(section, "server errors")
            broken.append(f"{shown(path)} ({answer.error_name() or answer.status})")
    if broken:
        TALLY.failures.append(
            (
                section,
                f"server errors ×{len(broken)}",
                client.name,
                "GET",
                "readers",
                f"after {label}: " + ", ".join(broken),
                500,
            )
        )


# --- section 3: the bad-input corpus -----------------------------------------------------------------------
BAD = "3. masukan buruk"
NUMBERS = [
    "9999999999999999",
    "123456789012,3456",
    "1e30",
    "nan",
    "Infinity",
    "--",
    "1.2.3",
    "-0",
    "0,0000000001",
    "1" * 400,
    "Rp -1",
    "0,5%",
    "١٢٣",
]
QUICK_NUMBERS = ["9999999999999999", "123456789012,3456", "0,5%"]
FORMULA = '=HYPERLINK("http://contoh.invalid/","klik")'
TEXTS = [
    FORMULA,
    "+1+2",
    "@SUM(A1:A2)",
    "-2+3",
    '<script>alert("x")</script><img src=x onerror=alert(1)>',
    "panjang " * 20000,
    "nul\x00byte",
    "\u202eRTL\u202c emoji \U0001f600",
]


def snapshot_rows(model_name, **filters):
    from django.apps import apps
    from django.db.models import Max

    model = apps.get_model(model_name)
    rows = list(model.objects.filter(**filters).values())
    history = model.history.model if hasattr(model, "history") else None
    last = history.objects.aggregate(n=Max("history_id"))["n"] or 0 if history else 0
    db_done()
    return (model_name, filters, rows, last)


def restore_rows(snapshot):
    """Put rows back as they were, and delete the ones created since (through the ORM's queryset update and
    delete: no model guard, no history — a repair between two tries, not a path under test)."""
    from django.apps import apps
    from django.db import connection

    model_name, filters, rows, last = snapshot
    model = apps.get_model(model_name)
    if hasattr(model, "history"):  # the audit rows of the try go too: the history pages read them
        model.history.model.objects.filter(history_id__gt=last).delete()
    kept = {row["id"] for row in rows}
    pks = _raw_pks(model.objects.filter(**filters))
    with connection.cursor() as cursor:
        for pk in set(pks) - kept:
            cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE id = %s", [pk])
    present = set(pks)
    for row in rows:
        pk = row["id"]
        if pk in present:
            model.objects.filter(pk=pk).update(**{k: v for k, v in row.items() if k != "id"})
        else:
            model.objects.bulk_create([model(**row)])
    db_done()


def _raw_pks(queryset):
    """The primary keys of a queryset, read without converting any column (a stored value may not convert)."""
    return [int(row[0]) for row in _raw_rows(queryset.values("pk"))]


def _raw_rows(queryset):
    from django.db import connection

    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(str(v) for v in row) for row in cursor.fetchall()]


def try_value(client, path, field_pattern, field_name, value, check, quick, restore):
    form = tried_form(client, path, field_pattern)
    if form is None:
        return None
    form.set(field_name, value)
    answer = post_form(client, path, form)
    shown = value if len(value) < 40 else value[:30] + f"…({len(value)} chars)"
    if answer.status >= 500:
        TALLY.fail(BAD, "server errors", client.name, "POST", path, f"{field_name}={shown!r}", answer.status)
        restore()
        return answer
    if not saved(answer):
        TALLY.add(BAD, "refused")
        debug("refused", path, field_name, shown, answer.status)
        return answer
    debug("accepted", path, field_name, shown)
    TALLY.note(f"accepted: {field_name}={shown!r} at {path}")
    problem = check(value) if check else None
    if problem:
        TALLY.fail(
            BAD,
            "wrongly accepted",
            client.name,
            "POST",
            path,
            f"{field_name}={shown!r}: {problem}",
            answer.status,
        )
    read_back(
        client, BAD, f"{field_name}={shown!r}", quick, field=(path, re.sub(r"^[a-z]\d+-", "", field_name))
    )
    restore()
    return answer


def stored_check(queryset, column, foreign_unit=None):
    """After an accepted number: the problem, if the field took another field's unit or the database does not
    give back the typed figure (rounded, or not readable at all)."""

    def check(value):
        from decimal import Decimal

        from sakip.numbers import parse_localized

        if foreign_unit and foreign_unit.lower() in value.lower():
            return f"a '{foreign_unit}' figure accepted in this field"
        try:
            typed = parse_localized(value)
        except Exception:  # noqa: BLE001 (what the parser refuses, the form should have refused)
            return "accepted although the number parser refuses it"
        try:  # read as the application reads it (the SQLite converter rounds to 15 digits, or fails)
            rows = list(queryset.values_list(column, flat=True))
        except Exception as error:  # noqa: BLE001
            return f"stored, but cannot be read back ({type(error).__name__})"
        finally:
            db_done()
        if not rows or rows[0] is None:
            return None
        stored = Decimal(rows[0])
        if typed is not None and stored != typed:
            return f"stored {stored} for {typed}"
        return None

    return check


def _value_field(form, suffix):
    return next((n for n in form.names() if n.endswith(suffix)), None)


def section_bad_input(planner, ids, quick, base):
    indicator = ids["indicator"]
    numbers = QUICK_NUMBERS if quick else NUMBERS
    texts = TEXTS[:1] if quick else TEXTS

    # Realisation value (a measure) and analysis (text).
    path = demo_url(f"{YEAR}/realisasi/tw1/")
    rows = snapshot_rows("indicators.Realisation", indicator_id=indicator, year=YEAR)

    def restore_realisation():
        restore_rows(rows)

    from budgets.models import BudgetLine
    from indicators.models import Realisation

    stored_realisation = stored_check(
        Realisation.objects.filter(indicator_id=indicator, year=YEAR, quarter=1),
        "value",
        foreign_unit="Rp" if "%" in (ids["unit"] or "") else None,
    )
    for value in numbers:
        try_value(
            planner,
            path,
            rf"^r{indicator}-value$",
            f"r{indicator}-value",
            value,
            stored_realisation,
            quick,
            restore_realisation,
        )
    for value in texts:
        try_value(
            planner,
            path,
            rf"^r{indicator}-analysis$",
            f"r{indicator}-analysis",
            value,
            None,
            quick,
            restore_realisation,
        )

    # Budget: a rupiah field and the physical progress (a percentage).
    path = demo_url(f"{YEAR}/anggaran/")
    form, _ = grid_form(planner, path, r"-physical_progress$")
    if form is not None:
        progress = _value_field(form, "-physical_progress")
        prefix = progress.rsplit("-", 1)[0]
        money = next((n for n in form.names() if n.startswith(prefix + "-spent")), None)
        money = money or next(n for n in form.names() if n.startswith(prefix + "-ceiling"))
        lines = snapshot_rows("budgets.BudgetLine", year=YEAR)

        def restore_budget():
            restore_rows(lines)

        for value in numbers:
            line = BudgetLine.objects.filter(
                year=YEAR, **{("sub_activity_id" if prefix[0] == "s" else "activity_id"): int(prefix[1:])}
            )
            check = stored_check(line, money.split("-", 1)[1], foreign_unit="%")
            try_value(planner, path, re.escape(money), money, value, check, quick, restore_budget)
        for value in ["Rp -1", "150", "-5", "1e30"] if not quick else ["Rp -1"]:
            check = stored_check(line, "physical_progress", foreign_unit="Rp")
            try_value(planner, path, re.escape(progress), progress, value, check, quick, restore_budget)

    # Perjanjian Kinerja targets (full mode).
    if not quick:
        path = demo_url(f"{YEAR}/target/pk/")
        form, _ = grid_form(planner, path, rf"^r{indicator}-pk$")
        if form is not None:
            name = f"r{indicator}-pk"
            targets = snapshot_rows("indicators.Target", year=YEAR)
            from indicators.models import Target

            check = stored_check(
                Target.objects.filter(indicator_id=indicator, year=YEAR, kind=Target.Kind.PK, quarter=0),
                "value",
                foreign_unit="Rp" if "%" in (ids["unit"] or "") else None,
            )
            for value in numbers:
                try_value(
                    planner, path, re.escape(name), name, value, check, quick, lambda: restore_rows(targets)
                )

    # Narratives: formula text, HTML, long text, NUL.
    path = demo_url(f"{YEAR}/narasi/")
    form, _ = grid_form(planner, path, r"-text$")
    if form is not None:
        name = _value_field(form, "-text")
        narratives = snapshot_rows("indicators.Narrative", year=YEAR)
        for value in texts:
            try_value(
                planner, path, re.escape(name), name, value, None, quick, lambda: restore_rows(narratives)
            )

    # Formula text where it stays: an indicator name, a sasaran statement, an IKM unsur name, a narrative, an
    # analysis. Then every workbook and the CSV must carry it as text.
    plant_formulas(planner, ids)
    check_formulas(planner, quick)

    section_uploads(planner, ids, quick)
    section_imports(planner, ids, quick)


def plant_formulas(planner, ids):
    kinds = ids["kinds"]
    targets = [
        (demo_url(f"rencana/indikator/{kinds['indikator']}/"), r"^name$", "name"),
        (demo_url(f"rencana/sasaran/{kinds['sasaran']}/"), r"^statement$", "statement"),
        (
            demo_url(f"{YEAR}/realisasi/tw1/"),
            rf"^r{ids['indicator']}-analysis$",
            f"r{ids['indicator']}-analysis",
        ),
    ]
    for path, pattern, name in targets:
        form = tried_form(planner, path, pattern)
        if form is None:
            continue
        form.set(name, FORMULA)
        answer = post_form(planner, path, form)
        if answer.status >= 500:
            TALLY.fail(BAD, "server errors", planner.name, "POST", path, f"{name}={FORMULA!r}", answer.status)
        elif not saved(answer):
            TALLY.add(BAD, "refused")
    # Narrative and IKM unsur name.
    for path, pattern in (
        (demo_url(f"{YEAR}/narasi/"), r"-text$"),
        (demo_url(f"ikm/{YEAR}/"), r"^e\d+-name$"),
    ):
        form, answer = grid_form(planner, path, pattern)
        TALLY.add(BAD, "tried")
        if form is None:
            if answer.status >= 500:
                TALLY.fail(BAD, "server errors", planner.name, "GET", path, "no form", answer.status)
            continue
        name = next(n for n in form.names() if re.search(pattern, n))
        form.set(name, FORMULA)
        answer = post_form(planner, path, form, extra=form.buttons[:1])
        if answer.status >= 500:
            TALLY.fail(BAD, "server errors", planner.name, "POST", path, f"{name}={FORMULA!r}", answer.status)


def check_formulas(client, quick):
    """Count exports in which user text starting with = + - @ comes out as a live formula."""
    from openpyxl import load_workbook

    exports = [
        demo_url(f"{YEAR}/lkjip.xlsx"),
        demo_url("renstra/renstra.xlsx"),
        demo_url(f"{YEAR}/templat.xlsx"),
        demo_url("riwayat/riwayat.xlsx"),
    ]
    for path in exports:
        answer = client.get(path)
        TALLY.add(BAD, "tried")
        if answer.status >= 500:
            TALLY.fail(BAD, "server errors", client.name, "GET", path, "after formula text", answer.status)
            continue
        if answer.status != 200:
            continue
        try:
            book = load_workbook(io.BytesIO(answer.body))
        except Exception as error:  # noqa: BLE001 (a workbook that does not open is a finding too)
            TALLY.fail(
                BAD, "server errors", client.name, "GET", path, f"unreadable workbook: {error}", answer.status
            )
            continue
        live = [
            f"{sheet.title}!{cell.coordinate}"
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.data_type == "f" and isinstance(cell.value, str) and "HYPERLINK" in cell.value.upper()
        ]
        if live:
            TALLY.fail(
                BAD, "live formulas", client.name, "GET", path, f"{len(live)} cells, e.g. {live[0]}", 200
            )
    answer = client.get(demo_url("riwayat/riwayat.csv"))
    TALLY.add(BAD, "tried")
    if answer.status >= 500:
        TALLY.fail(
            BAD, "server errors", client.name, "GET", demo_url("riwayat/riwayat.csv"), "", answer.status
        )
    elif answer.status == 200:
        import csv

        cells = [c for row in csv.reader(io.StringIO(answer.text)) for c in row]
        live = [
            c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r")) and "HYPERLINK" in c.upper()
        ]
        if live:
            TALLY.fail(
                BAD,
                "live formulas",
                client.name,
                "GET",
                demo_url("riwayat/riwayat.csv"),
                f"{len(live)} cells",
                200,
            )


def _docx_bomb():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b"A" * (200 * 1024 * 1024) + b"</w:document>")
    return out.getvalue()


def upload_corpus(quick):
    from django.conf import settings

    limit = settings.EVIDENCE_MAX_BYTES
    corpus = [
        ("terpotong.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "application/pdf"),
        ("gambar.png", b"\x89PNG\r\n\x1a\n" + os.urandom(2048), "image/png"),
    ]
    if not quick:
        corpus += [
            ("kosong.pdf", b"", "application/pdf"),
            ("skrip.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
            (
                "bom.docx",
                _docx_bomb(),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
            ("besar.pdf", b"%PDF-1.4\n" + b"0" * (limit + 1 - 9), "application/pdf"),
            ("nama" + "x" * 300 + ".pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
            ("../../etc/passwd.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
        ]
    return corpus


def section_uploads(planner, ids, quick):
    path = demo_url(f"{YEAR}/realisasi/tw1/{ids['indicator']}/bukti/")
    for filename, content, ctype in upload_corpus(quick):
        form = tried_form(planner, path, r"^file$")
        if form is None:
            continue
        answer = post_form(planner, path, form, files={"file": (filename, content, ctype)})
        label = f"upload {filename[:40]} ({len(content)} bytes)"
        if answer.status >= 500:
            TALLY.fail(BAD, "server errors", planner.name, "POST", path, label, answer.status)
        elif saved(answer):
            TALLY.note(f"accepted: {label}")
            if (
                filename in MUST_REFUSE_UPLOADS
            ):  # issue 16 §9: the content is parsed, not only its first bytes
                TALLY.fail(BAD, "wrongly accepted", planner.name, "POST", path, label, answer.status)
            read_back(planner, BAD, label, True)
        else:
            TALLY.add(BAD, "refused")


def _template_with(planner, cells):
    """The import template of the year with `cells` ({(sheet index or None, predicate) : value}) changed."""
    from openpyxl import load_workbook

    answer = planner.get(demo_url(f"{YEAR}/templat.xlsx"))
    if answer.status != 200:
        return None
    book = load_workbook(io.BytesIO(answer.body))
    for setter in cells:
        setter(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _first_number_cell(book):
    """The first cell of a sheet other than the first holding a number (a figure the import reads)."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if (
                    isinstance(cell.value, int | float)
                    and not isinstance(cell.value, bool)
                    and cell.column > 2
                ):
                    return cell
    return None


def section_imports(planner, ids, quick):
    path = demo_url(f"{YEAR}/impor/")

    def setter(value, formula_cached=None):
        def apply(book):
            cell = _first_number_cell(book)
            if cell is not None:
                cell.value = value

        return apply

    excel_values = [
        "9999999999999999",
        1e30,
        "123456789012,3456",
        "=1/0",
        '=A1&"x"',
    ]
    if quick:
        excel_values = ["9999999999999999", 1e30]
    # openpyxl writes a float nan or inf as an empty <v/> (an empty cell, rightly accepted): such cells can only be
    # crafted in the sheet XML, as a hostile or broken file would carry them.
    raw = ["1e400 (xml)", "nan (xml)", "inf (xml)", "nan-cache (xml)"]
    excel_values = excel_values + raw if not quick else excel_values
    for value in excel_values:
        if isinstance(value, str) and value.endswith("(xml)"):
            content = _raw_sheet_value(planner, value)
        else:
            content = _template_with(planner, [setter(value)])
        if content is None:
            continue
        upload_and_confirm(planner, path, content, f"Excel cell {value!r}", quick)

    path = demo_url(f"ikm/{YEAR}/impor/")
    for value in (
        ["99999999999999999999", "1e1000", "nan", "4294967296", "-1", "3,5"] if not quick else ["4294967296"]
    ):
        header = "No,Jenis Kelamin,Umur,Pendidikan,Pekerjaan,Layanan," + ",".join(
            f"U{i}" for i in range(1, 10)
        )
        rows = [header] + [
            f"{value if n == 1 else n},L,30,SMA,Swasta,Izin," + ",".join("3" for _ in range(9))
            for n in range(1, 4)
        ]
        rows.append("4,L,30,SMA,Swasta,Izin," + ",".join([value] + ["3"] * 8))
        content = ("\n".join(rows) + "\n").encode()
        responses = snapshot_rows("surveys.SurveyResponse", survey__year=YEAR, survey__agency__code=DEMO_CODE)
        elements = snapshot_rows("surveys.SurveyElement", survey__year=YEAR, survey__agency__code=DEMO_CODE)
        answer = planner.post(path, {"action": "import"}, files={"file": ("ikm.csv", content, "text/csv")})
        TALLY.add(BAD, "tried")
        label = f"IKM file with {value}"
        if answer.status >= 500:
            TALLY.fail(BAD, "server errors", planner.name, "POST", path, label, answer.status)
        elif saved(answer) and "ikm" in answer.location and not _has_error_message(planner, answer.location):
            TALLY.note(f"accepted: {label}")
            read_back(planner, BAD, label, quick)
        else:
            TALLY.add(BAD, "refused")
        restore_rows(responses)
        restore_rows(elements)


def _has_error_message(client, location):
    answer = client.get(location)
    # A confirmed Excel import lands on its run's page (interchange/tasks.py): its outcome is known once the worker
    # has run it, and the rows must not be restored before that.
    deadline = time.monotonic() + 120
    while re.search(r'data-status="(queued|running)"', answer.text) and time.monotonic() < deadline:
        time.sleep(0.25)
        answer = client.get(location)
    return "alert-danger" in answer.text or "is-invalid" in answer.text


def _raw_sheet_value(planner, which):
    """A template whose first number cell is rewritten in the sheet XML: a literal 1e400, nan or inf, or a
    formula whose cached value is text (openpyxl cannot write any of them)."""
    from openpyxl import load_workbook

    answer = planner.get(demo_url(f"{YEAR}/templat.xlsx"))
    if answer.status != 200:
        return None
    book = load_workbook(io.BytesIO(answer.body))
    cell = _first_number_cell(book)
    if cell is None:
        return None
    sheet_index = book.worksheets.index(cell.parent) + 1
    coordinate = cell.coordinate
    source = zipfile.ZipFile(io.BytesIO(answer.body))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == f"xl/worksheets/sheet{sheet_index}.xml":
                text = data.decode()
                pattern = rf'<c r="{coordinate}"(?:[^>]*/>|[^>]*>.*?</c>)'
                literal = which.split()[0]
                if literal in ("1e400", "nan", "inf"):
                    text = re.sub(pattern, f'<c r="{coordinate}"><v>{literal}</v></c>', text, count=1)
                else:
                    text = re.sub(
                        pattern, f'<c r="{coordinate}" t="str"><f>A1&amp;"x"</f><v>nan</v></c>', text, count=1
                    )
                data = text.encode()
            target.writestr(item, data)
    return out.getvalue()


MUST_REFUSE_UPLOADS = {"terpotong.pdf", "gambar.png", "kosong.pdf", "skrip.pdf", "bom.docx", "besar.pdf"}
# Import cells the issue (§5) says must be refused with their sheet, row and column.
MUST_REFUSE_CELLS = ("1e+30", "nan", "inf", "1e400", "nan-cache", "=1/0", "=A1")


def upload_and_confirm(client, path, content, label, quick, *, section=BAD, confirm=True):
    form, answer = grid_form(client, path, r"^file$")
    TALLY.add(section, "tried")
    if form is None:
        if answer.status >= 500:
            TALLY.fail(section, "server errors", client.name, "GET", path, "no form", answer.status)
        return None
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    answer = post_form(client, path, form, files={"file": ("templat.xlsx", content, xlsx)})
    if answer.status >= 500:
        TALLY.fail(section, "server errors", client.name, "POST", path, f"upload, {label}", answer.status)
        return None
    confirm_form = form_with(answer.text, r"^token$")
    if confirm_form is None:
        TALLY.add(section, "refused")
        return None
    if not confirm:
        return confirm_form
    snapshots = [
        snapshot_rows("indicators.Realisation", year=YEAR, indicator__plan__agency__code=DEMO_CODE),
        snapshot_rows("indicators.Target", year=YEAR, indicator__plan__agency__code=DEMO_CODE),
        snapshot_rows("budgets.BudgetLine", year=YEAR),
    ]
    answer = post_form(client, path + "konfirmasi/", confirm_form)
    if answer.status >= 500:
        TALLY.fail(
            section,
            "server errors",
            client.name,
            "POST",
            path + "konfirmasi/",
            f"confirm, {label}",
            answer.status,
        )
    elif saved(answer) and not _has_error_message(client, answer.location):
        TALLY.note(f"accepted: {label} (import)")
        if any(bad in label for bad in MUST_REFUSE_CELLS):
            TALLY.fail(
                section, "wrongly accepted", client.name, "POST", path + "konfirmasi/", label, answer.status
            )
        read_back(client, section, label, quick)
    else:
        TALLY.add(section, "refused")
    for snapshot in snapshots:
        restore_rows(snapshot)
    return None


# --- section 4: parallel saves -----------------------------------------------------------------------------
PARALLEL = "4. simpan bersamaan"


def stored_value(indicator, quarter):
    from indicators.models import Realisation

    row = Realisation.objects.filter(indicator_id=indicator, year=YEAR, quarter=quarter).first()
    value = None if row is None else row.value
    db_done()
    return value


def _tally_twin_posts(answers, path, label):
    """Count two simultaneous POSTs by the planner as tries, and each 5xx among them as a server error."""
    TALLY.add(PARALLEL, "tried", len(answers))
    for answer in answers:
        if answer.status >= 500:
            TALLY.fail(PARALLEL, "server errors", "perencana", "POST", path, label(answer), answer.status)


def _together(calls):
    """Run the calls at the same instant (threads released by one barrier); their answers in order."""
    barrier = threading.Barrier(len(calls))
    answers = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        answers[i] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answers


def section_parallel(base, ids, quick, rounds):
    from decimal import Decimal

    a, b = client_for("perencana", base), client_for("perencana2", base)
    indicator, quarter = ids["indicator"], 2
    path = demo_url(f"{YEAR}/realisasi/tw{quarter}/")
    name = f"r{indicator}-value"
    for n in range(rounds):
        fa, _ = grid_form(a, path, rf"^{name}$")
        fb, _ = grid_form(b, path, rf"^{name}$")
        if fa is None or fb is None:
            TALLY.fail(PARALLEL, "server errors", "perencana", "GET", path, "no form", 0)
            continue
        va, vb = str(1000 + n), str(2000 + n)
        fa.set(name, va)
        fb.set(name, vb)
        ra, rb = _together([lambda fa=fa: post_form(a, path, fa), lambda fb=fb: post_form(b, path, fb)])
        TALLY.add(PARALLEL, "tried", 2)
        for who, answer, value in (("perencana", ra, va), ("perencana2", rb, vb)):
            if answer.status >= 500:
                TALLY.fail(
                    PARALLEL,
                    "server errors",
                    who,
                    "POST",
                    path,
                    f"{name}={value} ({answer.error_name()})",
                    answer.status,
                )
            elif not saved(answer):
                TALLY.add(PARALLEL, "refused")
        stored = stored_value(indicator, quarter)
        winners = [v for answer, v in ((ra, va), (rb, vb)) if saved(answer)]
        if len(winners) == 2:
            TALLY.fail(
                PARALLEL,
                "lost edits",
                "perencana+perencana2",
                "POST",
                path,
                f"both told saved ({va}, {vb}); kept {stored}",
                302,
            )
        elif len(winners) == 1 and (stored is None or Decimal(stored) != Decimal(winners[0])):
            TALLY.fail(
                PARALLEL,
                "lost edits",
                "perencana+perencana2",
                "POST",
                path,
                f"winner told {winners[0]} saved; kept {stored}",
                302,
            )
    if quick:
        return
    # A double-clicked evidence upload.
    path = demo_url(f"{YEAR}/realisasi/tw{quarter}/{indicator}/bukti/")
    fa, _ = grid_form(a, path, r"^file$")
    if fa is not None:
        from indicators.models import Evidence

        before = Evidence.objects.filter(indicator_id=indicator, year=YEAR, quarter=quarter).count()
        db_done()
        content = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
        answers = _together(
            [lambda: post_form(a, path, fa, files={"file": ("dua-kali.pdf", content, "application/pdf")})] * 2
        )
        _tally_twin_posts(answers, path, lambda answer: "double evidence upload")
        after = Evidence.objects.filter(indicator_id=indicator, year=YEAR, quarter=quarter).count()
        db_done()
        if after - before > 1:
            TALLY.fail(
                PARALLEL,
                "lost edits",
                "perencana",
                "POST",
                path,
                f"double-clicked upload stored {after - before} files",
                302,
            )
    # A double import confirmation.
    from openpyxl import load_workbook  # noqa: F401 (the template helpers need it)

    def bump(book):
        cell = _first_number_cell(book)
        if cell is not None:
            cell.value = (cell.value or 0) + 7

    content = _template_with(a, [bump])
    confirm_form = (
        upload_and_confirm(
            a, demo_url(f"{YEAR}/impor/"), content, "double confirm", quick, section=PARALLEL, confirm=False
        )
        if content
        else None
    )
    if confirm_form is not None:
        target = demo_url(f"{YEAR}/impor/konfirmasi/")
        answers = _together([lambda: a.post(target, confirm_form.data())] * 2)
        _tally_twin_posts(answers, target, lambda answer: f"double import confirm ({answer.error_name()})")


# --- section 2: writes to a frozen year --------------------------------------------------------------------
FROZEN = "2. tahun terkunci"


def _year_rows():
    """The frozen year's rows, model by model (the demo agency, the demo year)."""
    from django.db.models import Q

    from budgets.models import BudgetLine
    from indicators.models import Evidence, Narrative, PerformanceAgreement, Realisation, Target
    from surveys.models import SatisfactionSurvey, SurveyElement, SurveyResponse

    by_indicator = {"indicator__plan__agency__code": DEMO_CODE, "year": YEAR}
    by_survey = {"survey__agency__code": DEMO_CODE, "survey__year": YEAR}
    return {
        "Target": Target.objects.filter(**by_indicator),
        "Realisation": Realisation.objects.filter(**by_indicator),
        "Evidence": Evidence.objects.filter(**by_indicator),
        "PerformanceAgreement": PerformanceAgreement.objects.filter(agency__code=DEMO_CODE, year=YEAR),
        "Narrative": Narrative.objects.filter(agency__code=DEMO_CODE, year=YEAR),
        "BudgetLine": BudgetLine.objects.filter(
            Q(activity__program__plan__agency__code=DEMO_CODE)
            | Q(sub_activity__activity__program__plan__agency__code=DEMO_CODE),
            year=YEAR,
        ),
        "SatisfactionSurvey": SatisfactionSurvey.objects.filter(agency__code=DEMO_CODE, year=YEAR),
        "SurveyElement": SurveyElement.objects.filter(**by_survey),
        "SurveyResponse": SurveyResponse.objects.filter(**by_survey),
    }


def fingerprint():
    """{part: digest} of the frozen year: its rows, table by table, and `render_report --format json`."""
    from django.core.management import call_command

    parts = {}
    for label, rows in _year_rows().items():
        text = json.dumps(_raw_rows(rows.order_by("pk")))
        parts[label] = hashlib.sha256(text.encode()).hexdigest()[:12]
    # The approved document as the application renders it: its figures (sakip-report/1) and its printed
    # text (the LKjIP HTML: misi, names, statements, the signature block).
    for fmt in ("json", "html"):
        try:
            with tempfile.TemporaryDirectory() as folder:
                output = Path(folder) / f"lkjip.{fmt}"
                call_command(
                    "render_report",
                    agency=DEMO_CODE,
                    year=YEAR,
                    format=fmt,
                    output=output,
                    stdout=io.StringIO(),
                )
                parts[f"render_report {fmt}"] = hashlib.sha256(output.read_bytes()).hexdigest()[:12]
        except (Exception, SystemExit) as error:  # noqa: BLE001 (a report that no longer renders is a change)
            parts[f"render_report {fmt}"] = f"fails: {type(error).__name__}: {error}"[:160]
    db_done()
    return parts


def _changed(before, after):
    return sorted(k for k in before if before[k] != after.get(k))


def prepare_frozen_attempts(planner, admin, ids):
    """While the year is open: every write form of the year, with one value changed; and an import
    confirmation ready to send. Returned as (label, client, path, form, files, extra)."""
    kinds = ids["kinds"]
    indicator = ids["indicator"]
    attempts = []

    def add(label, client, path, pattern, change, extra=(), files=None, method_path=None):
        form, answer = grid_form(client, path, pattern)
        if form is None:
            TALLY.note(f"frozen: no form for {label} at {path} ({answer.status})")
            return
        change(form)
        attempts.append((label, client, method_path or path, form, files, list(extra)))

    def set_suffix(suffix, value):
        def change(form):
            name = next((n for n in form.names() if n.endswith(suffix)), None)
            if name:
                form.set(name, value)

        return change

    for quarter in (1, 2, 3, 4):
        add(
            f"realisasi TW{quarter}",
            planner,
            demo_url(f"{YEAR}/realisasi/tw{quarter}/"),
            rf"^r{indicator}-value$",
            set_suffix(f"r{indicator}-value", "4242"),
        )
    add(
        "realisasi tahunan",
        planner,
        demo_url(f"{YEAR}/realisasi/tahunan/"),
        rf"^r{indicator}-value$",
        set_suffix(f"r{indicator}-value", "4242"),
    )
    add(
        "realisasi: analisis",
        planner,
        demo_url(f"{YEAR}/realisasi/tw1/"),
        rf"^r{indicator}-analysis$",
        set_suffix(f"r{indicator}-analysis", "diubah setelah disetujui"),
    )
    add(
        "target PK",
        planner,
        demo_url(f"{YEAR}/target/pk/"),
        rf"^r{indicator}-pk$",
        set_suffix(f"r{indicator}-pk", "4242"),
    )
    add(
        "penandatangan PK",
        planner,
        demo_url(f"{YEAR}/target/pk/"),
        r"-first_party_name$",
        set_suffix("-first_party_name", "Penandatangan Baru"),
    )
    add(
        "target triwulan (Rencana Aksi)",
        planner,
        demo_url(f"{YEAR}/target/triwulan/"),
        rf"^r{indicator}-q1$",
        set_suffix(f"r{indicator}-q1", "4242"),
    )
    add(
        f"target Renstra (kolom {YEAR})",
        planner,
        demo_url("target/renstra/"),
        rf"^r{indicator}-y{YEAR}$",
        set_suffix(f"r{indicator}-y{YEAR}", "4242"),
    )
    add(
        "anggaran",
        planner,
        demo_url(f"{YEAR}/anggaran/"),
        r"-physical_progress$",
        set_suffix("-physical_progress", "42"),
    )
    add(
        "narasi",
        planner,
        demo_url(f"{YEAR}/narasi/"),
        r"-text$",
        set_suffix("-text", "Narasi diubah setelah disetujui"),
    )
    add(
        "IKM: unsur",
        planner,
        demo_url(f"ikm/{YEAR}/"),
        r"^e\d+-total$",
        lambda f: (
            f.set(next(n for n in f.names() if n.endswith("-total")), "1"),
            f.set("action", "elements"),
        ),
    )
    add(
        "bukti: unggah",
        planner,
        demo_url(f"{YEAR}/realisasi/tw1/{indicator}/bukti/"),
        r"^file$",
        lambda f: None,
        files={
            "file": (
                "beku.pdf",
                b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
                "application/pdf",
            )
        },
    )
    attempts.append(("bukti: hapus", planner, demo_url(f"bukti/{ids['evidence']}/hapus/"), None, None, []))
    attempts.append(
        ("IKM: hapus responden", planner, demo_url(f"ikm/{YEAR}/impor/"), None, None, [("action", "clear")])
    )
    ikm = (
        "No,Jenis Kelamin,Umur,Pendidikan,Pekerjaan,Layanan,"
        + ",".join(f"U{i}" for i in range(1, 10))
        + "\n"
        + "1,L,30,SMA,Swasta,Izin,"
        + ",".join("1" for _ in range(9))
        + "\n"
    )
    attempts.append(
        (
            "IKM: impor responden",
            planner,
            demo_url(f"ikm/{YEAR}/impor/"),
            None,
            {"file": ("ikm.csv", ikm.encode(), "text/csv")},
            [("action", "import")],
        )
    )

    # The Excel import: one upload after the freeze, and one confirmation prepared while the year was open.
    def bump(book):
        cell = _first_number_cell(book)
        if cell is not None:
            cell.value = (cell.value or 0) + 11

    content = _template_with(planner, [bump])
    if content:
        xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        attempts.append(
            (
                "impor Excel: unggah",
                planner,
                demo_url(f"{YEAR}/impor/"),
                None,
                {"file": ("templat.xlsx", content, xlsx)},
                [],
            )
        )
        confirm_form = upload_and_confirm(
            planner, demo_url(f"{YEAR}/impor/"), content, "prepared", True, section=FROZEN, confirm=False
        )
        if confirm_form is not None:
            attempts.append(
                (
                    "impor Excel: konfirmasi disiapkan sebelum dikunci",
                    planner,
                    demo_url(f"{YEAR}/impor/konfirmasi/"),
                    confirm_form,
                    None,
                    [],
                )
            )

    # The plan, which the approved year's report prints.
    add(
        "rencana: nama indikator",
        planner,
        demo_url(f"rencana/indikator/{kinds['indikator']}/"),
        r"^name$",
        lambda f: f.set("name", "Nama diubah setelah disetujui"),
    )
    add(
        "rencana: arah indikator",
        planner,
        demo_url(f"rencana/indikator/{kinds['indikator']}/"),
        r"^polarity$",
        lambda f: f.set("polarity", "lower" if f.get("polarity") != "lower" else "higher"),
    )
    add(
        "rencana: pernyataan sasaran",
        planner,
        demo_url(f"rencana/sasaran/{kinds['sasaran']}/"),
        r"^statement$",
        lambda f: f.set("statement", "Sasaran diubah setelah disetujui"),
    )
    add(
        "rencana: indikator baru",
        planner,
        demo_url(f"rencana/indikator/baru/?owner=objective:{ids['objective']}"),
        r"^name$",
        lambda f: (
            f.set("code", "S9.9"),
            f.set("name", "Indikator baru setelah disetujui"),
            f.set("unit", "%"),
        ),
    )

    # The Django admin, as admin.
    from django.contrib.auth import get_user_model  # noqa: F401

    from agencies.models import Agency
    from indicators.models import Narrative, Realisation, Target
    from surveys.models import SurveyResponse

    demo = Agency.objects.get(code=DEMO_CODE)

    def first(queryset):
        pks = _raw_pks(queryset.order_by("pk"))
        return pks[0] if pks else None

    realisation = first(Realisation.objects.filter(indicator_id=indicator, year=YEAR))
    target = first(Target.objects.filter(indicator_id=indicator, year=YEAR))
    narrative = first(Narrative.objects.filter(agency=demo, year=YEAR))
    response = first(SurveyResponse.objects.filter(survey__agency=demo, survey__year=YEAR))
    government = demo.government_id
    db_done()

    def admin_change(label, url, change):
        """The admin's change form: the page's POST form with the most fields (not the logout form)."""
        answer = admin.get(url)
        forms = [f for f in forms_of(answer.text) if f.method == "post" and "logout" not in f.action]
        if not forms:
            TALLY.note(f"frozen: no admin form for {label} at {url} ({answer.status})")
            return
        form = max(forms, key=lambda f: len(f.fields))
        change(form)
        attempts.append((label, admin, url, form, None, [("_save", "Simpan")]))

    def first_number(form):
        for name, value in form.fields:
            if re.fullmatch(r"-?\d+([.,]\d+)?", value or "") and name not in (
                "year",
                "quarter",
                "indicator",
                "id",
            ):
                form.set(name, "4242")
                return

    if realisation:
        admin_change("admin: realisasi", f"/admin/indicators/realisation/{realisation}/change/", first_number)
    if target:
        admin_change("admin: target", f"/admin/indicators/target/{target}/change/", first_number)
    if narrative:
        admin_change(
            "admin: narasi",
            f"/admin/indicators/narrative/{narrative}/change/",
            lambda f: f.set("text", "diubah di admin"),
        )
    admin_change(
        "admin: nama kepala perangkat daerah",
        f"/admin/agencies/agency/{demo.pk}/change/",
        lambda f: f.set(next((n for n in f.names() if "head_name" in n), "head_name"), "Kepala Baru"),
    )
    admin_change(
        "admin: pengaturan Pemda",
        f"/admin/agencies/government/{government}/change/",
        lambda f: f.set(next((n for n in f.names() if "cap" in n), "objective_cap"), "200"),
    )
    admin_change(
        "admin: indikator",
        f"/admin/indicators/indicator/{indicator}/change/",
        lambda f: f.set("name", "diubah di admin"),
    )
    if response:
        attempts.append(
            (
                "admin: hapus responden IKM",
                admin,
                f"/admin/surveys/surveyresponse/{response}/delete/",
                None,
                None,
                [("post", "yes")],
            )
        )
    if realisation:
        attempts.append(
            (
                "admin: hapus realisasi",
                admin,
                f"/admin/indicators/realisation/{realisation}/delete/",
                None,
                None,
                [("post", "yes")],
            )
        )
    # Last, the destructive ones: deleting a misi, and a Renstra period that no longer covers the year.
    if ids["mission"]:
        attempts.append(
            (
                "rencana: hapus misi",
                planner,
                demo_url(f"rencana/misi/{ids['mission']}/hapus/"),
                None,
                None,
                [],
            )
        )
    add(
        "rencana: periode tanpa 2021",
        planner,
        demo_url(f"rencana/renstra/{kinds['renstra']}/"),
        r"^end_year$",
        lambda f: f.set("end_year", str(YEAR - 1)),
    )
    admin_change(
        "admin: periode Renstra tanpa 2021",
        f"/admin/indicators/strategicplan/{kinds['renstra']}/change/",
        lambda f: (f.set("start_year", str(YEAR + 1)), f.set("end_year", str(YEAR + 5))),
    )
    return attempts


def freeze(base, step):
    """Submit (the planner and the head at the same instant: `step` "ajukan") or approve (two reviewer sessions
    at the same instant: "setujui"): the loser of each pair must get the workflow's message, never a 500."""
    pairs = {
        "ajukan": ((client_for("perencana", base), client_for("kepala", base)), "ajukan", ""),
        "setujui": (
            (client_for("reviu", base), client_for("reviu", base)),
            "setujui",
            "Disetujui (uji ketahanan)",
        ),
    }
    for clients, action, note in (pairs[step],):
        path = demo_url(f"{YEAR}/reviu/{action}/")
        payloads = []
        for client in clients:
            form = form_with(client.get(path).text, r"^note$|^csrfmiddlewaretoken$")
            data = [(k, v) for k, v in (form.data() if form else []) if k != "note"] + [("note", note)]
            payloads.append((client, data))
        answers = _together([lambda c=c, d=d, p=path: c.post(p, d) for c, d in payloads])
        TALLY.add(PARALLEL, "tried", len(answers))
        for (client, _data), answer in zip(payloads, answers, strict=True):
            if answer.status >= 500:
                TALLY.fail(
                    PARALLEL,
                    "server errors",
                    client.name,
                    "POST",
                    path,
                    f"double {action} ({answer.error_name()})",
                    answer.status,
                )
    from review.models import YearReview

    state = (
        YearReview.objects.filter(agency__code=DEMO_CODE, year=YEAR).values_list("state", flat=True).first()
    )
    db_done()
    return state


def section_frozen(base, ids, quick):
    """Every write attempt twice: while the year is under review (its report is built live, so the plan, the
    agency and the other years' figures it prints hold still too), then once approved (the report is its
    approved edition: the year's own rows hold still, and what is served does not change whatever else is
    saved). `fingerprint` reads the year's rows and the report as `render_report` serves it."""
    planner, admin = client_for("perencana", base), client_for("admin", base)
    attempts = prepare_frozen_attempts(planner, admin, ids) + prepare_api_frozen_attempts(base, ids, quick)
    if quick:
        attempts = [
            a
            for a in attempts
            if a[0]
            in (
                "realisasi TW1",
                "anggaran",
                "narasi",
                "rencana: nama indikator",
                "admin: realisasi",
                "admin: nama kepala perangkat daerah",
                "impor Excel: konfirmasi disiapkan sebelum dikunci",
                "rencana: periode tanpa 2021",
            )
            or a[0].startswith("API: ")
        ]
    for step, expected in (("ajukan", "submitted"), ("setujui", "approved")):
        state = freeze(base, step)
        if state != expected:
            from review.models import YearReview

            YearReview.objects.update_or_create(agency_id=_demo_pk(), year=YEAR, defaults={"state": expected})
            db_done()
            TALLY.note(f"the review workflow left {YEAR} as {state!r}: set to {expected} in the database")
        say(f"   {len(attempts)} write attempts on {YEAR} ({expected})")
        _frozen_attempts(attempts, expected)
    _frozen_read_back(base, admin)


def _frozen_attempts(attempts, state):
    for label, client, path, form, files, extra in attempts:
        before = fingerprint()
        if isinstance(form, ApiCall):  # the API's writes: refused as the screens' (403), not as malformed
            answer = form.send(client, path)
            if answer.status != 403:
                TALLY.fail(FROZEN, "wrong answers", client.name, form.method, path, label, answer.status)
        elif form is not None:
            answer = post_form(client, path, form, extra=extra, files=files)
        else:
            answer = client.post(path, extra, files=files)
        TALLY.add(FROZEN, "tried")
        after = fingerprint()
        changed = _changed(before, after)
        if answer.status >= 500:
            TALLY.fail(FROZEN, "server errors", client.name, "POST", path, label, answer.status)
        if changed:
            TALLY.fail(
                FROZEN,
                "frozen writes",
                client.name,
                "POST",
                path,
                f"{label} ({state}): {', '.join(changed)}",
                answer.status,
            )
        elif answer.status < 500:
            TALLY.add(FROZEN, "refused")
        debug(label, state, answer.status, changed)


def _frozen_read_back(base, admin):
    read_back(admin, FROZEN, "the frozen-year attempts", True)
    reviewer = client_for("reviu", base)
    for path in (demo_url(f"{YEAR}/reviu/"), demo_url(f"{YEAR}/lkjip/")):
        answer = reviewer.get(path)
        TALLY.add(FROZEN, "tried")
        if answer.status >= 500:
            TALLY.fail(FROZEN, "server errors", "reviu", "GET", path, "after the attempts", answer.status)
        elif answer.status != 200:
            TALLY.fail(
                FROZEN,
                "frozen writes",
                "reviu",
                "GET",
                path,
                "the approved year is gone for the reviewer",
                answer.status,
            )


def _demo_pk():
    from agencies.models import Agency

    return Agency.objects.get(code=DEMO_CODE).pk


# --- the Pemda's own screens (issue 20): sections 1b and 3b -----------------------------------------------------
# Kept in one block: the demo Pemda's extra world (its administrator, an RPJMD, an extension, a rubric variant), the
# walk of every `pemda:` URL (sakip/url_walk.py, as the agency walk) as every identity, and the bad-input corpus in
# the Pemda's forms that take typed figures and dates.
PEMDA_WALK = "1b. URL Pemda × peran"
PEMDA_BAD = "3b. masukan buruk Pemda"
PEMDA_IDENTITIES = [
    Identity("bappeda (admin Pemda)", "bappeda", True, False),
    Identity("bappeda-lain (Pemda lain)", "bappeda-lain", False, False),
]
# What each identity is on the demo Pemda's screens; every other one is an outsider (404), or sent to the login.
PEMDA_ROLES = {"bappeda": "administrator", "admin": "administrator", "reviu": "inspectorate"}
TO_LOGIN = {None, "nonaktif"}
# Users of the demo Pemda: its name is no secret to them; to anyone else it must not show on a refusal.
DEMO_PEMDA_USERS = {
    "perencana-kelola",
    "perencana",
    "perencana2",
    "kepala",
    "nonaktif",
    "perencana-sebelah",
    "reviu",
    "bappeda",
    "admin",
}
# Where a screen answers a Pemda-wide reader with something other than a page (the rest must give 200, or 202 for
# a PDF being rendered): a new screen is walked without being named here, and expected to be a page.
PEMDA_GET = {
    "pemda:home": {"administrator": (302,), "inspectorate": (302,)},  # on to the dashboard of a year
    "pemda:admin_windows_home": {"administrator": (302,), "inspectorate": (302,)},  # on to a year
    "pemda:batch_download": {"administrator": (404,), "inspectorate": (404,)},  # no batch made: nothing yet
}
# POST only (405 on GET for the administrators).
PEMDA_POST_ONLY = {"pemda:admin_agency_delete", "pemda:admin_exception_add", "pemda:admin_exception_delete"}
# Closed to the inspectorate altogether (403 on GET too): pemda_view(administer=True).
PEMDA_ADMINISTER_ONLY = (
    PEMDA_POST_ONLY
    | {
        "pemda:admin_agency_new",
        "pemda:admin_user_new",
        "pemda:admin_user_password",
        "pemda:rpjmd_plan_create",
        "pemda:rpjmd_plan_edit",
        "pemda:rpjmd_element_create",
        "pemda:rpjmd_element_edit",
        "pemda:rpjmd_element_delete",
        "rpjmd_file:upload",  # the RPJMD file's import (interchange/rpjmd_views.py); its download is for every reader
    }
)
# The inspectorate's empty POST: 403 (it reads), except where it writes too (an empty rubric upload is shown again
# with the form's error) or the screen takes no POST at all.
PEMDA_INSPECTORATE_POST = {"pemda:admin_rubrics": (200, 400), "pemda:admin_rubric_json": (405,)}
# The administrators' empty POST: a form refused as incomplete (200/400) or a screen that takes no POST (405); never
# sent where an empty POST is a real write — a delete, or a grid whose empty cells mean "no value" (section 3b
# posts those forms whole).
PEMDA_EMPTY_POST_WRITES = {
    "pemda:rpjmd_targets",
    "pemda:rpjmd_realisations",
    "pemda:rpjmd_agreement",
    "pemda:admin_units",
    "pemda:admin_windows",
    "pemda:admin_user_password",  # an empty form gives the user a new generated password
}
PEMDA_ADMINISTRATOR_POST = (200, 400, 405)
# The inspectorate's own actions on the Pemda LKjIP (approve, reopen; POST only): the walk does not approve the
# report for it, the Pemda's administrators (Bappeda) are refused (403); tests/workspace/views/
# test_pemda_lkjip_edition.py plays them.
PEMDA_APPROVALS = {"pemda:lkjip_approve", "pemda:lkjip_reopen"}
PEMDA_APPROVERS = {"reviu", "admin"}
# URL arguments naming an object of the Pemda: another Pemda's users try them under their own Pemda's code.
PEMDA_OBJECT_ARGS = {"agency", "user_id", "pk", "plan"}
PEMDA_KINDS = ("misi", "tujuan", "sasaran", "iku")


def build_pemda_world():
    """The demo Pemda's own objects for the walk and the forms: its administrator (`bappeda`) and another Pemda's
    (`bappeda-lain`), an RPJMD 2021–2025 (a misi, tujuan, sasaran, an IKU counted in numbers and one in percent,
    their 2021 targets, a realisation, the kepala daerah's PK), an extension of the demo agency's first quarter and
    a rubric variant of the Pemda's own. Returns the ids the Pemda walk uses."""
    import datetime
    from decimal import Decimal

    from django.contrib.auth import get_user_model

    from agencies.models import Agency, Profile
    from evaluation.services import default_rubric, load_rubric
    from review.models import EntryException
    from rpjmd.models import (
        HeadAgreement,
        RegionalGoal,
        RegionalIndicator,
        RegionalMission,
        RegionalObjective,
        RegionalPlan,
        RegionalRealisation,
        RegionalTarget,
    )

    demo = Agency.objects.select_related("government").get(code=DEMO_CODE)
    government, other = demo.government, Agency.objects.get(code=OTHER_PEMDA_CODE).government
    User = get_user_model()
    for username, scope in (("bappeda", government), ("bappeda-lain", other)):
        account = User.objects.create_user(username, password=PASSWORD)
        Profile.objects.create(user=account, role=Profile.Role.PEMDA, government=scope)
    # The user the administration's user screens are walked with: no one logs in as them, so nothing the walk
    # does to them (a refused form, at worst a new password) touches the other sections' identities.
    managed = User.objects.create_user("perencana-kelola", password=PASSWORD)
    Profile.objects.create(user=managed, role=Profile.Role.PLANNER, agency=demo)
    plan = RegionalPlan.objects.create(
        government=government,
        start_year=YEAR,
        end_year=YEAR + 4,
        vision="Kota yang maju",
        head_name="Wali Kota",
    )
    mission = RegionalMission.objects.create(plan=plan, position=1, statement="Ekonomi kerakyatan")
    goal = RegionalGoal.objects.create(plan=plan, mission=mission, code="T1", statement="UMKM tumbuh")
    objective = RegionalObjective.objects.create(plan=plan, goal=goal, code="S1", statement="UMKM naik kelas")
    number, percent = (
        RegionalIndicator.objects.create(
            plan=plan, objective=objective, position=n, code=f"IKU.{n}", name=name, unit=unit, kind=kind
        )
        for n, name, unit, kind in (
            (1, "Jumlah UMKM naik kelas", "unit", RegionalIndicator.Kind.NUMBER),
            (2, "Persentase koperasi sehat", "%", RegionalIndicator.Kind.PERCENT),
        )
    )
    for iku in (number, percent):
        for kind in (RegionalTarget.Kind.RPJMD, RegionalTarget.Kind.PK):
            RegionalTarget.objects.create(indicator=iku, kind=kind, year=YEAR, value=Decimal("40"))
    RegionalRealisation.objects.create(indicator=number, year=YEAR, value=Decimal("42"), note="")
    HeadAgreement.objects.create(government=government, year=YEAR, signatory="Wali Kota", place="Serpong")
    extension = EntryException.objects.create(
        agency=demo, year=YEAR, quarter=1, until=datetime.date(YEAR, 4, 30), reason="Uji ketahanan"
    )
    default_rubric()
    rubric = load_rubric(government, default_rubric().text)
    ids = {
        "code": government.code,
        "name": government.name,
        "agency_name": demo.name,
        "other_code": other.code,
        "government": government.pk,
        "agency": DEMO_CODE,
        "user_id": managed.pk,
        "year": YEAR,
        "plan": plan.pk,
        "kinds": {"misi": mission.pk, "tujuan": goal.pk, "sasaran": objective.pk, "iku": number.pk},
        "exception": extension.pk,
        "rubric": rubric.pk,
        "iku_number": number.pk,
        "iku_percent": percent.pk,
    }
    db_done()
    return ids


def pemda_walk_urls(pids, quick):
    """(view name, url, URL arguments) of every `pemda:` pattern under the demo Pemda's code, with its real ids."""
    from django.urls import reverse

    from sakip.url_walk import agency_patterns, url_kwargs

    out = []
    for name, args, defaults in agency_patterns(under="pemda/"):
        kinds = (("iku",) if quick else PEMDA_KINDS) if "kind" in args else (None,)
        for kind in kinds:
            if name.startswith("pemda:rpjmd_element"):
                pk = pids["kinds"][kind]
            elif name.startswith("pemda:admin_rubric"):
                pk = pids["rubric"]
            else:
                pk = pids["exception"]
            values = {
                "code": pids["code"],
                "agency": pids["agency"],
                "user_id": pids["user_id"],
                "year": pids["year"],
                "plan": pids["plan"],
                "kind": kind or "iku",
                "pk": pk,
            }
            out.append((name, reverse(name, kwargs=url_kwargs(args, defaults, values)), args))
    return out


def pemda_identities(chosen, base, quick):
    """The identities the Pemda walk uses: those of the agency walk, the Pemda administrators of the demo Pemda and
    of another one, and (quick mode logs fewer in) the inspectorate."""
    # Quick: one identity of each kind the Pemda screens tell apart (anonymous, an agency's role, another Pemda's).
    out = [i for i in chosen if not quick or i.username in (None, "kepala", "reviu-lain")]
    extra = list(PEMDA_IDENTITIES)
    if not any(i.username == "reviu" for i in chosen):
        extra.append(next(i for i in IDENTITIES if i.username == "reviu"))
    for identity in extra:
        identity.client = identity.client or client_for(identity.username, base)
        out.append(identity)
    return out


def _pemda_expected(identity, name, method):
    """The statuses the walk expects; None where it sends nothing (the administrators' POST where an empty form is
    a real write: a delete, a grid; section 3b posts those forms whole)."""
    role = PEMDA_ROLES.get(identity.username)
    if identity.username in TO_LOGIN:
        return (302,)
    if role is None:
        return (404,)
    if name in PEMDA_APPROVALS:
        if method == "GET":
            return (405,)
        return None if identity.username in PEMDA_APPROVERS else (403,)
    if method == "POST":
        if role == "administrator":
            writes = name in PEMDA_EMPTY_POST_WRITES or "delete" in name
            return None if writes else PEMDA_ADMINISTRATOR_POST
        return PEMDA_INSPECTORATE_POST.get(name, (403,))
    if role == "inspectorate" and name in PEMDA_ADMINISTER_ONLY:
        return (403,)
    if name in PEMDA_POST_ONLY:
        return (405,)
    return PEMDA_GET.get(name, {}).get(role, (200, 202))


def _judge_pemda(identity, method, url, answer, expected, pids, detail=""):
    section = PEMDA_WALK
    TALLY.add(section, "tried")
    if answer.status >= 500:
        TALLY.fail(section, "server errors", identity.name, method, url, answer.error_name(), answer.status)
        return
    outsider = identity.username not in DEMO_PEMDA_USERS
    secrets = (pids["name"], pids["agency_name"]) if outsider else ()
    shown = [s for s in secrets if s in answer.text]
    if shown:
        TALLY.fail(
            section, "leaked", identity.name, method, url, f"{detail}shows {shown[0]!r}", answer.status
        )
        return
    if answer.status in expected:
        if identity.username in TO_LOGIN and "/masuk/" not in answer.location:
            TALLY.fail(section, "leaked", identity.name, method, url, f"redirect to {answer.location}", 302)
        elif answer.status >= 300 or PEMDA_ROLES.get(identity.username) is None or method == "POST":
            TALLY.add(section, "refused")
        return
    # The administrators may do anything here: an answer they were not meant to get is wrong, not a leak.
    role = PEMDA_ROLES.get(identity.username)
    permitted = role == "administrator" or (role is not None and method == "GET")
    if not permitted and (200 <= answer.status < 300 or answer.status in (301, 302, 303)):
        what = "a POST accepted" if method == "POST" else f"answered {answer.status} {answer.location}"
        TALLY.fail(section, "leaked", identity.name, method, url, detail + what, answer.status)
    else:
        TALLY.fail(
            section,
            "wrong answers",
            identity.name,
            method,
            url,
            f"{detail}expected {expected}",
            answer.status,
        )


def section_pemda_walk(identities, pids, quick):
    """Every `pemda:` URL as every identity (GET; POST as those who must be refused), then another Pemda's users
    with the demo Pemda's object ids under their own Pemda's code (404, and nothing of the demo Pemda shown)."""
    db_done()
    urls = pemda_walk_urls(pids, quick)
    say(f"   {len(urls)} Pemda URLs × {len(identities)} identities")
    for identity in identities:
        for name, url, _args in urls:
            for method in ("GET", "POST"):
                expected = _pemda_expected(identity, name, method)
                if expected is None:
                    continue
                client = identity.client
                answer = client.get(url) if method == "GET" else client.post(url, {})
                _judge_pemda(identity, method, url, answer, expected, pids)
    own_prefix = f"/pemda/{pids['code']}/"
    for identity in identities:
        if identity.username not in ("bappeda-lain", "reviu-lain"):
            continue
        for _name, url, args in urls:
            if not args & PEMDA_OBJECT_ARGS:
                continue
            theirs = url.replace(own_prefix, f"/pemda/{pids['other_code']}/", 1)
            for method in ("GET", "POST"):
                answer = identity.client.get(theirs) if method == "GET" else identity.client.post(theirs, {})
                # 404 (looked up under their Pemda); a refusal before the lookup (403 for the inspectorate's POST,
                # 405 for a POST-only screen's GET) names nothing either.
                expected = (403, 404, 405)
                _judge_pemda(identity, method, theirs, answer, expected, pids, detail="another Pemda's id: ")


def pemda_url(pids, path):
    return f"/pemda/{pids['code']}/{path}"


BAD_DATES = [
    "31 Februari 2022",
    "2022-13-01",
    "32/01/2022",
    "3 Januari 99999",
    "3 Januari 0",
    "0",
    "1e30",
    "nan",
    "besok",
    "3 Jnuari 2022",
    "1" * 400,
    "nul\x00byte",
    "2020-12-31",  # before the quarter starts
]
QUICK_BAD_DATES = ["31 Februari 2022", "2020-12-31", "1" * 400]
GOOD_DATES = ["3 Januari 2022", "2022-01-03", "03/01/2022"]
# A field's or a form's error: the grids' and the administration's role="alert", crispy's invalid-feedback.
ERROR_TEXT = re.compile(
    r'<(div|span|li|p)[^>]*(?:role="alert"|class="[^"]*(?:invalid-feedback|errorlist|alert-danger))[^>]*>(.*?)</\1>',
    re.S,
)


def _bilingual_errors(text):
    """The error messages a refused form shows, and whether one of them is bilingual ("Indonesia. / English.")."""
    shown = [re.sub(r"<[^>]+>", "", m.group(2)).strip() for m in ERROR_TEXT.finditer(text)]
    return [s for s in shown if " / " in s]


def _rows_now(model_name, filters):
    from django.apps import apps

    rows = _raw_rows(apps.get_model(model_name).objects.filter(**filters).order_by("pk").values())
    db_done()
    return rows


def pemda_try(client, path, field, value, *, table, check=None, good=None, quick=False, pids=None):
    """Post one value into the Pemda form at `path`: a bad value must be refused with a bilingual message and
    leave `table` (model name, filters) as it was; a good one (`good`: the stored value it must give, as text)
    must be saved as typed: (queryset, column, the value it must read back). `check` judges an accepted bad value
    (`stored_check`); without one, accepting it is the failure. Whatever was saved is put back."""
    section = PEMDA_BAD
    shown = value if len(value) < 40 else value[:30] + f"…({len(value)} chars)"
    form = tried_form(client, path, rf"^{re.escape(field)}$", section=section)
    if form is None:
        return
    snapshot = snapshot_rows(table[0], **table[1])
    before = _rows_now(*table)
    form.set(field, value)
    answer = post_form(client, path, form)
    label = f"{field}={shown!r}"
    if answer.status >= 500:
        TALLY.fail(section, "server errors", client.name, "POST", path, label, answer.status)
        restore_rows(snapshot)
        return
    if not saved(answer):
        after = _rows_now(*table)
        if good is not None:
            TALLY.fail(
                section,
                "wrong answers",
                client.name,
                "POST",
                path,
                f"{label}: a good spelling refused",
                answer.status,
            )
        else:
            TALLY.add(section, "refused")
        if after != before:
            TALLY.fail(
                section,
                "wrongly accepted",
                client.name,
                "POST",
                path,
                f"{label}: refused, but rows changed",
                answer.status,
            )
            restore_rows(snapshot)
        elif good is None and not _bilingual_errors(answer.text):
            TALLY.fail(
                section,
                "wrong answers",
                client.name,
                "POST",
                path,
                f"{label}: refused without a bilingual message",
                answer.status,
            )
        debug("refused", path, label, answer.status)
        return
    debug("accepted", path, label)
    TALLY.note(f"accepted: {label} at {path}")
    problem = check(value) if check else None
    if good is None and check is None:
        problem = "accepted"
    if problem:
        TALLY.fail(
            section, "wrongly accepted", client.name, "POST", path, f"{label}: {problem}", answer.status
        )
    elif good is not None and (stored := _stored(*good[:2])) != good[2]:
        TALLY.fail(
            section, "wrongly accepted", client.name, "POST", path, f"{label}: stored {stored}", answer.status
        )
    _pemda_read_back(client, pids, label, quick)
    restore_rows(snapshot)


def _stored(queryset, column):
    """A column of the first row, as the application reads it (Decimal normalised, a date as ISO), or None."""
    from decimal import Decimal

    try:
        value = queryset.values_list(column, flat=True).first()
    finally:
        db_done()
    if isinstance(value, Decimal):
        return value.normalize()
    return value.isoformat() if hasattr(value, "isoformat") else value


def _pemda_read_back(client, pids, label, quick):
    """The Pemda pages that show the figures, after an accepted value: none may answer 5xx."""
    paths = [
        pemda_url(pids, f"{YEAR}/"),
        pemda_url(pids, "rpjmd/"),
        pemda_url(pids, f"{YEAR}/lkjip/"),
    ]
    if not quick:
        paths += [
            pemda_url(pids, f"rpjmd/{pids['plan']}/target/"),
            pemda_url(pids, f"rpjmd/{pids['plan']}/realisasi/{YEAR}/"),
            pemda_url(pids, f"rpjmd/pohon/{YEAR}/"),
            pemda_url(pids, f"{YEAR}/lkjip/lkjip.xlsx"),
            pemda_url(pids, f"{YEAR}/lkjip/lkjip.json"),
            pemda_url(pids, f"{YEAR}/dasbor.xlsx"),
            pemda_url(pids, "kelola/riwayat/"),
            demo_url(f"{YEAR}/lkjip/"),
        ]
    read_paths(client, PEMDA_BAD, label, paths)


# Query strings as a hand-edited address gives them: every Pemda page read with each (the filters, the year, the
# plan, the page number, the sort) must answer without a server error.
QUERY_KEYS = ("tahun", "rpjmd", "tw", "urut", "arah", "status", "cari", "page", "kriteria")
BAD_QUERIES = ["²", "١٢٣", "9" * 30, "1" * 5000, "-1", "1e30", "nul\x00byte", "'--", "%"]
QUICK_BAD_QUERIES = ["²"]


def pemda_bad_queries(client, pids, quick):
    """GET every Pemda page the administrator opens, with each bad value in every query parameter the screens
    read: no 5xx."""
    section = PEMDA_BAD
    values = QUICK_BAD_QUERIES if quick else BAD_QUERIES
    pages = [
        (name, url)
        for name, url, _args in pemda_walk_urls(pids, quick=True)
        if name not in PEMDA_POST_ONLY and not name.endswith(("_pdf", "_pdf_status", "batch_download"))
    ]
    for name, url in pages:
        for value in values:
            query = urllib.parse.urlencode({key: value for key in QUERY_KEYS})
            answer = client.get(f"{url}?{query}")
            TALLY.add(section, "tried")
            if answer.status >= 500:
                shown = value if len(value) < 20 else f"{value[:10]}…({len(value)} chars)"
                TALLY.fail(
                    section, "server errors", client.name, "GET", url, f"?…={shown!r} ({name})", answer.status
                )
            elif answer.status >= 400:
                TALLY.add(section, "refused")


def section_pemda_bad_input(administrator, pids, quick):
    """The bad-input corpus in the Pemda's forms that take typed figures and dates: the RPJMD target and
    realisation grids (an IKU counted in numbers and one in percent), the entry windows' deadlines and the
    settings' figures; then the good spellings ("1.715", "0,5%", "3 Januari 2022"), which must be kept as typed."""
    from datetime import date
    from decimal import Decimal

    from agencies.models import Government
    from review.models import EntryWindow
    from rpjmd.models import RegionalRealisation, RegionalTarget

    numbers = QUICK_NUMBERS if quick else NUMBERS
    dates = QUICK_BAD_DATES if quick else BAD_DATES
    number, percent, plan = pids["iku_number"], pids["iku_percent"], pids["plan"]
    grids = [
        (
            pemda_url(pids, f"rpjmd/{plan}/target/"),
            "t{}-rpjmd_" + str(YEAR),
            ("rpjmd.RegionalTarget", {"indicator__plan_id": plan}),
            lambda iku: RegionalTarget.objects.filter(indicator_id=iku, kind="rpjmd", year=YEAR),
        ),
        (
            pemda_url(pids, f"rpjmd/{plan}/realisasi/{YEAR}/"),
            "r{}-value",
            ("rpjmd.RegionalRealisation", {"indicator__plan_id": plan}),
            lambda iku: RegionalRealisation.objects.filter(indicator_id=iku, year=YEAR),
        ),
    ]
    for path, name, table, rows in grids:
        for iku, foreign, corpus in (
            (number, "Rp", numbers),  # "%" is harmless shorthand in a number (sakip.forms.measure_units)
            (percent, "Rp", ["Rp -1"] if quick else numbers),
        ):
            check = stored_check(rows(iku), "value", foreign_unit=foreign)
            for value in corpus:
                pemda_try(
                    administrator,
                    path,
                    name.format(iku),
                    value,
                    table=table,
                    check=check,
                    quick=quick,
                    pids=pids,
                )
        for iku, value, wanted in ((number, "1.715", Decimal("1715")), (percent, "0,5%", Decimal("0.5"))):
            good = (rows(iku), "value", wanted)
            pemda_try(
                administrator, path, name.format(iku), value, table=table, good=good, quick=quick, pids=pids
            )
    # Entry windows: the first quarter's deadline (a date, and not before the quarter starts).
    path = pemda_url(pids, f"kelola/batas/{YEAR}/")
    windows = ("review.EntryWindow", {"government_id": pids["government"]})
    window = EntryWindow.objects.filter(government_id=pids["government"], year=YEAR, quarter=1)
    for value in dates:
        pemda_try(administrator, path, "tw1-deadline", value, table=windows, quick=quick, pids=pids)
    for value in GOOD_DATES[:1] if quick else GOOD_DATES:
        good = (window, "deadline", date(2022, 1, 3).isoformat())
        pemda_try(
            administrator, path, "tw1-deadline", value, table=windows, good=good, quick=quick, pids=pids
        )
    # Settings: the capaian cap and the plausible capaian's ceiling (percentages, more than 0).
    path = pemda_url(pids, "kelola/")
    settings = ("agencies.Government", {"pk": pids["government"]})
    government = Government.objects.filter(pk=pids["government"])
    for column in ("objective_cap",) if quick else ("objective_cap", "plausible_capaian_max"):
        check = stored_check(government, column, foreign_unit="Rp")
        for value in (v for v in numbers if v != "-0"):
            pemda_try(administrator, path, column, value, table=settings, check=check, quick=quick, pids=pids)
        for value in ("0", "-5", "-0"):  # more than 0: accepting any of these is the failure
            pemda_try(administrator, path, column, value, table=settings, quick=quick, pids=pids)
        for value, wanted in (("1.715", Decimal("1715")), ("0,5%", Decimal("0.5"))):
            good = (government, column, wanted)
            pemda_try(administrator, path, column, value, table=settings, good=good, quick=quick, pids=pids)
    pemda_more_forms(administrator, pids, quick, numbers, dates)
    pemda_rpjmd_files(administrator, pids, quick)
    pemda_bad_queries(administrator, pids, quick)


def pemda_rpjmd_files(administrator, pids, quick):
    """Bad files into the RPJMD's import (`rpjmd_file:upload`): not JSON, not UTF-8, not the schema, nested too
    deeply, another Pemda's RPJMD, this Pemda's own without "Ganti", and (full mode) one over the size limit. Each
    must be refused with a bilingual problem, no 5xx, and leave the Pemda's RPJMD rows as they were."""
    section = PEMDA_BAD
    path = pemda_url(pids, "rpjmd/impor/")
    own = administrator.get(pemda_url(pids, f"rpjmd/{pids['plan']}/rpjmd.json"))
    if own.status != 200:
        TALLY.fail(section, "wrong answers", administrator.name, "GET", path, "the RPJMD file", own.status)
        return
    other = json.loads(own.body)
    other["government"]["code"] = pids["other_code"]
    files = [
        ("bukan-json.json", b"{ bukan json"),
        ("latin1.json", "RPJMD \xff".encode("latin-1")),
        ("skema.json", b'{"format": "sakip-rpjmd/1"}'),
        ("dalam.json", b"[" * 100_000 + b"]" * 100_000),
        ("pemda-lain.json", json.dumps(other).encode()),
        ("sudah-ada.json", own.body),
    ]
    if not quick:
        files.append(("besar.json", b" " * (5 * 1024 * 1024 + 1)))
    tables = [
        ("rpjmd.RegionalPlan", {"government_id": pids["government"]}),
        ("rpjmd.RegionalIndicator", {"plan__government_id": pids["government"]}),
        ("rpjmd.RegionalTarget", {"indicator__plan__government_id": pids["government"]}),
    ]
    for name, content in files:
        form = tried_form(administrator, path, r"^file$", section=section)
        if form is None:
            return
        before = [_rows_now(*table) for table in tables]
        answer = post_form(administrator, path, form, files={"file": (name, content, "application/json")})
        if answer.status >= 500:
            TALLY.fail(section, "server errors", administrator.name, "POST", path, name, answer.status)
        elif saved(answer) or [_rows_now(*table) for table in tables] != before:
            TALLY.fail(section, "wrongly accepted", administrator.name, "POST", path, name, answer.status)
        elif not (_bilingual_errors(answer.text) or " / " in _problems_text(answer.text)):
            TALLY.fail(
                section,
                "wrong answers",
                administrator.name,
                "POST",
                path,
                f"{name}: refused without a bilingual message",
                answer.status,
            )
        else:
            TALLY.add(section, "refused")


def _problems_text(text):
    """The text of an import's list of problems (`data-testid="import-problems"`), tags stripped."""
    found = re.search(r'data-testid="import-problems">(.*?)</div>', text, re.S)
    return re.sub(r"<[^>]+>", "", found[1]) if found else ""


# Whole numbers (years, positions) that every such field must refuse.
BAD_INTEGERS = ["9999999999999999", "1" * 400, "1e30", "-1", "²", "1,5", "nan"]


def pemda_more_forms(administrator, pids, quick, numbers, dates):
    """The other Pemda forms with typed figures, whole numbers and dates: an IKU's baseline and final target, its
    baseline year, the RPJMD's years, the kepala daerah's PK date and the agency units' order."""
    from decimal import Decimal

    from agencies.models import OrgUnit
    from rpjmd.models import RegionalIndicator

    integers = BAD_INTEGERS[:2] if quick else BAD_INTEGERS
    plan, number = pids["plan"], pids["iku_number"]
    ikus = ("rpjmd.RegionalIndicator", {"plan_id": plan})
    path = pemda_url(pids, f"rpjmd/iku/{number}/ubah/")
    iku = RegionalIndicator.objects.filter(pk=number)
    for column in ("final_target",) if quick else ("final_target", "baseline_value"):
        check = stored_check(iku, column, foreign_unit="Rp")
        for value in numbers:
            pemda_try(administrator, path, column, value, table=ikus, check=check, quick=quick, pids=pids)
        good = (iku, column, Decimal("1715"))
        pemda_try(administrator, path, column, "1.715", table=ikus, good=good, quick=quick, pids=pids)
    for value in integers:
        pemda_try(administrator, path, "baseline_year", value, table=ikus, quick=quick, pids=pids)
    path = pemda_url(pids, f"rpjmd/{plan}/ubah/")
    plans = ("rpjmd.RegionalPlan", {"government_id": pids["government"]})
    for value in integers:
        pemda_try(administrator, path, "end_year", value, table=plans, quick=quick, pids=pids)
    path = pemda_url(pids, f"rpjmd/pk/{YEAR}/")
    agreements = ("rpjmd.HeadAgreement", {"government_id": pids["government"]})
    for value in (d for d in dates if d != "2020-12-31"):  # any day may be a signature's
        pemda_try(administrator, path, "signed_on", value, table=agreements, quick=quick, pids=pids)
    unit = OrgUnit.objects.filter(agency__code=pids["agency"]).order_by("pk").first()
    db_done()
    if unit is not None:
        path = pemda_url(pids, f"kelola/opd/{pids['agency']}/unit/")
        units = ("agencies.OrgUnit", {"agency__code": pids["agency"]})
        for value in integers:
            pemda_try(
                administrator, path, f"unit-{unit.pk}-position", value, table=units, quick=quick, pids=pids
            )


# --- the REST API (issue 22): sections 1c and 3c, and its writes in section 2 -------------------------------------
# The same identities, corpus, read-back and frozen-year fingerprint as the screens' sections, through the API with
# each identity's own key: the API must be held to exactly the screens' rules.
API_WALK = "1c. API × peran"
API_BAD = "3c. masukan buruk API"
REVOKED = "(kunci dicabut)"
API_NO_KEY = {None, "nonaktif", REVOKED}  # no key, a deactivated user's key, a revoked key: 401
API_AGENCY = f"/api/v1/agencies/{DEMO_CODE}/"
API_WRITES = {"api:quarter-realisations", "api:quarter-budget", "api:evidence"}
EVIDENCE_PDF = ("bukti-api.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")


class ApiClient(Client):
    """A program calling the API with one key (None: without a key); it keeps no session."""

    def __init__(self, base, name, key=None):
        super().__init__(base, name)
        self.key = key

    def call(self, method, path, body=None, *, raw=None, files=None, fields=()):
        headers = {"User-Agent": "sakip-robustness", "Accept": "application/json"}
        if self.key:
            headers["Authorization"] = f"Token {self.key}"
        data = None
        if files is not None:
            boundary = uuid.uuid4().hex
            data = _multipart(list(fields), files, boundary)
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        elif raw is not None or body is not None:
            data = raw if raw is not None else json.dumps(body)
            data = data.encode("utf-8", errors="surrogatepass") if isinstance(data, str) else data
            headers["Content-Type"] = "application/json"
        url = path if path.startswith("http") else self.base + path
        return self._open(urllib.request.Request(url, data=data, headers=headers, method=method))

    def get(self, path, **kw):
        return self.call("GET", path)

    def json(self, path):
        answer = self.call("GET", path)
        return json.loads(answer.body) if answer.status == 200 else None


@dataclass
class ApiCall:
    """One API write of section 2, prepared while the year is open and sent once it is frozen."""

    method: str
    body: dict | None = None
    files: dict | None = None

    def send(self, client, path):
        if self.files is not None:
            return client.call(self.method, path, files=self.files, fields=[("description", "uji")])
        return client.call(self.method, path, self.body)


def api_key(username, name="robustness"):
    """A new key of the user (`agencies.api_tokens.issue_token`, as the profile screen issues them)."""
    from django.contrib.auth import get_user_model

    from agencies.api_tokens import issue_token

    _token, key = issue_token(get_user_model().objects.get(username=username), name)
    db_done()
    return key


def api_identities(chosen, base, quick):
    """The agency walk's identities (with the demo Pemda's administrator, another Pemda's, the inspectorate) each
    with a key of their own; the anonymous without one; and a revoked key of the demo planner."""
    from django.contrib.auth import get_user_model

    from agencies.api_tokens import issue_token, revoke

    out = [i for i in chosen if not quick or i.username in (None, "nonaktif", "kepala", "perencana-lain")]
    wanted = ("perencana", "admin", "reviu", "bappeda", "bappeda-lain")
    for username in wanted if not quick else ("perencana", "bappeda"):
        if not any(i.username == username for i in out):
            out.append(next(i for i in IDENTITIES + PEMDA_IDENTITIES if i.username == username))
    pairs = [(i, api_key(i.username) if i.username else None) for i in out]
    token, key = issue_token(get_user_model().objects.get(username="perencana"), "dicabut")
    revoke(token)
    db_done()
    pairs.append((Identity("kunci dicabut", REVOKED, False, False), key))
    return [(identity, ApiClient(base, identity.name, key)) for identity, key in pairs]


def api_walk_urls(ids, quick):
    """(view name, url, whose: "agency" | "pemda" | "list" | "meta") of every `api:` pattern: those under the demo
    agency's code (sakip/url_walk.py) with its real codes, the demo Pemda's dashboard, and the lists."""
    from django.urls import get_resolver, reverse

    from sakip.url_walk import agency_patterns, url_kwargs

    quarters = (1,) if quick else (0, 1, 2, 3, 4)
    out = []
    for name, args, defaults in agency_patterns(under="api/"):
        if not name.startswith("api:") or name == "api:dashboard":
            continue
        for quarter in quarters if "quarter" in args else (1,):
            values = {"code": DEMO_CODE, "year": YEAR, "quarter": quarter, "indicator": ids["indicator_code"]}
            out.append((name, reverse(name, kwargs=url_kwargs(args, defaults, values)), "agency"))
    out.append(("api:dashboard", reverse("api:dashboard", args=[ids["pemda"]["code"], YEAR]), "pemda"))
    resolver = get_resolver().namespace_dict["api"][1]
    for entry in resolver.url_patterns:
        if entry.name and not entry.pattern.converters:
            whose = "meta" if entry.name in ("schema", "docs") else "list"
            out.append((f"api:{entry.name}", reverse(f"api:{entry.name}"), whose))
    return out


def _api_expected(identity, name, whose, method):
    """The statuses one call must get."""
    if whose == "meta":
        return None  # the schema and its docs page: no data, any answer but a 5xx
    if identity.username in API_NO_KEY:
        return (401,)
    if whose == "list":
        return (200,)
    if whose == "pemda":
        return (200,) if identity.username in PEMDA_ROLES else (404,)
    if not (identity.sees_demo or identity.username == "bappeda"):
        return (404,)
    if method == "GET":
        return (200,)
    # An empty write: the writers are told what is missing (400), the readers that they may only read (403).
    return (400,) if identity.writes_demo else (403,)


def _api_listed_leak(identity, name, answer, pemda_code):
    """A list naming the demo agency (or the demo Pemda) to someone who may not see it."""
    try:
        rows = json.loads(answer.body).get("results", [])
    except (ValueError, AttributeError):
        return None
    codes = {row.get("code") for row in rows if isinstance(row, dict)}
    if (
        name == "api:agency-list"
        and DEMO_CODE in codes
        and not (identity.sees_demo or identity.username == "bappeda")
    ):
        return "the demo agency listed"
    if name == "api:government-list" and pemda_code in codes and identity.username not in PEMDA_ROLES:
        return "the demo Pemda listed"
    return None


def _judge_api(section, identity, method, url, answer, expected, detail=""):
    TALLY.add(section, "tried")
    if answer.status >= 500:
        TALLY.fail(
            section, "server errors", identity.name, method, url, detail + answer.error_name(), answer.status
        )
    elif expected is None or answer.status in expected:
        if answer.status >= 400:
            TALLY.add(section, "refused")
    elif 200 <= answer.status < 300:
        TALLY.fail(
            section, "leaked", identity.name, method, url, detail + f"expected {expected}", answer.status
        )
    else:
        TALLY.fail(
            section,
            "wrong answers",
            identity.name,
            method,
            url,
            detail + f"expected {expected}",
            answer.status,
        )


def section_api_walk(identities, ids, quick, base):
    """Every `api:` URL as every identity with its own key: GET, and an empty write on the write endpoints."""
    urls = api_walk_urls(ids, quick)
    calls = api_identities(identities, base, quick)
    say(f"   {len(urls)} API URLs × {len(calls)} keys")
    for identity, api in calls:
        for name, url, whose in urls:
            methods = ("GET", "PUT" if name != "api:evidence" else "POST") if name in API_WRITES else ("GET",)
            for method in methods:
                if method == "GET":
                    answer = api.call("GET", url)
                elif method == "PUT":
                    answer = api.call("PUT", url, {})
                else:
                    answer = api.call("POST", url, files={}, fields=[("description", "")])
                _judge_api(
                    API_WALK, identity, method, url, answer, _api_expected(identity, name, whose, method)
                )
                if whose == "list" and answer.status == 200:
                    leak = _api_listed_leak(identity, name, answer, ids["pemda"]["code"])
                    if leak:
                        TALLY.fail(API_WALK, "leaked", identity.name, method, url, leak, answer.status)


# Section 2: the API's three writes into the frozen year, with the planner's and the administrator's keys.
def prepare_api_frozen_attempts(base, ids, quick):
    """(label, client, path, ApiCall, None, []) of each API write, prepared while the year is open: the row's version
    as read, a figure other than the stored one."""
    attempts = []
    quarter = f"{API_AGENCY}years/{YEAR}/quarters/1/"
    for username in ("perencana",) if quick else ("perencana", "admin"):
        api = ApiClient(base, f"{username} (API)", api_key(username, "robustness 2"))
        listing = api.json(quarter + "realisations/") or {"rows": []}
        row = next((r for r in listing["rows"] if r["indicator"] == ids["indicator_code"]), None)
        if row is None:
            TALLY.note(f"frozen: no API realisation row for {ids['indicator_code']}")
        else:
            value = "13" if row["value"] in ("12.5", "12,5") else "12,5"
            body = {"rows": [{"indicator": row["indicator"], "value": value, "version": row["version"]}]}
            attempts.append(
                (f"API: realisasi PUT ({username})", api, quarter + "realisations/", ApiCall("PUT", body))
            )
        budget = api.json(quarter + "budget/") or {"rows": []}
        if budget["rows"]:
            line = budget["rows"][0]
            spent = "1.000" if line["spent"] != "1000" else "2.000"
            body = {"rows": [{"path": line["path"], "spent": spent, "version": line["version"]}]}
            attempts.append(
                (f"API: anggaran PUT ({username})", api, quarter + "budget/", ApiCall("PUT", body))
            )
        path = f"{quarter}indicators/{ids['indicator_code']}/evidence/"
        attempts.append(
            (f"API: bukti POST ({username})", api, path, ApiCall("POST", files={"file": EVIDENCE_PDF}))
        )
    return [(label, client, path, call, None, []) for label, client, path, call in attempts]


# Section 3c: the corpus into the API's realisation and budget writes.
JSON_NUMBER = re.compile(r"-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?")
# JSON numbers beyond the corpus' own: exact fractions, exponents, the constants JSON does not have.
API_NUMBER_LITERALS = ["1.715", "0.10", "1e2", "1e400", "-1", "NaN", "Infinity", "-Infinity", "0.0000000001"]
QUICK_API_NUMBER_LITERALS = ["1.715", "1e400", "NaN"]


def _api_malformed(row_key, row_code):
    """(label, raw body) of requests no writer means: not JSON, wrong types, huge, deep, unknown codes."""

    def rows(*items):
        return json.dumps({"rows": list(items)})

    deep = 100_000
    return [
        ("not JSON", "rows=1"),
        ("empty body", ""),
        ("truncated JSON", '{"rows": [{'),
        ("bytes not UTF-8", b'{"rows": "\xff\xfe"}'),
        ("a list at the top", "[]"),
        ("null", "null"),
        ("rows a string", json.dumps({"rows": "x"})),
        ("rows of numbers", rows(1, 2)),
        ("code a number", rows({row_key: 5})),
        ("figure a list", rows({row_key: row_code, "value": [1], "spent": [1]})),
        ("figure an object", rows({row_key: row_code, "value": {"a": 1}, "spent": {"a": 1}})),
        ("figure true", rows({row_key: row_code, "value": True, "spent": True})),
        ("unknown code", rows({row_key: "TIDAK-ADA/9.9"})),
        ("the same code twice", rows({row_key: row_code}, {row_key: row_code})),
        ("code of 5000 characters", rows({row_key: "x" * 5000})),
        ("2001 rows", rows(*[{row_key: row_code}] * 2001)),
        ("50000 numbers", json.dumps({"rows": list(range(50_000))})),
        ("nesting 100000 deep", '{"rows": ' + "[" * deep + "]" * deep + "}"),
        ("nesting 100000 deep in a figure", '{"rows": [{"value": ' + "[" * deep + "]" * deep + "}]}"),
    ]


def section_api_bad_input(base, ids, quick):
    """The corpus of section 3 into the realisation value, its analysis, and a budget line's spending and physical
    progress through the API (text as typed, and JSON numbers), then malformed bodies: no 5xx; an accepted figure
    stored as the screens' parser reads the text (sakip.numbers.parse_localized) or exactly the JSON number; a
    refused one leaves the year's rows as they were."""
    from agencies.models import Agency
    from budgets.forms import PHYSICAL_FIELDS, QUARTER_FIELDS
    from budgets.models import BudgetLine, SubActivity
    from indicators.models import Realisation
    from workspace.budget_entry import BudgetGrid

    api = ApiClient(base, "perencana (API)", api_key("perencana", "robustness 3c"))
    reader = client_for("perencana", base)
    quarter = f"{API_AGENCY}years/{YEAR}/quarters/1/"
    realisations, budget = quarter + "realisations/", quarter + "budget/"
    code = ids["indicator_code"]
    numbers = QUICK_NUMBERS if quick else NUMBERS
    literals = QUICK_API_NUMBER_LITERALS if quick else API_NUMBER_LITERALS
    literals = [v for v in numbers if JSON_NUMBER.fullmatch(v)] + literals
    texts = TEXTS[:1] if quick else TEXTS
    api_readers = [
        realisations,
        budget,
        f"{API_AGENCY}realisations/?year={YEAR}",
        f"{API_AGENCY}years/{YEAR}/report/",
    ]

    realisation = Realisation.objects.filter(indicator_id=ids["indicator"], year=YEAR, quarter=1)
    year_rows = {
        "Realisation": Realisation.objects.filter(indicator__plan__agency__code=DEMO_CODE, year=YEAR),
        "BudgetLine": BudgetLine.objects.filter(year=YEAR),
    }

    # The budget line the corpus is typed into: the first of the quarter's grid, by code path.
    agency = Agency.objects.get(code=DEMO_CODE)
    grid = BudgetGrid(agency, YEAR, keys=())
    paths = sorted(grid.paths().items(), key=lambda item: item[1])
    owner = grid.owners[paths[0][0]] if paths else None
    owner_filter = {
        ("sub_activity_id" if isinstance(owner, SubActivity) else "activity_id"): getattr(owner, "pk", 0)
    }
    db_done()

    def rows_now():
        out = {label: _raw_rows(rows.order_by("pk")) for label, rows in year_rows.items()}
        db_done()
        return out

    # What the tries write is put back from these (the rows a try may write: the indicator's and the line's);
    # the whole year's rows are compared before and after each try.
    initial = rows_now()
    kept = [
        snapshot_rows("indicators.Realisation", indicator_id=ids["indicator"], year=YEAR),
        snapshot_rows("budgets.BudgetLine", year=YEAR, **owner_filter),
    ]

    def attempt(path, label, raw, check):
        """One PUT; `check` (after a 200) names what is wrong with what was stored, None: it must be refused."""
        started = time.monotonic()
        before = rows_now()
        answer = api.call("PUT", path, raw=raw)
        debug(f"{label}: {answer.status} in {time.monotonic() - started:.1f} s")
        TALLY.add(API_BAD, "tried")
        if answer.status >= 500:
            TALLY.fail(
                API_BAD,
                "server errors",
                api.name,
                "PUT",
                path,
                f"{label} ({answer.error_name()})",
                answer.status,
            )
        elif answer.status == 200:
            TALLY.note(f"API accepted: {label} at {path}")
            problem = check() if check else "accepted"
            if problem:
                TALLY.fail(API_BAD, "wrongly accepted", api.name, "PUT", path, f"{label}: {problem}", 200)
            # The screens and downloads: all of them after the first accepted value of each field (section 3
            # reads them after every one), the quick set after the others.
            field = ("api", path, label.split("=")[0])
            read_back(reader, API_BAD, label, quick or field in _PDF_READ, field=field)
            read_paths(api, API_BAD, label, api_readers)
        else:
            TALLY.add(API_BAD, "refused")
            if answer.status not in (400, 413, 415):
                TALLY.fail(
                    API_BAD, "wrong answers", api.name, "PUT", path, f"{label}: expected 400", answer.status
                )
            if rows_now() != before:
                TALLY.fail(
                    API_BAD,
                    "wrongly accepted",
                    api.name,
                    "PUT",
                    path,
                    f"{label}: refused, yet changed",
                    answer.status,
                )
            debug("refused", label, answer.status, answer.text[:200])
        if rows_now() != initial:
            for snapshot in kept:
                restore_rows(snapshot)
            if rows_now() != initial:
                raise RuntimeError(f"3c: the rows written by {label} could not be put back")
        debug(f"   done in {time.monotonic() - started:.1f} s")

    def shown(value):
        return value if len(value) < 40 else value[:30] + f"…({len(value)} chars)"

    def literal_check(queryset, column, literal):
        def check():
            from decimal import Decimal

            try:
                stored = [
                    Decimal(str(v)) if v is not None else None
                    for v in queryset.values_list(column, flat=True)
                ]
            except Exception as error:  # noqa: BLE001
                return f"stored, but cannot be read back ({type(error).__name__})"
            finally:
                db_done()
            expected = Decimal(literal)
            if not stored or stored[0] != expected:
                return f"stored {stored[0] if stored else None} for the JSON number {literal}"
            return None

        return check

    def figure_attempts(path, key, code_value, field, queryset, column, strings, numbers_, foreign_unit):
        typed = stored_check(queryset, column, foreign_unit=foreign_unit)
        for value in strings:
            body = json.dumps({"rows": [{key: code_value, field: value}]})
            attempt(path, f"{field}={shown(value)!r}", body, lambda v=value: typed(v))
        for literal in numbers_:
            body = '{"rows": [{' + f'"{key}": {json.dumps(code_value)}, "{field}": {literal}' + "}]}"
            finite = JSON_NUMBER.fullmatch(literal) is not None
            check = literal_check(queryset, column, literal) if finite else None
            attempt(path, f"{field}={shown(literal)} (JSON number)", body, check)

    # Realisations: the value (the demo's first direct, non-grade indicator) and the analysis.
    unit = ids["unit"] or ""
    figure_attempts(
        realisations,
        "indicator",
        code,
        "value",
        realisation,
        "value",
        numbers,
        literals,
        "Rp" if "%" in unit else None,
    )
    for value in texts:
        body = json.dumps({"rows": [{"indicator": code, "analysis": value}]})
        attempt(realisations, f"analysis={shown(value)!r}", body, lambda: None)

    # Budget: the first line's spending (rupiah) and physical progress (a percentage) of the quarter.
    if paths:
        line_path = paths[0][1]
        line = BudgetLine.objects.filter(year=YEAR, **owner_filter)
        figure_attempts(budget, "path", line_path, "spent", line, QUARTER_FIELDS[0], numbers, literals, "%")
        progress = ["Rp -1", "150", "-5", "1e30"] if not quick else ["Rp -1"]
        figure_attempts(
            budget,
            "path",
            line_path,
            "physical_progress",
            line,
            PHYSICAL_FIELDS[0],
            progress,
            ["150", "-5", "1e30"] if not quick else ["150"],
            "Rp",
        )
    else:
        TALLY.note("3c: the demo has no budget line")
        line_path = "x/y"

    # Malformed bodies, into both writes: every one refused, nothing changed.
    for path, key, code_value in ((realisations, "indicator", code), (budget, "path", line_path)):
        malformed = _api_malformed(key, code_value)
        if quick:
            malformed = [
                m
                for m in malformed
                if m[0] in ("not JSON", "figure a list", "unknown code", "nesting 100000 deep")
            ]
        for label, raw in malformed:
            attempt(path, label, raw, None)


# --- the table ---------------------------------------------------------------------------------------------
def print_table(sections):
    width = max(len(s) for s in sections) + 2
    say("")
    say("section".ljust(width) + "".join(c.rjust(17) for c in COLUMNS))
    total = defaultdict(int)
    for section in sections:
        row = TALLY.counts[section]
        say(section.ljust(width) + "".join(str(row[c]).rjust(17) for c in COLUMNS))
        for c in COLUMNS:
            total[c] += row[c]
    say("total".ljust(width) + "".join(str(total[c]).rjust(17) for c in COLUMNS))
    return total


def main(argv=None):
    global VERBOSE
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a subset of every section (1–3 minutes)")
    parser.add_argument("--port", type=int, default=0, help="port of the server (default: a free one)")
    parser.add_argument(
        "--keep-server", action="store_true", help="leave the server and its database running"
    )
    parser.add_argument(
        "--rounds", type=int, default=None, help="rounds of parallel saves (default 20, quick 5)"
    )
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="run on a fresh database created on this PostgreSQL server (postgres://user@host:port), "
        "dropped at the end, instead of a temporary SQLite file",
    )
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument(
        "--only", metavar="1,1b,…", help="run only these sections (their numbers, comma-separated)"
    )
    args = parser.parse_args(argv)
    VERBOSE = args.verbose
    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="sakip-robustness-"))
    if args.postgres:
        pg_name, database_url = postgres_create(args.postgres)
    else:
        pg_name, database_url = None, f"sqlite:///{tmp / 'db.sqlite3'}"
    django_setup(tmp, database_url)
    say(f"database {database_url}; media in {tmp}")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that `finally` stops the server
    server = worker = None
    crashed = []
    try:
        ids = build_database()
        worker = start_worker(tmp)
        server, base = start_server(tmp, args.port or free_port())
        say(f"server at {base} (pid {server.pid})")
        identities = log_in_everyone(base, args.quick)
        runs = (
            (WALK, lambda: section_walk(identities, ids, args.quick)),
            (
                PEMDA_WALK,
                lambda: section_pemda_walk(
                    pemda_identities(identities, base, args.quick), ids["pemda"], args.quick
                ),
            ),
            (API_WALK, lambda: section_api_walk(identities, ids, args.quick, base)),
            (BAD, lambda: section_bad_input(client_for("perencana", base), ids, args.quick, base)),
            (
                PEMDA_BAD,
                lambda: section_pemda_bad_input(client_for("bappeda", base), ids["pemda"], args.quick),
            ),
            (API_BAD, lambda: section_api_bad_input(base, ids, args.quick)),
            (
                PARALLEL,
                lambda: section_parallel(base, ids, args.quick, args.rounds or (5 if args.quick else 20)),
            ),
            (FROZEN, lambda: section_frozen(base, ids, args.quick)),
        )
        for section, run in runs:
            if args.only and section.split(".")[0] not in args.only.split(","):
                continue
            say(section)
            t = time.monotonic()
            try:
                run()
            except Exception:  # noqa: BLE001 (a section that cannot finish is reported; the others still run)
                traceback.print_exc()
                crashed.append(section)
            TIMES[section] = time.monotonic() - t
        for (
            failure
        ) in failed_renders():  # a render that failed in the worker is the server error of a download
            TALLY.fail(BAD, "server errors", "task worker", "render", "-", failure, "failed")
    finally:
        if worker is not None and not args.keep_server:
            worker.terminate()
            try:
                worker.wait(timeout=60)  # a render under way is finished first
            except subprocess.TimeoutExpired:
                worker.kill()
        if server is not None and args.keep_server:
            say(f"server left running at {base} (pid {server.pid}); database {database_url}")
        elif server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        if not args.keep_server:
            shutil.rmtree(tmp, ignore_errors=True)
            if pg_name:
                db_done()
                postgres_drop(args.postgres, pg_name)
    total = print_table([WALK, PEMDA_WALK, API_WALK, FROZEN, BAD, PEMDA_BAD, API_BAD, PARALLEL])
    if TALLY.failures:
        say("\nfailures (section | count | identity | method | url | input / detail | status):")
        for failure in TALLY.failures:
            say("  " + " | ".join(str(part) for part in failure))
    if VERBOSE and TALLY.notes:
        say("\nnotes:")
        for note in TALLY.notes:
            say("  " + note)
    for section, seconds in TIMES.items():
        say(f"{section}: {seconds:.0f} s")
    say(f"\n{time.monotonic() - started:.0f} s")
    if crashed:
        say(f"sections that did not finish (a bug of the script or an unexpected page): {', '.join(crashed)}")
        return 2
    return 1 if any(total[c] for c in FAILING) else 0


if __name__ == "__main__":
    sys.exit(main())
