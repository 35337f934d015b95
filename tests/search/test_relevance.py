"""The relevance set of bench/search/ on the database in use (SQLite or PostgreSQL).

Targets from the issue: nDCG@10 >= 0.80 and recall@10 >= 0.90 overall, and no query in
any language without a relevant product in its top 10.
"""

import pytest

from bench.search import catalogue, relevance

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(taxonomy):
    return catalogue.build()


def test_the_set_is_big_enough():
    queries = relevance.load()
    assert len(queries) >= 80
    by_language = {lang: sum(q["language"] == lang for q in queries) for lang in relevance.LANGS}
    assert min(by_language.values()) >= len(queries) // 4
    assert len(catalogue.plan()) >= 600


def test_relevance_targets(indexed):
    report = relevance.evaluate(indexed)
    overall = report["all"]
    assert overall["ndcg"] >= 0.80, report
    assert overall["recall"] >= 0.90, report
    for lang in relevance.LANGS:
        assert report[lang]["zero"] == 0, report
