from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tradeloom.core.errors import DomainError
from tradeloom.core.fx import load_rates_csv


class Command(BaseCommand):
    help = "Load FX rates from a CSV file with columns base,quote,rate,as_of[,source]."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--source", default="csv", help="source name when the file has none")

    def handle(self, path: Path, source: str, **options):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise CommandError(str(exc))
        try:
            count = load_rates_csv(text, default_source=source)
        except DomainError as exc:
            raise CommandError(exc.message)
        self.stdout.write(f"Loaded {count} rates from {path}")
