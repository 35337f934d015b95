"""Storefront profile writes: the facts, market shares, certification files and factory
photos of a supplier."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import MembershipFactory
from tradeloom.catalog import profile
from tradeloom.catalog.demo_scenes import certificate_pdf
from tradeloom.catalog.models import Certification, FactoryPhoto, SupplierProfile
from tradeloom.core.errors import DomainError, NotFound, PermissionDenied

pytestmark = pytest.mark.django_db

FACTS = {
    "about": "  Knitwear since 2006.  ",
    "business_type": "manufacturer",
    "established_year": "2006",
    "staff_count": 320,
    "factory_area_m2": "18000",
    "annual_output": "1.2 million pieces",
    "main_markets": [
        {"market": "North America", "share": 35},
        {"market": "Western Europe", "share": "30"},
        {"market": "  ", "share": 10},  # a blank row of the form
        {"market": "Japan", "share": None},
    ],
}


def jpeg(size=(300, 200)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 90, 60)).save(out, "JPEG")
    return SimpleUploadedFile("photo.jpg", out.getvalue(), content_type="image/jpeg")


def refused(fn, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        fn(*args, **kwargs)
    return caught.value


def test_the_profile_is_saved_clean(supplier):
    saved = profile.save_profile(supplier, FACTS)

    stored = SupplierProfile.objects.get(company=supplier.company)
    assert stored.pk == saved.pk
    assert (
        stored.about,
        stored.business_type,
        stored.established_year,
        stored.staff_count,
        stored.factory_area_m2,
        stored.annual_output,
    ) == ("Knitwear since 2006.", "manufacturer", 2006, 320, 18000, "1.2 million pieces")
    assert stored.main_markets == [
        {"market": "North America", "share": 35},
        {"market": "Western Europe", "share": 30},
        {"market": "Japan", "share": 0},
    ]


def test_saving_again_updates_the_one_profile(supplier):
    profile.save_profile(supplier, FACTS)

    profile.save_profile(supplier, {**FACTS, "staff_count": 350, "business_type": "both"})

    assert list(SupplierProfile.objects.values_list("staff_count", "business_type")) == [
        (350, "both")
    ]


def test_empty_numbers_are_left_empty(supplier):
    saved = profile.save_profile(supplier, {"established_year": "", "staff_count": None})

    assert (saved.established_year, saved.staff_count, saved.main_markets) == (None, None, [])


def test_market_shares_over_100_percent_are_refused(supplier):
    markets = [{"market": "USA", "share": 60}, {"market": "Japan", "share": 41}]

    error = refused(profile.save_profile, supplier, {**FACTS, "main_markets": markets})

    assert (error.code, error.details["field"]) == ("shares_over_100", "main_markets")
    assert not SupplierProfile.objects.exists()


def test_exactly_100_percent_is_fine(supplier):
    markets = [{"market": "USA", "share": 60}, {"market": "Japan", "share": 40}]

    assert profile.save_profile(supplier, {"main_markets": markets}).main_markets == markets


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("established_year", 1700, "out_of_range"),
        ("established_year", 2999, "out_of_range"),
        ("staff_count", 0, "out_of_range"),
        ("staff_count", "lots", "invalid_number"),
        ("factory_area_m2", -5, "out_of_range"),
        ("main_markets", [{"market": "USA", "share": 140}], "out_of_range"),
        ("business_type", "pirate", "invalid"),
    ],
)
def test_bad_facts_are_refused(supplier, field, value, code):
    error = refused(profile.save_profile, supplier, {**FACTS, field: value})

    assert (error.code, error.details["field"]) == (code, field)
    assert not SupplierProfile.objects.exists()


def test_a_buyer_has_no_storefront(buyer):
    error = refused(profile.save_profile, buyer, FACTS)

    assert (error.code, error.status) == ("not_a_supplier", 403)


@pytest.mark.parametrize("role", ["sales", "catalog", "warehouse"])
def test_only_company_managers_edit_the_storefront(supplier, role):
    colleague = MembershipFactory(company=supplier.company, role=role)

    with pytest.raises(PermissionDenied):
        profile.save_profile(colleague, FACTS)


# --- certifications ---------------------------------------------------------------------------


def test_a_pdf_certificate_is_kept_as_a_pdf(supplier):
    pdf = certificate_pdf("OEKO-TEX Standard 100", "Shanghai Knit", "22.HCN.1")

    cert = profile.add_certification(
        supplier,
        name=" OEKO-TEX Standard 100 ",
        issuer="Hohenstein",
        valid_until=date(2027, 6, 30),
        upload=SimpleUploadedFile("cert.pdf", pdf),
    )

    assert (cert.name, cert.issuer, cert.valid_until) == (
        "OEKO-TEX Standard 100",
        "Hohenstein",
        date(2027, 6, 30),
    )
    assert cert.file.name.endswith(".pdf")
    assert cert.file.read() == pdf


def test_an_image_certificate_is_re_encoded(supplier):
    cert = profile.add_certification(supplier, name="BSCI audit", upload=jpeg((2400, 3000)))

    with Image.open(cert.file) as stored:
        assert (stored.format, max(stored.size)) == ("JPEG", 2000)


def test_a_certification_without_a_file_is_fine(supplier):
    cert = profile.add_certification(supplier, name="ISO 9001")

    assert not cert.file


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cert.docx", b"PK\x03\x04 a word document"),
        ("cert.pdf", b"%PDF"),  # too short to be one: read as an image, refused
        ("cert.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>'),
        ("cert.txt", b"certified!"),
        ("cert.exe", b"MZ\x90\x00"),
    ],
)
def test_other_files_are_refused(supplier, name, content):
    error = refused(
        profile.add_certification,
        supplier,
        name="Some cert",
        upload=SimpleUploadedFile(name, content),
    )

    assert error.code == "invalid_image"
    assert not Certification.objects.exists()


def test_a_too_large_certificate_is_refused(supplier):
    big = SimpleUploadedFile("cert.pdf", b"%PDF-" + b"0" * profile.MAX_CERT_BYTES)

    error = refused(profile.add_certification, supplier, name="Big", upload=big)

    assert (error.code, error.details["field"]) == ("file_too_large", "file")
    assert not Certification.objects.exists()


def test_a_certification_needs_a_name(supplier):
    error = refused(profile.add_certification, supplier, name="  ")

    assert (error.code, error.details["field"]) == ("required", "name")


def test_removing_a_certification_deletes_its_file(supplier):
    cert = profile.add_certification(supplier, name="BSCI", upload=jpeg())
    storage, name = cert.file.storage, cert.file.name

    profile.remove_certification(supplier, cert.pk)

    assert not Certification.objects.exists()
    assert not storage.exists(name)


def test_another_suppliers_certification_cannot_be_removed(supplier):
    other = MembershipFactory(company__kind="supplier", role="owner")
    cert = profile.add_certification(other, name="BSCI")

    with pytest.raises(NotFound):
        profile.remove_certification(supplier, cert.pk)

    assert Certification.objects.filter(pk=cert.pk).exists()


# --- factory photos ---------------------------------------------------------------------------


def test_factory_photos_are_numbered_with_captions(supplier):
    first = profile.add_factory_photo(supplier, jpeg(), caption=" Knitting floor ")
    second = profile.add_factory_photo(supplier, jpeg())

    assert [(p.pk, p.position, p.caption) for p in FactoryPhoto.objects.all()] == [
        (first.pk, 0, "Knitting floor"),
        (second.pk, 1, ""),
    ]


def test_a_thirteenth_factory_photo_is_refused(supplier):
    for _ in range(profile.MAX_PHOTOS):
        profile.add_factory_photo(supplier, jpeg((40, 30)))

    error = refused(profile.add_factory_photo, supplier, jpeg((40, 30)))

    assert (error.code, error.details["field"]) == ("too_many_images", "image")
    assert FactoryPhoto.objects.count() == 12


def test_a_removed_factory_photo_leaves_no_gap_and_no_file(supplier):
    first = profile.add_factory_photo(supplier, jpeg())
    second = profile.add_factory_photo(supplier, jpeg())
    storage, name = first.image.storage, first.image.name

    profile.remove_factory_photo(supplier, first.pk)

    assert list(FactoryPhoto.objects.values_list("pk", "position")) == [(second.pk, 0)]
    assert not storage.exists(name)


def test_another_suppliers_photo_cannot_be_removed(supplier):
    other = MembershipFactory(company__kind="supplier", role="owner")
    photo = profile.add_factory_photo(other, jpeg())

    error = refused(profile.remove_factory_photo, supplier, photo.pk)

    assert error.code == "not_found"
    assert FactoryPhoto.objects.filter(pk=photo.pk).exists()


def test_a_factory_photo_must_be_an_image(supplier):
    error = refused(profile.add_factory_photo, supplier, SimpleUploadedFile("floor.jpg", b"<svg/>"))

    assert error.code == "invalid_image"
    assert not FactoryPhoto.objects.exists()
