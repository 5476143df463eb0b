#!/usr/bin/env bash
# The README's production deployment, run for real on this checkout: production settings, migrate, the demo data,
# collectstatic (whitenoise's manifest storage), warm_reports, gunicorn on a free loopback port and a task worker
# beside it, a login through the login form and a few pages, a static file, and the PDF: queued by the download,
# rendered by the worker, then downloaded through gunicorn. Fails on any step that fails or any answer that is
# not 200. Everything it writes (database, static files, media, logs) is in a temporary folder, removed at exit.
# Run after scripts/install.sh; CI runs it (.ci/run). Takes ~30 s.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
gunicorn_pid=""
worker_pid=""
cleanup() {
  for pid in "$gunicorn_pid" "$worker_pid"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "!! deploy check: $*" >&2
  if [ -s "$work/gunicorn.log" ]; then
    echo "-- gunicorn log (last 60 lines):" >&2
    tail -n 60 "$work/gunicorn.log" >&2
  fi
  if [ -s "$work/worker.log" ]; then
    echo "-- task worker log (last 30 lines):" >&2
    tail -n 30 "$work/worker.log" >&2
  fi
  exit 1
}

# The production settings as the README gives them; a throw-away key, database, static and media folder.
# No TLS proxy here: the HTTPS redirect is off and each request says it came through HTTPS (X-Forwarded-Proto,
# trusted from 127.0.0.1 by gunicorn.conf.py and by sakip/settings/prod.py), so the Secure cookies work.
unset CACHE_URL DEBUG CSRF_TRUSTED_ORIGINS
export DJANGO_SETTINGS_MODULE=sakip.settings.prod
SECRET_KEY="deploy-check-$(head -c 64 /dev/urandom | base64 | tr -d '/+=\n')"
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1,localhost
export SECURE_SSL_REDIRECT=false
export DATABASE_URL="sqlite:///$work/db.sqlite3"
export STATIC_ROOT="$work/static"
export MEDIA_ROOT="$work/media"

python=.venv/bin/python
echo "== deploy check: migrate, loaddemo, collectstatic (production settings)"
"$python" manage.py migrate -v0 || fail "migrate"
"$python" manage.py loaddemo >/dev/null || fail "loaddemo"
"$python" manage.py collectstatic --noinput -v0 || fail "collectstatic"
# As the README runs it after migrate: with no shared CACHE_URL here it only says that it warms nothing.
"$python" manage.py warm_reports || fail "warm_reports"

port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
echo "== deploy check: gunicorn on $base"
# gunicorn.conf.py is read from this folder (workers warm up the PDF code first, as in production); two workers
# are enough to show that the app runs under it.
WEB_CONCURRENCY=2 GUNICORN_THREADS=2 GUNICORN_BIND="127.0.0.1:$port" .venv/bin/gunicorn sakip.wsgi \
  >"$work/gunicorn.log" 2>&1 &
gunicorn_pid=$!
# One task worker, as the README runs it beside gunicorn: the PDFs are rendered there.
"$python" manage.py task_worker --interval 0.5 >"$work/worker.log" 2>&1 &
worker_pid=$!

jar="$work/cookies.txt"
request() { # request METHOD PATH [curl args…] → prints the HTTP status; the body goes to $work/body
  local method=$1 path=$2
  shift 2
  curl -sS -o "$work/body" -w '%{http_code}' -X "$method" -b "$jar" -c "$jar" \
    -H "X-Forwarded-Proto: https" -H "Host: 127.0.0.1:$port" "$@" "$base$path"
}

for _ in $(seq 1 120); do
  kill -0 "$gunicorn_pid" 2>/dev/null || fail "gunicorn exited"
  status=$(request GET /masuk/ 2>/dev/null || true)
  [ "$status" = 200 ] && break
  sleep 0.5
done
[ "$status" = 200 ] || fail "GET /masuk/ answered $status (gunicorn not ready after 60 s?)"

# Login through the form: the CSRF token from the page, the cookie from the jar, Origin as a browser sends it.
token=$(sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' "$work/body" | head -n 1)
[ -n "$token" ] || fail "no CSRF token on the login page"
status=$(request POST /masuk/ -H "Origin: https://127.0.0.1:$port" -H "Referer: https://127.0.0.1:$port/masuk/" \
  --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "username=perencana" \
  --data-urlencode "password=sakip-demo")
[ "$status" = 302 ] || fail "login as perencana answered $status, not a redirect (wrong password, CSRF?)"

check() { # check PATH [expected content type prefix]
  local path=$1 type=${2:-text/html}
  status=$(request GET "$path" -D "$work/headers")
  [ "$status" = 200 ] || fail "GET $path answered $status"
  grep -qi "^content-type: $type" "$work/headers" || fail "GET $path is not $type"
  echo "   200 $path"
}

agency=tangsel-dinkopukm
check "/opd/$agency/"
grep -q "perencana\|Keluar" "$work/body" || fail "the agency's home does not show a logged-in user"
static_path=$(grep -o '/static/[^"]*\.css' "$work/body" | head -n 1)
[ -n "$static_path" ] || fail "no stylesheet linked from the agency's home"
check "/opd/$agency/2021/lkjip/"
check "/opd/$agency/renstra/dokumen/"
check "$static_path" text/css
# The API's docs page: Swagger UI from drf-spectacular-sidecar, collected and served by whitenoise under the
# manifest's hashed names (the CSP allows no CDN), and its start-up script as a separate request (no inline script).
check /api/docs/
cp "$work/body" "$work/api-docs.html"
for asset in swagger-ui-bundle.js swagger-ui.css; do
  asset_path=$(grep -o "/static/drf_spectacular_sidecar/[^\"]*/${asset%.*}\.[0-9a-f]*\.${asset##*.}" "$work/api-docs.html" | head -n 1)
  [ -n "$asset_path" ] || fail "the API docs page links no collected $asset"
  check "$asset_path" "$([ "${asset##*.}" = css ] && echo text/css || echo 'text/javascript\|application/javascript')"
done
check "/api/docs/?script=" "text/javascript\|application/javascript"
check /api/schema/ application/vnd.oai.openapi
# The PDF: the download queues it and answers with the "being prepared" page (202) until the worker has rendered
# it, then gives the file. 240 × 0.5 s: a cold render of the demo takes a few seconds, longer on a busy machine.
pdf="/opd/$agency/2021/lkjip.pdf"
for attempt in $(seq 1 240); do
  kill -0 "$worker_pid" 2>/dev/null || fail "the task worker exited"
  status=$(request GET "$pdf" -D "$work/headers")
  if [ "$status" = 200 ]; then break; fi
  [ "$status" = 202 ] || fail "GET $pdf answered $status"
  [ "$attempt" = 1 ] && { grep -q "PDF sedang disiapkan" "$work/body" || fail "GET $pdf: 202 without the waiting page"; }
  sleep 0.5
done
[ "$status" = 200 ] || fail "the PDF was not rendered within 120 s"
grep -qi "^content-type: application/pdf" "$work/headers" || fail "GET $pdf is not application/pdf"
head -c 5 "$work/body" | grep -q '%PDF-' || fail "the LKjIP PDF is not a PDF"
echo "   200 $pdf (rendered by the task worker after $attempt requests)"
echo "== deploy check: passed"
