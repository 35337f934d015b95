"""Storefront profile writes: facts, certifications and factory photos of a supplier."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradeloom.accounts.access import require
from tradeloom.accounts.audit import audit
from tradeloom.accounts.models import Membership
from tradeloom.catalog.models import Certification, FactoryPhoto, SupplierProfile
from tradeloom.catalog.rules import invalid
from tradeloom.core.errors import DomainError, NotFound
from tradeloom.core.events import record_event
from tradeloom.core.images import normalise_image

MAX_PHOTOS = 12
MAX_CERT_BYTES = 5 * 1024 * 1024


def _supplier(membership: Membership, request=None) -> None:
    require(membership, "company.manage", request=request)
    if membership.company.kind != "supplier":
        raise DomainError(
            _("Only supplier companies have a storefront."), code="not_a_supplier", status=403
        )


def _int_or_none(value: Any, field: str, *, low: int, high: int) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise invalid(field, _("Enter a whole number."), "invalid_number")
    if not low <= number <= high:
        raise invalid(
            field,
            _("Enter a number from %(min)s to %(max)s.") % {"min": low, "max": high},
            "out_of_range",
        )
    return number


def save_profile(membership: Membership, data: dict[str, Any], *, request=None) -> SupplierProfile:
    _supplier(membership, request)
    business_type = data.get("business_type") or SupplierProfile.BusinessType.MANUFACTURER
    if business_type not in SupplierProfile.BusinessType.values:
        raise invalid("business_type", _("Choose a business type."))
    markets = []
    for row in data.get("main_markets") or []:
        name = str(row.get("market", "")).strip()[:60]
        share = _int_or_none(row.get("share"), "main_markets", low=0, high=100)
        if name:
            markets.append({"market": name, "share": share or 0})
    if sum(m["share"] for m in markets) > 100:
        raise invalid(
            "main_markets", _("Market shares add up to more than 100%."), "shares_over_100"
        )
    fields = {
        "about": str(data.get("about") or "").strip()[:5000],
        "business_type": business_type,
        "established_year": _int_or_none(
            data.get("established_year"), "established_year", low=1800, high=timezone.now().year
        ),
        "staff_count": _int_or_none(data.get("staff_count"), "staff_count", low=1, high=1_000_000),
        "factory_area_m2": _int_or_none(
            data.get("factory_area_m2"), "factory_area_m2", low=1, high=10_000_000
        ),
        "annual_output": str(data.get("annual_output") or "").strip()[:120],
        "main_markets": markets,
    }
    with transaction.atomic():
        profile, _created = SupplierProfile.objects.update_or_create(
            company=membership.company, defaults=fields
        )
        audit(
            "storefront.updated",
            actor=membership.user,
            company=membership.company,
            obj=profile,
            request=request,
        )
        # The storefront's facts are part of the supplier's search entry.
        record_event(
            "company.updated",
            {"company_id": membership.company_id},
            company=membership.company,
            actor=membership.user,
        )
    return profile


def add_certification(
    membership: Membership,
    *,
    name: str,
    issuer: str = "",
    valid_until: date | None = None,
    upload=None,
    request=None,
) -> Certification:
    """A certificate with an optional PDF or image file (sniffed, size-capped)."""
    _supplier(membership, request)
    name = (name or "").strip()[:120]
    if not name:
        raise invalid("name", _("Name the certification."), "required")
    cert = Certification(
        company=membership.company,
        name=name,
        issuer=(issuer or "").strip()[:120],
        valid_until=valid_until,
    )
    if upload is not None:
        if upload.size > MAX_CERT_BYTES:
            raise invalid(
                "file",
                _("The file is too large; the limit is %(mb)s MB.")
                % {"mb": MAX_CERT_BYTES // 1024 // 1024},
                "file_too_large",
            )
        head = upload.read(5)
        upload.seek(0)
        if head == b"%PDF-":
            cert.file.save(f"certificate-{membership.company.slug}.pdf", upload, save=False)
        else:
            image = normalise_image(
                upload,
                max_bytes=MAX_CERT_BYTES,
                max_side=2000,
                name=f"certificate-{membership.company.slug}",
            )
            cert.file.save(image.name, image, save=False)
    cert.save()
    return cert


def remove_certification(membership: Membership, cert_id, *, request=None) -> None:
    _supplier(membership, request)
    cert = Certification.objects.filter(company=membership.company, pk=cert_id).first()
    if cert is None:
        raise NotFound(_("No such certification."))
    if cert.file:
        cert.file.delete(save=False)
    cert.delete()


def remove_factory_photo(membership: Membership, photo_id, *, request=None) -> None:
    _supplier(membership, request)
    with transaction.atomic():
        photo = FactoryPhoto.objects.filter(company=membership.company, pk=photo_id).first()
        if photo is None:
            raise NotFound(_("No such photo."))
        files = [photo.image]
        photo.delete()
        remaining = FactoryPhoto.objects.filter(company=membership.company).order_by("position")
        for position, pk in enumerate(remaining.values_list("pk", flat=True)):
            FactoryPhoto.objects.filter(pk=pk).update(position=position)
    for f in files:
        f.storage.delete(f.name)


def add_factory_photo(
    membership: Membership, upload, *, caption: str = "", request=None
) -> FactoryPhoto:
    _supplier(membership, request)
    image = normalise_image(
        upload,
        max_bytes=settings.MAX_PRODUCT_IMAGE_BYTES,
        max_side=1600,
        name=f"factory-{membership.company.slug}",
    )
    with transaction.atomic():
        count = FactoryPhoto.objects.filter(company=membership.company).count()
        if count >= MAX_PHOTOS:
            raise invalid(
                "image",
                _("Show at most %(n)s factory photos.") % {"n": MAX_PHOTOS},
                "too_many_images",
            )
        photo = FactoryPhoto(
            company=membership.company, caption=(caption or "").strip()[:200], position=count
        )
        photo.image.save(image.name, image, save=False)
        photo.save()
    return photo
