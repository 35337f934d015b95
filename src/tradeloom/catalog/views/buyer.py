"""Keeping products in mind: favourites (signed in) and a side-by-side comparison (session)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tradeloom.catalog import selectors, services
from tradeloom.catalog.pricing import tier_prices
from tradeloom.catalog.selectors import MAX_COMPARE
from tradeloom.catalog.views.common import profile_of, viewer_currency
from tradeloom.catalog.views.public import COMPARE_SESSION
from tradeloom.web.errors import handles_domain_errors
from tradeloom.web.views.pages import safe_next


@login_required
@require_POST
@handles_domain_errors
def favourite(request, pk: int):
    on = request.POST.get("on") == "1"
    services.set_favourite(request.user, pk, on)
    if on:
        messages.success(request, _("Added to your favourites."))
    else:
        messages.success(request, _("Removed from your favourites."))
    return redirect(safe_next(request, reverse("catalog:product", args=[pk])))


@login_required
@require_GET
def favourites(request):
    products = list(selectors.favourites_of(request.user).order_by("-live_at", "-id"))
    return render(request, "catalog/favourites.html", {"products": products})


def _compare_ids(request) -> list[int]:
    ids = request.session.get(COMPARE_SESSION, [])
    return [i for i in ids if isinstance(i, int)][:MAX_COMPARE]


@require_POST
@handles_domain_errors
def compare_add(request):
    product = selectors.live_product(request.POST.get("product", ""))
    ids = _compare_ids(request)
    if product.pk not in ids:
        if len(ids) >= MAX_COMPARE:
            messages.error(
                request,
                _("You can compare up to %(n)s products. Remove one first.") % {"n": MAX_COMPARE},
            )
            return redirect(safe_next(request, reverse("catalog:compare")))
        ids.append(product.pk)
        request.session[COMPARE_SESSION] = ids
    messages.success(request, _("Added to your comparison."))
    return redirect(safe_next(request, reverse("catalog:compare")))


@require_POST
def compare_remove(request):
    ids = _compare_ids(request)
    try:
        pk = int(request.POST.get("product", ""))
    except ValueError:
        pk = None
    request.session[COMPARE_SESSION] = [i for i in ids if i != pk]
    return redirect(safe_next(request, reverse("catalog:compare")))


@require_GET
def compare(request):
    products = selectors.compare(_compare_ids(request))
    currency = viewer_currency(request)
    columns = [
        {
            "product": p,
            "tiers": tier_prices(p, currency=currency),
            "lead_times": list(p.lead_times.all()),
            "profile": profile_of(p.supplier),
            "image": next(iter(p.images.all()), None),
        }
        for p in products
    ]
    context = {"columns": columns, "currency": currency, "max_compare": MAX_COMPARE}
    return render(request, "catalog/compare.html", context)
