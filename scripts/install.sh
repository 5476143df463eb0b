#!/usr/bin/env bash
# Installs everything SAKIP needs into .venv, or $VENV (and the Debian packages WeasyPrint and the browser tests need,
# when they are missing and we may install them). Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
WITH_DEV="${1:-}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
apt_missing() { local missing=(); for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done; echo "${missing[@]:-}"; }

# The interpreter: Python 3.11 or newer (3.11, 3.12 and 3.13 are tested). SAKIP_PYTHON=/path/to/python chooses
# one (CI builds a second environment on Python 3.13 with it, VENV=.venv313); PYTHON is the older name of the same
# setting. Otherwise the machine's python3: the distribution's /usr/bin/python3 first (Debian/Ubuntu build theirs
# with profile-guided optimisation and a static interpreter; pyenv's default build is not, and renders the LKjIP
# PDF ~10 % slower, docs/performance.md), then python3 on PATH, then python3.13, 3.12, 3.11 on PATH.
# VENV=folder installs into another environment than .venv.
VENV="${VENV:-.venv}"
python_version() { "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null; }
new_enough() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; }
PYTHON="${SAKIP_PYTHON:-${PYTHON:-}}"
if [ -n "$PYTHON" ]; then
  new_enough "$PYTHON" || { echo "!! $PYTHON is not Python 3.11 or newer" >&2; exit 1; }
else
  for candidate in /usr/bin/python3 python3 python3.13 python3.12 python3.11; do
    # A pyenv shim of a version pyenv has not selected is on PATH but does not run: new_enough skips it.
    if command -v "$candidate" >/dev/null && new_enough "$candidate"; then PYTHON=$(command -v "$candidate"); break; fi
  done
  [ -n "$PYTHON" ] || { echo "!! No Python 3.11 or newer found; set SAKIP_PYTHON=/path/to/python3" >&2; exit 1; }
fi
case "$(python_version "$PYTHON")" in
  3.11 | 3.12 | 3.13) ;;
  *) echo "!! Python $(python_version "$PYTHON") ($PYTHON) is not one SAKIP is tested on (3.11 to 3.13)." >&2 ;;
esac
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

if [ ! -x "$VENV/bin/python" ]; then
  echo "== Creating $VENV with $PYTHON (Python $(python_version "$PYTHON"))"
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --upgrade pip
if [ "$WITH_DEV" = "--dev" ]; then
  "$VENV/bin/pip" install -q -e ".[dev]"
else
  "$VENV/bin/pip" install -q -e .
fi

# The English translation is compiled from locale/en/LC_MESSAGES/django.po (the .mo file is build output).
if command -v msgfmt >/dev/null; then
  "$VENV/bin/python" manage.py compilemessages -v0 --ignore=".venv*" --ignore=node_modules
fi
