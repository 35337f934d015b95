from django.core.management.base import BaseCommand, CommandError

from tradeloom.core.events import retry_failed


class Command(BaseCommand):
    help = (
        "Put outbox deliveries the worker gave up on (after OUTBOX_MAX_ATTEMPTS) back to "
        "pending, due now; the running worker delivers them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "event_ids", nargs="*", type=int, metavar="EVENT_ID", help="the failed events' ids"
        )
        parser.add_argument(
            "--all", action="store_true", dest="every", help="every failed delivery of any event"
        )

    def handle(self, *args, event_ids: list[int], every: bool, **options):
        if every == bool(event_ids):
            raise CommandError("Give --all or one or more event ids (not both).")
        count = retry_failed(None if every else event_ids)
        noun = "delivery" if count == 1 else "deliveries"
        self.stdout.write(f"{count} failed {noun} put back to pending.")
