"""Everything ``make run`` needs: prepare the database, then run the web server and the worker.

The two children run in their own sessions, so a Ctrl-C in the terminal reaches
only this process, which then stops both in order and waits for them. On Linux
the children also get SIGTERM if this process dies without cleaning up.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from tradeloom.core import demo
from tradeloom.core.management.commands.serve import env_int

STOP_TIMEOUT = 12.0


def _die_with_parent(parent_pid: int):
    def prepare() -> None:
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
            except (OSError, AttributeError):
                pass
        if os.getppid() != parent_pid:  # the parent died before prctl took effect
            os._exit(1)

    return prepare


def port_free(host: str, port: int) -> bool:
    host = host.strip("[]")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:
        # gunicorn binds with SO_REUSEADDR too, so a socket in TIME_WAIT is no conflict.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def public_url(host: str, port: int) -> str:
    shown = {"0.0.0.0": "127.0.0.1", "::": "[::1]", "": "127.0.0.1"}.get(host, host)  # noqa: S104
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


class Command(BaseCommand):
    help = "Migrate, load the demo marketplace into an empty database, run web server and worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST") or "127.0.0.1")
        parser.add_argument("--port", type=int, default=env_int("PORT", 8000))
        parser.add_argument(
            "--no-demo",
            action="store_true",
            help="do not load the demo marketplace into an empty database",
        )

    def handle(self, *args, host: str, port: int, no_demo: bool, **options):
        self.stop_signal: int | None = None
        if not port_free(host, port):
            raise CommandError(
                f"Cannot listen on {host}:{port}: the address is in use or not available. "
                "Choose another with PORT (and HOST)."
            )
        try:
            self.prepare(load_demo=not no_demo)
        except KeyboardInterrupt:
            raise CommandError("Interrupted while preparing the database.", returncode=130)
        url = public_url(host, port)
        env = {**os.environ, "HOST": host, "PORT": str(port)}
        env.setdefault("SITE_URL", url.rstrip("/"))
        env.setdefault("WEB_ACCESS_LOG", "1")  # on a workstation, show each request
        connections.close_all()

        signal.signal(signal.SIGINT, self.on_signal)
        signal.signal(signal.SIGTERM, self.on_signal)
        children: dict[str, subprocess.Popen] = {}
        for name, command in (("web server", "serve"), ("worker", "worker")):
            children[name] = subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "tradeloom", command],
                env=env,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                preexec_fn=_die_with_parent(os.getpid()),
            )
        self.banner(url, children)

        dead = None
        while self.stop_signal is None and dead is None:
            dead = next((n for n, p in children.items() if p.poll() is not None), None)
            if dead is None:
                time.sleep(0.25)
        if dead is None:
            self.stdout.write("\nStopping the web server and the worker…")
        else:
            self.stderr.write(
                f"The {dead} stopped (exit code {children[dead].returncode}); stopping the rest."
            )
        self.stop(children)
        if dead is not None:
            raise CommandError(f"The {dead} stopped unexpectedly.", returncode=1)
        self.stdout.write("Stopped.")

    def on_signal(self, signum, frame) -> None:
        self.stop_signal = signum

    def prepare(self, *, load_demo: bool) -> None:
        from tradeloom.accounts.models import Company

        self.stdout.write("Preparing the database…")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        if load_demo and not Company.objects.exists():
            self.stdout.write("Loading the demo marketplace…")
            demo.seed()

    def banner(self, url: str, children: dict[str, subprocess.Popen]) -> None:
        lines = ["", f"Tradeloom is running at {url}"]
        lines += [f"  {name}: pid {proc.pid}" for name, proc in children.items()]
        logins = demo.existing_demo_logins()
        if logins:
            lines += [
                "",
                "Demo logins:",
                demo.logins_table(logins),
                "",
                f"Password for every demo login: {demo.DEMO_PASSWORD}",
            ]
        lines += ["", "Press Ctrl-C to stop.", ""]
        self.stdout.write("\n".join(lines))
        self.stdout.flush()

    def stop(self, children: dict[str, subprocess.Popen]) -> None:
        for proc in children.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        for proc in children.values():
            try:
                proc.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
