"""Autocomplete reads the title-prefix table, which the indexer keeps with the index."""

import io

import pytest
from django.core.management import call_command

from tests.search.conftest import live_product
from tradeloom.catalog import services
from tradeloom.core.events import deliver_due
from tradeloom.search.analyzer import prefix_key, prefix_keys
from tradeloom.search.models import IndexSetting, ProductDoc, TitlePrefix
from tradeloom.search.suggest import (
    BAND_SETTING,
    best_places,
    build_band,
    drop_band,
    suggest,
)
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


# --- the band of the best listings -------------------------------------------------------------


def in_order(typed: str, language: str, wanted: int) -> list[tuple[int, str]]:
    """The best places by their definition, read from every row of the table."""
    rows = TitlePrefix.objects.filter(key__startswith=typed).values_list(
        "doc_id", "title", "weight", "language"
    )
    ordered = sorted(rows, key=lambda r: (r[3] != language, -r[2], r[0]))
    return [(pid, title) for pid, title, _w, _lang in ordered[:wanted]]


TIERS = [
    [(100, None, 900)],
    [(100, 499, 900), (500, None, 800)],
    [(100, 499, 900), (500, 999, 800), (1000, None, 700)],
]


@pytest.fixture
def caps(taxonomy, supplier, operator):
    """Fourteen listings of unequal quality (one to three price tiers, one or two
    languages), all continuing "knit cap" in English and some in Japanese."""
    made = []
    for i in range(14):
        titles = {"en": f"Knit cap K{i:02}"}
        if i % 3 == 0:
            titles["ja"] = f"ニットキャップ K{i:02}"
        tiers = TIERS[i % 3]
        made.append(live_product(supplier, operator, titles=titles, tiers=tiers))
    return made


@pytest.mark.parametrize("share", [0.0, 0.3, 1.0, None])
def test_the_band_gives_exactly_the_best_places(caps, share):
    call_command("reindex", stdout=io.StringIO())
    if share is None:
        drop_band()
    else:
        build_band(share)
    qualities = sorted(set(TitlePrefix.objects.values_list("weight", flat=True)))
    assert len(qualities) >= 3
    recorded = list(IndexSetting.objects.filter(name=BAND_SETTING).values_list("value", flat=True))
    expected = {0.0: qualities[-1:], 1.0: qualities[:1], None: []}  # best only, all, none
    if share in expected:
        assert recorded == expected[share]

    for typed, language in [("knit", "en"), ("k0", "en"), ("k", "ja"), ("ニット", "en")]:
        for wanted in (1, 3, 16):
            assert best_places(typed, language, wanted) == in_order(typed, language, wanted), (
                typed,
                language,
                wanted,
            )


def test_listings_indexed_after_the_band_was_made_are_ranked_with_it(caps, supplier, operator):
    call_command("reindex", stdout=io.StringIO())
    threshold = build_band(0.0)  # the band: the best listings only
    best = live_product(
        supplier,
        operator,
        titles={"en": "Knit cap K99", "ja": "ニットキャップ K99", "zh-hans": "针织帽 K99"},
        tiers=TIERS[2],
    )
    worst = live_product(supplier, operator, titles={"en": "Knit cap K98"})
    weight = dict(TitlePrefix.objects.values_list("doc_id", "weight"))

    assert weight[best.pk] >= threshold > weight[worst.pk]
    assert best_places("knit", "en", 1) == [(best.pk, "Knit cap K99")]
    assert best_places("knit", "en", 20) == in_order("knit", "en", 20)
    assert (worst.pk, "Knit cap K98") in best_places("knit", "en", 20)

    services.hide(supplier, best.pk)
    deliver_due()

    assert best.pk not in {pid for pid, _title in best_places("knit", "en", 20)}
    assert best_places("knit", "en", 3) == in_order("knit", "en", 3)


def test_a_rebuild_makes_the_band_and_an_empty_index_has_none(caps):
    call_command("reindex", stdout=io.StringIO())

    assert IndexSetting.objects.filter(name=BAND_SETTING).exists()

    ProductDoc.objects.all().delete()

    assert build_band() is None
    assert not IndexSetting.objects.filter(name=BAND_SETTING).exists()
    assert best_places("knit", "en", 3) == []
