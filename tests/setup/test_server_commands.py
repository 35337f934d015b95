"""`tradeloom serve` builds a gunicorn command line from HOST, PORT and worker settings."""

import socket

import pytest
from django.core.management import CommandError, call_command

from tradeloom.core.management.commands.serve import bind_address, env_int, gunicorn_argv
from tradeloom.core.management.commands.up import public_url


def test_bind_address_brackets_a_bare_ipv6_host():
    assert bind_address("::1", 8000) == "[::1]:8000"


def test_bind_address_keeps_a_hostname():
    assert bind_address("0.0.0.0", 9000) == "0.0.0.0:9000"  # noqa: S104


def test_gunicorn_runs_threaded_workers_with_the_access_log_on_stdout():
    argv = gunicorn_argv("127.0.0.1", 8000, workers=3, threads=4, access_log=True)

    options = dict(zip(argv[4::2], argv[5::2], strict=False))
    assert argv[3] == "tradeloom.wsgi:application"
    assert options["--bind"] == "127.0.0.1:8000"
    assert options["--worker-class"] == "gthread"
    assert (options["--workers"], options["--threads"]) == ("3", "4")
    assert options["--access-logfile"] == "-"


def test_the_access_log_is_left_to_the_reverse_proxy_unless_asked_for():
    argv = gunicorn_argv("127.0.0.1", 8000, workers=2, threads=4)

    assert "--access-logfile" not in argv
    assert argv[argv.index("--error-logfile") + 1] == "-"


def test_public_url_shows_a_reachable_address_for_a_wildcard_host():
    assert public_url("0.0.0.0", 8000) == "http://127.0.0.1:8000/"  # noqa: S104


def test_up_refuses_a_port_in_use_before_touching_the_database():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        with pytest.raises(CommandError, match=f"Cannot listen on 127.0.0.1:{port}"):
            call_command("up", "--host", "127.0.0.1", "--port", str(port))


def test_a_port_that_is_not_a_number_is_refused(monkeypatch):
    monkeypatch.setenv("PORT", "eighty")

    with pytest.raises(CommandError, match="PORT must be a whole number"):
        env_int("PORT", 8000)
