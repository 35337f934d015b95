"""Product images through the API: upload with alt text, list, reorder, remove, limits."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.api.conftest import API, assert_error, png_bytes, token_client
from tests.catalog.api_support import make_live, product_body, product_url, products_url
from tests.factories import CompanyFactory, MembershipFactory
from tradeloom.catalog import services
from tradeloom.catalog.models import Product, ProductImage

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(supplier):
    return token_client(supplier)


@pytest.fixture
def product(api, supplier):
    return Product.objects.get(pk=api.post(products_url(supplier), product_body()).json()["id"])


def upload(api, supplier, product, content=None, name="front.png", alt="Front view"):
    return api.client.post(
        f"{API}/{product_url(supplier, product.pk, '/images')}",
        {"image": SimpleUploadedFile(name, content or png_bytes()), "alt": alt},
        headers=api.headers,
    )


def test_an_upload_is_re_encoded_with_a_thumbnail(api, supplier, product):
    answer = upload(api, supplier, product, png_bytes(size=(2400, 1200)))

    assert answer.status_code == 201, answer.content
    body = answer.json()
    image = ProductImage.objects.get(pk=body["id"])
    assert (body["alt"], body["position"]) == ("Front view", 0)
    assert body["url"] == f"http://testserver{image.image.url}"
    assert body["thumbnail_url"] == f"http://testserver{image.thumbnail.url}"
    assert (image.image.width, image.image.height) == (1600, 800)
    assert (image.thumbnail.width, image.thumbnail.height) == (400, 200)


def test_images_are_listed_in_order_and_reordered(api, supplier, product):
    ids = [upload(api, supplier, product, alt=f"view {i}").json()["id"] for i in range(3)]
    url = product_url(supplier, product.pk)

    answer = api.client.put(
        f"{API}/{url}/image-order",
        {"image_ids": [ids[2], ids[0], ids[1]]},
        content_type="application/json",
        headers=api.headers,
    )

    assert answer.status_code == 200
    assert [(i["id"], i["position"]) for i in answer.json()] == [
        (ids[2], 0),
        (ids[0], 1),
        (ids[1], 2),
    ]
    assert [i["alt"] for i in api.get(f"{url}/images").json()] == ["view 2", "view 0", "view 1"]
    assert api.get(url).json()["images"][0]["id"] == ids[2]


def test_an_image_is_described_again(api, supplier, product):
    image_id = upload(api, supplier, product).json()["id"]

    answer = api.patch(
        product_url(supplier, product.pk, f"/images/{image_id}"), {"alt": " Navy, front "}
    )

    assert answer.status_code == 200
    assert answer.json()["alt"] == "Navy, front"
    assert ProductImage.objects.get(pk=image_id).alt == "Navy, front"


def test_an_order_that_misses_an_image_is_refused(api, supplier, product):
    ids = [upload(api, supplier, product).json()["id"] for _ in range(2)]

    answer = api.client.put(
        f"{API}/{product_url(supplier, product.pk, '/image-order')}",
        {"image_ids": [ids[1]]},
        content_type="application/json",
        headers=api.headers,
    )

    assert_error(answer, 400, "invalid_order")
    assert list(product.images.values_list("pk", flat=True)) == ids


def test_removing_an_image_deletes_its_files_and_closes_the_gap(api, supplier, product):
    ids = [upload(api, supplier, product).json()["id"] for _ in range(3)]
    first = ProductImage.objects.get(pk=ids[0])
    storage, names = first.image.storage, [first.image.name, first.thumbnail.name]

    answer = api.delete(product_url(supplier, product.pk, f"/images/{ids[0]}"))

    assert answer.status_code == 204
    assert list(product.images.values_list("pk", "position")) == [(ids[1], 0), (ids[2], 1)]
    assert not any(storage.exists(name) for name in names)


def test_the_thirteenth_image_is_refused(api, supplier, product):
    for _ in range(services.MAX_IMAGES):
        assert upload(api, supplier, product).status_code == 201

    assert_error(upload(api, supplier, product), 400, "too_many_images")
    assert product.images.count() == services.MAX_IMAGES


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"%PDF-1.7 not a picture", "photo.png"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "x.svg"),
        (b"", "empty.jpg"),
    ],
    ids=["pdf named png", "svg", "empty"],
)
def test_a_file_that_is_not_a_picture_is_refused(api, supplier, product, content, name):
    answer = upload(api, supplier, product, content or b"\x00", name)

    assert_error(answer, 400, "invalid_image")
    assert product.images.count() == 0


def test_an_upload_without_a_file_is_a_validation_error(api, supplier, product):
    answer = api.client.post(
        f"{API}/{product_url(supplier, product.pk, '/images')}", {"alt": "x"}, headers=api.headers
    )

    assert_error(answer, 422, "validation_error")


def test_a_new_image_on_a_live_listing_is_reviewed(api, supplier, product):
    make_live(supplier, product.pk)

    upload(api, supplier, product)

    product.refresh_from_db()
    assert product.status == "pending"
    assert product.status_changes.last().reason == "image added"


def test_another_suppliers_image_is_not_found(api, supplier, product):
    image_id = upload(api, supplier, product).json()["id"]
    rival = MembershipFactory(company=CompanyFactory(kind="supplier"))

    answer = token_client(rival).delete(product_url(rival, product.pk, f"/images/{image_id}"))

    assert_error(answer, 404, "not_found")
    assert product.images.count() == 1
