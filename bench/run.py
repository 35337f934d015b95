"""Run the benchmarks in bench/ and print one table of results.

A benchmark is a module named ``bench_*.py`` (here or in a sub-folder) with a
function ``run(n)`` that yields ``(name, count, seconds)`` tuples. The harness
gives them a throwaway database of the configured kind (a SQLite file in a
temporary folder, or a fresh database on the PostgreSQL server of
``DATABASE_URL``) and removes it afterwards, so your data is never touched.

    python bench/run.py [--n 5000] [--only outbox]

``--existing`` runs instead against the database configured by ``TRADELOOM_VAR_DIR``
and ``DATABASE_URL`` as it is, for data too big to create on every run (the search
benchmark then measures the catalogue already there; see bench_search.py). Only
benchmarks with ``EXISTING = True`` run that way; nothing else touches that database.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def discover(only: str) -> list[Path]:
    found = sorted(p for p in HERE.rglob("bench_*.py") if "__pycache__" not in p.parts)
    return [p for p in found if only in p.stem]


def load(path: Path):
    spec = importlib.util.spec_from_file_location(f"bench.{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and pickling look modules up by name
    spec.loader.exec_module(module)
    return module


def describe_database() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]} (WAL)"
        cursor.execute("show server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def table(rows: list[tuple[str, int, float]]) -> str:
    header = ("benchmark", "n", "seconds", "per second")
    cells = [header] + [
        (name, f"{n:,}", f"{s:.3f}", f"{n / s:,.0f}" if s else "-") for name, n, s in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(4)]

    def line(row):
        return "  ".join(
            [row[0].ljust(widths[0])]
            + [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        )

    return "\n".join(
        [line(header), "  ".join("-" * w for w in widths)] + [line(r) for r in cells[1:]]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--n",
        type=int,
        default=int(os.environ.get("BENCH_N", "5000")),
        help="events per benchmark (default 5000, or BENCH_N)",
    )
    parser.add_argument("--only", default="", help="run modules whose name contains this")
    parser.add_argument(
        "--existing",
        action="store_true",
        help="measure the configured database as it is (benchmarks with EXISTING = True)",
    )
    args = parser.parse_args()
    if args.existing:
        return existing(args)
    paths = discover(args.only)
    if not paths:
        print(f"No benchmarks match {args.only!r}.", file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory(prefix="tradeloom-bench-") as tmp:
        # A private var/ folder: the SQLite file, the spool and the secret stay out of yours.
        os.environ["TRADELOOM_VAR_DIR"] = tmp
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradeloom.settings")
        import django

        django.setup()
        from django.db import connection
        from django.test.utils import setup_databases, teardown_databases

        if connection.vendor == "postgresql":
            connection.settings_dict["TEST"]["NAME"] = (
                f"{connection.settings_dict['NAME']}_bench_{os.getpid()}"
            )
        old = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        rows: list[tuple[str, int, float]] = []
        try:
            print(
                f"Python {platform.python_version()}, {describe_database()}, "
                f"{os.cpu_count()} CPUs, n={args.n}\n",
                flush=True,
            )
            for path in paths:
                started = time.perf_counter()
                rows.extend(load(path).run(args.n))
                print(
                    f"{path.relative_to(HERE)}: {time.perf_counter() - started:.1f} s",
                    file=sys.stderr,
                    flush=True,
                )
        finally:
            teardown_databases(old, verbosity=0)
        print(table(rows))
    return 0


def existing(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradeloom.settings")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host, mail kept in memory
    modules = [load(p) for p in discover(args.only)]
    modules = [m for m in modules if getattr(m, "EXISTING", False)]
    if not modules:
        print("No benchmark here measures an existing database.", file=sys.stderr)
        return 1
    print(
        f"Python {platform.python_version()}, {describe_database()} (existing data), "
        f"{os.cpu_count()} CPUs, n={args.n}\n",
        flush=True,
    )
    rows: list[tuple[str, int, float]] = []
    for module in modules:
        rows.extend(module.run_existing(args.n))
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
