#!/usr/bin/env bash
# Measures N simultaneous downloads of an LKjIP PDF that is not rendered yet (a fresh server: as after a change of
# its data), through gunicorn with the production settings, as scripts/deploy_check.sh sets them up: each request's
# status and time, the number of distinct files, and the workers' memory (RSS) before, at the peak and after.
#   bash scripts/parallel_pdf_downloads.sh [N=10] [WORKERS=5]
# Not part of CI (it measures; nothing here is asserted). Figures: issue 16, point 6.
set -euo pipefail
cd "$(dirname "$0")/.."
downloads=${1:-10}
workers=${2:-5}
work=$(mktemp -d)
gunicorn_pid=""
monitor_pid=""
cleanup() {
  [ -n "$monitor_pid" ] && kill "$monitor_pid" 2>/dev/null || true
  if [ -n "$gunicorn_pid" ]; then
    kill "$gunicorn_pid" 2>/dev/null || true
    wait "$gunicorn_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

unset CACHE_URL
export DJANGO_SETTINGS_MODULE=sakip.settings.prod ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false
SECRET_KEY="measure-$(head -c 64 /dev/urandom | base64 | tr -d '/+=\n')"
export SECRET_KEY DATABASE_URL="sqlite:///$work/db.sqlite3" STATIC_ROOT="$work/static" MEDIA_ROOT="$work/media"
export PDF_PRERENDER=false
python=.venv/bin/python
"$python" manage.py migrate -v0
"$python" manage.py loaddemo >/dev/null
"$python" manage.py collectstatic --noinput -v0
port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
WEB_CONCURRENCY=$workers GUNICORN_THREADS=2 GUNICORN_BIND="127.0.0.1:$port" GUNICORN_TIMEOUT=600 \
  .venv/bin/gunicorn sakip.wsgi >"$work/gunicorn.log" 2>&1 &
gunicorn_pid=$!

jar="$work/cookies.txt"
proto=(-H "X-Forwarded-Proto: https")
until curl -sf -o "$work/login.html" "${proto[@]}" -c "$jar" -b "$jar" "$base/masuk/"; do sleep 0.5; done
sleep 3 # every worker past its warm-up (gunicorn.conf.py, post_worker_init)
token=$(sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' "$work/login.html" | head -n 1)
curl -s -o /dev/null "${proto[@]}" -c "$jar" -b "$jar" -H "Origin: https://127.0.0.1:$port" \
  --data-urlencode "csrfmiddlewaretoken=$token" -d username=perencana -d password=sakip-demo "$base/masuk/"

workers_rss() { ps -o rss= --ppid "$gunicorn_pid" | awk '{ total += $1; each = each sprintf("%d ", $1 / 1024) }
  END { printf "%d MB (%s)", total / 1024, each }'; }
echo "workers: $workers × 2 threads; RSS before: $(workers_rss)"
(while :; do ps -o rss= --ppid "$gunicorn_pid" | awk '{ t += $1 } END { print int(t / 1024) }'; sleep 0.2; done) \
  >"$work/rss" &
monitor_pid=$!

start=$(date +%s.%N)
requests=()
for n in $(seq 1 "$downloads"); do
  curl -s -o "$work/$n.pdf" -w '%{http_code} %{time_total}\n' "${proto[@]}" -b "$jar" \
    "$base/opd/tangsel-dinkopukm/2021/lkjip.pdf" >"$work/$n.time" &
  requests+=($!)
done
wait "${requests[@]}"
end=$(date +%s.%N)
kill "$monitor_pid"
monitor_pid=""

echo "$downloads simultaneous downloads: wall $(awk "BEGIN { printf \"%.1f\", $end - $start }") s"
cat "$work"/*.time | awk '{ status[$1]++; total += $2; if ($2 > longest) longest = $2 }
  END { for (s in status) printf "  HTTP %s × %d\n", s, status[s]; printf "  per request: mean %.1f s, longest %.1f s\n", total / NR, longest }'
echo "  distinct files: $(md5sum "$work"/*.pdf | awk '{ print $1 }' | sort -u | wc -l)"
echo "  workers' RSS: peak $(sort -n "$work/rss" | tail -n 1) MB; after $(workers_rss)"
