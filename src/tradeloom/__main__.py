"""``python -m tradeloom`` is the same as the ``tradeloom`` command."""

from tradeloom.cli import main

main()
