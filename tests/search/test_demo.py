"""The demo marketplace's search box finds the demo sweaters in all three languages."""

import io

import pytest
from django.core.management import call_command

from tradeloom.catalog.models import Product
from tradeloom.core.events import deliver_due
from tradeloom.search.params import parse_products
from tradeloom.search.query import search_products

pytestmark = pytest.mark.django_db


def test_the_demo_sweaters_are_found_in_every_language(taxonomy):
    call_command("demo", stdout=io.StringIO())
    deliver_due()  # what the worker does after the demo is loaded

    for q in ("cashmere jumper", "カシミヤ セーター", "羊绒毛衣"):
        pq, warnings = parse_products({"q": q})
        results = search_products(pq, warnings)
        top = Product.objects.filter(pk__in=results.ids[:5]).select_related("category")
        assert results.total >= 5, q
        assert all("/sweaters/" in p.category.path for p in top), q
