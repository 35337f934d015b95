"""Favourites (signed in) and comparing up to four products (any visitor)."""

import pytest
from django.urls import reverse

from tests.catalog.views_support import make_live
from tests.web.helpers import signed_in
from tradeloom.catalog.models import Favourite
from tradeloom.catalog.services import TranslationInput, VariantInput, hide, save_product

pytestmark = pytest.mark.django_db


def live_sweater(supplier, sweater_input, n: int):
    data = sweater_input(variants=[VariantInput(f"SKU-{n}")])
    data.translations = [TranslationInput("en", f"Sweater {n}")]
    return make_live(supplier, data)


@pytest.fixture
def live(supplier, sweater_input):
    return live_sweater(supplier, sweater_input, 1)


def favourite(client, product, on="1"):
    return client.post(reverse("catalog:favourite", args=[product.pk]), {"on": on})


# --- favourites -------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in_to_keep_a_favourite(client, live):
    response = favourite(client, live)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert Favourite.objects.count() == 0


def test_a_buyer_adds_and_removes_a_favourite(client, buyer, live):
    signed_in(client, buyer.user)

    added = favourite(client, live)
    page = client.get(reverse("catalog:favourites"))
    product_page = client.get(reverse("catalog:product", args=[live.pk]))
    removed = favourite(client, live, on="0")

    assert added.url == reverse("catalog:product", args=[live.pk])
    assert [p.pk for p in page.context["products"]] == [live.pk]
    assert product_page.context["is_favourite"] is True
    assert removed.status_code == 302
    assert Favourite.objects.count() == 0


def test_a_product_that_is_not_live_cannot_be_a_favourite(client, buyer, supplier, sweater_input):
    draft = save_product(supplier, sweater_input())
    signed_in(client, buyer.user)
    assert favourite(client, draft).status_code == 404
    assert Favourite.objects.count() == 0


def test_hidden_favourites_leave_the_favourites_page(client, buyer, supplier, live):
    signed_in(client, buyer.user)
    favourite(client, live)
    hide(supplier, live.pk)
    assert client.get(reverse("catalog:favourites")).context["products"] == []


def test_a_favourite_hidden_since_can_still_be_removed(client, buyer, supplier, live):
    signed_in(client, buyer.user)
    favourite(client, live)
    hide(supplier, live.pk)

    favourite(client, live, on="0")

    assert Favourite.objects.count() == 0


def test_favourites_are_personal(client, buyer, live):
    signed_in(client, buyer.user)
    favourite(client, live)
    from tests.factories import UserFactory

    signed_in(client, UserFactory())
    assert client.get(reverse("catalog:favourites")).context["products"] == []


def test_the_favourites_page_needs_sign_in(client):
    response = client.get(reverse("catalog:favourites"))
    assert response.status_code == 302


def test_buyers_find_favourites_in_the_navigation(client, buyer):
    signed_in(client, buyer.user)
    labels = [
        str(i["label"]) for i in client.get(reverse("catalog:favourites")).context["nav_items"]
    ]
    assert "Favourites" in labels


# --- compare --------------------------------------------------------------------------------------


def add(client, product, **extra):
    return client.post(reverse("catalog:compare_add"), {"product": product.pk, **extra})


def test_products_are_compared_side_by_side(client, supplier, sweater_input):
    products = [live_sweater(supplier, sweater_input, n) for n in range(2)]
    for product in products:
        add(client, product)
    response = client.get(reverse("catalog:compare"))
    columns = response.context["columns"]
    assert [c["product"].pk for c in columns] == [p.pk for p in products]
    assert [len(c["tiers"]) for c in columns] == [3, 3]
    html = response.content.decode()
    assert html.count("US$7.20") == 2
    assert "Shanghai Knit" in html


def test_at_most_four_products_are_compared(client, supplier, sweater_input):
    products = [live_sweater(supplier, sweater_input, n) for n in range(5)]
    for product in products[:4]:
        add(client, product)

    response = add(client, products[4])
    page = client.get(reverse("catalog:compare"))

    assert response.status_code == 302
    assert client.session["compare"] == [p.pk for p in products[:4]]
    assert [c["product"].pk for c in page.context["columns"]] == [p.pk for p in products[:4]]
    messages = [str(m) for m in page.context["messages"]]
    assert messages[-1] == "You can compare up to 4 products. Remove one first."


def test_adding_the_same_product_twice_keeps_it_once(client, live):
    add(client, live)
    add(client, live)
    assert client.session["compare"] == [live.pk]


def test_a_product_is_removed_from_the_comparison(client, supplier, sweater_input):
    first, second = (live_sweater(supplier, sweater_input, n) for n in range(2))
    add(client, first)
    add(client, second)
    client.post(reverse("catalog:compare_remove"), {"product": first.pk})
    assert client.session["compare"] == [second.pk]


def test_only_live_products_can_be_compared(client, supplier, sweater_input):
    draft = save_product(supplier, sweater_input())
    assert add(client, draft).status_code == 404
    assert client.session.get("compare") is None


def test_a_hidden_product_drops_out_of_the_comparison(client, supplier, live):
    add(client, live)
    hide(supplier, live.pk)
    assert client.get(reverse("catalog:compare")).context["columns"] == []


def test_adding_returns_to_the_page_it_came_from(client, live):
    page = reverse("catalog:product", args=[live.pk])
    response = add(client, live, next=page)
    assert response.url == page
    assert client.get(page).context["in_compare"] is True


def test_an_outside_next_address_is_ignored(client, live):
    response = add(client, live, next="https://evil.example/")
    assert response.url == reverse("catalog:compare")
