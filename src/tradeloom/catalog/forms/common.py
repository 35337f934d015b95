"""What the catalog forms share: language fields, parsing with the catalog rules, inputs,
and the category picker's choices."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tradeloom.catalog.models import Category
from tradeloom.catalog.selectors import category_tree
from tradeloom.core.errors import DomainError
from tradeloom.core.money import Money

LANGUAGE_NAMES = {"en": _("English"), "ja": _("Japanese"), "zh-hans": _("Simplified Chinese")}


def lang_key(language: str) -> str:
    """``zh-hans`` → ``zh_hans``: a language as part of a field name."""
    return language.replace("-", "_")


def parsed(check, *args, **kwargs):
    """Run a ``rules`` check; its DomainError becomes this field's validation error."""
    try:
        return check(*args, **kwargs)
    except DomainError as exc:
        raise forms.ValidationError(exc.message, code=exc.code)


def amount_text(minor: int | None, currency: str) -> str:
    """Stored minor units as the decimal a supplier types (``720`` USD → ``7.20``)."""
    return "" if minor is None else str(Money.from_minor(minor, currency).amount)


def text_input(**attrs) -> forms.TextInput:
    return forms.TextInput(attrs={"autocomplete": "off", **attrs})


def number_input(**attrs) -> forms.TextInput:
    return text_input(inputmode="numeric", **attrs)


def price_input(**attrs) -> forms.TextInput:
    return text_input(**{"inputmode": "decimal", "placeholder": "0.00", **attrs})


def category_chain(category: Category, by_slug: dict[str, Category]) -> list[Category]:
    return [by_slug[s] for s in category.path.strip("/").split("/") if s in by_slug]


def _search_text(chain: list[Category]) -> str:
    words = [name for c in chain for name in c.names.values()]
    words += [word for c in chain for values in (c.synonyms or {}).values() for word in values]
    return " ".join(words).casefold()


def leaf_category_choices(q: str = "", keep=None, language: str | None = None) -> list:
    """Leaf categories grouped under their top level, each labelled with its path in the
    viewer's language; ``q`` matches names and synonyms in every language."""
    tree = category_tree()
    by_slug = {c.slug: c for c in tree}
    needle = (q or "").strip().casefold()
    keep = str(keep or "")
    groups: dict[str, list[tuple[str, str]]] = {}
    for category in tree:
        if not category.is_leaf:
            continue
        chain = category_chain(category, by_slug)
        if needle and str(category.pk) != keep and needle not in _search_text(chain):
            continue
        top = chain[0].name(language)
        label = " › ".join(c.name(language) for c in chain[1:]) or top
        groups.setdefault(top, []).append((str(category.pk), label))
    return [("", _("Choose a category")), *groups.items()]


def category_path(category: Category, language: str | None = None) -> str:
    return " › ".join(c.name(language) for c in [*category.ancestors(), category])
