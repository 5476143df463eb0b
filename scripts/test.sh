#!/usr/bin/env bash
# One command: install everything (including Chromium for the browser tests) and run the whole suite.
# DATABASE_URL=postgres://... runs it on PostgreSQL instead of SQLite; SAKIP_PYTHON=/path/to/python3.13 VENV=.venv313
# on another Python, in its own environment (scripts/install.sh). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
# SAKIP_SKIP_INSTALL=1: the caller has just installed (CI runs the suite on two databases at once).
[ "${SAKIP_SKIP_INSTALL:-}" = 1 ] || bash scripts/install.sh --dev
# On every core (pytest-xdist; each worker has its own test database): SAKIP_TEST_WORKERS=N chooses, 0 runs the
# tests in this one process (also `-n 0` among the arguments).
exec "${VENV:-.venv}/bin/pytest" -n "${SAKIP_TEST_WORKERS:-auto}" "$@"
