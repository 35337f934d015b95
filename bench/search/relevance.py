"""The search relevance set: queries in English, Japanese and Chinese with judged results.

``queries.json`` holds each query, its language, what it tests, and the references of
the catalogue products judged relevant (every product of the asked material and
garment, whatever language it is written in). ``evaluate`` runs them through the
``search`` interface and reports nDCG@10 and recall@10 (relevant found in the top 10,
out of at most 10), per language and overall.

    python bench/search/relevance.py --write   # regenerate queries.json from the plan
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGS = ("en", "ja", "zh-hans")
QUERIES = HERE / "queries.json"

# (query, language, kind, material, garment)
SPEC = [
    # English
    ("cashmere sweater", "en", "plain", "cashmere", "sweater"),
    ("cashmere jumper", "en", "synonym", "cashmere", "sweater"),
    ("cashmere cardigan", "en", "plain", "cashmere", "cardigan"),
    ("cashmere beanie", "en", "plain", "cashmere", "beanie"),
    ("cashmere scarves", "en", "plural", "cashmere", "scarf"),
    ("merino wool sweaters", "en", "plural", "merino_wool", "sweater"),
    ("merino cardigan", "en", "plain", "merino_wool", "cardigan"),
    ("wool beanie", "en", "plain", "wool", "beanie"),
    ("wool socks", "en", "plain", "wool", "socks"),
    ("cotton socks", "en", "plain", "cotton", "socks"),
    ("cotton t-shirt", "en", "plain", "cotton", "tshirt"),
    ("cotton bath towel", "en", "plain", "cotton", "towel"),
    ("cotton dress", "en", "plain", "cotton", "dress"),
    ("alpaca pullover", "en", "synonym", "alpaca", "sweater"),
    ("mohair cardigans", "en", "plural", "mohair", "cardigan"),
    ("acrylic knit hat", "en", "synonym", "acrylic", "beanie"),
    ("linen dress", "en", "plain", "linen", "dress"),
    ("polyester backpack", "en", "plain", "polyester", "backpack"),
    ("silk scarf", "en", "plain", "silk", "scarf"),
    ("silk dresses", "en", "plural", "silk", "dress"),
    ("cashmire sweater", "en", "typo", "cashmere", "sweater"),
    ("merino cardigna", "en", "typo", "merino_wool", "cardigan"),
    ("alpacca sweater", "en", "typo", "alpaca", "sweater"),
    ("coton socks", "en", "typo", "cotton", "socks"),
    ("mohiar sweater", "en", "typo", "mohair", "sweater"),
    ("ｃａｓｈｍｅｒｅ ｓｃａｒｆ", "en", "full-width", "cashmere", "scarf"),
    ("ＣＯＴＴＯＮ Ｔ－ＳＨＩＲＴ", "en", "full-width", "cotton", "tshirt"),
    ("Wool Scarf", "en", "case", "wool", "scarf"),
    ("nylon backpack", "en", "plain", "nylon", "backpack"),
    # Japanese
    ("カシミヤ セーター", "ja", "plain", "cashmere", "sweater"),
    ("カシミアセーター", "ja", "variant", "cashmere", "sweater"),
    ("カシミヤ カーディガン", "ja", "plain", "cashmere", "cardigan"),
    ("カシミヤ ニット帽", "ja", "plain", "cashmere", "beanie"),
    ("カシミヤマフラー", "ja", "no-space", "cashmere", "scarf"),
    ("メリノウール セーター", "ja", "plain", "merino_wool", "sweater"),
    ("メリノウールカーディガン", "ja", "no-space", "merino_wool", "cardigan"),
    ("ウール ニット帽", "ja", "plain", "wool", "beanie"),
    ("ウール 靴下", "ja", "plain", "wool", "socks"),
    ("綿 靴下", "ja", "kanji", "cotton", "socks"),
    ("コットン ソックス", "ja", "katakana", "cotton", "socks"),
    ("コットン Tシャツ", "ja", "mixed", "cotton", "tshirt"),
    ("綿 タオル", "ja", "kanji", "cotton", "towel"),
    ("コットン ワンピース", "ja", "plain", "cotton", "dress"),
    ("アルパカ セーター", "ja", "plain", "alpaca", "sweater"),
    ("モヘア カーディガン", "ja", "plain", "mohair", "cardigan"),
    ("アクリル ニット帽", "ja", "plain", "acrylic", "beanie"),
    ("リネン ワンピース", "ja", "plain", "linen", "dress"),
    ("ポリエステル リュック", "ja", "plain", "polyester", "backpack"),
    ("シルク マフラー", "ja", "plain", "silk", "scarf"),
    ("シルクのワンピース", "ja", "particle", "silk", "dress"),
    ("ｶｼﾐﾔ ｾｰﾀｰ", "ja", "half-width", "cashmere", "sweater"),
    ("ｱﾙﾊﾟｶ ｶｰﾃﾞｨｶﾞﾝ", "ja", "half-width", "alpaca", "cardigan"),
    ("ウールマフラー", "ja", "no-space", "wool", "scarf"),
    ("ナイロン バックパック", "ja", "plain", "nylon", "backpack"),
    ("アクリル セーター", "ja", "plain", "acrylic", "sweater"),
    ("ｺｯﾄﾝ ｶｰﾃﾞｨｶﾞﾝ", "ja", "half-width", "cotton", "cardigan"),
    # Chinese
    ("羊绒毛衣", "zh-hans", "no-space", "cashmere", "sweater"),
    ("羊绒 开衫", "zh-hans", "plain", "cashmere", "cardigan"),
    ("羊绒针织帽", "zh-hans", "no-space", "cashmere", "beanie"),
    ("羊绒围巾", "zh-hans", "no-space", "cashmere", "scarf"),
    ("美丽诺羊毛毛衣", "zh-hans", "no-space", "merino_wool", "sweater"),
    ("美丽诺羊毛 开衫", "zh-hans", "plain", "merino_wool", "cardigan"),
    ("羊毛针织帽", "zh-hans", "no-space", "wool", "beanie"),
    ("羊毛袜", "zh-hans", "single-char", "wool", "socks"),
    ("纯棉袜子", "zh-hans", "no-space", "cotton", "socks"),
    ("棉 T恤", "zh-hans", "single-char", "cotton", "tshirt"),
    ("纯棉毛巾", "zh-hans", "no-space", "cotton", "towel"),
    ("纯棉连衣裙", "zh-hans", "no-space", "cotton", "dress"),
    ("羊驼毛毛衣", "zh-hans", "no-space", "alpaca", "sweater"),
    ("马海毛开衫", "zh-hans", "no-space", "mohair", "cardigan"),
    ("腈纶针织帽", "zh-hans", "no-space", "acrylic", "beanie"),
    ("亚麻连衣裙", "zh-hans", "no-space", "linen", "dress"),
    ("涤纶双肩包", "zh-hans", "no-space", "polyester", "backpack"),
    ("真丝围巾", "zh-hans", "no-space", "silk", "scarf"),
    ("真丝 连衣裙", "zh-hans", "plain", "silk", "dress"),
    ("羊毛围巾", "zh-hans", "no-space", "wool", "scarf"),
    ("尼龙背包", "zh-hans", "no-space", "nylon", "backpack"),
    ("腈纶毛衣", "zh-hans", "no-space", "acrylic", "sweater"),
    ("纯棉开衫", "zh-hans", "no-space", "cotton", "cardigan"),
    ("亚麻 针织衫", "zh-hans", "plain", "linen", "sweater"),
    ("涤纶 T恤", "zh-hans", "plain", "polyester", "tshirt"),
    ("ｔ恤 纯棉", "zh-hans", "full-width", "cotton", "tshirt"),
    ("马海毛毛衣", "zh-hans", "no-space", "mohair", "sweater"),
]


def write() -> None:
    sys.path.insert(0, str(HERE.parent.parent))
    from bench.search.catalogue import plan

    products = plan()
    out = []
    for text, lang, kind, material, garment in SPEC:
        refs = sorted(
            p["ref"] for p in products if p["material"] == material and p["garment"] == garment
        )
        assert refs, (text, material, garment)
        out.append({"q": text, "language": lang, "kind": kind, "relevant": refs})
    QUERIES.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(out)} queries written to {QUERIES}")


def load() -> list[dict]:
    return json.loads(QUERIES.read_text(encoding="utf-8"))


def dcg(gains: list[int]) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def evaluate(ids: dict[str, int], k: int = 10) -> dict:
    """Run every query; nDCG@k and recall@k per language and overall, and the misses."""
    from tradeloom.search.params import ProductQuery
    from tradeloom.search.query import search_products

    refs = {pid: ref for ref, pid in ids.items()}
    per_lang: dict[str, list[tuple[float, float]]] = {}
    misses = []
    for item in load():
        relevant = set(item["relevant"])
        found = search_products(ProductQuery(q=item["q"], per_page=k)).ids[:k]
        gains = [1 if refs.get(pid) in relevant else 0 for pid in found]
        ideal = dcg([1] * min(k, len(relevant)))
        ndcg = dcg(gains) / ideal if ideal else 0.0
        recall = sum(gains) / min(k, len(relevant))
        per_lang.setdefault(item["language"], []).append((ndcg, recall))
        if sum(gains) == 0 or ndcg < 0.8 or recall < 0.9:
            misses.append((item["q"], round(ndcg, 2), round(recall, 2)))
    report = {}
    for lang, rows in [*per_lang.items(), ("all", [r for v in per_lang.values() for r in v])]:
        report[lang] = {
            "queries": len(rows),
            "ndcg": sum(r[0] for r in rows) / len(rows),
            "recall": sum(r[1] for r in rows) / len(rows),
            "zero": sum(1 for r in rows if r[1] == 0),
        }
    report["misses"] = misses
    return report


if __name__ == "__main__" and "--write" in sys.argv:
    write()
