from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from tradeloom.catalog.taxonomy import DATA, load_taxonomy


class Command(BaseCommand):
    help = "Load or refresh the category taxonomy from a JSON file (default: the bundled one)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, default=DATA)

    def handle(self, path: Path, **options):
        with transaction.atomic():
            count = load_taxonomy(path=path)
        self.stdout.write(f"{count} categories loaded from {path}")
