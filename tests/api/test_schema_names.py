"""The OpenAPI document names each schema by its class name alone: two apps defining a
schema of the same name would silently share one entry, and the document would lie about
one of them (schemathesis then reports answers that "violate" the wrong schema)."""

import importlib
import pkgutil
from collections import defaultdict

from ninja import Schema

import tradeloom


def test_no_two_api_schemas_share_a_name():
    homes: dict[str, set[str]] = defaultdict(set)
    for info in pkgutil.walk_packages(tradeloom.__path__, "tradeloom."):
        if ".migrations" in info.name or ".management" in info.name:
            continue
        if info.name.endswith("__main__"):  # running it would run the command line
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Schema)
                and value.__module__ == module.__name__
            ):
                homes[value.__name__].add(module.__name__)

    assert {name: where for name, where in homes.items() if len(where) > 1} == {}
