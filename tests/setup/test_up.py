"""`tradeloom up` end to end: a real server and worker on a fresh database, then Ctrl-C.

Each run gets its own folder (SQLite, secret key, mail) and, on PostgreSQL, its
own database, so nothing touches the developer's data or the test database.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from tradeloom.core import demo

pytestmark = pytest.mark.slow

START_TIMEOUT = 90
STOP_TIMEOUT = 15


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@dataclass
class Up:
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def tail(self, chars: int = 4000) -> str:
        return "tradeloom up output (end):\n" + self.output()[-chars:]

    def child_pid(self, name: str) -> int:
        return int(re.search(rf"{name}: pid (\d+)", self.output()).group(1))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(STOP_TIMEOUT + 5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class PostgresDatabase:
    """A throwaway database next to the test database, for the child processes."""

    def __init__(self) -> None:
        db = settings.DATABASES["default"]
        self.name = f"tradeloom_up_{uuid.uuid4().hex[:10]}"
        self.params = {
            "host": db["HOST"] or None,
            "port": db["PORT"] or None,
            "user": db["USER"] or None,
            "password": db["PASSWORD"] or None,
        }
        auth = urllib.parse.quote(db["USER"] or "", safe="")
        if db["PASSWORD"]:
            auth += ":" + urllib.parse.quote(db["PASSWORD"], safe="")
        self.url = f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{self.name}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(dbname="postgres", autocommit=True, **self.params) as conn:
            conn.execute(sql)

    def create(self) -> None:
        self._admin(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def up_env(tmp_path_factory):
    """Environment for `tradeloom up`: a fresh var folder, and a fresh database on PostgreSQL."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "SECRET_KEY",
            "SITE_URL",
            "EMAIL_URL",
            "MEDIA_ROOT",
            "S3_BUCKET",
            "HOST",
            "PORT",
        }
    }
    env["TRADELOOM_VAR_DIR"] = str(tmp_path_factory.mktemp("var"))
    env["PYTHONUNBUFFERED"] = "1"
    database = PostgresDatabase() if settings.IS_POSTGRES else None
    if database is not None:
        database.create()
        env["DATABASE_URL"] = database.url
    yield env
    if database is not None:
        database.drop()


def start_up(env: dict, log: Path) -> Up:
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "tradeloom", "up"],
            env={**env, "PORT": str(port)},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    up = Up(process, port, log)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"tradeloom up exited with {process.returncode}:\n{up.output()}")
        if "worker: pid" in up.output() and port_open(port):
            return up
        time.sleep(0.3)
    up.stop()
    pytest.fail(f"tradeloom up did not start within {START_TIMEOUT} s:\n{up.output()}")


@pytest.fixture(scope="module")
def running(up_env, tmp_path_factory):
    up = start_up(up_env, tmp_path_factory.mktemp("log") / "up.log")
    yield up
    up.stop()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def client():
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirects)
    return opener, jar


def fetch(opener, url: str, data: dict | None = None) -> tuple[int, dict, str]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with opener.open(url, data=body, timeout=15) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")


def built(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def input_named(page: str, input_type: str) -> str:
    """The name of the form's input of this type (attribute order varies between templates)."""
    for tag in re.findall(r"<input[^>]+>", page):
        if re.search(rf'type="{input_type}"', tag):
            return re.search(r'name="([^"]+)"', tag).group(1)
    raise AssertionError(f"no {input_type} input on the page")


def test_up_serves_the_home_page(running):
    status, _headers, _body = fetch(client()[0], running.url + "/")

    assert status < 500, running.tail()
    if not built("/"):
        pytest.skip("the home page is not built yet; the server answered")
    assert status == 200, running.tail()


def test_up_serves_the_openapi_document(running):
    status, headers, body = fetch(client()[0], running.url + "/api/v1/openapi.json")

    assert status < 500, running.tail()
    if not built("/api/v1/openapi.json"):
        pytest.skip("the API is not built yet; the server answered")
    assert status == 200, running.tail()
    assert headers["Content-Type"].startswith("application/json")
    assert '"openapi"' in body


def test_up_prints_the_url_and_every_demo_login(running):
    output = running.output()

    assert f"Tradeloom is running at http://127.0.0.1:{running.port}/" in output
    assert [x.email for x in demo.demo_logins() if x.email not in output] == []
    assert f"Password for every demo login: {demo.DEMO_PASSWORD}" in output


def test_a_demo_login_works_over_http(running):
    try:
        login_path = reverse("accounts:login")
    except NoReverseMatch:
        pytest.skip("the login page is not built yet")
    opener, jar = client()
    status, _headers, page = fetch(opener, running.url + login_path)
    assert status == 200, running.tail()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    status, headers, _body = fetch(
        opener,
        running.url + login_path,
        {
            "csrfmiddlewaretoken": token,
            input_named(page, "email"): "emily.carter@harborandpine.example",
            input_named(page, "password"): demo.DEMO_PASSWORD,
        },
    )

    assert status == 302, running.tail()
    assert not headers["Location"].startswith(login_path)
    assert "sessionid" in {cookie.name for cookie in jar}


def test_interrupt_stops_the_server_and_the_worker(up_env, tmp_path):
    up = start_up(up_env, tmp_path / "up.log")
    web, worker = up.child_pid("web server"), up.child_pid("worker")

    up.process.send_signal(signal.SIGINT)

    try:
        assert up.process.wait(STOP_TIMEOUT) == 0
    finally:
        up.stop()
    assert (pid_alive(web), pid_alive(worker)) == (False, False)
    assert not port_open(up.port)


def test_a_dying_worker_takes_the_server_down_with_it(up_env, tmp_path):
    up = start_up(up_env, tmp_path / "up.log")
    web, worker = up.child_pid("web server"), up.child_pid("worker")

    os.kill(worker, signal.SIGKILL)

    try:
        assert up.process.wait(STOP_TIMEOUT) == 1
    finally:
        up.stop()
    assert pid_alive(web) is False
    assert not port_open(up.port)
    assert "The worker stopped" in up.output()
