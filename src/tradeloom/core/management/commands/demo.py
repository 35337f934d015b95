from django.core.management.base import BaseCommand, CommandError

from tradeloom.core import demo
from tradeloom.core.errors import DomainError


class Command(BaseCommand):
    help = "Seed the demo marketplace (safe to run again: only what is missing is added)."

    def handle(self, *args, **options):
        try:
            report = demo.seed()
        except DomainError as exc:
            raise CommandError(exc.message)
        self.stdout.write(
            f"Demo marketplace ready: {report.companies_created} companies, "
            f"{report.users_created} users, {report.members_added} colleagues, "
            f"{report.rates_loaded} exchange rates and {report.products_created} products "
            "added.\n"
        )
        self.stdout.write(demo.logins_table(report.logins))
        self.stdout.write(f"\nPassword for every demo login: {demo.DEMO_PASSWORD}")
