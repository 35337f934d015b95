"""Autocomplete reads the title-prefix table, which the indexer keeps with the index."""

import io

import pytest
from django.core.management import call_command

from tests.search.conftest import live_product
from tradeloom.catalog import services
from tradeloom.core.events import deliver_due
from tradeloom.search.analyzer import prefix_key, prefix_keys
from tradeloom.search.models import ProductDoc, TitlePrefix
from tradeloom.search.suggest import suggest
from tradeloom.search.vocabulary import vocabulary

pytestmark = pytest.mark.django_db

TITLES = {
    "en": "Cashmere crew-neck sweater",
    "ja": "レディースカシミヤセーター",
    "zh-hans": "女士羊绒毛衣",
}


@pytest.fixture
def sweater(taxonomy, supplier, operator):
    return live_product(supplier, operator, titles=TITLES)


def keys_of(product) -> set[tuple[str, str]]:
    return set(TitlePrefix.objects.filter(doc_id=product.pk).values_list("language", "key"))


def products(typed: str, language: str) -> list[tuple[str, int]]:
    return [(s.text, s.product_id) for s in suggest(typed, language=language) if s.product_id]


def test_what_is_typed_is_compared_as_normalized_words():
    assert prefix_key("  Crew-N") == "crew n"
    assert prefix_key("ＣＡＳＨ") == "cash"
    assert prefix_key("?!") == ""


def test_a_title_continues_from_each_word_and_each_vocabulary_term(taxonomy):
    assert prefix_keys("Cashmere crew-neck sweater", vocabulary()) == [
        "cashmere crew neck sweater",
        "crew neck sweater",
        "neck sweater",
        "sweater",
    ]
    assert prefix_keys("女士羊绒毛衣", vocabulary()) == ["女士羊绒毛衣", "羊绒毛衣", "毛衣"]


def test_the_indexer_writes_the_prefixes_of_every_title(sweater):
    keys = keys_of(sweater)

    assert ("en", "crew neck sweater") in keys
    assert ("zh-hans", "羊绒毛衣") in keys
    assert {language for language, _key in keys} == {"en", "ja", "zh-hans"}


def test_titles_are_suggested_in_each_language(sweater):
    assert products("crew ne", "en") == [(TITLES["en"], sweater.pk)]
    assert products("セー", "ja") == [(TITLES["ja"], sweater.pk)]
    assert products("羊绒", "zh-hans") == [(TITLES["zh-hans"], sweater.pk)]


def test_categories_are_still_suggested_beside_titles(sweater):
    kinds = {s.kind for s in suggest("cashmere", language="en")}

    assert kinds == {"category", "product"}


def test_titles_in_the_buyers_language_come_first(taxonomy, supplier, operator):
    ja = live_product(supplier, operator, titles={"ja": "カシミヤセーター K100"}, language="ja")
    en = live_product(supplier, operator, titles={"en": "Cashmere sweater K101"})

    assert [pid for _title, pid in products("k10", "ja")] == [ja.pk, en.pk]
    assert [pid for _title, pid in products("k10", "en")] == [en.pk, ja.pk]


def test_a_hidden_listing_leaves_autocomplete(sweater, supplier):
    services.hide(supplier, sweater.pk)
    deliver_due()

    assert not TitlePrefix.objects.filter(doc_id=sweater.pk).exists()
    assert products("crew ne", "en") == []


def test_reindex_writes_the_same_prefixes_as_the_outbox(sweater):
    before = keys_of(sweater)

    call_command("reindex", stdout=io.StringIO())

    assert keys_of(sweater) == before
    assert products("羊绒", "zh-hans") == [(TITLES["zh-hans"], sweater.pk)]


def test_a_rebuild_in_several_batches_indexes_every_product(sweater, supplier, operator):
    socks = live_product(supplier, operator, slug="crew-socks", titles={"en": "Crew socks"})

    call_command("reindex", "--batch", "1", stdout=io.StringIO())

    assert set(ProductDoc.objects.values_list("pk", flat=True)) == {sweater.pk, socks.pk}
    assert {pid for _title, pid in products("crew", "en")} == {sweater.pk, socks.pk}
