#!/usr/bin/env bash
# One command: install everything (including Chromium for the browser tests) and run the whole suite.
# DATABASE_URL=postgres://... runs it on PostgreSQL instead of SQLite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
# SAKIP_SKIP_INSTALL=1: the caller has just installed (CI runs the suite on two databases at once).
[ "${SAKIP_SKIP_INSTALL:-}" = 1 ] || bash scripts/install.sh --dev
exec .venv/bin/pytest "$@"
