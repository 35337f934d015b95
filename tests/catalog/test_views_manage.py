"""The supplier's product list and editor: who may use them, the happy path, and bad input."""

import pytest
from django.urls import reverse

from tests.catalog.views_support import editor_data, make_live
from tests.web.helpers import company_with_owner, member_of, signed_in
from tradeloom.catalog.models import Product, ProductGroup, StatusChange
from tradeloom.catalog.services import create_group, save_product

pytestmark = pytest.mark.django_db

NEW = reverse("catalog:product_new")


def edit_url(product) -> str:
    return reverse("catalog:product_edit", args=[product.pk])


def post(client, url, data):
    return client.post(url, data)


# --- who may ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["catalog:products", "catalog:product_new", "catalog:storefront_edit"]
)
def test_supplier_pages_send_anonymous_visitors_to_sign_in(client, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url}"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("catalog:products", "Only supplier companies list products."),
        ("catalog:product_new", "Only supplier companies list products."),
        ("catalog:storefront_edit", "Only supplier companies have a storefront."),
    ],
)
def test_supplier_pages_refuse_buyers(client, buyer, name, message):
    signed_in(client, buyer.user)
    response = client.get(reverse(name))
    assert response.status_code == 403
    assert message in response.content.decode()


def test_supplier_pages_refuse_roles_without_catalog_manage(client, supplier):
    signed_in(client, member_of(supplier.company, "sales").user)
    response = client.get(reverse("catalog:products"))
    assert response.status_code == 403
    assert "Your role does not allow this." in response.content.decode()


def test_the_catalog_role_may_manage_products(client, supplier):
    signed_in(client, member_of(supplier.company, "catalog").user)
    assert client.get(reverse("catalog:products")).status_code == 200


def test_another_suppliers_product_does_not_exist_here(client, supplier, sweater_input):
    product = save_product(supplier, sweater_input())
    other = company_with_owner("supplier")
    signed_in(client, other.user)
    assert client.get(edit_url(product)).status_code == 404
    response = client.post(edit_url(product), editor_data(product.category_id))
    assert response.status_code == 404
    assert (
        client.post(
            reverse("catalog:product_status", args=[product.pk]), {"target": "pending"}
        ).status_code
        == 404
    )
    product.refresh_from_db()
    assert (product.status, product.title()) == ("draft", "Cashmere crew-neck sweater")


# --- the list ---------------------------------------------------------------------------------


def test_the_list_filters_by_status_and_counts_each(client, supplier, sweater_input):
    save_product(supplier, sweater_input())
    save_product(supplier, sweater_input(variants=[]))
    make_live(supplier, sweater_input(variants=[]))
    signed_in(client, supplier.user)

    everything = client.get(reverse("catalog:products"))
    live = client.get(reverse("catalog:products"), {"status": "live"})

    counts = {tab["value"]: tab["count"] for tab in everything.context["tabs"]}
    assert counts == {"": 3, "draft": 2, "pending": 0, "live": 1, "rejected": 0, "hidden": 0}
    assert len(everything.context["page"].object_list) == 3
    assert [p.status for p in live.context["page"].object_list] == ["live"]


def test_another_suppliers_products_are_not_listed(client, supplier, sweater_input):
    save_product(supplier, sweater_input())
    other = company_with_owner("supplier")
    signed_in(client, other.user)
    response = client.get(reverse("catalog:products"))
    assert list(response.context["page"].object_list) == []
    assert response.context["tabs"][0]["count"] == 0


def test_a_group_is_created_from_the_list(client, supplier):
    signed_in(client, supplier.user)
    response = client.post(reverse("catalog:create_group"), {"name": "Autumn 2026"})
    assert response.status_code == 302
    assert list(ProductGroup.objects.values_list("supplier_id", "name")) == [
        (supplier.company_id, "Autumn 2026")
    ]


def test_a_group_needs_a_name(client, supplier):
    signed_in(client, supplier.user)
    response = client.post(reverse("catalog:create_group"), {"name": "  "})
    assert response.status_code == 400
    assert response.context["group_form"].errors == {"name": ["This field is required."]}


# --- the editor: the happy path ---------------------------------------------------------------


def test_the_editor_creates_the_whole_product(client, supplier, sweater_category):
    group = create_group(supplier, "Cashmere")
    signed_in(client, supplier.user)

    response = post(client, NEW, editor_data(sweater_category.pk, group=str(group.pk)))

    product = Product.objects.get()
    assert response.status_code == 302
    assert response.url == edit_url(product) + "#images"
    assert (product.supplier_id, product.status, product.moq, product.order_increment) == (
        supplier.company_id,
        "draft",
        500,
        50,
    )
    assert [(t.min_quantity, t.max_quantity, t.unit_price_minor) for t in product.tiers.all()] == [
        (500, 999, 720),
        (1000, 4999, 680),
        (5000, None, 650),
    ]
    assert [(r.max_quantity, r.days) for r in product.lead_times.all()] == [
        (1000, 30),
        (5000, 45),
        (None, 60),
    ]
    assert [(v.sku, v.options, v.price_override_minor) for v in product.variants.all()] == [
        ("CS-NAVY-M", {"colour": "navy", "size": "M"}, None),
        ("CS-GREY-L", {"colour": "grey", "size": "L"}, 750),
    ]
    assert [(c.kind, c.moq, c.surcharge_minor, c.note) for c in product.customizations.all()] == [
        ("logo", 1000, 30, "Embroidered")
    ]
    assert {t.language: t.title for t in product.translations.all()} == {
        "en": "Cashmere crew-neck sweater",
        "ja": "カシミヤ クルーネック セーター",
    }
    assert product.translation("en").description == "<p>Soft <b>12gg</b> cashmere.</p>"
    assert product.attributes == {
        "fibre_content": ["cashmere"],
        "gauge_class": "fine",
        "machine_washable": False,
    }
    assert (product.sample_price_minor, product.sample_lead_days, product.group_id) == (
        2500,
        7,
        group.pk,
    )
    assert (str(product.carton_gross_weight_kg), product.hs_code) == ("14.50", "611012")


def test_the_editor_shows_a_product_as_saved(client, supplier, sweater_category):
    signed_in(client, supplier.user)
    post(client, NEW, editor_data(sweater_category.pk))
    product = Product.objects.get()

    response = client.get(edit_url(product))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="tier-1-price" value="6.80"' in html
    assert 'name="variant-0-options" value="colour=navy; size=M"' in html
    assert 'name="lead-2-days" value="60"' in html
    assert response.context["form"]["title_ja"].value() == "カシミヤ クルーネック セーター"


def test_saving_again_replaces_rows_and_keeps_variant_ids(client, supplier, sweater_category):
    signed_in(client, supplier.user)
    post(client, NEW, editor_data(sweater_category.pk))
    product = Product.objects.get()
    navy = product.variants.get(sku="CS-NAVY-M").pk
    data = editor_data(
        sweater_category.pk,
        **{"variant-1-remove": "on", "tier-2-remove": "on", "tier-1-max_quantity": ""},
    )

    response = post(client, edit_url(product), data)

    assert response.status_code == 302
    assert [v.pk for v in product.variants.all()] == [navy]
    assert [(t.min_quantity, t.max_quantity) for t in product.tiers.all()] == [
        (500, 999),
        (1000, None),
    ]


def test_save_and_submit_sends_the_product_to_review(client, supplier, sweater_category):
    signed_in(client, supplier.user)
    response = post(client, NEW, editor_data(sweater_category.pk, action="save-submit"))
    product = Product.objects.get()
    assert response.status_code == 302
    assert product.status == "pending"


def test_a_content_edit_of_a_live_listing_goes_back_to_review(
    client, supplier, sweater_input, sweater_category
):
    product = make_live(supplier, sweater_input())
    signed_in(client, supplier.user)
    response = post(client, edit_url(product), editor_data(sweater_category.pk))
    product.refresh_from_db()
    assert response.status_code == 302
    assert product.status == "pending"
    assert StatusChange.objects.filter(product=product).last().reason == "content edited"


@pytest.mark.parametrize(
    ("action", "rows"),
    [("add-tiers", 6), ("add-lead_times", 6), ("add-variants", 7)],
)
def test_more_rows_adds_blank_rows_and_saves_nothing(
    client, supplier, sweater_category, action, rows
):
    signed_in(client, supplier.user)
    response = post(client, NEW, editor_data(sweater_category.pk, action=action))
    group = {"add-tiers": "tiers", "add-lead_times": "lead_times", "add-variants": "variants"}
    assert response.status_code == 200
    assert getattr(response.context["editor"], group[action]).count == rows
    assert response.context["editor"].error_summary() == []
    assert Product.objects.count() == 0


def test_refresh_shows_the_attributes_of_another_category(client, supplier):
    from tradeloom.catalog.models import Category

    socks = Category.objects.filter(slug__contains="socks", is_leaf=True).first()
    signed_in(client, supplier.user)
    response = post(client, NEW, {"category": str(socks.pk), "action": "refresh"})
    assert response.status_code == 200
    fields = set(response.context["editor"].attributes.fields)
    assert "attr_needle_count" in fields
    assert "attr_gauge_class" not in fields
    assert Product.objects.count() == 0


def test_find_narrows_the_category_picker_in_any_language(client, supplier):
    signed_in(client, supplier.user)
    response = post(client, NEW, {"category_q": "毛衣", "action": "find-category"})
    groups = response.context["form"].fields["category"].choices[1:]
    labels = [label for _top, options in groups for _value, label in options]
    assert labels
    assert all("weater" in label or "ardigan" in label or "nit" in label for label in labels)


# --- the editor: bad input -------------------------------------------------------------------


def errors_of(response) -> list[str]:
    return [item["message"] for item in response.context["editor"].error_summary()]


def row_errors(response, group: str, row: int) -> dict:
    return dict(getattr(response.context["editor"], group).forms[row].errors)


BAD = NEW  # every bad post below goes to the new-product page and must create nothing


def test_overlapping_tiers_are_refused_on_their_row(client, supplier, sweater_category):
    signed_in(client, supplier.user)
    data = editor_data(sweater_category.pk, **{"tier-1-min_quantity": "900"})
    response = post(client, BAD, data)
    assert response.status_code == 400
    assert row_errors(response, "tiers", 0) == {"max_quantity": ["Price tiers overlap."]}
    assert Product.objects.count() == 0


def test_tiers_that_get_dearer_are_refused_on_their_row(client, supplier, sweater_category):
    signed_in(client, supplier.user)
    response = post(client, BAD, editor_data(sweater_category.pk, **{"tier-2-price": "6.90"}))
    assert response.status_code == 400
    assert row_errors(response, "tiers", 2) == {
        "price": ["A larger quantity cannot cost more per unit."]
    }
    assert Product.objects.count() == 0


def test_tier_rows_are_reported_where_they_were_typed(client, supplier, sweater_category):
    """The rules sort tiers; an error still lands on the row the supplier typed it in."""
    signed_in(client, supplier.user)
    data = editor_data(
        sweater_category.pk,
        **{
            "tier-0-min_quantity": "5000",
            "tier-0-max_quantity": "",
            "tier-0-price": "6.90",
            "tier-2-min_quantity": "500",
            "tier-2-max_quantity": "999",
            "tier-2-price": "7.20",
        },
    )
    response = post(client, BAD, data)
    assert row_errors(response, "tiers", 0) == {
        "price": ["A larger quantity cannot cost more per unit."]
    }
    assert row_errors(response, "tiers", 2) == {}


def test_a_tier_below_the_moq_is_refused(client, supplier, sweater_category):
    signed_in(client, supplier.user)
    response = post(client, BAD, editor_data(sweater_category.pk, **{"tier-0-min_quantity": "100"}))
    assert response.status_code == 400
    assert list(response.context["editor"].tiers.group_errors) == [
        "A tier starts below the minimum order of 500."
    ]
    assert Product.objects.count() == 0


@pytest.mark.parametrize(
    ("price", "message"),
    [
        ("0", "The price must be more than zero."),
        ("-1.50", "The price must be more than zero."),
        ("7.205", "USD prices have at most 2 decimals."),
        ("seven", "Enter a price such as 7.20."),
    ],
)
def test_bad_tier_prices_are_refused(client, supplier, sweater_category, price, message):
    signed_in(client, supplier.user)
    response = post(client, BAD, editor_data(sweater_category.pk, **{"tier-1-price": price}))
    assert response.status_code == 400
    assert row_errors(response, "tiers", 1) == {"price": [message]}
    assert Product.objects.count() == 0


def test_a_moq_that_is_not_a_multiple_of_the_increment_is_refused(
    client, supplier, sweater_category
):
    signed_in(client, supplier.user)
    response = post(client, BAD, editor_data(sweater_category.pk, order_increment="30"))
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "moq": ["The minimum order must be a multiple of the order increment."]
    }
    assert Product.objects.count() == 0


def test_a_zero_moq_is_refused(client, supplier, sweater_category):
    signed_in(client, supplier.user)
    response = post(client, BAD, editor_data(sweater_category.pk, moq="0"))
    assert response.status_code == 400
    assert response.context["form"].errors == {"moq": ["Enter a number from 1 to 100,000,000."]}


def test_an_unknown_currency_is_refused(client, supplier, sweater_category):
    signed_in(client, supplier.user)
    response = post(client, BAD, editor_data(sweater_category.pk, currency="XYZ"))
    assert response.status_code == 400
    assert response.context["form"].errors == {"currency": ["Unknown currency: XYZ"]}
    assert Product.objects.count() == 0


def test_lead_times_out_of_order_are_refused_on_their_row(client, supplier, sweater_category):
    signed_in(client, supplier.user)
    data = editor_data(sweater_category.pk, **{"lead-1-days": "20"})
    response = post(client, BAD, data)
    assert response.status_code == 400
    assert row_errors(response, "lead_times", 1) == {
        "max_quantity": ["A larger quantity cannot ship sooner."]
    }
    assert Product.objects.count() == 0


def test_a_title_in_the_main_language_is_required(client, supplier, sweater_category):
    signed_in(client, supplier.user)
    response = post(client, BAD, editor_data(sweater_category.pk, default_language="zh-hans"))
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "title_zh_hans": ["Give the product a title in its main language."]
    }


def test_a_category_that_is_not_a_leaf_is_refused(client, supplier, sweater_category):
    signed_in(client, supplier.user)
    response = post(client, BAD, editor_data(sweater_category.parent_id))
    assert response.status_code == 400
    assert "category" in response.context["form"].errors


def test_a_bad_attribute_value_lands_on_its_input(client, supplier, sweater_category):
    signed_in(client, supplier.user)
    response = post(client, BAD, editor_data(sweater_category.pk, attr_gauge="fine-ish"))
    assert response.status_code == 400
    assert response.context["editor"].attributes.errors == {
        "attr_gauge": ["Machine gauge must be a number."]
    }


def test_badly_written_variant_options_are_refused(client, supplier, sweater_category):
    signed_in(client, supplier.user)
    response = post(
        client, BAD, editor_data(sweater_category.pk, **{"variant-0-options": "navy, M"})
    )
    assert response.status_code == 400
    assert row_errors(response, "variants", 0) == {
        "options": ["Write options as name=value, separated by semicolons."]
    }


def test_a_sku_used_by_another_product_is_refused(
    client, supplier, sweater_input, sweater_category
):
    save_product(supplier, sweater_input())  # holds CS-NAVY-M
    signed_in(client, supplier.user)
    response = post(client, BAD, editor_data(sweater_category.pk))
    assert response.status_code == 409
    assert list(response.context["editor"].variants.group_errors) == [
        "Another of your products already uses one of these SKUs."
    ]
    assert Product.objects.count() == 1


def test_the_error_summary_links_to_each_input(client, supplier, sweater_category):
    signed_in(client, supplier.user)
    response = post(client, BAD, editor_data(sweater_category.pk, **{"tier-1-price": "0"}))
    html = response.content.decode()
    assert (
        '<a href="#id_tier-1-price">Price tiers: Unit price: The price must be more than zero.</a>'
        in html
    )


# --- lifecycle buttons --------------------------------------------------------------------------


def test_lifecycle_buttons_follow_the_transition_table(client, supplier, sweater_input):
    product = save_product(supplier, sweater_input())
    signed_in(client, supplier.user)
    url = reverse("catalog:product_status", args=[product.pk])

    draft = client.get(edit_url(product)).context["actions"]
    client.post(url, {"target": "pending"})
    pending = client.get(edit_url(product)).context["actions"]
    client.post(url, {"target": "draft"})
    product.refresh_from_db()

    assert [a["target"] for a in draft] == ["pending"]
    assert [a["target"] for a in pending] == ["draft"]
    assert product.status == "draft"


def test_live_products_can_be_hidden_and_shown_again(client, supplier, sweater_input):
    product = make_live(supplier, sweater_input())
    signed_in(client, supplier.user)
    url = reverse("catalog:product_status", args=[product.pk])

    client.post(url, {"target": "hidden"})
    product.refresh_from_db()
    hidden = product.status
    client.post(url, {"target": "live"})
    product.refresh_from_db()

    assert (hidden, product.status) == ("hidden", "live")


def test_a_move_the_table_does_not_allow_changes_nothing(client, supplier, sweater_input):
    product = save_product(supplier, sweater_input())
    signed_in(client, supplier.user)
    response = client.post(
        reverse("catalog:product_status", args=[product.pk]), {"target": "live"}, follow=True
    )
    product.refresh_from_db()
    assert product.status == "draft"
    assert "This product cannot make that move now." in response.content.decode()


def test_a_rejected_product_shows_the_reason(client, supplier, sweater_input):
    from tests.factories import UserFactory
    from tradeloom.catalog.services import moderate, submit_for_review

    product = save_product(supplier, sweater_input())
    submit_for_review(supplier, product.pk)
    moderate(UserFactory(is_operator=True), product.pk, "reject", "Show the real colours.")
    signed_in(client, supplier.user)
    response = client.get(edit_url(product))
    assert "Show the real colours." in response.content.decode()
    assert [a["target"] for a in response.context["actions"]] == ["pending", "draft"]
