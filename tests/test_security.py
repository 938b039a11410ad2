"""Production settings, security headers, admin lockout and the health check."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.db.utils import OperationalError
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
PUBLIC_URLS = [
    "/",
    "/concepts/",
    "/policies/",
    "/interventions/",
    "/partnerships/",
    "/places/",
    "/healthz",
    "/does-not-exist/",
]


def run_django(code: str, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


REAL_KEY = "k" * 20 + "a-real-and-long-random-secret-key-value-0123456789"
DEPLOY_CHECK = (
    "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'lpip_hub.settings';"
    "django.setup(); from django.core.management import call_command;"
    "call_command('check', deploy=True, fail_level='WARNING')"
)


def test_deploy_check_is_clean_with_debug_off_and_a_real_secret_key():
    result = run_django(
        DEPLOY_CHECK,
        DJANGO_SECRET_KEY=REAL_KEY,
        REDIS_URL="redis://127.0.0.1:6379/14",
    )
    assert result.returncode == 0, result.stderr


def test_deploy_check_warns_without_a_shared_cache():
    result = run_django(DEPLOY_CHECK, DJANGO_SECRET_KEY=REAL_KEY)
    assert "lpip_hub.W001" in result.stderr


def test_deploy_check_fails_on_the_development_key():
    result = run_django(DEPLOY_CHECK, REDIS_URL="redis://127.0.0.1:6379/14")
    assert result.returncode != 0
    assert "lpip_hub.E001" in result.stderr


@pytest.mark.parametrize("entry_point", ["wsgi", "asgi"])
def test_the_server_refuses_to_start_on_the_development_key(entry_point):
    result = run_django(f"import lpip_hub.{entry_point}")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "env", [{"DJANGO_SECRET_KEY": "k" * 60}, {"DJANGO_DEBUG": "1"}], ids=["real key", "debug"]
)
def test_the_server_starts_with_a_real_key_or_in_development(env):
    result = run_django("import lpip_hub.wsgi; print('started')", **env)
    assert result.stdout.strip() == "started", result.stderr


def test_forwarded_proto_is_trusted_only_behind_a_proxy():
    code = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'lpip_hub.settings';"
        "django.setup(); from django.conf import settings as s; print(s.SECURE_PROXY_SSL_HEADER)"
    )
    assert run_django(code).stdout.strip() == "None"
    behind_proxy = run_django(code, DJANGO_PROXY_COUNT="1").stdout.strip()
    assert behind_proxy == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_admins_come_from_the_environment():
    result = run_django(
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'lpip_hub.settings';"
        "django.setup(); from django.conf import settings as s; print(s.ADMINS)",
        DJANGO_ADMINS="Hub Lead <lead@example.org>,ops@example.org",
    )
    assert result.stdout.strip() == (
        "[('Hub Lead', 'lead@example.org'), ('', 'ops@example.org')]"
    ), result.stderr


def test_https_is_on_by_default_when_debug_is_off():
    result = run_django(
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'lpip_hub.settings';"
        "django.setup(); from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_PRELOAD,"
        " s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME)"
    )
    assert result.stdout.split() == [
        "True",
        "31536000",
        "True",
        "True",
        "__Host-sessionid",
        "__Host-csrftoken",
    ]


def test_djangohttps_0_serves_plain_http():
    result = run_django(
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'lpip_hub.settings';"
        "django.setup(); from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT)",
        DJANGO_HTTPS="0",
    )
    assert result.stdout.strip() == "False"


def test_the_admin_address_is_configurable():
    result = run_django(
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'lpip_hub.settings';"
        "django.setup(); from django.urls import reverse; print(reverse('admin:index'))",
        DJANGO_ADMIN_URL="backstage",
    )
    assert result.stdout.strip() == "/backstage/", result.stderr


@pytest.mark.django_db
def test_plain_http_requests_are_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/concepts/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/concepts/"


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_public_response_carries_the_security_headers(client, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    for directive in [
        "default-src 'none'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]:
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_hsts_is_sent_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_username_out_from_that_address(client):
    User.objects.create_user("researcher", password="the-right-password-1", is_staff=True)
    login = reverse("admin:login")
    for _ in range(5):
        response = client.post(login, {"username": "researcher", "password": "wrong"})
    assert response.status_code == 429
    assert b"paused" in response.content
    # Even the right password is refused while the lockout lasts.
    response = client.post(login, {"username": "researcher", "password": "the-right-password-1"})
    assert response.status_code == 429
    # Another address is not locked out.
    response = client.post(
        login,
        {"username": "researcher", "password": "the-right-password-1"},
        REMOTE_ADDR="10.0.0.9",
    )
    assert response.status_code == 302


def test_staff_passwords_are_checked_by_the_validators():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("password1")
    with pytest.raises(ValidationError):
        validate_password("short")


@pytest.mark.django_db
def test_health_check_answers_200_with_json_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_health_check_answers_503_when_the_database_does_not(client):
    with mock.patch("lpip_hub.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_sentry_reports_errors_only_when_a_dsn_is_set():
    code = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'lpip_hub.settings';"
        "django.setup(); import sentry_sdk; print(sentry_sdk.get_client().is_active())"
    )
    assert run_django(code).stdout.strip() == "False"
    with_dsn = run_django(code, SENTRY_DSN="https://public@sentry.example.invalid/1")
    assert with_dsn.stdout.strip() == "True", with_dsn.stderr
