"""Load the wholesale taxonomy (categories, attributes, values, synonyms) from JSON.

Idempotent: categories, attributes and values are matched by slug/code and updated
in place, so running it again after editing the file changes only what changed.
"""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "taxonomy.json"


def load_taxonomy(apps=None, path: Path = DATA) -> int:
    """Upsert every node of the file; returns the number of categories. ``apps`` lets a
    migration pass its historical models."""
    if apps is None:
        from django.apps import apps as registry

        apps = registry
    Category = apps.get_model("catalog", "Category")
    Attribute = apps.get_model("catalog", "Attribute")
    AttributeValue = apps.get_model("catalog", "AttributeValue")
    tree = json.loads(path.read_text(encoding="utf-8"))["categories"]
    count = 0

    def walk(node: dict, parent, prefix: str, depth: int, position: int) -> None:
        nonlocal count
        children = node.get("children") or []
        category, _ = Category.objects.update_or_create(
            slug=node["slug"],
            defaults={
                "parent": parent,
                "path": f"{prefix}{node['slug']}/",
                "depth": depth,
                "names": node["name"],
                "synonyms": node.get("synonyms") or {},
                "position": position,
                "is_leaf": not children,
            },
        )
        count += 1
        for a_pos, attr in enumerate(node.get("attributes") or []):
            attribute, _ = Attribute.objects.update_or_create(
                category=category,
                code=attr["code"],
                defaults={
                    "kind": attr["kind"],
                    "unit": attr.get("unit") or "",
                    "names": attr["name"],
                    "position": a_pos,
                },
            )
            for v_pos, value in enumerate(attr.get("values") or []):
                AttributeValue.objects.update_or_create(
                    attribute=attribute,
                    code=value["code"],
                    defaults={"names": value["name"], "position": v_pos},
                )
        for c_pos, child in enumerate(children):
            walk(child, category, category.path, depth + 1, c_pos)

    for pos, root in enumerate(tree):
        walk(root, None, "", 0, pos)
    return count
