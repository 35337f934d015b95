"""Catalogue pages under load: the product page and the storefront page, served by the
production server (gunicorn through ``tradeloom serve``, 2 workers) from a generated
catalogue of 100,000 live products across 1,000 suppliers.

A small load client (threads, one keep-alive connection each) requests random pages
on 127.0.0.1 and measures throughput, p50/p99 latency and errors (anything but a
200, or a broken connection). Page views are recorded as analytics events on every
request, so "0 errors" also says that the bookkeeping never fails a read.

Sizes and limits (environment variables):
  BENCH_CATALOG_PRODUCTS (100000), BENCH_CATALOG_SUPPLIERS (1000),
  BENCH_CLIENTS (8 concurrent connections), BENCH_SECONDS (60, per page kind);
  ``--n`` of bench/run.py is the number of requests per page kind.
"""

from __future__ import annotations

import http.client
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PRODUCTS = int(os.environ.get("BENCH_CATALOG_PRODUCTS", "100000"))
SUPPLIERS = int(os.environ.get("BENCH_CATALOG_SUPPLIERS", "1000"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
WORKERS = 2
POPULAR = 300
HOST = "127.0.0.1"


class Result:
    # A plain class: bench/run.py loads this file outside sys.modules, where a
    # dataclass cannot resolve its annotations.
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors = 0
        self.statuses: dict[int, int] = {}
        self.seconds = 0.0
        self.server_cpu = float("nan")

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    def describe(self) -> str:
        cpu = self.server_cpu / max(len(self.latencies), 1) * 1000
        return (
            f"p50 {self.percentile(50) * 1000:.1f} ms, p99 {self.percentile(99) * 1000:.1f} ms, "
            f"server CPU {cpu:.2f} ms/request, {self.errors} errors"
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def server_database_url() -> str:
    """The benchmark's throwaway database, as DATABASE_URL for the server processes."""
    from django.db import connection

    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(name).resolve()}"
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def server_cpu_seconds(pid: int) -> float:
    """CPU time used so far by the gunicorn master ``pid`` and its workers (Linux /proc).

    Throughput depends on what else the machine runs; CPU time per request does much
    less, so the benchmark reports both."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return float("nan")
    total = 0
    for one in [str(pid), *children]:
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


@contextmanager
def production_server(log: Path) -> Iterator[tuple[str, int]]:
    """``tradeloom serve`` with 2 workers on a free local port, as (address, master pid);
    stopped on exit."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": server_database_url(),
        "WEB_CONCURRENCY": str(WORKERS),
        "DEBUG": "",
        "HOST": HOST,
        "PORT": str(port),
    }
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tradeloom", "serve", "--host", HOST, "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                if proc.poll() is not None:
                    raise RuntimeError(f"the server stopped; see {log}")
                if _status(port, "/healthz") == 200:
                    break
                time.sleep(0.2)
            else:
                raise RuntimeError(f"the server did not answer within 30 s; see {log}")
            yield f"{HOST}:{port}", proc.pid
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _status(port: int, path: str) -> int | None:
    try:
        conn = http.client.HTTPConnection(HOST, port, timeout=5)
        conn.request("GET", path)
        status = conn.getresponse().status
        conn.close()
        return status
    except OSError:
        return None


def load(address: str, paths: list[str], requests: int, clients: int, seconds: float) -> Result:
    """Request ``paths`` in random order from ``clients`` threads until ``requests`` are
    answered or ``seconds`` have passed."""
    host, port = address.split(":")
    result = Result()
    lock = threading.Lock()
    remaining = [requests]
    deadline = time.perf_counter() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        mine: list[float] = []
        errors = 0
        statuses: dict[int, int] = {}
        while time.perf_counter() < deadline:
            with lock:
                if remaining[0] <= 0:
                    break
                remaining[0] -= 1
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept-Language": rng.choice(LANGUAGES)})
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                status = 0
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=30)
            mine.append(time.perf_counter() - started)
            statuses[status] = statuses.get(status, 0) + 1
            errors += status != 200
        conn.close()
        with lock:
            result.latencies.extend(mine)
            result.errors += errors
            for status, count in statuses.items():
                result.statuses[status] = result.statuses.get(status, 0) + count

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result


LANGUAGES = ("en", "ja", "zh-hans", "en-US,en;q=0.9", "de-DE,de;q=0.8,en;q=0.5")


def _paths() -> tuple[list[str], list[str]]:
    from django.urls import reverse

    from tradeloom.accounts.models import Company
    from tradeloom.catalog.generator import SLUG_PREFIX
    from tradeloom.catalog.models import Product

    rng = random.Random(11)
    ids = list(Product.objects.filter(status="live").values_list("pk", flat=True))
    slugs = list(
        Company.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
    )
    products = [
        reverse("catalog:product", args=[pk]) for pk in rng.sample(ids, min(5000, len(ids)))
    ]
    storefronts = [reverse("catalog:storefront", args=[slug]) for slug in slugs]
    return products, storefronts


def run(n: int) -> Iterator[tuple[str, int, float]]:
    from django.core.management import call_command

    from tradeloom.catalog.generator import generate

    report = generate(PRODUCTS, SUPPLIERS, seed=7)
    yield (
        f"catalog: generate live products ({report.rows:,} rows, {report.suppliers:,} suppliers)",
        report.products,
        report.seconds,
    )
    call_command("collectstatic", interactive=False, verbosity=0)
    products, storefronts = _paths()
    log = Path(os.environ["TRADELOOM_VAR_DIR"]) / "bench-server.log"
    with production_server(log) as (address, pid):
        popular = products[:POPULAR]
        scenarios = (
            # Mostly first visits: each page is rendered, then kept in the page cache.
            ("product page, 5,000 products", products, min(200, n)),
            # Repeat visits to popular listings, answered from the page cache. Each worker
            # keeps its own cache and the clients ask in three languages: 30 warm-up
            # requests per listing leave about 1 in 150 of those pages unrendered, where 8
            # left one in four, each costing a full render inside the measured time.
            (f"product page, {POPULAR} popular products", popular, POPULAR * 30),
            ("storefront page", storefronts, min(200, n)),
        )
        for label, paths, warm_up in scenarios:
            load(address, paths, warm_up, CLIENTS, max(SECONDS, 120))  # whole warm-up
            cpu_before = server_cpu_seconds(pid)
            result = load(address, paths, n, CLIENTS, SECONDS)
            result.server_cpu = server_cpu_seconds(pid) - cpu_before
            if result.errors:
                print(f"{label}: responses by status {result.statuses}", file=sys.stderr)
            yield (
                f"{label}, {WORKERS} workers, {CLIENTS} clients ({result.describe()})",
                len(result.latencies),
                result.seconds,
            )
    text = log.read_text(errors="replace") if log.exists() else ""
    if "Traceback" in text:
        print(
            "The server logged errors:\n" + text[text.index("Traceback") :][:3000], file=sys.stderr
        )
