"""Search: relevance of the judged query set, reindex speed and query latency.

1. The relevance set (bench/search/): 630 mixed-language products, 83 judged queries;
   reports nDCG@10 and recall@10 on the database in use.
2. A generated catalogue (``catalog.generator``) of BENCH_SEARCH_PRODUCTS live products
   (100,000 by default) across BENCH_SEARCH_SUPPLIERS suppliers, indexed by ``reindex``
   (products per second).
3. Latency of typical queries (two words, facet counts included), of suggestions (with a
   full table of popular searches), and of the search page through Django's WSGI
   handler: p50 and p95 in milliseconds, shown in the benchmark's name; ``count`` is the
   number of requests.

``bench/run.py --only search --existing`` runs step 3 alone on the catalogue already in
the configured database, e.g. 1,000,000 products made once with ``tradeloom
generate_catalog --products 1000000 --suppliers 10000 --seed 11`` and ``tradeloom
reindex``: generating that many takes longer than the rest of the benchmark.
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
# One broad word each (many matches), and sorts other than relevance.
WORDS = ["cotton", "cashmere", "leather", "綿", "カシミヤ", "羊绒"]
SORTS = ["price", "moq", "newest"]
EXISTING = True
LANGUAGES = ["en", "ja", "zh-hans"]  # the buyer's language, for suggestions
PREFIXES = ["cas", "cot", "wo", "カシ", "セー", "羊绒", "毛", "back", "ニッ", "纯棉"]
POPULAR_MATERIALS = {  # for the popular searches suggestions read
    "en": ["cashmere", "cotton", "wool", "merino", "silk", "linen", "leather", "nylon",
           "polyester", "denim", "bamboo", "alpaca", "organic cotton"],
    "ja": ["カシミヤ", "綿", "ウール", "メリノ", "シルク", "リネン", "本革", "ナイロン",
           "ポリエステル", "デニム", "竹", "アルパカ", "オーガニックコットン"],
    "zh-hans": ["羊绒", "纯棉", "羊毛", "美利奴", "真丝", "亚麻", "真皮", "尼龙", "涤纶",
                "牛仔", "竹纤维", "羊驼毛", "有机棉"],
}  # fmt: skip
FILTERS = [{}, {"moq_max": "500"}, {"verified": "1"}, {"price_max": "3000", "currency": "JPY"}]


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def _server_cpu():
    """A reader of the CPU seconds the database server has spent on this connection: its
    process's ``schedstat`` when the server runs on this machine (PostgreSQL), else
    nothing to add (SQLite runs in this thread)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return lambda: 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        stat = Path(f"/proc/{cursor.fetchone()[0]}/schedstat")
    if not stat.exists():
        return lambda: 0.0
    return lambda: int(stat.read_text().split()[0]) / 1e9


def _timed(fn, calls: list, cpu: list | None = None) -> tuple[list[float], float]:
    """Wall time per call; with ``cpu``, also the CPU time per call of this thread and of
    the database server together, which other work on the machine does not inflate (the
    latency this call would have on an idle machine, its data in memory)."""
    samples = []
    server = _server_cpu() if cpu is not None else None
    started = time.perf_counter()
    for args in calls:
        t0 = time.perf_counter()
        c0 = time.thread_time() + server() if server else 0.0
        fn(*args)
        samples.append(time.perf_counter() - t0)
        if server:
            cpu.append(time.thread_time() + server() - c0)
    return samples, time.perf_counter() - started


def run(n: int) -> Iterator[tuple[str, int, float]]:
    from django.db import connection

    from bench.search import catalogue, relevance
    from tradeloom.catalog.generator import generate
    from tradeloom.search.indexer import reindex

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

    yield from _latency(n, count)


def run_existing(n: int) -> Iterator[tuple[str, int, float]]:
    from tradeloom.search.models import ProductDoc

    yield from _latency(n, ProductDoc.objects.count())


def _latency(n: int, count: int) -> Iterator[tuple[str, int, float]]:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from tradeloom.search.params import parse_products
    from tradeloom.search.query import search_products
    from tradeloom.search.suggest import suggest

    vendor = connection.vendor
    rounds = max(1, min(n, 400) // (len(QUERIES) * len(FILTERS)))
    calls = [
        (parse_products({"q": q, **f}, currency="USD"),)
        for _ in range(rounds)
        for q in QUERIES
        for f in FILTERS
    ]
    search_products(*calls[0][0])  # warm the vocabulary and rate caches
    cpu: list[float] = []
    samples, total = _timed(lambda parsed: search_products(*parsed), calls, cpu)
    p50, p95 = _percentiles(samples)
    yield (
        f"search query+facets [{vendor}, {count:,}] p50 {p50:.1f} ms p95 {p95:.1f} ms",
        len(samples),
        total,
    )
    p50, p95 = _percentiles(cpu)
    yield (f"  CPU per query (ours + server) p50 {p50:.1f} ms p95 {p95:.1f} ms", len(cpu), 0.0)
    yield from _broad(n)
    _fill_popular()
    cpu = []
    samples, total = _timed(
        lambda prefix, language: suggest(prefix, language=language),
        [
            (p, language)
            for _ in range(max(1, min(n, 300) // (len(PREFIXES) * len(LANGUAGES))))
            for language in LANGUAGES
            for p in PREFIXES
        ],
        cpu,
    )
    p50, p95 = _percentiles(samples)
    yield (f"search suggestions [{vendor}] p50 {p50:.1f} ms p95 {p95:.1f} ms", len(samples), total)
    p50, p95 = _percentiles(cpu)
    yield (f"  CPU per suggestion p50 {p50:.1f} ms p95 {p95:.1f} ms", len(cpu), 0.0)
    call_command("collectstatic", interactive=False, verbosity=0)  # for both servers
    client = Client()
    samples, total = _timed(
        lambda q: client.get("/search/", {"q": q}),
        [(q,) for _ in range(max(1, min(n, 140) // len(QUERIES))) for q in QUERIES],
    )
    p50, p95 = _percentiles(samples)
    yield (f"search page (WSGI) [{vendor}] p50 {p50:.1f} ms p95 {p95:.1f} ms", len(samples), total)
    yield from _over_http(n)


def _fill_popular() -> None:
    """As many popular searches as a refresh keeps at most (``popular.MAX_KEPT``), as
    buyers would make them: every category name, alone and after a material, in each
    language, so a short prefix ("cas", 「羊绒」) continues hundreds of searches. Left as
    it is when there are some already."""
    from django.db import transaction

    from tradeloom.catalog.models import Category
    from tradeloom.search.analyzer import prefix_key
    from tradeloom.search.models import PopularQuery
    from tradeloom.search.popular import MAX_KEPT

    if PopularQuery.objects.exists():
        return
    kept: dict[tuple[str, str], int] = {}
    names = list(Category.objects.values_list("names", flat=True))
    for language, materials in POPULAR_MATERIALS.items():
        for material in ["", *materials]:
            for category in names:
                key = prefix_key(f"{material} {category.get(language, '')}")
                kept.setdefault((language, key), 3 + (len(kept) * 7919) % 997)
    rows = [PopularQuery(language=lang, key=key, searchers=n) for (lang, key), n in kept.items()]
    with transaction.atomic():
        PopularQuery.objects.bulk_create(rows[:MAX_KEPT], batch_size=2000)


def _broad(n: int) -> Iterator[tuple[str, int, float]]:
    """Searches that read many matches: one broad word, two words sorted otherwise than
    by relevance, and browsing without words — the whole catalogue and each top category,
    first with nothing kept (``query.CACHED_SURVEY_MATCHES``), then with the counts kept."""
    from django.core.cache import cache

    from tradeloom.catalog.models import Category
    from tradeloom.search.params import parse_products
    from tradeloom.search.query import search_products

    def timed(label: str, params: list[dict]) -> tuple[str, int, float]:
        calls = [(parse_products(p, currency="USD"),) for p in params]
        samples, total = _timed(lambda parsed: search_products(*parsed), calls)
        p50, p95 = _percentiles(samples)
        return (f"{label} p50 {p50:.1f} ms p95 {p95:.1f} ms", len(samples), total)

    rounds = max(1, min(n, 120) // len(WORDS))
    yield timed("  one broad word", [{"q": w} for _ in range(rounds) for w in WORDS])
    yield timed(
        "  two words, sorted by price / MOQ / newest",
        [{"q": q, "sort": o} for q in QUERIES[: max(1, min(n, 120) // len(SORTS))] for o in SORTS],
    )
    browse = [{}] + [
        {"category": slug}
        for slug in Category.objects.filter(depth=0).values_list("slug", flat=True)
    ]
    cache.clear()
    yield timed("  browse, counts not kept (catalogue, top categories)", browse)
    yield timed("  browse, counts kept", browse * max(1, min(n, 100) // len(browse)))


def _over_http(n: int) -> Iterator[tuple[str, int, float]]:
    """The search page and the suggestions API through HTTP, served by the production
    server (``tradeloom serve``): one client asking one request at a time, so each figure
    is a request's latency, not a queue's, after a warm-up round of as many requests."""
    from urllib.parse import urlencode

    from django.conf import settings

    from bench.bench_catalog import load, production_server

    pages = [f"/search/?{urlencode({'q': q})}" for q in QUERIES]
    typed = [f"/api/v1/search/suggestions?{urlencode({'q': p})}" for p in PREFIXES]
    with production_server(Path(settings.VAR_DIR) / "bench-search-server.log") as (address, _pid):
        for label, paths, count in (
            ("search page", pages, min(n, 140)),
            ("suggestions API", typed, min(n, 300)),
        ):
            load(address, paths, len(paths), 1, 120)
            result = load(address, paths, count, 1, 120)
            p50, p95 = result.percentile(50) * 1000, result.percentile(95) * 1000
            yield (
                f"{label} (HTTP) p50 {p50:.1f} ms p95 {p95:.1f} ms, {result.errors} errors",
                len(result.latencies),
                result.seconds,
            )
