"""Serve the web application with gunicorn (threaded workers; errors on stdout, and the
access log too when WEB_ACCESS_LOG=1 — in production the reverse proxy usually keeps it,
and writing it costs about a fifth of a cached page's time)."""

from __future__ import annotations

import os
import sys

from django.core.management.base import BaseCommand, CommandError

from tradeloom.settings import env_bool


def bind_address(host: str, port: int | str) -> str:
    if ":" in host and not host.startswith("["):  # a bare IPv6 address
        host = f"[{host}]"
    return f"{host}:{port}"


def gunicorn_argv(
    host: str, port: int | str, workers: int, threads: int, *, access_log: bool = False
) -> list[str]:
    from gunicorn.config import KNOWN_SETTINGS

    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "tradeloom.wsgi:application",
        "--bind",
        bind_address(host, port),
        "--worker-class",
        "gthread",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        *(["--access-logfile", "-"] if access_log else []),
        "--error-logfile",
        "-",
        "--timeout",
        "60",
        "--graceful-timeout",
        "10",
    ]
    # Newer gunicorn opens a control socket in the home folder by default; two
    # servers on one machine would fight over it, and nothing here uses it.
    if any("--no-control-socket" in s.cli for s in KNOWN_SETTINGS if s.cli):
        argv.append("--no-control-socket")
    return argv


def env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name) or default)
    except ValueError:
        raise CommandError(f"{name} must be a whole number.")


class Command(BaseCommand):
    help = "Run the web server (gunicorn) on HOST:PORT (default 127.0.0.1:8000)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST") or "127.0.0.1")
        parser.add_argument("--port", type=int, default=env_int("PORT", 8000))
        parser.add_argument("--workers", type=int, default=env_int("WEB_CONCURRENCY", 2))
        parser.add_argument("--threads", type=int, default=env_int("WEB_THREADS", 4))

    def handle(self, *args, host: str, port: int, workers: int, threads: int, **options):
        access_log = env_bool("WEB_ACCESS_LOG")
        argv = gunicorn_argv(host, port, max(workers, 1), max(threads, 1), access_log=access_log)
        sys.stdout.flush()
        sys.stderr.flush()
        # Replace this process, so signals reach gunicorn's master directly.
        os.execv(sys.executable, argv)  # noqa: S606
