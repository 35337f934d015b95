"""A synthetic multilingual catalogue for benchmarks: many suppliers, many live products.

This writes rows with ``bulk_create`` in batches and so bypasses ``save_product``,
moderation and the outbox. That is acceptable here only because this is a benchmark
data generator: going through the services would take hours for 100,000 products.
It still writes only data the services would accept: tiers start at the MOQ, follow
each other without gap, end open and never rise; MOQs are multiples of the
increment; lead times go up; SKUs are unique per supplier; attributes are taken
from the category's own declarations; every product has a title in its default
language. Pictures come from a small pool drawn once and shared by all products.

    tradeloom generate_catalog --products 100000 --suppliers 1000 --seed 7
"""

from __future__ import annotations

import io
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from tradeloom.accounts.models import Company
from tradeloom.catalog import demo_images
from tradeloom.catalog.models import (
    Attribute,
    Category,
    CustomizationOption,
    LeadTime,
    PriceTier,
    Product,
    ProductGroup,
    ProductImage,
    ProductTranslation,
    SupplierProfile,
    Variant,
)

SLUG_PREFIX = "gen-supplier-"
CITIES = (  # city, country, currency
    ("Shanghai", "CN", "CNY"),
    ("Ningbo", "CN", "CNY"),
    ("Yiwu", "CN", "CNY"),
    ("Shenzhen", "CN", "USD"),
    ("Guangzhou", "CN", "USD"),
    ("Dongguan", "CN", "USD"),
    ("Hangzhou", "CN", "CNY"),
    ("Suzhou", "CN", "USD"),
    ("Qingdao", "CN", "USD"),
    ("Xiamen", "CN", "USD"),
    ("Ho Chi Minh City", "VN", "USD"),
    ("Dhaka", "BD", "USD"),
    ("Tirupur", "IN", "USD"),
    ("Istanbul", "TR", "EUR"),
    ("Osaka", "JP", "JPY"),
    ("Porto", "PT", "EUR"),
)
SYLLABLES = (
    "Heng",
    "Da",
    "Xin",
    "Mei",
    "Hua",
    "Jia",
    "Rui",
    "Tian",
    "Long",
    "Sheng",
    "Feng",
    "Yuan",
    "Kang",
    "Li",
    "Bao",
    "Cheng",
    "An",
    "Tai",
)
TRADES = (
    "Textile",
    "Knitwear",
    "Garment",
    "Trading",
    "Industrial",
    "Packaging",
    "Electronics",
    "Crafts",
    "Home Products",
    "Accessories",
)
ADJECTIVES = (  # en, ja, zh
    ("Premium", "高品質", "优质"),
    ("Eco-friendly", "エコ", "环保"),
    ("Custom", "カスタム", "定制"),
    ("Classic", "定番", "经典"),
    ("Lightweight", "軽量", "轻便"),
    ("Heavy-duty", "頑丈な", "加厚"),
    ("Durable", "丈夫な", "耐用"),
    ("Soft", "ソフト", "柔软"),
    ("Recycled", "リサイクル", "再生"),
    ("Organic", "オーガニック", "有机"),
    ("Colourful", "カラフル", "多彩"),
    ("Compact", "コンパクト", "小巧"),
)
SENTENCES = {
    "en": (
        "Made in our own factory with in-line quality checks.",
        "Private label and custom packaging available.",
        "Samples ship within a week.",
        "Tested to EU and US requirements.",
        "Stable quality for repeat orders.",
        "Colours and sizes to your specification.",
    ),
    "ja": (
        "自社工場で生産し、工程ごとに品質を検査しています。",
        "プライベートラベルやオリジナル包装に対応します。",
        "サンプルは1週間以内に発送します。",
        "EU・米国の基準に適合する試験済みです。",
        "リピート注文でも品質が安定しています。",
        "カラーやサイズはご指定に合わせて製作します。",
    ),
    "zh-hans": (
        "自有工厂生产，全程在线质检。",
        "可提供贴牌及定制包装。",
        "样品一周内发出。",
        "已按欧盟及美国标准检测。",
        "返单品质稳定。",
        "颜色与尺码可按要求定制。",
    ),
}
COLOURS = ("Black", "White", "Navy", "Grey", "Red", "Beige", "Green", "Blue", "Pink", "Brown")
SIZES = ("XS", "S", "M", "L", "XL", "XXL")
MOQS = (
    (1, 1),
    (10, 5),
    (50, 10),
    (100, 10),
    (200, 50),
    (300, 50),
    (500, 50),
    (1000, 100),
    (2000, 500),
)
BASE_PRICE_MINOR = {
    "USD": (80, 12000),
    "EUR": (80, 11000),
    "CNY": (500, 80000),
    "JPY": (100, 18000),
}
PORTS = {
    "CN": "Shanghai",
    "VN": "Ho Chi Minh City",
    "BD": "Chittagong",
    "IN": "Chennai",
    "TR": "Istanbul",
    "JP": "Osaka",
    "PT": "Leixões",
}
PICTURE_POOL = (
    ("crew", "jersey"),
    ("cardigan", "jersey"),
    ("vest", "cable"),
    ("beanie", "rib"),
    ("scarf", "rib"),
    ("gloves", "jersey"),
    ("snood", "rib"),
    ("mask", "weave"),
)
CUSTOM_KINDS = tuple(CustomizationOption.Kind.values)
POOL_COLOURS = ("#1f2f4d", "#b5121b", "#d8cfc0", "#2e5e4e", "#9aa0a6", "#c19a6b")


@dataclass
class GenerateReport:
    suppliers: int = 0
    products: int = 0
    rows: int = 0
    seconds: float = 0.0


@dataclass
class _Leaf:
    category: Category
    attributes: list[Attribute]


def _leaves() -> list[_Leaf]:
    """Every leaf category with the attributes it declares or inherits (nearest wins),
    read in two queries rather than one per leaf."""
    categories = list(Category.objects.order_by("path"))
    by_slug = {c.slug: c.pk for c in categories}
    declared: dict[int, list[Attribute]] = {}
    for attribute in Attribute.objects.prefetch_related("values").order_by("position", "id"):
        declared.setdefault(attribute.category_id, []).append(attribute)
    leaves = []
    for category in categories:
        if not category.is_leaf:
            continue
        found: dict[str, Attribute] = {}
        for slug in reversed(category.path.strip("/").split("/")):
            for attribute in declared.get(by_slug.get(slug), []):
                found.setdefault(attribute.code, attribute)
        leaves.append(_Leaf(category, list(found.values())))
    return leaves


def _specialities(rng: random.Random, leaves: list[_Leaf], count: int) -> list[list[_Leaf]]:
    """What each supplier makes: 3 to 15 leaf categories of one branch of the taxonomy,
    as a real factory or trading company does (not products from every corner of it)."""
    branches: dict[str, list[_Leaf]] = {}
    for leaf in leaves:
        branch = "/".join(leaf.category.path.split("/")[:2])
        branches.setdefault(branch, []).append(leaf)
    names = sorted(branches)
    chosen = []
    for _i in range(count):
        branch = branches[rng.choice(names)]
        chosen.append(rng.sample(branch, min(len(branch), rng.randint(3, 15))))
    return chosen


def _attribute_values(rng: random.Random, leaf: _Leaf) -> dict:
    values: dict = {}
    for attribute in rng.sample(leaf.attributes, min(4, len(leaf.attributes))):
        codes = [v.code for v in attribute.values.all()]
        kind = attribute.kind
        if kind == Attribute.Kind.CHOICE and codes:
            values[attribute.code] = rng.choice(codes)
        elif kind == Attribute.Kind.MULTI and codes:
            values[attribute.code] = rng.sample(codes, min(len(codes), rng.randint(1, 2)))
        elif kind == Attribute.Kind.NUMBER:
            values[attribute.code] = rng.randint(1, 400)
        elif kind == Attribute.Kind.BOOL:
            values[attribute.code] = rng.random() < 0.5
    return values


def _picture_pool() -> list[tuple[str, str]]:
    """(image name, thumbnail name) of a few pictures saved once and shared by every product."""
    pool = []
    for i, (shape, stitch) in enumerate(PICTURE_POOL):
        for j in range(3):
            colour = POOL_COLOURS[(i + j) % len(POOL_COLOURS)]
            picture = demo_images.product_picture(shape, colour, stitch=stitch, gauge="medium")
            thumb = picture.copy()
            thumb.thumbnail((400, 400))
            names = []
            for image in (picture, thumb):
                out = io.BytesIO()
                image.convert("RGB").save(out, "JPEG", quality=85)
                size = "thumbs/" if image is thumb else ""
                names.append(
                    default_storage.save(
                        f"products/generated/{size}{shape}-{j}.jpg", ContentFile(out.getvalue())
                    )
                )
            pool.append((names[0], names[1]))
    return pool


def _suppliers(rng: random.Random, count: int) -> list[tuple[Company, list[int]]]:
    """The generated suppliers (existing ones reused), each with its product group ids."""
    existing = {c.slug: c for c in Company.objects.filter(slug__startswith=SLUG_PREFIX)}
    new = []
    for i in range(count):
        slug = f"{SLUG_PREFIX}{i:05d}"
        if slug in existing:
            continue
        city, country, currency = CITIES[i % len(CITIES)]
        brand = "".join(rng.sample(SYLLABLES, 2))
        trade = rng.choice(TRADES)
        new.append(
            Company(
                kind=Company.Kind.SUPPLIER,
                slug=slug,
                legal_name=f"{city} {brand} {trade} Co., Ltd.",
                display_name=f"{brand} {trade}",
                country=country,
                default_currency=currency,
                languages=["en", "zh"] if country == "CN" else ["en"],
                verification_status=rng.choice(("verified", "unverified", "unverified")),
            )
        )
    with transaction.atomic():
        Company.objects.bulk_create(new, batch_size=500)
        made = list(Company.objects.filter(slug__in=[c.slug for c in new]))
        SupplierProfile.objects.bulk_create(
            [
                SupplierProfile(
                    company=c,
                    about=f"{c.legal_name}: {rng.choice(SENTENCES['en'])}",
                    business_type=rng.choice(("manufacturer", "trading", "both")),
                    established_year=rng.randint(1985, 2022),
                    staff_count=rng.randint(5, 2000),
                    factory_area_m2=rng.randint(200, 60000),
                    annual_output=f"{rng.randint(1, 90)} million pieces",
                    main_markets=[
                        {"market": "North America", "share": 40},
                        {"market": "Europe", "share": 35},
                    ],
                )
                for c in made
            ],
            batch_size=500,
        )
        ProductGroup.objects.bulk_create(
            [
                ProductGroup(supplier=c, name=name, position=p)
                for c in made
                for p, name in enumerate(("New arrivals", "Best sellers", "Basics"))
            ],
            batch_size=1000,
        )
    companies = Company.objects.filter(slug__startswith=SLUG_PREFIX).order_by("slug")[:count]
    groups: dict[int, list[int]] = {}
    for supplier_id, group_id in ProductGroup.objects.filter(
        supplier__slug__startswith=SLUG_PREFIX
    ).values_list("supplier_id", "pk"):
        groups.setdefault(supplier_id, []).append(group_id)
    return [(c, groups.get(c.pk, [])) for c in companies]


def _tiers(rng: random.Random, moq: int, step: int, base: int) -> list[tuple]:
    """2 to 4 contiguous tiers from the MOQ, each a few percent cheaper, the last open."""
    starts = [moq]
    for _i in range(rng.randint(1, 3)):
        nxt = starts[-1] * rng.choice((2, 3, 5))
        starts.append(max(nxt - nxt % step, starts[-1] + step))
    prices, price = [], base
    for _start in starts:
        prices.append(price)
        price = max(1, math.floor(price * rng.uniform(0.92, 0.97)))
    return [
        (start, starts[i + 1] - 1 if i + 1 < len(starts) else None, prices[i])
        for i, start in enumerate(starts)
    ]


# Child rows are written as plain tuples with executemany: building a model instance
# per row costs more than inserting it.
COLUMNS = {
    ProductTranslation: ("product_id", "language", "title", "description", "keywords"),
    PriceTier: ("product_id", "min_quantity", "max_quantity", "unit_price_minor"),
    LeadTime: ("product_id", "max_quantity", "days"),
    Variant: ("product_id", "supplier_id", "sku", "options", "price_override_minor", "position"),
    CustomizationOption: ("product_id", "kind", "moq", "surcharge_minor", "note"),
    ProductImage: ("product_id", "image", "thumbnail", "alt", "position"),
}


@lru_cache(maxsize=16)
def _insert(model) -> tuple[str, tuple]:
    """The INSERT for ``model``'s columns: ours first, then every other column with its
    default (so a column added to the model later needs no change here)."""
    ours = COLUMNS[model]
    others = [f for f in model._meta.concrete_fields if not f.primary_key and f.attname not in ours]
    defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in others)
    columns = [*ours, *(f.column for f in others)]
    quote = connection.ops.quote_name
    # Table and column names come from the models; every value is a parameter.
    table, names = quote(model._meta.db_table), ", ".join(quote(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
    return sql, defaults


OPTIONS = Variant._meta.get_field("options")


class _Batch:
    """One batch of products and all their rows, written in one transaction."""

    def __init__(self) -> None:
        self.products: list[Product] = []
        self.children: list[Callable[[Product], dict]] = []

    def write(self) -> int:
        with transaction.atomic():
            Product.objects.bulk_create(self.products, batch_size=500)
            rows: dict[type, list] = {model: [] for model in COLUMNS}
            for product, make in zip(self.products, self.children, strict=True):
                for model, tuples in make(product).items():
                    rows[model].extend(tuples)
            with connection.cursor() as cursor:
                for model, tuples in rows.items():
                    if tuples:
                        sql, defaults = _insert(model)
                        cursor.executemany(sql, [row + defaults for row in tuples])
        return len(self.products) + sum(len(v) for v in rows.values())


def _product(rng, supplier, group_ids, leaf, pool, now) -> tuple[Product, Callable]:
    currency = supplier.default_currency if rng.random() < 0.8 else "USD"
    moq, step = rng.choice(MOQS)
    low, high = BASE_PRICE_MINOR[currency]
    base = int(math.exp(rng.uniform(math.log(low), math.log(high))))
    on_request = rng.random() < 0.05
    tiers = [] if on_request else _tiers(rng, moq, step, base)
    default_language = rng.choices(("en", "zh-hans", "ja"), (70, 25, 5))[0]
    languages = [x for x, p in (("en", 0.9), ("zh-hans", 0.6), ("ja", 0.4)) if rng.random() < p]
    languages = list(dict.fromkeys([default_language, *languages]))
    stock = rng.randint(100, 50000) if rng.random() < 0.15 else 0
    live_at = now - timezone.timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60))
    product = Product(
        supplier=supplier,
        category=leaf.category,
        status=Product.Status.LIVE,
        group_id=rng.choice(group_ids) if group_ids and rng.random() < 0.7 else None,
        default_language=default_language,
        attributes=_attribute_values(rng, leaf),
        unit=rng.choices(("piece", "pair", "set", "dozen", "kg", "metre"), (80, 5, 5, 4, 3, 3))[0],
        moq=moq,
        order_increment=step,
        price_mode=Product.PriceMode.ON_REQUEST if on_request else Product.PriceMode.TIERS,
        currency=currency,
        fob_min_minor=base if on_request else None,
        fob_max_minor=base * 2 if on_request else None,
        supply_capacity_month=rng.choice((5000, 20000, 100000, 500000)),
        port_of_loading=PORTS[str(supplier.country)],
        hs_code=f"{rng.randint(3900, 9600)}.00",
        units_per_carton=rng.choice((12, 24, 50, 100, 200)),
        carton_length_cm=Decimal(rng.randint(30, 80)),
        carton_width_cm=Decimal(rng.randint(20, 60)),
        carton_height_cm=Decimal(rng.randint(20, 60)),
        carton_gross_weight_kg=Decimal(rng.randint(200, 2500)) / 100,
        samples_available=rng.random() < 0.7,
        sample_price_minor=base * 2,
        sample_lead_days=rng.randint(3, 15),
        ready_to_ship=bool(stock),
        stock_quantity=stock,
        created_at=live_at,
        updated_at=live_at,
        live_at=live_at,
    )
    adjective = rng.choice(ADJECTIVES)
    model = f"{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}{rng.randint(100, 9999)}"
    sentences = rng.sample(range(len(SENTENCES["en"])), 3)
    colours = rng.sample(COLOURS, rng.randint(2, 5)) if rng.random() < 0.5 else []
    sizes = rng.sample(SIZES, rng.randint(3, 5)) if colours and rng.random() < 0.6 else []
    kinds = [(k, rng.choice((1, 2, 5))) for k in rng.sample(CUSTOM_KINDS, rng.randint(0, 3))]
    pictures = rng.sample(pool, rng.randint(1, 3))
    lead_days = sorted(rng.sample(range(5, 90), 3))
    lead_limits = sorted({moq * 10, moq * 100})

    def children(p: Product) -> dict:
        pk = p.pk
        texts = []
        for lang in languages:
            name = leaf.category.name(lang)
            index = ("en", "ja", "zh-hans").index(lang)
            title = (
                f"{adjective[0]} {name} {model}"
                if lang == "en"
                else f"{adjective[index]}{name} {model}"
            )
            text = "".join(f"<p>{SENTENCES[lang][s]}</p>" for s in sentences)
            texts.append((pk, lang, title[:200], text, f"{name}, {model}"))
        skus = []
        for colour in colours:
            for size in sizes or [None]:
                options = {"colour": colour, **({"size": size} if size else {})}
                skus.append(
                    (
                        pk,
                        p.supplier_id,
                        f"P{pk}-{len(skus):02d}",
                        OPTIONS.get_db_prep_save(options, connection),
                        None,
                        len(skus),
                    )
                )
        alt = f"{adjective[0]} {leaf.category.name('en')}"
        return {
            ProductTranslation: texts,
            PriceTier: [(pk, a, b, c) for a, b, c in tiers],
            LeadTime: [(pk, q, d) for q, d in zip([*lead_limits, None], lead_days, strict=False)],
            Variant: skus,
            CustomizationOption: [
                (pk, kind, moq * factor, max(1, base // 20), "") for kind, factor in kinds
            ],
            ProductImage: [(pk, img, thumb, alt, i) for i, (img, thumb) in enumerate(pictures)],
        }

    return product, children


def generate(
    products: int = 100_000,
    suppliers: int = 1_000,
    *,
    seed: int = 1,
    batch_size: int = 2_000,
    progress: Callable[[int, int], None] | None = None,
) -> GenerateReport:
    """Add ``products`` live products spread over ``suppliers`` generated suppliers."""
    started = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311 -- reproducible test data, not secrets
    report = GenerateReport()
    pool = _picture_pool()
    companies = _suppliers(rng, suppliers)
    specialities = _specialities(rng, _leaves(), len(companies))
    report.suppliers = len(companies)
    now = timezone.now()
    done = 0
    while done < products:
        batch = _Batch()
        for _i in range(min(batch_size, products - done)):
            index = rng.randrange(len(companies))
            supplier, groups = companies[index]
            leaf = rng.choice(specialities[index])
            product, children = _product(rng, supplier, groups, leaf, pool, now)
            batch.products.append(product)
            batch.children.append(children)
        report.rows += batch.write()
        done += len(batch.products)
        if progress:
            progress(done, products)
    with connection.cursor() as cursor:
        # Statistics for the planner: SQLite keeps none until asked, and without them it
        # may read a million products through the status index to find twenty by id.
        cursor.execute("ANALYZE")
    report.products = done
    report.seconds = time.perf_counter() - started
    return report
