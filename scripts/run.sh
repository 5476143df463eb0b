#!/usr/bin/env bash
# One command: install, create the SQLite database with the demo data, and serve the app with one task worker
# beside it (it renders the PDFs; `manage.py task_worker`). Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export DJANGO_SETTINGS_MODULE=sakip.settings.dev
.venv/bin/python manage.py migrate -v0
.venv/bin/python manage.py loaddemo
# Opt-in: a synthetic Pemda beside the real demo agency (SAKIP_SYNTHETIC=50 bash scripts/run.sh), the same data
# on every run (seed 1), replaced each time.
if [[ -n "${SAKIP_SYNTHETIC:-}" ]]; then
  .venv/bin/python manage.py generate_pemda --agencies "${SAKIP_SYNTHETIC}" --years 2021-2025 --seed 1 \
    --code sintetis --replace | tail -n 1
fi
PORT="${PORT:-8000}"
cat <<MSG

  SAKIP is running at http://127.0.0.1:${PORT}/
  Demo logins (password: sakip-demo):
    perencana  — planner of Dinas Koperasi UKM Kota Tangerang Selatan
    kepala     — head of that agency
    reviu      — inspectorate reviewer of Kota Tangerang Selatan
    admin      — administrator (also /admin/)
MSG
if [[ -n "${SAKIP_SYNTHETIC:-}" ]]; then
  cat <<MSG
    sintetis-disdik, sintetis-dinkes, … — planner of each agency of Kabupaten Sintetis
    reviu-sintetis — inspectorate reviewer of Kabupaten Sintetis
    bappeda-sintetis — Pemda administrator of Kabupaten Sintetis (dashboard: /pemda/sintetis/)
MSG
fi
echo
# The worker looks for queued renders every half second; it is stopped (after the render it is doing, if any)
# when the server stops, however the server stops.
.venv/bin/python manage.py task_worker --interval 0.5 &
worker_pid=$!
trap 'kill "$worker_pid" 2>/dev/null || true; wait "$worker_pid" 2>/dev/null || true' EXIT
.venv/bin/python manage.py runserver "127.0.0.1:${PORT}"
