"""Settings come only from environment variables.

Each case starts a fresh Python process with a controlled environment (nothing of the
test run's own environment leaks in) and a temporary ``TRADELOOM_VAR_DIR``, lets Django
read ``tradeloom.settings``, and reads back what took effect: the database connection's
vendor, the cache, mail connection and media storage objects Django builds from them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Runs in the child: report what the settings turned into. Cache, mail and storage objects
# need only the settings, not the app registry, so the child skips django.setup().
REPORT = """
import json
from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.db import connection

default_storage._setup()
storage = default_storage._wrapped
mailer = mail.get_connection()
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SECRET_KEY": settings.SECRET_KEY,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "db_vendor": connection.vendor,
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "db_host": settings.DATABASES["default"].get("HOST", ""),
    "db_user": settings.DATABASES["default"].get("USER", ""),
    "db_conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "LANGUAGE_COOKIE_SECURE": settings.LANGUAGE_COOKIE_SECURE,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SECURE_PROXY_SSL_HEADER": settings.SECURE_PROXY_SSL_HEADER,
    "cache": type(caches["default"]).__name__,
    "cache_location": getattr(caches["default"], "_servers", None),
    "SESSION_ENGINE": settings.SESSION_ENGINE,
    "mail_backend": type(mailer).__module__ + "." + type(mailer).__name__,
    "mail": {
        key: getattr(mailer, key, None)
        for key in ("host", "port", "username", "password", "use_tls", "use_ssl", "file_path")
    },
    "storage": type(storage).__module__ + "." + type(storage).__name__,
    "bucket": getattr(storage, "bucket_name", None),
    "storage_endpoint": getattr(storage, "endpoint_url", None),
    "storage_domain": getattr(storage, "custom_domain", None),
    "MEDIA_ROOT": str(settings.MEDIA_ROOT),
}))
"""


def start(var_dir: Path, **env: str) -> dict:
    """Start a process with only ``env`` (plus what Python needs) and report its settings."""
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(var_dir.parent),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        "DJANGO_SETTINGS_MODULE": "tradeloom.settings",
        "TRADELOOM_VAR_DIR": str(var_dir),
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", REPORT],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def var_dir(tmp_path) -> Path:
    return tmp_path / "var"


def test_debug_is_off_by_default(var_dir):
    assert start(var_dir)["DEBUG"] is False


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("0", False), ("", False)])
def test_debug_follows_the_variable(var_dir, value, expected):
    assert start(var_dir, DEBUG=value)["DEBUG"] is expected


def test_a_secret_key_is_generated_once_and_kept_in_the_var_dir(var_dir):
    first = start(var_dir)["SECRET_KEY"]
    second = start(var_dir)["SECRET_KEY"]

    key_file = var_dir / "secret_key"
    assert len(first) >= 50
    assert second == first
    assert key_file.read_text().strip() == first
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_two_var_dirs_get_different_secret_keys(tmp_path):
    assert start(tmp_path / "a")["SECRET_KEY"] != start(tmp_path / "b")["SECRET_KEY"]


def test_the_secret_key_variable_wins_and_nothing_is_written(var_dir):
    settings = start(var_dir, SECRET_KEY="from-the-environment-0123456789")

    assert settings["SECRET_KEY"] == "from-the-environment-0123456789"
    assert not (var_dir / "secret_key").exists()


def test_allowed_hosts_default_to_local_addresses(var_dir):
    assert start(var_dir)["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost", "[::1]", "testserver"]


def test_allowed_hosts_come_from_the_variable(var_dir):
    settings = start(var_dir, ALLOWED_HOSTS="trade.example.com, .tradeloom.example")
    assert settings["ALLOWED_HOSTS"] == ["trade.example.com", ".tradeloom.example"]


def test_the_default_database_is_the_sqlite_file_in_the_var_dir(var_dir):
    settings = start(var_dir)

    assert settings["db_vendor"] == "sqlite"
    assert settings["db_name"] == str(var_dir.resolve() / "tradeloom.sqlite3")


@pytest.mark.parametrize("url", [None, "postgres://shop:pw@db.internal:5433/tradeloom"])
def test_connections_are_kept_a_minute_on_either_database_unless_told(var_dir, url):
    database = {"DATABASE_URL": url} if url else {}

    assert start(var_dir, **database)["db_conn_max_age"] == 60
    assert start(var_dir, **database, DB_CONN_MAX_AGE="0")["db_conn_max_age"] == 0


def test_a_postgres_url_switches_the_engine(var_dir):
    settings = start(var_dir, DATABASE_URL="postgres://shop:pw@db.internal:5433/tradeloom")

    assert settings["db_vendor"] == "postgresql"
    assert (settings["db_name"], settings["db_host"], settings["db_user"]) == (
        "tradeloom",
        "db.internal",
        "shop",
    )


def test_plain_http_leaves_cookies_insecure_and_no_hsts(var_dir):
    settings = start(var_dir)

    assert (settings["SESSION_COOKIE_SECURE"], settings["CSRF_COOKIE_SECURE"]) == (False, False)
    assert settings["SECURE_HSTS_SECONDS"] == 0
    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SECURE_PROXY_SSL_HEADER"] is None


def test_https_turns_on_secure_cookies_hsts_and_the_redirect(var_dir):
    settings = start(var_dir, HTTPS="1")

    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["LANGUAGE_COOKIE_SECURE"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 31_536_000
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_https_hsts_age_and_redirect_can_be_tuned(var_dir):
    settings = start(var_dir, HTTPS="1", HSTS_SECONDS="600", SECURE_SSL_REDIRECT="0")

    assert settings["SECURE_HSTS_SECONDS"] == 600
    assert settings["SECURE_SSL_REDIRECT"] is False


def test_without_redis_the_cache_is_local_and_sessions_in_the_database(var_dir):
    settings = start(var_dir)

    assert settings["cache"] == "LocMemCache"
    assert settings["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


def test_redis_url_moves_cache_and_sessions_to_redis(var_dir):
    settings = start(var_dir, REDIS_URL="redis://cache.internal:6379/2")

    assert settings["cache"] == "RedisCache"
    assert settings["cache_location"] == ["redis://cache.internal:6379/2"]
    assert settings["SESSION_ENGINE"] == "django.contrib.sessions.backends.cache"


def test_mail_goes_to_files_in_the_var_dir_by_default(var_dir):
    settings = start(var_dir)

    assert settings["mail_backend"] == "django.core.mail.backends.filebased.EmailBackend"
    assert settings["mail"]["file_path"] == str(var_dir.resolve() / "mail")


@pytest.mark.parametrize(
    ("url", "port", "use_tls", "use_ssl"),
    [
        ("smtp://mailer:s%40cret@mail.example.com:2525", 2525, False, False),
        ("submission://mailer:s%40cret@mail.example.com", 587, True, False),
        ("smtps://mailer:s%40cret@mail.example.com", 465, False, True),
    ],
)
def test_an_smtp_email_url_configures_the_smtp_backend(var_dir, url, port, use_tls, use_ssl):
    settings = start(var_dir, EMAIL_URL=url)

    assert settings["mail_backend"] == "django.core.mail.backends.smtp.EmailBackend"
    mail = settings["mail"]
    assert (mail["host"], mail["port"], mail["username"], mail["password"]) == (
        "mail.example.com",
        port,
        "mailer",
        "s@cret",
    )
    assert (mail["use_tls"], mail["use_ssl"]) == (use_tls, use_ssl)


def test_a_console_email_url_prints_mail(var_dir):
    settings = start(var_dir, EMAIL_URL="console://")
    assert settings["mail_backend"] == "django.core.mail.backends.console.EmailBackend"


def test_media_is_stored_in_the_var_dir_by_default(var_dir):
    settings = start(var_dir)

    assert settings["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert settings["MEDIA_ROOT"] == str(var_dir.resolve() / "media")


def test_media_root_follows_the_variable(var_dir, tmp_path):
    assert start(var_dir, MEDIA_ROOT=str(tmp_path / "uploads"))["MEDIA_ROOT"] == str(
        tmp_path / "uploads"
    )


def test_an_s3_bucket_moves_media_to_s3(var_dir):
    settings = start(
        var_dir,
        S3_BUCKET="tradeloom-media",
        S3_ENDPOINT_URL="https://s3.eu-central.example.com",
        S3_CUSTOM_DOMAIN="media.tradeloom.example",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLE",
        AWS_SECRET_ACCESS_KEY="example-secret",
    )

    assert settings["storage"] == "storages.backends.s3.S3Storage"
    assert (settings["bucket"], settings["storage_endpoint"], settings["storage_domain"]) == (
        "tradeloom-media",
        "https://s3.eu-central.example.com",
        "media.tradeloom.example",
    )
