"""save_product and the image services: whole products written all or nothing, review of
edits to live listings, image checks, tenancy and category attributes."""

from __future__ import annotations

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tradeloom.catalog import services
from tradeloom.catalog.models import (
    CustomizationOption,
    LeadTime,
    PriceTier,
    Product,
    ProductImage,
    ProductTranslation,
    StatusChange,
    Variant,
)
from tradeloom.catalog.rules import LeadTimeInput, TierInput
from tradeloom.catalog.services import (
    CustomizationInput,
    TranslationInput,
    VariantInput,
    save_product,
)
from tradeloom.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from tradeloom.core.models import OutboxEvent

pytestmark = pytest.mark.django_db


def picture(fmt: str = "PNG", size=(64, 48), mode="RGB", noise=False) -> SimpleUploadedFile:
    if noise:  # incompressible: the file is as large as the pixels
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new(mode, size, (200, 30, 30) if mode == "RGB" else 1)
    out = io.BytesIO()
    image.save(out, fmt)
    return SimpleUploadedFile(f"picture.{fmt.lower()}", out.getvalue())


def live(supplier, operator, data) -> Product:
    product = save_product(supplier, data)
    services.submit_for_review(supplier, product.pk)
    return services.moderate(operator, product.pk, "approve")


@pytest.fixture
def operator(db):
    return UserFactory(is_operator=True)


@pytest.fixture
def other_supplier(db):
    return MembershipFactory(company=CompanyFactory(kind="supplier"), role="owner")


def snapshot(product: Product) -> dict:
    return {
        "product": Product.objects.filter(pk=product.pk)
        .values("moq", "currency", "status", "attributes")
        .get(),
        "titles": list(product.translations.values_list("language", "title")),
        "tiers": list(
            product.tiers.values_list("min_quantity", "max_quantity", "unit_price_minor")
        ),
        "lead_times": list(product.lead_times.values_list("max_quantity", "days")),
        "variants": list(product.variants.values_list("pk", "sku", "options")),
        "customizations": list(
            product.customizations.values_list("kind", "moq", "surcharge_minor")
        ),
    }


# --- creating and replacing ------------------------------------------------------------------


def test_save_product_writes_the_product_with_everything_it_holds(supplier, sweater_input):
    data = sweater_input(
        translations=[
            TranslationInput("en", "Cashmere crew-neck sweater", "<p>Soft.</p><script>x</script>"),
            TranslationInput("ja", "カシミヤ クルーネックセーター", "<p>柔らかい。</p>"),
            TranslationInput("zh-hans", "羊绒圆领毛衣"),
        ],
        attributes={"fibre_content": ["cashmere"], "gauge": "12", "neckline": "crew"},
        customizations=[CustomizationInput("logo", 1000, 30, "Embroidered")],
        variants=[
            VariantInput("CS-NAVY-M", {"colour": "navy", "size": "M"}),
            VariantInput("CS-CAMEL-L", {"colour": "camel", "size": "L"}, 740),
        ],
    )

    product = save_product(supplier, data)

    assert snapshot(product) == {
        "product": {
            "moq": 500,
            "currency": "USD",
            "status": "draft",
            "attributes": {"fibre_content": ["cashmere"], "gauge": 12, "neckline": "crew"},
        },
        "titles": [
            ("en", "Cashmere crew-neck sweater"),
            ("ja", "カシミヤ クルーネックセーター"),
            ("zh-hans", "羊绒圆领毛衣"),
        ],
        "tiers": [(500, 999, 720), (1000, 4999, 680), (5000, None, 650)],
        "lead_times": [(1000, 30), (5000, 45), (None, 60)],
        "variants": [(v.pk, v.sku, v.options) for v in product.variants.all()],
        "customizations": [("logo", 1000, 30)],
    }
    assert list(product.variants.values_list("sku", "price_override_minor")) == [
        ("CS-NAVY-M", None),
        ("CS-CAMEL-L", 740),
    ]
    assert product.translations.get(language="en").description == "<p>Soft.</p>"
    assert product.supplier_id == supplier.company_id
    assert OutboxEvent.objects.filter(name="product.saved").count() == 1


def test_saving_again_replaces_every_child_row(supplier, sweater_input):
    product = save_product(supplier, sweater_input())

    save_product(
        supplier,
        sweater_input(
            moq=100,
            order_increment=10,
            tiers=[TierInput(100, 499, 900), TierInput(500, None, 800)],
            lead_times=[LeadTimeInput(None, 20)],
            customizations=[CustomizationInput("label", 100, 5)],
            variants=[VariantInput("CS-RED-S", {"colour": "red"})],
        ),
        product_id=product.pk,
    )

    assert list(
        PriceTier.objects.values_list("min_quantity", "max_quantity", "unit_price_minor")
    ) == [(100, 499, 900), (500, None, 800)]
    assert list(LeadTime.objects.values_list("max_quantity", "days")) == [(None, 20)]
    assert list(CustomizationOption.objects.values_list("kind", flat=True)) == ["label"]
    assert list(Variant.objects.values_list("sku", flat=True)) == ["CS-RED-S"]
    assert Product.objects.count() == 1


def test_a_variant_kept_by_sku_keeps_its_id(supplier, sweater_input):
    product = save_product(supplier, sweater_input())
    before = product.variants.get(sku="CS-NAVY-M").pk

    save_product(
        supplier,
        sweater_input(variants=[VariantInput("CS-NAVY-M", {"colour": "navy", "size": "L"}, 700)]),
        product_id=product.pk,
    )

    kept = Variant.objects.get(sku="CS-NAVY-M")
    assert (kept.pk, kept.options, kept.price_override_minor) == (
        before,
        {"colour": "navy", "size": "L"},
        700,
    )


def test_a_duplicate_sku_of_another_product_leaves_the_edited_one_unchanged(
    supplier, sweater_input
):
    save_product(supplier, sweater_input(variants=[VariantInput("TAKEN-1")]))
    product = save_product(supplier, sweater_input(variants=[VariantInput("MINE-1")]))
    before = snapshot(product)

    with pytest.raises(Conflict) as refused:
        save_product(
            supplier,
            sweater_input(
                moq=100,
                order_increment=10,
                tiers=[TierInput(100, None, 900)],
                translations=[TranslationInput("en", "Renamed")],
                variants=[VariantInput("MINE-1"), VariantInput("TAKEN-1")],
            ),
            product_id=product.pk,
        )

    assert (refused.value.code, refused.value.status) == ("duplicate_sku", 409)
    assert refused.value.details == {"field": "variants"}
    assert snapshot(product) == before


def test_a_duplicate_sku_on_create_creates_nothing(supplier, sweater_input):
    save_product(supplier, sweater_input(variants=[VariantInput("TAKEN-1")]))
    counts = [m.objects.count() for m in (Product, ProductTranslation, PriceTier, LeadTime)]

    with pytest.raises(Conflict):
        save_product(supplier, sweater_input(variants=[VariantInput("TAKEN-1")]))

    assert [m.objects.count() for m in (Product, ProductTranslation, PriceTier, LeadTime)] == counts


def test_another_supplier_may_use_the_same_sku(supplier, other_supplier, sweater_input):
    save_product(supplier, sweater_input())

    product = save_product(other_supplier, sweater_input())

    assert product.variants.get().sku == "CS-NAVY-M"


def test_the_same_sku_twice_in_one_product_is_refused(supplier, sweater_input):
    with pytest.raises(DomainError) as refused:
        save_product(supplier, sweater_input(variants=[VariantInput("A-1"), VariantInput("A-1")]))

    assert refused.value.code == "duplicate_sku"
    assert not Product.objects.exists()


def test_a_title_in_the_default_language_is_required(supplier, sweater_input):
    with pytest.raises(DomainError) as refused:
        save_product(
            supplier,
            sweater_input(default_language="ja", translations=[TranslationInput("en", "Sweater")]),
        )

    assert (refused.value.code, refused.value.details["field"]) == ("title_required", "title")


def test_an_unknown_language_is_refused(supplier, sweater_input):
    with pytest.raises(DomainError) as refused:
        save_product(
            supplier,
            sweater_input(
                translations=[TranslationInput("en", "Sweater"), TranslationInput("de", "Pullover")]
            ),
        )

    assert refused.value.code == "invalid_language"


# --- edits of live listings ---------------------------------------------------------------------


def test_a_content_edit_of_a_live_product_sends_it_back_to_review(
    supplier, operator, sweater_input
):
    product = live(supplier, operator, sweater_input())

    save_product(
        supplier,
        sweater_input(translations=[TranslationInput("en", "New title")]),
        product_id=product.pk,
    )

    product.refresh_from_db()
    change = product.status_changes.last()
    assert product.status == "pending"
    assert (change.from_status, change.to_status, change.reason, change.actor) == (
        "live",
        "pending",
        "content edited",
        supplier.user,
    )


@pytest.mark.parametrize(
    "overrides",
    [
        {"attributes": {"neckline": "v_neck"}},
        {"translations": [TranslationInput("en", "Cashmere crew-neck sweater", "<p>Other.</p>")]},
    ],
)
def test_attribute_and_description_edits_are_content(supplier, operator, sweater_input, overrides):
    product = live(supplier, operator, sweater_input())

    save_product(supplier, sweater_input(**overrides), product_id=product.pk)

    assert Product.objects.get(pk=product.pk).status == "pending"


def test_a_price_edit_of_a_live_product_keeps_it_live(supplier, operator, sweater_input):
    product = live(supplier, operator, sweater_input())

    save_product(
        supplier,
        sweater_input(
            tiers=[TierInput(500, 999, 700), TierInput(1000, None, 650)],
            lead_times=[LeadTimeInput(None, 25)],
            stock_quantity=300,
        ),
        product_id=product.pk,
    )

    product.refresh_from_db()
    assert product.status == "live"
    assert list(product.tiers.values_list("unit_price_minor", flat=True)) == [700, 650]
    assert StatusChange.objects.filter(product=product, to_status="pending").count() == 1


# --- images -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_a_real_image_is_stored_re_encoded_with_a_thumbnail(supplier, sweater_input, fmt):
    product = save_product(supplier, sweater_input())

    image = services.add_image(
        supplier, product.pk, picture(fmt, size=(2400, 1200)), alt=" Front view "
    )

    with Image.open(image.image) as full, Image.open(image.thumbnail) as thumb:
        assert (full.format, full.size) == ("JPEG", (1600, 800))
        assert (thumb.format, thumb.size) == ("JPEG", (400, 200))
    assert (image.alt, image.position) == ("Front view", 0)


def test_images_are_numbered_in_upload_order(supplier, sweater_input):
    product = save_product(supplier, sweater_input())

    for _ in range(3):
        services.add_image(supplier, product.pk, picture())

    assert list(product.images.values_list("position", flat=True)) == [0, 1, 2]


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "invalid_image",
        ),
        ("notes.png", b"just some text pretending to be a picture", "invalid_image"),
        ("empty.jpg", b"", "invalid_image"),
        ("document.png", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", "invalid_image"),
    ],
)
def test_files_that_are_not_images_are_refused(supplier, sweater_input, name, content, code):
    product = save_product(supplier, sweater_input())

    with pytest.raises(DomainError) as refused:
        services.add_image(supplier, product.pk, SimpleUploadedFile(name, content))

    assert refused.value.code == code
    assert not ProductImage.objects.exists()


def test_a_decompression_bomb_is_refused(supplier, sweater_input, settings):
    settings.MAX_IMAGE_PIXELS = 4_000_000
    product = save_product(supplier, sweater_input())
    bomb = picture("PNG", size=(5000, 5000), mode="1")  # 25 Mpx in a few kilobytes

    assert bomb.size < 100_000
    with pytest.raises(DomainError) as refused:
        services.add_image(supplier, product.pk, bomb)

    assert refused.value.code == "image_too_many_pixels"
    assert not ProductImage.objects.exists()


def test_an_oversized_file_is_refused(supplier, sweater_input, settings):
    settings.MAX_PRODUCT_IMAGE_BYTES = 1000
    product = save_product(supplier, sweater_input())

    with pytest.raises(DomainError) as refused:
        services.add_image(supplier, product.pk, picture(size=(100, 100), noise=True))

    assert refused.value.code == "image_too_large"


def test_a_thirteenth_image_is_refused(supplier, sweater_input):
    product = save_product(supplier, sweater_input())
    for _ in range(services.MAX_IMAGES):
        services.add_image(supplier, product.pk, picture())

    with pytest.raises(DomainError) as refused:
        services.add_image(supplier, product.pk, picture())

    assert (refused.value.code, refused.value.details["field"]) == ("too_many_images", "image")
    assert product.images.count() == 12


def test_removing_an_image_renumbers_the_rest_and_deletes_its_files(supplier, sweater_input):
    product = save_product(supplier, sweater_input())
    first, second, third = (services.add_image(supplier, product.pk, picture()) for _ in "abc")
    storage = first.image.storage

    services.remove_image(supplier, product.pk, second.pk)

    assert list(product.images.values_list("pk", "position")) == [(first.pk, 0), (third.pk, 1)]
    assert not storage.exists(second.image.name)
    assert not storage.exists(second.thumbnail.name)


def test_reordering_must_name_every_image_once(supplier, sweater_input):
    product = save_product(supplier, sweater_input())
    a, b = (services.add_image(supplier, product.pk, picture()) for _ in "ab")

    with pytest.raises(DomainError) as refused:
        services.reorder_images(supplier, product.pk, [b.pk, b.pk])
    services.reorder_images(supplier, product.pk, [b.pk, a.pk])

    assert refused.value.code == "invalid_order"
    assert list(product.images.values_list("pk", flat=True)) == [b.pk, a.pk]


# --- tenancy and roles ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "action",
    [
        lambda m, pk, data: save_product(m, data, product_id=pk),
        lambda m, pk, data: services.add_image(m, pk, picture()),
        lambda m, pk, data: services.submit_for_review(m, pk),
        lambda m, pk, data: services.withdraw(m, pk),
        lambda m, pk, data: services.own_product(m, pk),
        lambda m, pk, data: services.remove_image(m, pk, 1),
        lambda m, pk, data: services.reorder_images(m, pk, []),
    ],
    ids=["save", "add-image", "submit", "withdraw", "read", "remove-image", "reorder"],
)
def test_another_suppliers_product_does_not_exist(supplier, other_supplier, sweater_input, action):
    product = save_product(supplier, sweater_input())
    before = snapshot(product)

    with pytest.raises(NotFound):
        action(other_supplier, product.pk, sweater_input(variants=[]))

    assert snapshot(product) == before
    assert not ProductImage.objects.exists()


@pytest.mark.parametrize("product_id", ["abc", None, "1; drop table", -1])
def test_a_malformed_product_id_is_not_found(supplier, product_id):
    with pytest.raises(NotFound):
        services.own_product(supplier, product_id)


def test_a_buyer_company_cannot_list_products(buyer, sweater_input):
    with pytest.raises(DomainError) as refused:
        save_product(buyer, sweater_input())

    assert (refused.value.code, refused.value.status) == ("not_a_supplier", 403)
    assert not Product.objects.exists()


@pytest.mark.parametrize("role", ["sales", "finance", "warehouse", "purchaser"])
def test_roles_without_catalog_rights_cannot_save(supplier, sweater_input, role):
    colleague = MembershipFactory(company=supplier.company, role=role)

    with pytest.raises(PermissionDenied):
        save_product(colleague, sweater_input())

    assert not Product.objects.exists()


def test_the_catalog_role_can_save(supplier, sweater_input):
    colleague = MembershipFactory(company=supplier.company, role="catalog")

    assert save_product(colleague, sweater_input()).supplier_id == supplier.company_id


# --- attributes against the category -------------------------------------------------------------


@pytest.mark.parametrize(
    ("attributes", "code", "attribute"),
    [
        ({"horsepower": 12}, "unknown_attribute", "horsepower"),
        ({"neckline": "sweetheart"}, "invalid_attribute_value", "neckline"),
        ({"fibre_content": ["cashmere", "kevlar"]}, "invalid_attribute_value", "fibre_content"),
        ({"gauge": "twelve"}, "invalid_attribute_value", "gauge"),
        ({"denier": 40}, "unknown_attribute", "denier"),  # declared on tights, not sweaters
    ],
)
def test_attributes_are_checked_against_the_category(
    supplier, sweater_input, attributes, code, attribute
):
    with pytest.raises(DomainError) as refused:
        save_product(supplier, sweater_input(attributes=attributes))

    assert refused.value.code == code
    assert refused.value.details == {"field": "attributes", "attribute": attribute}
    assert not Product.objects.exists()


def test_inherited_attributes_are_accepted_and_normalised(supplier, sweater_input):
    product = save_product(
        supplier,
        sweater_input(
            attributes={
                "gender": "women|unisex|women",  # declared on the apparel root
                "machine_washable": "yes",
                "main_fibre_pct": "95",
                "yarn_count": "2.26",
                "season": "",
            }
        ),
    )

    assert product.attributes == {
        "gender": ["women", "unisex"],
        "machine_washable": True,
        "main_fibre_pct": 95,
        "yarn_count": 2.26,
    }


def test_the_nearest_declaration_of_an_attribute_wins(sweater_category):
    declared = services.category_attributes(sweater_category)

    assert declared["fibre_content"].category.slug == "sweaters"
    assert declared["gender"].category.slug == "apparel"


def test_a_description_over_the_limit_is_refused_not_cut(supplier, sweater_input):
    data = sweater_input()
    data.translations[0].description = "<p>" + "knit " * 5000 + "</p>"

    with pytest.raises(DomainError) as refused:
        save_product(supplier, data)

    assert (refused.value.code, refused.value.details["field"]) == ("too_long", "description")
    assert not Product.objects.exists()
