"""Production settings: secrets from the environment, refusal without them, deploy checks clean."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")


def production_env(tmp_path, **extra):
    drop = {*REQUIRED, "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the test run sets the last
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(
        DJANGO_SETTINGS_MODULE="sps_foundation.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="guide.example.org,www.guide.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    )
    env.update(extra)
    return env


def manage(env, *args):
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def show_setting(env, expression):
    code = f"from django.conf import settings; print({expression})"
    return manage(env, "shell", "--no-imports", "-c", code)


@pytest.mark.parametrize("missing", REQUIRED)
def test_production_refuses_to_start_without_a_required_variable(tmp_path, missing):
    env = production_env(tmp_path)
    del env[missing]
    result = manage(env, "check")
    assert result.returncode != 0
    assert "Production settings refuse to start" in result.stderr
    assert missing in result.stderr.splitlines()[-1]


def test_an_empty_secret_key_is_refused_too(tmp_path):
    result = manage(production_env(tmp_path, SECRET_KEY=" "), "check")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_reports_no_issues(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_uses_secure_cookies_hsts_and_the_proxy_header(tmp_path):
    result = show_setting(
        production_env(tmp_path),
        "settings.DEBUG, settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,"
        " settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS,"
        " settings.SECURE_PROXY_SSL_HEADER, settings.ALLOWED_HOSTS",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "False True True True 31536000 ('HTTP_X_FORWARDED_PROTO', 'https') "
        "['guide.example.org', 'www.guide.example.org']"
    )


def test_a_proxy_that_terminates_tls_can_switch_redirect_and_hsts_off(tmp_path):
    env = production_env(tmp_path, SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0")
    result = show_setting(env, "settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS")
    assert result.stdout.strip() == "False 0"


def test_djangos_cache_is_shared_by_every_process_in_the_database(tmp_path):
    result = show_setting(production_env(tmp_path), "sorted(settings.CACHES.items())")
    assert "django.core.cache.backends.db.DatabaseCache" in result.stdout, result.stderr
    assert "'default'" in result.stdout and "redis" not in result.stdout.lower()


def test_static_files_are_hashed_and_compressed_and_media_root_is_configurable(tmp_path):
    env = production_env(tmp_path, MEDIA_ROOT=str(tmp_path / "uploads"))
    result = show_setting(env, "settings.STORAGES['staticfiles']['BACKEND'], settings.MEDIA_ROOT")
    assert result.stdout.split() == [
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        str(tmp_path / "uploads"),
    ]


def test_cdn_purging_is_configured_only_when_its_credentials_are_set(tmp_path):
    expression = "sorted(settings.WAGTAILFRONTENDCACHE)"
    assert show_setting(production_env(tmp_path), expression).stdout.strip() == "[]"
    env = production_env(tmp_path, CLOUDFLARE_ZONE_ID="zone", CLOUDFLARE_BEARER_TOKEN="token")
    assert show_setting(env, expression).stdout.strip() == "['cloudflare']"
    env = production_env(tmp_path, CLOUDFRONT_DISTRIBUTION_ID="E2EXAMPLE")
    assert show_setting(env, expression).stdout.strip() == "['cloudfront']"


def test_the_benchmark_peer_page_type_is_installed_by_the_bench_settings_only(tmp_path):
    installed = "'benchpeer' in settings.INSTALLED_APPS"
    assert show_setting(production_env(tmp_path), installed).stdout.strip() == "False"
    bench = production_env(tmp_path, DJANGO_SETTINGS_MODULE="sps_foundation.settings.bench")
    assert show_setting(bench, installed).stdout.strip() == "True"
