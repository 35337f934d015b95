"""Search: relevance of the judged query set, reindex speed and query latency.

1. The relevance set (bench/search/): 630 mixed-language products, 83 judged queries;
   reports nDCG@10 and recall@10 on the database in use.
2. A generated catalogue (``catalog.generator``) of BENCH_SEARCH_PRODUCTS live products
   (100,000 by default) across BENCH_SEARCH_SUPPLIERS suppliers, indexed by ``reindex``
   (products per second).
3. Latency of typical queries (two words, facet counts included), of suggestions, and of
   the search page through Django's WSGI handler: p50 and p95 in milliseconds, shown in
   the benchmark's name; ``count`` is the number of requests.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PRODUCTS = int(os.environ.get("BENCH_SEARCH_PRODUCTS", "100000"))
SUPPLIERS = int(os.environ.get("BENCH_SEARCH_SUPPLIERS", "1000"))
QUERIES = [
    "cashmere sweater",
    "cotton socks",
    "wool scarf",
    "merino cardigan",
    "leather handbag",
    "polyester backpack",
    "カシミヤ セーター",
    "ウール マフラー",
    "綿 Tシャツ",
    "リュック ナイロン",
    "羊绒毛衣",
    "纯棉袜子",
    "真丝围巾",
    "涤纶背包",
]
PREFIXES = ["cas", "cot", "wo", "カシ", "セー", "羊绒", "毛", "back", "ニッ", "纯棉"]
FILTERS = [{}, {"moq_max": "500"}, {"verified": "1"}, {"price_max": "3000", "currency": "JPY"}]


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def _timed(fn, calls: list) -> tuple[list[float], float]:
    samples = []
    started = time.perf_counter()
    for args in calls:
        t0 = time.perf_counter()
        fn(*args)
        samples.append(time.perf_counter() - t0)
    return samples, time.perf_counter() - started


def run(n: int) -> Iterator[tuple[str, int, float]]:
    from django.db import connection
    from django.test import Client

    from bench.search import catalogue, relevance
    from tradeloom.catalog.generator import generate
    from tradeloom.search.indexer import reindex
    from tradeloom.search.params import parse_products
    from tradeloom.search.query import search_products
    from tradeloom.search.suggest import suggest

    vendor = connection.vendor
    started = time.perf_counter()
    report = relevance.evaluate(catalogue.build())
    overall = report["all"]
    yield (
        f"search relevance [{vendor}] nDCG@10 {overall['ndcg']:.3f} "
        f"recall@10 {overall['recall']:.3f} zero-hit {overall['zero']}",
        overall["queries"],
        time.perf_counter() - started,
    )
    for lang in relevance.LANGS:
        r = report[lang]
        yield (
            f"  {lang}: nDCG@10 {r['ndcg']:.3f} recall@10 {r['recall']:.3f}",
            r["queries"],
            0.0,
        )

    generate(PRODUCTS, SUPPLIERS, seed=11)
    started = time.perf_counter()
    count = reindex(batch=2000)
    yield (f"search reindex [{vendor}] products", count, time.perf_counter() - started)

    rounds = max(1, min(n, 400) // (len(QUERIES) * len(FILTERS)))
    calls = [
        (parse_products({"q": q, **f}, currency="USD"),)
        for _ in range(rounds)
        for q in QUERIES
        for f in FILTERS
    ]
    search_products(*calls[0][0])  # warm the vocabulary and rate caches
    samples, total = _timed(lambda parsed: search_products(*parsed), calls)
    p50, p95 = _percentiles(samples)
    yield (
        f"search query+facets [{vendor}, {count:,}] p50 {p50:.1f} ms p95 {p95:.1f} ms",
        len(samples),
        total,
    )
    samples, total = _timed(
        lambda prefix: suggest(prefix, language="en"),
        [(p,) for _ in range(max(1, min(n, 300) // len(PREFIXES))) for p in PREFIXES],
    )
    p50, p95 = _percentiles(samples)
    yield (f"search suggestions [{vendor}] p50 {p50:.1f} ms p95 {p95:.1f} ms", len(samples), total)
    client = Client()
    samples, total = _timed(
        lambda q: client.get("/search/", {"q": q}),
        [(q,) for _ in range(max(1, min(n, 140) // len(QUERIES))) for q in QUERIES],
    )
    p50, p95 = _percentiles(samples)
    yield (f"search page (WSGI) [{vendor}] p50 {p50:.1f} ms p95 {p95:.1f} ms", len(samples), total)
