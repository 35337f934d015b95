"""A supplier's storefront profile: company facts, main markets, certifications, factory photos."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradeloom.catalog import profile as profiles
from tradeloom.catalog.forms import (
    CertificationForm,
    FactoryPhotoForm,
    MarketRow,
    ProfileForm,
    Rows,
)
from tradeloom.catalog.models import Certification, FactoryPhoto
from tradeloom.catalog.views.common import profile_of, supplier_membership
from tradeloom.core.errors import DomainError
from tradeloom.web.errors import handles_domain_errors
from tradeloom.web.forms import apply_domain_error, form_status

PROFILE_FIELDS = (
    "about",
    "business_type",
    "established_year",
    "staff_count",
    "factory_area_m2",
    "annual_output",
)
MAX_MARKETS = 8


def _membership(request):
    return supplier_membership(request, "company.manage")


def _page(
    request, membership, *, form=None, markets=None, cert_form=None, photo_form=None, status=200
):
    company = membership.company
    profile = profile_of(company)
    if form is None:
        initial = {f: getattr(profile, f) for f in PROFILE_FIELDS} if profile else {}
        form = ProfileForm(initial=initial)
    if markets is None:
        rows = profile.main_markets if profile else []
        markets = Rows(MarketRow, "market", initial=rows, spare=2, minimum=3, maximum=MAX_MARKETS)
    context = {
        "company": company,
        "form": form,
        "markets": markets,
        "cert_form": cert_form or CertificationForm(),
        "photo_form": photo_form or FactoryPhotoForm(),
        "certifications": list(Certification.objects.filter(company=company)),
        "photos": list(FactoryPhoto.objects.filter(company=company)),
        "max_photos": profiles.MAX_PHOTOS,
    }
    return render(request, "catalog/manage/storefront.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@handles_domain_errors
def storefront_edit(request):
    membership = _membership(request)
    if request.method == "GET":
        return _page(request, membership)
    form = ProfileForm(request.POST)
    markets = Rows(
        MarketRow,
        "market",
        data=request.POST,
        minimum=3,
        maximum=MAX_MARKETS,
        add=2 if request.POST.get("action") == "add-markets" else 0,
    )
    if request.POST.get("action") == "add-markets":
        return _page(request, membership, form=form, markets=markets)
    if not (form.is_valid() & markets.is_valid()):
        return _page(request, membership, form=form, markets=markets, status=400)
    data = dict(form.cleaned_data)
    data["main_markets"] = [
        {"market": row.cleaned_data["market"], "share": row.cleaned_data["share"]}
        for _i, row in markets.kept()
    ]
    try:
        profiles.save_profile(membership, data, request=request)
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        if (exc.details or {}).get("field") == "main_markets":
            apply_domain_error(markets.errors_form, exc)
        else:
            apply_domain_error(form, exc)
        return _page(request, membership, form=form, markets=markets, status=form_status(exc))
    messages.success(request, _("The storefront is saved."))
    return redirect("catalog:storefront_edit")


@login_required
@require_POST
@handles_domain_errors
def add_certification(request):
    membership = _membership(request)
    form = CertificationForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            profiles.add_certification(
                membership,
                name=form.cleaned_data["name"],
                issuer=form.cleaned_data["issuer"],
                valid_until=form.cleaned_data["valid_until"],
                upload=form.cleaned_data["file"],
                request=request,
            )
        except DomainError as exc:
            if exc.status in (403, 404):
                raise
            apply_domain_error(form, exc, default_field="file")
            return _page(request, membership, cert_form=form, status=form_status(exc))
        messages.success(request, _("The certification is added."))
        return redirect("catalog:storefront_edit")
    return _page(request, membership, cert_form=form, status=400)


@login_required
@require_POST
@handles_domain_errors
def remove_certification(request, pk: int):
    membership = _membership(request)
    profiles.remove_certification(membership, pk, request=request)
    messages.success(request, _("The certification is removed."))
    return redirect("catalog:storefront_edit")


@login_required
@require_POST
@handles_domain_errors
def remove_factory_photo(request, pk: int):
    membership = _membership(request)
    profiles.remove_factory_photo(membership, pk, request=request)
    messages.success(request, _("The photo is removed."))
    return redirect("catalog:storefront_edit")


@login_required
@require_POST
@handles_domain_errors
def add_factory_photo(request):
    membership = _membership(request)
    form = FactoryPhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            profiles.add_factory_photo(
                membership,
                form.cleaned_data["photo"],
                caption=form.cleaned_data["caption"],
                request=request,
            )
        except DomainError as exc:
            if exc.status in (403, 404):
                raise
            apply_domain_error(form, exc, default_field="photo")
            return _page(request, membership, photo_form=form, status=form_status(exc))
        messages.success(request, _("The photo is added."))
        return redirect("catalog:storefront_edit")
    return _page(request, membership, photo_form=form, status=400)
