#!/usr/bin/env bash
# Installs everything SAKIP needs into .venv (and the Debian packages WeasyPrint and the browser tests need,
# when they are missing and we may install them). Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
WITH_DEV="${1:-}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
apt_missing() { local missing=(); for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done; echo "${missing[@]:-}"; }

# Python 3.11: the distribution's build first (Debian/Ubuntu's /usr/bin/python3.11 is compiled with profile-guided
# optimisation and a static interpreter; pyenv's default build is not, and renders the LKjIP PDF ~10 % slower,
# docs/performance.md), then python3.11 on PATH. PYTHON=/path/to/python3.11 chooses another.
if [ -z "${PYTHON:-}" ]; then
  for candidate in /usr/bin/python3.11 "$(command -v python3.11 || true)"; do
    if [ -x "$candidate" ] && "$candidate" -c "import ensurepip, venv" >/dev/null 2>&1; then PYTHON=$candidate; break; fi
  done
fi
PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext)
python_venv_ok=true
"$PYTHON" -c "import ensurepip, venv" >/dev/null 2>&1 || python_venv_ok=false
$python_venv_ok || packages+=(python3-venv)
[ "$WITH_DEV" = "--dev" ] && packages+=(chromium poppler-utils)
if command -v dpkg >/dev/null; then
  missing=$(apt_missing "${packages[@]}")
  if [ -n "$missing" ]; then
    echo "== Debian packages: $missing"
    as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null \
      || echo "!! Could not install $missing (no root/sudo?): PDF output or browser tests may not work." >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  echo "== Creating .venv with $PYTHON"
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
if [ "$WITH_DEV" = "--dev" ]; then
  .venv/bin/pip install -q -e ".[dev]"
else
  .venv/bin/pip install -q -e .
fi

# The English translation is compiled from locale/en/LC_MESSAGES/django.po (the .mo file is build output).
if command -v msgfmt >/dev/null; then
  .venv/bin/python manage.py compilemessages -v0 --ignore=.venv --ignore=node_modules
fi
