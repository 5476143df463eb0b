#!/usr/bin/env bash
# One command: install everything (including Chromium for the browser tests) and run the whole suite.
# DATABASE_URL=postgres://... runs it on PostgreSQL instead of SQLite; SAKIP_PYTHON=/path/to/python3.13 VENV=.venv313
# on another Python, in its own environment (scripts/install.sh). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
# SAKIP_SKIP_INSTALL=1: the caller has just installed (CI runs the suite on two databases at once).
[ "${SAKIP_SKIP_INSTALL:-}" = 1 ] || bash scripts/install.sh --dev
exec "${VENV:-.venv}/bin/pytest" "$@"
