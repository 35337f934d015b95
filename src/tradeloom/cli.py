"""The ``tradeloom`` command: Django's manage.py with our settings.

``tradeloom serve`` runs gunicorn, ``tradeloom worker`` the task worker,
``tradeloom up`` both together (what ``make run`` calls), ``tradeloom demo``
seeds the demo marketplace and ``tradeloom createoperator`` adds an operator.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradeloom.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line([sys.argv[0], *sys.argv[1:]])


if __name__ == "__main__":
    main()
