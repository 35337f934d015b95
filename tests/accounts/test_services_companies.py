"""Companies: founding, profile updates, logo uploads and operator verification."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tradeloom.accounts import services
from tradeloom.accounts.models import AuditEntry, Company, Membership
from tradeloom.core.errors import DomainError, PermissionDenied
from tradeloom.core.models import OutboxEvent

pytestmark = pytest.mark.django_db

FACTORY = {
    "kind": "supplier",
    "legal_name": "Shanghai Warm Knit Co., Ltd.",
    "display_name": "Warm Knit",
    "country": "cn",
    "address": "88 Fangdian Road, Shanghai",
    "website": "https://warmknit.example.cn",
    "languages": "zh, en",
    "default_currency": "cny",
}


# --- founding ----------------------------------------------------------------------------


def test_founding_a_company_makes_the_founder_its_owner():
    user = UserFactory()

    membership = services.create_company(user, FACTORY)

    company = membership.company
    assert (membership.user, membership.role) == (user, "owner")
    assert (company.kind, company.slug, company.country.code, company.default_currency) == (
        "supplier",
        "warm-knit",
        "CN",
        "CNY",
    )
    assert company.languages == ["zh", "en"]
    assert company.verification_status == "unverified"


def test_founding_audits_and_records_an_event():
    user = UserFactory()

    company = services.create_company(user, FACTORY).company

    audit = AuditEntry.objects.get()
    assert (audit.action, audit.actor, audit.company_id, audit.object_id) == (
        "company.created",
        user,
        company.id,
        str(company.id),
    )
    assert OutboxEvent.objects.get().name == "company.created"


def test_a_second_company_with_the_same_name_gets_its_own_slug():
    services.create_company(UserFactory(), FACTORY)
    second = services.create_company(UserFactory(), FACTORY).company
    assert second.slug == "warm-knit-2"


def test_languages_default_to_the_founders_language():
    user = UserFactory(language="ja")
    data = {k: v for k, v in FACTORY.items() if k != "languages"}

    assert services.create_company(user, data).company.languages == ["ja"]


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("country", "XX", "invalid"),
        ("country", "", "invalid"),
        ("default_currency", "ABC", "invalid"),
        ("website", "javascript:alert(1)", "invalid"),
        ("website", "ftp://warmknit.example.cn", "invalid"),
        ("kind", "bank", "invalid"),
        ("legal_name", "   ", "required"),
        ("display_name", 42, "invalid"),
        ("country", ["CN"], "invalid"),
        ("languages", [1, 2], "invalid"),
    ],
)
def test_bad_company_input_names_the_field_and_creates_nothing(field, value, code):
    with pytest.raises(DomainError) as info:
        services.create_company(UserFactory(), {**FACTORY, field: value})

    assert (info.value.code, info.value.details) == (code, {"field": field})
    assert Company.objects.count() == 0
    assert Membership.objects.count() == 0


@pytest.mark.parametrize("field", ["kind", "legal_name", "display_name", "country"])
def test_required_company_fields_must_be_present(field):
    data = {k: v for k, v in FACTORY.items() if k != field}
    with pytest.raises(DomainError) as info:
        services.create_company(UserFactory(), data)
    assert (info.value.code, info.value.details) == ("required", {"field": field})


def test_a_deactivated_user_cannot_found_a_company():
    with pytest.raises(PermissionDenied):
        services.create_company(UserFactory(is_active=False), FACTORY)
    assert Company.objects.count() == 0


# --- updating ------------------------------------------------------------------------------


def test_an_owner_updates_the_profile_and_it_is_audited(supplier):
    company = services.update_company(
        supplier, {"display_name": "Shanghai Knit Mill", "website": "https://knit.example.cn"}
    )

    assert (company.display_name, company.website) == (
        "Shanghai Knit Mill",
        "https://knit.example.cn",
    )
    entry = AuditEntry.objects.get(action="company.updated")
    assert entry.details == {"fields": ["display_name", "website"]}


def test_updating_needs_company_manage(supplier):
    sales = MembershipFactory(company=supplier.company, role="sales")

    with pytest.raises(PermissionDenied):
        services.update_company(sales, {"display_name": "Hijacked"})

    assert Company.objects.get(pk=supplier.company_id).display_name == "Shanghai Knit"
    denied = AuditEntry.objects.get(action="permission.denied")
    assert denied.details == {"permission": "company.manage", "role": "sales"}


def test_the_kind_cannot_change(supplier):
    with pytest.raises(DomainError) as info:
        services.update_company(supplier, {"kind": "buyer", "display_name": "Renamed"})

    assert (info.value.code, info.value.details) == ("kind_immutable", {"field": "kind"})
    company = Company.objects.get(pk=supplier.company_id)
    assert (company.kind, company.display_name) == ("supplier", "Shanghai Knit")


def test_sending_the_same_kind_back_is_fine(supplier):
    company = services.update_company(supplier, {"kind": "supplier", "display_name": "Renamed"})
    assert (company.kind, company.display_name) == ("supplier", "Renamed")


def test_a_bad_update_changes_nothing(supplier):
    with pytest.raises(DomainError):
        services.update_company(supplier, {"display_name": "Renamed", "website": "not a url"})
    assert Company.objects.get(pk=supplier.company_id).display_name == "Shanghai Knit"


# --- logos ---------------------------------------------------------------------------------------


def png_bytes(size=(900, 600), mode="RGBA", **save_args) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (200, 30, 60, 255) if mode == "RGBA" else (200, 30, 60)).save(
        out, "PNG", **save_args
    )
    return out.getvalue()


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_claiming(width: int, height: int) -> bytes:
    """A tiny file whose header claims a huge image: a decompression bomb's calling card."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def upload(data: bytes, name="logo.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_a_real_png_logo_is_accepted_shrunk_and_re_encoded(supplier):
    from PIL import PngImagePlugin

    meta = PngImagePlugin.PngInfo()
    meta.add_text("Comment", "<script>alert(1)</script>")
    original = png_bytes(pnginfo=meta)

    company = services.set_company_logo(supplier, upload(original))

    with company.logo.open("rb") as fh:
        stored = fh.read()
    with Image.open(io.BytesIO(stored)) as img:
        assert (img.format, img.size) == ("PNG", (512, 341))
        assert "Comment" not in img.info
    assert stored != original
    assert company.logo.name.startswith("logos/")
    assert Company.objects.get(pk=company.pk).logo.name == company.logo.name
    assert AuditEntry.objects.filter(action="company.logo_changed").count() == 1


def test_a_photo_logo_is_stored_as_jpeg(supplier):
    out = io.BytesIO()
    Image.new("RGB", (300, 200), (10, 120, 200)).save(out, "JPEG")

    company = services.set_company_logo(supplier, upload(out.getvalue(), "logo.jpg", "image/jpeg"))

    with company.logo.open("rb") as fh, Image.open(fh) as img:
        assert (img.format, img.size) == ("JPEG", (300, 200))


def test_a_new_logo_replaces_and_deletes_the_old_file(supplier):
    first = services.set_company_logo(supplier, upload(png_bytes())).logo.name
    storage = Company._meta.get_field("logo").storage

    second = services.set_company_logo(supplier, upload(png_bytes(size=(100, 100)))).logo.name

    assert second != first
    assert not storage.exists(first)
    assert storage.exists(second)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "invalid_image",
        ),
        (bytes(range(256)) * 8, "invalid_image"),
        (b"", "invalid_image"),
        (png_header_claiming(50_000, 50_000), "image_too_many_pixels"),
        (png_header_claiming(7_000, 7_000), "image_too_many_pixels"),
    ],
)
def test_a_logo_that_is_not_a_safe_image_is_refused(supplier, data, code):
    with pytest.raises(DomainError) as info:
        services.set_company_logo(supplier, upload(data))

    assert info.value.code == code
    assert not Company.objects.get(pk=supplier.company_id).logo
    assert not AuditEntry.objects.filter(action="company.logo_changed").exists()


def test_an_oversized_logo_is_refused(supplier, settings):
    data = png_bytes()
    settings.MAX_LOGO_BYTES = len(data) - 1

    with pytest.raises(DomainError) as info:
        services.set_company_logo(supplier, upload(data))

    assert info.value.code == "image_too_large"
    assert not Company.objects.get(pk=supplier.company_id).logo


def test_a_logo_needs_company_manage(supplier):
    catalog = MembershipFactory(company=supplier.company, role="catalog")

    with pytest.raises(PermissionDenied):
        services.set_company_logo(catalog, upload(png_bytes()))

    assert not Company.objects.get(pk=supplier.company_id).logo


# --- verification ------------------------------------------------------------------------------


def test_an_operator_sets_verification_with_audit_and_event():
    operator = UserFactory(is_operator=True)
    company = CompanyFactory(verification_status="pending")

    updated = services.set_verification(operator, company, "verified", note="Licence checked.")

    assert (updated.verification_status, updated.verification_note) == (
        "verified",
        "Licence checked.",
    )
    entry = AuditEntry.objects.get(action="company.verification_changed")
    assert (entry.actor, entry.company_id, entry.details) == (
        operator,
        company.id,
        {"from": "pending", "to": "verified"},
    )
    event = OutboxEvent.objects.get()
    assert (event.name, event.payload) == (
        "company.verification_changed",
        {"company_id": company.id, "status": "verified"},
    )


@pytest.mark.parametrize("user_kwargs", [{}, {"is_operator": True, "is_active": False}])
def test_only_active_operators_set_verification(user_kwargs):
    user = UserFactory(**user_kwargs)
    company = CompanyFactory()

    with pytest.raises(PermissionDenied):
        services.set_verification(user, company, "verified")

    assert Company.objects.get(pk=company.pk).verification_status == "unverified"
    denied = AuditEntry.objects.get()
    assert (denied.action, denied.details) == ("permission.denied", {"permission": "operator"})
    assert OutboxEvent.objects.count() == 0


def test_an_unknown_verification_status_is_refused():
    company = CompanyFactory()
    with pytest.raises(DomainError) as info:
        services.set_verification(UserFactory(is_operator=True), company, "approved")
    assert info.value.details == {"field": "status"}
    assert Company.objects.get(pk=company.pk).verification_status == "unverified"
