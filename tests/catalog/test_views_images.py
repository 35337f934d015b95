"""Product images in the editor, and the storefront profile editor."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.catalog.views_support import png
from tests.web.helpers import company_with_owner, member_of, signed_in
from tradeloom.catalog.models import Certification, FactoryPhoto, ProductImage, SupplierProfile
from tradeloom.catalog.services import MAX_IMAGES, add_image, save_product

pytestmark = pytest.mark.django_db


def upload(name="photo.png", content=None, content_type="image/png"):
    return SimpleUploadedFile(name, content or png(), content_type=content_type)


@pytest.fixture
def product(supplier, sweater_input):
    return save_product(supplier, sweater_input())


def images_url(product):
    return reverse("catalog:upload_images", args=[product.pk])


def test_several_images_are_uploaded_at_once_in_order(client, supplier, product):
    signed_in(client, supplier.user)
    response = client.post(
        images_url(product),
        {
            "images": [upload("front.png"), upload("back.png", png(color=(200, 0, 0)))],
            "alt": "Navy sweater",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("catalog:product_edit", args=[product.pk]) + "#images"
    rows = list(product.images.values_list("position", "alt"))
    assert rows == [(0, "Navy sweater"), (1, "Navy sweater")]
    assert all(image.thumbnail for image in product.images.all())


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_saved(client, supplier, product):
    signed_in(client, supplier.user)
    response = client.post(
        images_url(product),
        {"images": [upload("good.png"), upload("notes.png", b"just text", "image/png")]},
    )
    assert response.status_code == 400
    assert response.context["upload_form"].errors == {
        "images": ["notes.png: Upload a JPEG, PNG, WebP or GIF image."]
    }
    assert ProductImage.objects.count() == 0


def test_an_svg_is_refused(client, supplier, product):
    signed_in(client, supplier.user)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = client.post(images_url(product), {"images": [upload("x.svg", svg, "image/svg+xml")]})
    assert response.status_code == 400
    assert ProductImage.objects.count() == 0


def test_too_many_images_are_refused_before_any_is_saved(client, supplier, product):
    for _ in range(MAX_IMAGES - 1):
        add_image(supplier, product.pk, upload())
    signed_in(client, supplier.user)
    response = client.post(images_url(product), {"images": [upload(), upload()]})
    assert response.status_code == 400
    assert response.context["upload_form"].errors == {
        "images": [f"A product can have at most {MAX_IMAGES} images."]
    }
    assert product.images.count() == MAX_IMAGES - 1


def test_images_move_up_and_down(client, supplier, product):
    first, second, third = (add_image(supplier, product.pk, upload()) for _ in range(3))
    signed_in(client, supplier.user)

    client.post(reverse("catalog:move_image", args=[product.pk, third.pk]), {"direction": "up"})
    client.post(reverse("catalog:move_image", args=[product.pk, first.pk]), {"direction": "down"})

    assert list(product.images.values_list("pk", flat=True)) == [third.pk, first.pk, second.pk]


def test_an_image_is_deleted_and_the_rest_close_up(client, supplier, product):
    first, second = (add_image(supplier, product.pk, upload()) for _ in range(2))
    signed_in(client, supplier.user)
    response = client.post(reverse("catalog:delete_image", args=[product.pk, first.pk]))
    assert response.status_code == 302
    assert list(product.images.values_list("pk", "position")) == [(second.pk, 0)]


def test_an_image_gets_a_description(client, supplier, product):
    image = add_image(supplier, product.pk, upload())
    signed_in(client, supplier.user)
    client.post(
        reverse("catalog:describe_image", args=[product.pk, image.pk]),
        {f"img{image.pk}-alt": "Navy crew neck, front"},
    )
    image.refresh_from_db()
    assert image.alt == "Navy crew neck, front"


def test_another_suppliers_images_cannot_be_touched(client, supplier, product):
    image = add_image(supplier, product.pk, upload())
    signed_in(client, company_with_owner("supplier").user)
    urls = [
        images_url(product),
        reverse("catalog:move_image", args=[product.pk, image.pk]),
        reverse("catalog:delete_image", args=[product.pk, image.pk]),
        reverse("catalog:describe_image", args=[product.pk, image.pk]),
    ]
    statuses = [client.post(url, {"images": [upload()]}).status_code for url in urls]
    assert statuses == [404, 404, 404, 404]
    assert list(product.images.values_list("pk", flat=True)) == [image.pk]


# --- the storefront profile -------------------------------------------------------------------

PROFILE = {
    "about": "Knitwear since 1998.",
    "business_type": "manufacturer",
    "established_year": "1998",
    "staff_count": "320",
    "factory_area_m2": "12000",
    "annual_output": "1.2 million pieces",
    "market-count": "3",
    "market-0-market": "North America",
    "market-0-share": "40",
    "market-1-market": "Japan",
    "market-1-share": "35",
    "market-2-market": "",
    "market-2-share": "",
}


def test_the_profile_is_saved_with_its_markets(client, supplier):
    signed_in(client, supplier.user)
    response = client.post(reverse("catalog:storefront_edit"), PROFILE)
    assert response.status_code == 302
    profile = SupplierProfile.objects.get(company=supplier.company)
    assert (profile.established_year, profile.staff_count, profile.main_markets) == (
        1998,
        320,
        [{"market": "North America", "share": 40}, {"market": "Japan", "share": 35}],
    )


def test_market_shares_over_100_are_refused(client, supplier):
    signed_in(client, supplier.user)
    response = client.post(reverse("catalog:storefront_edit"), {**PROFILE, "market-1-share": "70"})
    assert response.status_code == 400
    assert list(response.context["markets"].group_errors) == [
        "Market shares add up to more than 100%."
    ]
    assert not SupplierProfile.objects.exists()


def test_a_founding_year_in_the_future_is_refused(client, supplier):
    signed_in(client, supplier.user)
    response = client.post(
        reverse("catalog:storefront_edit"), {**PROFILE, "established_year": "3000"}
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["established_year"]


def test_the_profile_needs_company_manage(client, supplier):
    signed_in(client, member_of(supplier.company, "catalog").user)
    assert client.get(reverse("catalog:storefront_edit")).status_code == 403


def test_a_certification_with_a_file_is_added_and_removed(client, supplier):
    signed_in(client, supplier.user)
    client.post(
        reverse("catalog:add_certification"),
        {
            "name": "OEKO-TEX 100",
            "issuer": "Hohenstein",
            "file": SimpleUploadedFile("cert.pdf", b"%PDF-1.4 test", "application/pdf"),
        },
    )
    cert = Certification.objects.get(company=supplier.company)
    assert (cert.name, cert.file.name.endswith(".pdf")) == ("OEKO-TEX 100", True)
    client.post(reverse("catalog:remove_certification", args=[cert.pk]))
    assert not Certification.objects.exists()


def test_a_factory_photo_is_added(client, supplier):
    signed_in(client, supplier.user)
    response = client.post(
        reverse("catalog:add_photo"), {"photo": upload("floor.png"), "caption": "Knitting floor"}
    )
    assert response.status_code == 302
    assert list(FactoryPhoto.objects.values_list("company_id", "caption")) == [
        (supplier.company_id, "Knitting floor")
    ]


def test_a_factory_photo_is_removed(client, supplier):
    signed_in(client, supplier.user)
    client.post(reverse("catalog:add_photo"), {"photo": upload("floor.png")})
    photo = FactoryPhoto.objects.get()

    response = client.post(reverse("catalog:remove_photo", args=[photo.pk]))

    assert response.status_code == 302
    assert not FactoryPhoto.objects.exists()


def test_a_factory_photo_that_is_not_an_image_is_refused(client, supplier):
    signed_in(client, supplier.user)
    response = client.post(
        reverse("catalog:add_photo"), {"photo": upload("floor.png", b"GIF89a nope", "image/gif")}
    )
    assert response.status_code == 400
    assert response.context["photo_form"].errors == {
        "photo": ["Upload a JPEG, PNG, WebP or GIF image."]
    }
    assert not FactoryPhoto.objects.exists()
