"""``tradeloom reindex``: rebuild the whole search index, in batches, with a progress bar."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand

from tradeloom.search.indexer import reindex


class Command(BaseCommand):
    help = "Rebuild the search index of live products and suppliers."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=1000, help="products per batch")

    def handle(self, *args, batch: int, **options):
        started = time.monotonic()
        tty = sys.stdout.isatty()
        out = self.stdout

        def progress(done: int, total: int) -> None:
            width = 30
            filled = width * done // total if total else width
            bar = "#" * filled + "-" * (width - filled)
            rate = done / max(time.monotonic() - started, 1e-6)
            line = f"[{bar}] {done:,}/{total:,} products ({rate:,.0f}/s)"
            if tty:
                out.write("\r" + line, ending="")
                out.flush()
            else:
                out.write(line)

        count = reindex(batch=max(1, min(batch, 10_000)), progress=progress)
        if tty:
            out.write("")
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {count:,} live products in {seconds:.1f} s.")
        )
