"""The fixed catalogue of the search relevance set: 630 live products in mixed languages.

Deterministic (seeded): the same products, titles and references every run, so the
judged references in ``queries.json`` stay right. Each product is one (material,
garment) pair in one of 30 combinations, written in English, Japanese or Chinese (a
fifth of them in two languages), with the material filled in as an attribute on about
six products in ten. Rows are written with ``bulk_create`` (a benchmark fixture, like
``catalog.generator``), then ``reindex`` builds the search index.

    python -c "..." or tests/search/test_relevance.py call ``build()``.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

SEED = 4
PER_COMBO = 21
PREFIX = "REL-"

MATERIALS = {
    "cashmere": {"en": ["Cashmere"], "ja": ["カシミヤ", "カシミア"], "zh-hans": ["羊绒"]},
    "merino_wool": {"en": ["Merino Wool"], "ja": ["メリノウール"], "zh-hans": ["美丽诺羊毛"]},
    "wool": {"en": ["Wool"], "ja": ["ウール"], "zh-hans": ["羊毛"]},
    "cotton": {
        "en": ["Cotton", "100% Cotton"],
        "ja": ["綿", "コットン"],
        "zh-hans": ["纯棉", "棉"],
    },
    "alpaca": {"en": ["Alpaca"], "ja": ["アルパカ"], "zh-hans": ["羊驼毛"]},
    "mohair": {"en": ["Mohair"], "ja": ["モヘア"], "zh-hans": ["马海毛"]},
    "acrylic": {"en": ["Acrylic"], "ja": ["アクリル"], "zh-hans": ["腈纶"]},
    "linen": {"en": ["Linen"], "ja": ["リネン"], "zh-hans": ["亚麻"]},
    "polyester": {"en": ["Polyester"], "ja": ["ポリエステル"], "zh-hans": ["涤纶"]},
    "nylon": {"en": ["Nylon"], "ja": ["ナイロン"], "zh-hans": ["尼龙"]},
    "silk": {"en": ["Silk"], "ja": ["シルク"], "zh-hans": ["真丝"]},
}
GARMENTS = {
    "sweater": {
        "en": ["Sweater", "Jumper", "Pullover"],
        "ja": ["セーター", "ニットセーター"],
        "zh-hans": ["毛衣", "针织衫"],
    },
    "cardigan": {"en": ["Cardigan"], "ja": ["カーディガン"], "zh-hans": ["开衫", "针织开衫"]},
    "beanie": {"en": ["Beanie", "Knit Hat"], "ja": ["ニット帽", "ビーニー"], "zh-hans": ["针织帽"]},
    "scarf": {"en": ["Scarf", "Muffler"], "ja": ["マフラー"], "zh-hans": ["围巾"]},
    "socks": {"en": ["Socks"], "ja": ["靴下", "ソックス"], "zh-hans": ["袜子"]},
    "tshirt": {"en": ["T-Shirt", "Tee"], "ja": ["Tシャツ"], "zh-hans": ["T恤"]},
    "towel": {"en": ["Towel", "Bath Towel"], "ja": ["タオル"], "zh-hans": ["毛巾"]},
    "dress": {"en": ["Dress"], "ja": ["ワンピース"], "zh-hans": ["连衣裙"]},
    "backpack": {
        "en": ["Backpack"],
        "ja": ["リュック", "バックパック"],
        "zh-hans": ["双肩包", "背包"],
    },
}
COMBOS = [  # (material, garment, leaf category slug)
    ("cashmere", "sweater", "cashmere-sweaters-fine-gauge"),
    ("cashmere", "cardigan", "cashmere-cardigans-fine-gauge"),
    ("cashmere", "beanie", "cashmere-beanies"),
    ("cashmere", "scarf", "cashmere-scarves"),
    ("merino_wool", "sweater", "merino-sweaters-fine-gauge"),
    ("merino_wool", "cardigan", "merino-cardigans-fine-gauge"),
    ("wool", "beanie", "wool-beanies"),
    ("wool", "scarf", "wool-knit-scarves"),
    ("wool", "socks", "wool-socks"),
    ("cotton", "sweater", "cotton-sweaters-fine-gauge"),
    ("cotton", "cardigan", "cotton-cardigans"),
    ("cotton", "socks", "crew-socks"),
    ("cotton", "tshirt", "crew-neck-t-shirts"),
    ("cotton", "towel", "towels"),
    ("cotton", "dress", "casual-day-dresses"),
    ("alpaca", "sweater", "alpaca-sweaters"),
    ("alpaca", "cardigan", "alpaca-cardigans"),
    ("mohair", "sweater", "mohair-sweaters"),
    ("mohair", "cardigan", "mohair-cardigans"),
    ("acrylic", "beanie", "acrylic-beanies"),
    ("acrylic", "scarf", "acrylic-knit-scarves"),
    ("acrylic", "sweater", "acrylic-blend-sweaters"),
    ("linen", "sweater", "linen-blend-sweaters"),
    ("linen", "dress", "shirt-dresses"),
    ("polyester", "backpack", "backpacks"),
    ("nylon", "backpack", "laptop-bags-briefcases"),
    ("polyester", "tshirt", "performance-t-shirts"),
    ("silk", "scarf", "woven-scarves-shawls"),
    ("silk", "dress", "evening-cocktail-dresses"),
    ("wool", "socks", "compression-socks"),
]
GENDERS = {
    "en": ["Women's", "Men's", "Unisex", ""],
    "ja": ["レディース", "メンズ", "ユニセックス", ""],
    "zh-hans": ["女士", "男士", "中性", ""],
}
STYLES = {
    "en": ["Crew Neck", "V-Neck", "Ribbed", "Classic", "Oversized", "Lightweight", "Striped"],
    "ja": ["クルーネック", "Vネック", "リブ編み", "定番", "オーバーサイズ", "軽量", "ボーダー"],
    "zh-hans": ["圆领", "V领", "罗纹", "经典款", "宽松款", "轻薄", "条纹"],
}
DESCRIPTIONS = {
    "en": "Made to order in our own factory. OEM welcome, mixed colours per carton.",
    "ja": "自社工場で生産。OEM 対応、カートンごとに色の混載が可能です。",
    "zh-hans": "自有工厂生产，支持 OEM 定制，每箱可混色。",
}
SUPPLIERS = [  # slug, name, country, verified, currency
    ("rel-huaxin", "Huaxin Textile", "CN", True, "CNY"),
    ("rel-ningbo-knit", "Ningbo Knit Works", "CN", False, "USD"),
    ("rel-osaka", "Osaka Fibre Trading", "JP", True, "JPY"),
    ("rel-saigon", "Saigon Garment", "VN", False, "USD"),
    ("rel-dhaka", "Dhaka Apparel", "BD", True, "USD"),
    ("rel-ulaan", "Ulaanbaatar Cashmere", "MN", False, "USD"),
]
LANGS = ("en", "ja", "zh-hans")


def _title(rng: random.Random, lang: str, material: str, garment: str) -> str:
    m = rng.choice(MATERIALS[material][lang])
    g = rng.choice(GARMENTS[garment][lang])
    gender = rng.choice(GENDERS[lang])
    style = rng.choice(STYLES[lang])
    code = f"{rng.choice('ABCDEFGHJK')}{rng.randint(100, 999)}"
    if lang == "en":
        return " ".join(p for p in (gender, style, m, g, code) if p)
    joiner = rng.choice(["", " "])  # Japanese and Chinese titles often have no spaces
    return joiner.join(p for p in (gender, m, g) if p) + f" {style} {code}"


def plan() -> list[dict]:
    """Every product of the catalogue as plain data (no database)."""
    rng = random.Random(SEED)
    products = []
    n = 0
    for material, garment, slug in COMBOS:
        for _ in range(PER_COMBO):
            n += 1
            lang = LANGS[rng.randrange(3)]
            titles = {lang: _title(rng, lang, material, garment)}
            if rng.random() < 0.2:
                other = rng.choice([x for x in LANGS if x != lang])
                titles[other] = _title(rng, other, material, garment)
            products.append(
                {
                    "ref": f"{PREFIX}{n:04d}",
                    "material": material,
                    "garment": garment,
                    "category": slug,
                    "language": lang,
                    "titles": titles,
                    "with_attribute": rng.random() < 0.6,
                    "supplier": rng.randrange(len(SUPPLIERS)),
                    "moq": rng.choice([50, 100, 200, 300, 500, 1000]),
                    "price": rng.randint(150, 6000),
                    "lead": rng.choice([7, 15, 20, 30, 45]),
                    "days_ago": rng.randint(0, 400),
                }
            )
    return products


def build() -> dict[str, int]:
    """Write the catalogue (once) and index it; returns {reference: product id}."""
    from tradeloom.accounts.models import Company
    from tradeloom.catalog.models import (
        Category,
        LeadTime,
        PriceTier,
        Product,
        ProductTranslation,
    )
    from tradeloom.catalog.services import category_attributes
    from tradeloom.search.indexer import reindex

    existing = dict(
        Product.objects.filter(external_ref__startswith=PREFIX).values_list("external_ref", "pk")
    )
    items = plan()
    if len(existing) == len(items):
        return existing
    now = timezone.now()
    with transaction.atomic():
        companies = []
        for slug, name, country, verified, currency in SUPPLIERS:
            company, _ = Company.objects.get_or_create(
                slug=slug,
                defaults={
                    "kind": "supplier",
                    "legal_name": f"{name} Co., Ltd.",
                    "display_name": name,
                    "country": country,
                    "default_currency": currency,
                    "verification_status": "verified" if verified else "none",
                },
            )
            companies.append((company, currency))
        categories = {
            c.slug: c for c in Category.objects.filter(slug__in={p["category"] for p in items})
        }
        attr_code = {}
        for slug, category in categories.items():
            declared = category_attributes(category)
            code = next((c for c in ("fibre_content", "material") if c in declared), None)
            attr_code[slug] = (code, declared[code].kind if code else None)
        rows = []
        for p in items:
            company, currency = companies[p["supplier"]]
            code, kind = attr_code[p["category"]]
            attributes = {}
            if code and p["with_attribute"]:
                attributes = {code: [p["material"]] if kind == "multi" else p["material"]}
            when = now - timedelta(days=p["days_ago"])
            rows.append(
                Product(
                    supplier=company,
                    category=categories[p["category"]],
                    status=Product.Status.LIVE,
                    external_ref=p["ref"],
                    default_language=p["language"],
                    attributes=attributes,
                    moq=p["moq"],
                    currency=currency,
                    created_at=when,
                    updated_at=when,
                    live_at=when,
                )
            )
        Product.objects.bulk_create(rows, batch_size=500)
        ids = dict(
            Product.objects.filter(external_ref__startswith=PREFIX).values_list(
                "external_ref", "pk"
            )
        )
        scale = {"JPY": 1, "CNY": 7, "USD": 1}
        translations, tiers, leads = [], [], []
        for p in items:
            pid = ids[p["ref"]]
            currency = companies[p["supplier"]][1]
            price = p["price"] * (100 if currency == "JPY" else scale[currency])
            for lang, title in p["titles"].items():
                translations.append(
                    ProductTranslation(
                        product_id=pid, language=lang, title=title, description=DESCRIPTIONS[lang]
                    )
                )
            tiers.append(PriceTier(product_id=pid, min_quantity=p["moq"], unit_price_minor=price))
            leads.append(LeadTime(product_id=pid, days=p["lead"]))
        ProductTranslation.objects.bulk_create(translations, batch_size=1000)
        PriceTier.objects.bulk_create(tiers, batch_size=1000)
        LeadTime.objects.bulk_create(leads, batch_size=1000)
    reindex()
    return ids
