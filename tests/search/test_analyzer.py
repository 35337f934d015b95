"""One test per analyzer rule (see tradeloom/search/analyzer.py)."""

import pytest

from tradeloom.search import analyzer
from tradeloom.search.analyzer import Vocabulary, explain, grams, normalize, parse, stem, tokens


@pytest.fixture
def vocab() -> Vocabulary:
    v = Vocabulary()
    v.add("zzcsweaters", {"en": "Sweaters"}, ["sweater", "jumper", "セーター", "毛衣", "ニット"])
    v.add("zzvcashmere", {"en": "Cashmere"}, ["cashmere", "カシミヤ", "羊绒"])
    v.add("zzcsocks", {"en": "Socks"}, ["socks", "靴下", "袜"])
    return v


def test_nfkc_folds_full_width_latin_and_case():
    assert normalize("ＣＡＳＨＭＥＲＥ Sweater") == "cashmere sweater"


def test_nfkc_turns_half_width_katakana_into_full_width():
    assert normalize("ｾｰﾀｰ") == "セーター"
    assert tokens("ｾｰﾀｰ") == tokens("セーター")


def test_punctuation_separates_words_and_is_dropped():
    assert tokens("crew-neck, (12GG)!") == ["crew", "neck", "12gg"]
    assert tokens("!!! ??? ---") == []


def test_an_apostrophe_inside_a_word_is_dropped():
    assert tokens("children's") == tokens("childrens") == ["children"]
    assert tokens("O'Neill") == ["oneill"]


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [
        ("sweaters", "sweater"),
        ("dresses", "dress"),
        ("berries", "berry"),
        ("boxes", "box"),
        ("dress", "dress"),
        ("cactus", "cactus"),
        ("bus", "bus"),
        ("12gg", "12gg"),
    ],
)
def test_latin_words_get_light_plural_stemming(word, stemmed):
    assert stem(word) == stemmed


def test_cjk_runs_become_overlapping_bigrams():
    assert grams("カシミヤ") == ["カシ", "シミ", "ミヤ"]
    assert tokens("羊绒毛衣") == ["羊绒", "绒毛", "毛衣"]


def test_a_single_cjk_character_is_a_unigram():
    assert tokens("袜") == ["袜"]


def test_a_katakana_word_inside_longer_text_is_a_run_of_the_same_bigrams():
    inside = tokens("レディースカシミヤセーター")
    word = tokens("セーター")
    assert any(inside[i : i + len(word)] == word for i in range(len(inside)))


def test_mixed_scripts_split_into_latin_words_and_cjk_runs():
    assert tokens("Tシャツ 100%コットン") == ["t", "シャ", "ャツ", "100", "コッ", "ット", "トン"]


def test_a_query_term_in_one_language_expands_to_the_concept(vocab):
    (unit,) = parse("jumper", vocab)
    assert unit.concepts == ["zzcsweaters"]
    assert unit.phrases == [("jumper",)]


def test_a_cjk_query_without_spaces_is_segmented_by_the_vocabulary(vocab):
    units = parse("羊绒毛衣", vocab)
    assert [u.text for u in units] == ["羊绒", "毛衣"]
    assert [u.concepts for u in units] == [["zzvcashmere"], ["zzcsweaters"]]


def test_unknown_cjk_text_stays_a_phrase_of_bigrams(vocab):
    units = parse("赤いカシミヤ", vocab)
    assert units[0].phrases == [("赤い",)]
    assert units[1].concepts == ["zzvcashmere"]


def test_particles_alone_are_not_searched_for(vocab):
    units = parse("カシミヤのセーター", vocab)
    assert [u.text for u in units] == ["カシミヤ", "セーター"]


def test_a_single_character_term_is_a_concept_too(vocab):
    assert parse("袜", vocab)[0].concepts == ["zzcsocks"]
    units = parse("棉袜", vocab)
    assert [(u.text, u.concepts) for u in units] == [("棉", []), ("袜", ["zzcsocks"])]
    assert units[0].phrases == [("棉",)]


def test_every_cjk_character_is_also_indexed_alone():
    assert analyzer.unigrams("纯棉袜子 cotton 纯棉") == ["纯", "棉", "袜", "子"]


def test_text_concepts_find_terms_inside_product_text(vocab):
    found = vocab.text_concepts("100% 羊绒 women's knit jumpers")
    assert found == {"zzvcashmere", "zzcsweaters"}


def test_a_typo_is_matched_with_the_nearest_vocabulary_word(vocab):
    (unit,) = parse("cashmire", vocab)
    assert unit.corrections == ["cashmere"]
    assert ("cashmere",) in unit.phrases
    assert unit.concepts == ["zzvcashmere"]


def test_a_transposition_is_a_typo_too(vocab):
    assert parse("sewater", vocab)[0].corrections == ["sweater"]


def test_short_or_known_words_are_not_corrected(vocab):
    assert parse("sweater", vocab)[0].corrections == []
    assert parse("bag", vocab)[0].corrections == []


def test_explain_shows_what_a_query_matches_in_other_languages(vocab):
    (part,) = explain("jumper", vocab)
    assert part["concepts"] == ["zzcsweaters"]
    assert {"セーター", "毛衣", "sweater"} <= set(part["also_matches"])


@pytest.mark.parametrize(
    "query", ['"', "*", "NEAR", ":", "-", "OR", "'; DROP TABLE x; --", "((", "🙂", " "]
)
def test_operator_and_sql_looking_text_is_only_words(query, vocab):
    for unit in parse(query, vocab):
        for phrase in unit.phrases:
            assert all(t.isalnum() for t in phrase)


def test_a_long_query_is_cut(vocab):
    assert len(parse("word " * 1000, vocab)) <= analyzer.MAX_UNITS


def test_a_compound_of_known_terms_keeps_each_constraint(vocab):
    vocab.add("zzcscarves", {"en": "Scarves"}, ["scarf", "围巾", "cashmere scarf", "羊绒围巾"])
    assert [u.text for u in parse("cashmere scarf", vocab)] == ["cashmere", "scarf"]
    assert [u.text for u in parse("羊绒围巾", vocab)] == ["羊绒", "围巾"]


def test_a_material_word_stands_for_the_material_not_a_category(vocab):
    vocab.add("zzccashmeresweaters", {"en": "Cashmere sweaters"}, ["cashmere"])
    assert parse("cashmere", vocab)[0].concepts == ["zzvcashmere"]
    assert vocab.text_concepts("cashmere") == {"zzvcashmere"}
