"""A browser-less client for a live server: a logged-in session that reads and posts the app's own forms.

Only the standard library (urllib), so that parallel requests can be fired from threads, each with its own
cookie jar, exactly as two planners' browsers would. Redirects are not followed: a 302 is the app's "saved".
"""

from __future__ import annotations

import http.cookiejar
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass
class Response:
    status: int
    text: str
    location: str = ""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class _Forms(HTMLParser):
    """The fields of every <form> of a page: {form id or action: {name: value}} (inputs, selects, textareas)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[dict, dict]] = []
        self._fields: dict | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._fields = {}
            self.forms.append((a, self._fields))
        if self._fields is None:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self._fields[name] = a.get("value") or ""
        elif tag == "select" and name:
            self._select, self._select_first = name, None
        elif tag == "option" and self._select:
            if self._select_first is None:
                self._select_first = a.get("value", "")
                self._fields.setdefault(self._select, self._select_first)
            if "selected" in a:
                self._fields[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self._fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._fields = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self._fields is not None:
            self._fields[self._textarea] += (
                data.removeprefix("\n") if not self._fields[self._textarea] else data
            )


def form_fields(
    html: str, *, form_id: str | None = None, action: str | None = None, having: str | None = None
) -> dict:
    """The values a browser would submit with one of the page's forms: the one with this id, or this action, or
    a field of this name (else the first with a CSRF token)."""
    parser = _Forms()
    parser.feed(html)
    for attrs, fields in parser.forms:
        if form_id is not None and attrs.get("id") != form_id:
            continue
        if action is not None and attrs.get("action") != action:
            continue
        if having is not None and having not in fields:
            continue
        if "csrfmiddlewaretoken" not in fields:
            continue
        return dict(fields)
    raise LookupError(f"no form {form_id or action or having or ''} on the page")


class Session:
    def __init__(self, base_url: str):
        self.base = base_url.rstrip("/")
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def _open(self, request) -> Response:
        try:
            with self.opener.open(request, timeout=120) as reply:
                return Response(reply.status, reply.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as error:
            return Response(
                error.code, error.read().decode("utf-8", "replace"), error.headers.get("Location", "")
            )

    def get(self, path: str) -> Response:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict, files: dict | None = None) -> Response:
        """POST `data` (and `files`: {name: (filename, bytes, content type)}) with the page's Referer."""
        headers = {"Referer": self.base + path}
        if files:
            boundary = uuid.uuid4().hex
            parts = []
            for name, value in data.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
                )
            for name, (filename, content, content_type) in files.items():
                head = (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                    f"Content-Type: {content_type}\r\n\r\n"
                )
                parts.append(head.encode() + content + b"\r\n")
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return self._open(urllib.request.Request(self.base + path, data=body, headers=headers, method="POST"))

    def twin(self) -> Session:
        """The same browser's cookies (login, CSRF) in a second jar: a double click whose two replies each keep
        their own message cookie, so that a test can read what each click was told."""
        other = Session(self.base)
        for cookie in self.cookies:
            other.cookies.set_cookie(cookie)
        return other

    def login(self, username: str, password: str) -> Session:
        token = form_fields(self.get("/masuk/").text)["csrfmiddlewaretoken"]
        reply = self.post(
            "/masuk/", {"csrfmiddlewaretoken": token, "username": username, "password": password}
        )
        assert reply.status == 302, f"login of {username} failed: {reply.status}"
        return self


def simultaneously(*calls):
    """Run the calls in threads released at the same instant; their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - reported to the test as the call's result
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
