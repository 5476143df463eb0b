#!/usr/bin/env bash
# Measures N simultaneous downloads of an LKjIP PDF that is not rendered yet (a fresh server: as after a change of
# its data), through gunicorn with the production settings and TASK_WORKERS task workers, as
# scripts/deploy_check.sh sets them up: each request's status and time (the user waits for the HTML and the
# "being prepared" page, not for the render), the time until the file is downloadable, how many renders ran, the
# number of distinct files, and the memory (RSS) of the web workers and of the task workers.
#   bash scripts/parallel_pdf_downloads.sh [N=10] [WORKERS=5] [TASK_WORKERS=1]
# Not part of CI (it measures; nothing here is asserted). Figures: docs/performance.md, "Background work".
set -euo pipefail
cd "$(dirname "$0")/.."
downloads=${1:-10}
workers=${2:-5}
task_workers=${3:-1}
work=$(mktemp -d)
gunicorn_pid=""
monitor_pid=""
task_pids=()
cleanup() {
  [ -n "$monitor_pid" ] && kill "$monitor_pid" 2>/dev/null || true
  for pid in "$gunicorn_pid" "${task_pids[@]}"; do
    [ -n "$pid" ] || continue
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

unset CACHE_URL
export DJANGO_SETTINGS_MODULE=sakip.settings.prod ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false
SECRET_KEY="measure-$(head -c 64 /dev/urandom | base64 | tr -d '/+=\n')"
export SECRET_KEY DATABASE_URL="sqlite:///$work/db.sqlite3" STATIC_ROOT="$work/static" MEDIA_ROOT="$work/media"
python=.venv/bin/python
"$python" manage.py migrate -v0
"$python" manage.py loaddemo >/dev/null
"$python" manage.py collectstatic --noinput -v0
port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
WEB_CONCURRENCY=$workers GUNICORN_THREADS=2 GUNICORN_BIND="127.0.0.1:$port" GUNICORN_TIMEOUT=600 \
  .venv/bin/gunicorn sakip.wsgi >"$work/gunicorn.log" 2>&1 &
gunicorn_pid=$!
for n in $(seq 1 "$task_workers"); do
  "$python" manage.py task_worker --interval 0.5 --no-startup-delay >"$work/worker-$n.log" 2>&1 &
  task_pids+=($!)
done

jar="$work/cookies.txt"
proto=(-H "X-Forwarded-Proto: https")
until curl -sf -o "$work/login.html" "${proto[@]}" -c "$jar" -b "$jar" "$base/masuk/"; do sleep 0.5; done
sleep 3 # every process past its warm-up
token=$(sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' "$work/login.html" | head -n 1)
curl -s -o /dev/null "${proto[@]}" -c "$jar" -b "$jar" -H "Origin: https://127.0.0.1:$port" \
  --data-urlencode "csrfmiddlewaretoken=$token" -d username=perencana -d password=sakip-demo "$base/masuk/"

rss() { ps -o rss= -p "$1" --ppid "$1" 2>/dev/null | awk '{ total += $1 } END { printf "%d", total / 1024 }'; }
web_rss() { ps -o rss= --ppid "$gunicorn_pid" | awk '{ total += $1 } END { printf "%d", total / 1024 }'; }
task_rss() { local t=0; for pid in "${task_pids[@]}"; do t=$((t + $(rss "$pid"))); done; echo "$t"; }
echo "web: $workers × 2 threads, RSS $(web_rss) MB; task workers: $task_workers, RSS $(task_rss) MB (with a render's child, if any)"
(while :; do echo "$(web_rss) $(task_rss)"; sleep 0.2; done) >"$work/rss" &
monitor_pid=$!

url="$base/opd/tangsel-dinkopukm/2021/lkjip.pdf"
start=$(date +%s.%N)
requests=()
for n in $(seq 1 "$downloads"); do
  curl -s -o "$work/$n.first" -w '%{http_code} %{time_total}\n' "${proto[@]}" -b "$jar" "$url" >"$work/$n.time" &
  requests+=($!)
done
wait "${requests[@]}"
answered=$(date +%s.%N)
until [ "$(curl -s -o "$work/ready.pdf" -w '%{http_code}' "${proto[@]}" -b "$jar" "$url")" = 200 ]; do sleep 0.2; done
ready=$(date +%s.%N)
for n in $(seq 1 "$downloads"); do curl -s -o "$work/$n.pdf" "${proto[@]}" -b "$jar" "$url"; done
kill "$monitor_pid"
monitor_pid=""

echo "$downloads simultaneous downloads: all answered in $(awk "BEGIN { printf \"%.2f\", $answered - $start }") s"
cat "$work"/*.time | awk '{ status[$1]++; total += $2; if ($2 > longest) longest = $2 }
  END { for (s in status) printf "  HTTP %s × %d\n", s, status[s]; printf "  per request: mean %.2f s, longest %.2f s\n", total / NR, longest }'
echo "  file downloadable after $(awk "BEGIN { printf \"%.1f\", $ready - $start }") s"
echo "  renders: $(cat "$work"/worker-*.log | grep -c 'ran in a child process' || true); distinct files: $(md5sum "$work"/[0-9]*.pdf | awk '{ print $1 }' | sort -u | wc -l)"
echo "  peak RSS: web workers $(awk '{ print $1 }' "$work/rss" | sort -n | tail -n 1) MB, task workers $(awk '{ print $2 }' "$work/rss" | sort -n | tail -n 1) MB; after: web $(web_rss) MB, task $(task_rss) MB"
grep -h "peak memory" "$work"/worker-*.log | sed 's/^/  /' || true
