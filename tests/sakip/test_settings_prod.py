"""Production settings: `check --deploy` is clean, cookies are secure, HSTS is on, the app serves via gunicorn."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def _prod_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="sakip.settings.prod",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="sakip.example",
        **extra,
    )
    return env


def test_check_deploy_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_prod_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_are_hardened():
    code = (
        "import json, django; from django.conf import settings as s; django.setup();"
        "print(json.dumps({k: getattr(s, k) for k in ('DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE',"
        "'SECURE_HSTS_SECONDS', 'SECURE_SSL_REDIRECT', 'SESSION_COOKIE_HTTPONLY', 'AUTHENTICATION_BACKENDS')}"
        " | {'csp': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'], 'mw': s.MIDDLEWARE}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=_prod_env(), capture_output=True, text=True, timeout=60
    )
    values = json.loads(result.stdout)
    assert values["DEBUG"] is False
    assert (
        values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    )
    assert values["SECURE_HSTS_SECONDS"] >= 31536000 and values["SECURE_SSL_REDIRECT"]
    assert values["AUTHENTICATION_BACKENDS"][0] == "sakip.auth.RequestAxesBackend"
    assert values["csp"] == ["'self'"]
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in values["mw"]
    assert values["mw"][-1] == "axes.middleware.AxesMiddleware"


def test_production_refuses_the_development_secret_key():
    env = _prod_env()
    env.pop("SECRET_KEY")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_gunicorn_configuration_loads_the_app():
    gunicorn = Path(sys.executable).parent / "gunicorn"
    result = subprocess.run(
        [str(gunicorn), "--check-config", "sakip.wsgi"],
        cwd=ROOT,
        env=_prod_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_collectstatic_with_production_settings_succeeds(tmp_path):
    """The README's `collectstatic --noinput` under production settings (whitenoise's manifest storage, which
    follows every url() and sourceMappingURL reference): a reference to a file we do not ship stops it, and
    gunicorn then answers 500 on every page. Every referenced file gets its hashed copy."""
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=_prod_env(STATIC_ROOT=str(tmp_path)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    assert manifest["vendor/bootstrap/bootstrap.min.css"] != "vendor/bootstrap/bootstrap.min.css"
    for hashed in manifest.values():
        assert (tmp_path / hashed).is_file()


@pytest.mark.parametrize(
    ("url", "extra", "expected"),
    [
        ("postgres://sakip@db.example:5432/sakip", {}, [60, True]),
        ("postgres://sakip@db.example:5432/sakip", {"CONN_MAX_AGE": "0"}, [0, True]),
        ("postgres://sakip@db.example:6432/sakip?conn_max_age=0", {"CONN_MAX_AGE": "30"}, [0, True]),
        ("sqlite:////srv/sakip/db.sqlite3", {}, [0, False]),
    ],
)
def test_production_keeps_postgresql_connections_between_requests(url, extra, expected):
    """On PostgreSQL a request reuses its thread's connection (a new one is a new server process: the largest
    single cost of a page under load), checked before reuse; SQLite opens its file per request as before."""
    code = (
        "import json, django; from django.conf import settings as s; django.setup();"
        "d = s.DATABASES['default']; print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_prod_env(DATABASE_URL=url, **extra),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert json.loads(result.stdout) == expected, result.stderr
