import getpass
import sys

from django.core.management.base import BaseCommand, CommandError

from tradeloom.accounts.models import User
from tradeloom.accounts.services import make_operator, normalise_email
from tradeloom.core.errors import DomainError


class Command(BaseCommand):
    help = "Create a platform operator, or make an existing user one."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", default="", help="full name (for a new account)")
        parser.add_argument(
            "--password", default="", help="password for a new account; asked for when omitted"
        )

    def handle(self, *args, email: str, name: str, password: str, **options):
        try:
            email = normalise_email(email)
            exists = User.objects.filter(email__iexact=email).exists()
            if not exists:
                if not name.strip():
                    raise CommandError("--name is required to create a new account.")
                password = password or self._ask_password()
            user, created = make_operator(email=email, full_name=name, password=password)
        except DomainError as exc:
            raise CommandError(exc.message)
        if created:
            self.stdout.write(f"Created operator {user.email}.")
        else:
            self.stdout.write(f"{user.email} is an operator (password unchanged).")

    def _ask_password(self) -> str:
        if sys.stdin is None or not sys.stdin.isatty():
            raise CommandError("Give --password, or run in a terminal to be asked for one.")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return first
