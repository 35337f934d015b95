"""The demo catalogue: storefronts and about 60 live products of the two demo suppliers.

Everything goes through the services a supplier uses (``save_product``,
``add_image`` with an in-memory upload, ``save_profile``...) and through the
listing lifecycle (submitted by the supplier, approved by the demo operator), so
the demo exercises the same rules as real listings. Pictures are drawn locally
(``demo_images``). Seeding is idempotent: a product is matched by its supplier and
the SKU of its first variant, and a storefront that has a profile is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from tradeloom.accounts.models import Company, Membership, User
from tradeloom.catalog import demo_images, demo_scenes, profile, services
from tradeloom.catalog.demo_data import SUPPLIERS, DemoProduct, DemoSupplier
from tradeloom.catalog.demo_words import (
    COLOURS,
    GAUGES,
    GENDERS,
    LABELS,
    LANGS,
    LIST_SEP,
    OEM,
    STYLES,
    YARNS,
    Style,
    Yarn,
)
from tradeloom.catalog.models import Category, Certification, SupplierProfile, Variant
from tradeloom.catalog.rules import LeadTimeInput, TierInput
from tradeloom.core.money import Money

LADDERS = {  # where quantity tiers start, by MOQ
    50: (50, 150, 500, 1000),
    100: (100, 300, 1000, 3000),
    200: (200, 500, 1000, 3000),
    300: (300, 1000, 3000, 10000),
    500: (500, 1000, 5000, 10000),
    600: (600, 1200, 3600, 12000),
    1000: (1000, 5000, 20000, 50000),
}
DISCOUNTS = (Decimal("1"), Decimal("0.95"), Decimal("0.91"), Decimal("0.88"))
KNITS = {"sweater", "cardigan", "vest", "beanie", "scarf", "gloves", "mittens", "snood"}
GARMENTS = {"sweater", "cardigan", "vest"}
# (kind, note, surcharge in US cents); CNY listings charge the same at about 7.1 CNY/USD.
CUSTOMIZATIONS = {
    "garment": (
        ("logo", "Embroidered or jacquard logo, up to 8 × 8 cm", 45),
        ("label", "Woven neck label, care label and hang tag", 12),
        ("packaging", "Individual printed polybag or gift box", 25),
        ("colour", "Yarn dyed to your Pantone reference", 40),
        ("design", "Your own design from a tech pack or sample", 80),
    ),
    "other": (  # knitted accessories
        ("logo", "Woven patch or embroidered logo", 15),
        ("label", "Woven label and hang tag", 5),
        ("packaging", "Printed header card or polybag", 6),
        ("colour", "Yarn dyed to your Pantone reference", 10),
    ),
    "mask": (
        ("logo", "One-colour logo print", 4),
        ("packaging", "Individual sealed bag", 2),
    ),
}
# kind -> (units per carton, carton cm, kg per unit)
PACKING = {
    "beanie": (200, (58, 38, 42), "0.08"),
    "scarf": (100, (60, 40, 45), "0.18"),
    "snood": (100, (60, 40, 45), "0.16"),
    "gloves": (240, (55, 35, 40), "0.06"),
    "mittens": (200, (55, 35, 40), "0.08"),
    "mask": (1000, (50, 35, 30), "0.012"),
}
GARMENT_PACKING = {
    "fine": (40, "0.28"),
    "medium": (30, "0.45"),
    "chunky": (20, "0.65"),
    "xchunky": (15, "0.85"),
}
CAPACITY = {
    "cashmere": 15_000,
    "mask": 600_000,
    **dict.fromkeys(PACKING.keys() - {"mask"}, 150_000),
}
HS_CODES = {
    "beanie": "6505.00",
    "scarf": "6117.10",
    "snood": "6117.10",
    "mask": "6307.90",
    "gloves": "6116.93",
    "mittens": "6116.93",
}


@dataclass
class CatalogueReport:
    products_created: int = 0
    images_added: int = 0
    storefronts_created: int = 0


# --- composing a product from its line --------------------------------------------------------


def category_slug(style: Style, yarn_key: str, gauge: str) -> str:
    fine = gauge == "fine"
    kind = style.kind
    if kind == "sweater":
        if yarn_key in ("cashmere", "merino"):
            size = "fine-gauge" if fine else "medium-gauge" if gauge == "medium" else "chunky"
            return f"{yarn_key}-sweaters-{size}"
        if yarn_key == "cotton":
            return "cotton-sweaters-fine-gauge" if fine else "cotton-sweaters-medium-chunky"
        return {"lambswool": "lambswool-sweaters", "mohair": "mohair-sweaters"}.get(
            yarn_key, "acrylic-blend-sweaters"
        )
    if kind == "cardigan":
        if yarn_key in ("cashmere", "merino"):
            return f"{yarn_key}-cardigans-{'fine-gauge' if fine else 'medium-chunky'}"
        return {
            "lambswool": "lambswool-cardigans",
            "mohair": "mohair-cardigans",
            "cotton": "cotton-cardigans",
        }.get(yarn_key, "acrylic-blend-cardigans")
    if kind == "vest":
        return {
            "cashmere": "cashmere-knit-vests",
            "cotton": "cotton-knit-vests",
            "acrylic_blend": "acrylic-blend-knit-vests",
        }.get(yarn_key, "wool-knit-vests")
    fibre = {"cashmere": "cashmere", "acrylic": "acrylic"}.get(yarn_key, "wool")
    return {
        "beanie": f"{fibre}-beanies",
        "scarf": f"{fibre}-scarves" if fibre == "cashmere" else f"{fibre}-knit-scarves",
        "gloves": "knit-gloves",
        "mittens": "knit-mittens",
        "snood": "knit-snoods",
        "mask": "cloth-face-masks",
    }[kind]


def sizes(style: Style, gender: str) -> tuple[str, ...]:
    if style.kind in GARMENTS:
        return ("M", "L", "XL", "XXL") if gender == "men" else ("S", "M", "L", "XL")
    if style.kind == "gloves":
        return {"men": ("M", "L"), "women": ("S", "M"), "kids": ("4-6Y", "7-10Y")}.get(
            gender, ("S/M", "L/XL")
        )
    if style.kind == "mask" and gender != "kids":
        return ("M", "L")
    return ()


def _step(currency: str, minor: int) -> int:
    if minor < 100:
        return 1
    return 5 if currency == "USD" else 10


def tier_prices(line: DemoProduct) -> list[int]:
    if line.tier_prices:
        return [Money(p, line.currency).minor for p in line.tier_prices]
    base = Money(line.price, line.currency).minor
    step = _step(line.currency, base)
    prices: list[int] = []
    for factor in DISCOUNTS[: line.tiers]:
        minor = int((Decimal(base) * factor / step).quantize(Decimal(1), ROUND_HALF_UP)) * step
        prices.append(min(minor, prices[-1]) if prices else minor)
    return prices


def tiers(line: DemoProduct) -> list[TierInput]:
    starts = LADDERS[line.moq][: len(tier_prices(line))]
    return [
        TierInput(start, starts[i + 1] - 1 if i + 1 < len(starts) else None, price)
        for i, (start, price) in enumerate(zip(starts, tier_prices(line), strict=True))
    ]


def lead_times(line: DemoProduct, style: Style) -> list[LeadTimeInput]:
    if line.yarn == "cashmere":
        base = 30
    elif style.kind == "mask":
        base = 10
    else:
        base = 25 if style.kind in GARMENTS else 18
    if line.stock:
        return [
            LeadTimeInput(line.stock, 3),
            LeadTimeInput(line.stock * 4, base),
            LeadTimeInput(None, base + 15),
        ]
    ladder = LADDERS[line.moq]
    return [
        LeadTimeInput(ladder[1], base),
        LeadTimeInput(ladder[2], base + 10),
        LeadTimeInput(None, base + 20),
    ]


def _surcharge(us_cents: int, currency: str) -> int:
    if currency == "USD":
        return us_cents
    return int((Decimal(us_cents) * Decimal("0.71")).quantize(Decimal(1), ROUND_HALF_UP)) * 10


def customizations(
    line: DemoProduct, style: Style, index: int
) -> list[services.CustomizationInput]:
    family = "garment" if style.kind in GARMENTS else "mask" if style.kind == "mask" else "other"
    options = CUSTOMIZATIONS[family][: 2 + index % 3]
    result = []
    for kind, note, cents in options:
        moq = line.moq * (3 if kind in ("colour", "design") else 2 if kind == "packaging" else 1)
        result.append(
            services.CustomizationInput(kind, moq, _surcharge(cents, line.currency), note)
        )
    return result


def variants(line: DemoProduct, style: Style) -> list[services.VariantInput]:
    rows = []
    base = tier_prices(line)[0]
    for colour in line.colours:
        name = COLOURS[colour][0]
        for size in sizes(style, line.gender) or (None,):
            sku = f"{line.code}-{colour}" + (f"-{size.replace('/', '')}" if size else "")
            options = {"colour": name, **({"size": size} if size else {})}
            # Double extra-large takes more yarn: a fixed price instead of the tiers.
            override = int(base * Decimal("1.08")) if size == "XXL" else None
            rows.append(services.VariantInput(sku, options, override))
    return rows


def first_sku(line: DemoProduct) -> str:
    return variants(line, STYLES[line.style])[0].sku


def attributes(line: DemoProduct, style: Style, custom: list) -> dict:
    yarn, gauge = YARNS[line.yarn], GAUGES[line.gauge]
    values: dict = {
        "gender": [line.gender],
        "season": ["all_season"] if line.yarn in ("cotton", "mask_cotton") else ["autumn_winter"],
        "customization": [
            {
                "logo": "custom_logo",
                "label": "private_label",
                "packaging": "custom_packaging",
                "colour": "custom_colour",
                "design": "odm_design",
            }[c.kind]
            for c in custom
        ],
    }
    if line.certifications:
        values["certification"] = list(line.certifications)
    if style.kind in KNITS:
        values.update(
            fibre_content=list(yarn.fibres),
            main_fibre_pct=yarn.main_pct,
            gauge_class=gauge.gauge_class,
            gauge=gauge.gauge,
            yarn_count=gauge.yarn_count,
            ply=2,
            knit_stitch=[style.stitch],
            pattern="melange" if line.colours[0] == "GRM" else "solid",
        )
    else:
        values.update(material=list(yarn.fibres), pattern="solid")
    if style.kind in GARMENTS:
        values["machine_washable"] = yarn.washable
        values["fit"] = "relaxed" if line.gender == "unisex" else "regular"
    values.update(dict(style.attributes))
    return values


def texts(line: DemoProduct, style: Style) -> list[services.TranslationInput]:
    yarn, gauge, gender = YARNS[line.yarn], GAUGES[line.gauge], GENDERS[line.gender]
    rows = []
    for lang in LANGS:
        who = "" if line.gender == "unisex" and style.kind not in GARMENTS else gender[lang]
        if style.kind == "mask":
            title = style.name[lang]
        elif lang == "zh-hans":
            title = f"{who}{yarn.name[lang]}{style.name[lang]}"
        else:
            title = f"{who} {yarn.name[lang]} {style.name[lang]}".strip()
        if style.kind in GARMENTS:
            title += (", " if lang == "en" else " ") + gauge.name[lang]
        rows.append(
            services.TranslationInput(
                lang, title, _description(line, style, yarn, lang), _keywords(yarn, style, lang)
            )
        )
    return rows


def _description(line: DemoProduct, style: Style, yarn: Yarn, lang: str) -> str:
    gauge = GAUGES[line.gauge]
    colon = ": " if lang == "en" else "："
    opening = [yarn.story[lang]]
    if style.kind in GARMENTS:
        opening.append(gauge.sentence[lang])
    opening.append(style.sentence[lang])
    sized = sizes(style, line.gender)
    colour_names = LIST_SEP[lang].join(COLOURS[c][LANGS.index(lang)] for c in line.colours)
    items = [(LABELS["composition"][lang], yarn.composition[lang])]
    if style.kind in KNITS:
        items.append((LABELS["gauge"][lang], f"{gauge.gauge}GG"))
    items += [
        (LABELS["sizes"][lang], " / ".join(sized) if sized else LABELS["one_size"][lang]),
        (LABELS["colours"][lang], colour_names),
        (LABELS["care"][lang], yarn.care[lang]),
    ]
    space = " " if lang == "en" else ""
    bullets = "".join(f"<li>{label}{colon}{value}</li>" for label, value in items)
    return f"<p>{space.join(opening)}</p><ul>{bullets}</ul><p>{OEM[lang]}</p>"


def _keywords(yarn: Yarn, style: Style, lang: str) -> str:
    trade = {
        "en": "knitwear, wholesale, OEM",
        "ja": "ニット、卸、OEM",
        "zh-hans": "针织、批发、OEM",
    }
    if style.kind == "mask":
        trade = {
            "en": "face mask, washable, wholesale",
            "ja": "布マスク、洗える、卸",
            "zh-hans": "布口罩、可水洗、批发",
        }
    return LIST_SEP[lang].join([yarn.name[lang].lower(), style.name[lang].lower(), trade[lang]])


def _packing(line: DemoProduct, style: Style) -> dict:
    if style.kind in GARMENTS:
        units, each = GARMENT_PACKING[line.gauge]
        if style.kind == "vest":
            each = str((Decimal(each) * Decimal("0.6")).quantize(Decimal("0.01")))
        size = (60, 40, 40)
    else:
        units, size, each = PACKING[style.kind]
    return {
        "units_per_carton": units,
        "carton_length_cm": Decimal(size[0]),
        "carton_width_cm": Decimal(size[1]),
        "carton_height_cm": Decimal(size[2]),
        "carton_gross_weight_kg": (units * Decimal(each) + Decimal("1.2")).quantize(
            Decimal("0.01")
        ),
    }


def product_input(
    line: DemoProduct, index: int, category_id: int, group_id: int | None, port: str
) -> services.ProductInput:
    style = STYLES[line.style]
    custom = customizations(line, style, index)
    first = tier_prices(line)[0]
    garment = style.kind in GARMENTS
    hs = YARNS[line.yarn].hs_code if garment else HS_CODES[style.kind]
    if style.kind in ("gloves", "mittens") and line.yarn in ("merino", "wool_blend"):
        hs = "6116.91"
    return services.ProductInput(
        category_id=category_id,
        translations=texts(line, style),
        default_language="en",
        attributes=attributes(line, style, custom),
        unit="pair" if style.kind in ("gloves", "mittens") else "piece",
        moq=line.moq,
        order_increment=line.increment,
        currency=line.currency,
        tiers=tiers(line),
        lead_times=lead_times(line, style),
        variants=variants(line, style),
        customizations=custom,
        supply_capacity_month=CAPACITY.get(line.yarn if garment else style.kind, 40_000),
        port_of_loading=port,
        hs_code=hs,
        samples_available=index % 9 != 8,
        sample_price_minor=0 if style.kind == "mask" else first * 2,
        sample_lead_days=3 if style.kind == "mask" else 10 if line.yarn == "cashmere" else 7,
        ready_to_ship=bool(line.stock),
        stock_quantity=line.stock,
        group_id=group_id,
        **_packing(line, style),
    )


@lru_cache(maxsize=128)
def pictures(line: DemoProduct) -> tuple[tuple[bytes, str], ...]:
    """1-3 JPEGs of the product: its first colours, then a close-up of the knit."""
    style = STYLES[line.style]
    gauge = GAUGES[line.gauge].stitch_px
    english = texts(line, style)[0].title
    shots = []
    for colour in line.colours[: min(line.images, 2)]:
        name, _ja, _zh, hex_ = COLOURS[colour]
        drawing = demo_images.product_picture(style.shape, hex_, stitch=style.stitch, gauge=gauge)
        shots.append((demo_images.encode(drawing), f"{english} in {name.lower()}"))
    if line.images >= 3:
        hex_ = COLOURS[line.colours[0]][3]
        drawing = demo_images.detail_picture(hex_, stitch=style.stitch, gauge=gauge)
        shots.append((demo_images.encode(drawing), f"Close-up of the {style.stitch} knit"))
    return tuple(shots)


# --- seeding -----------------------------------------------------------------------------------


def _owner(spec: DemoSupplier) -> Membership | None:
    return (
        Membership.objects.select_related("company", "user")
        .filter(company__legal_name=spec.legal_name, user__email=spec.owner_email)
        .first()
    )


def _upload(name: str, data: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


FACTORY_DRAWINGS = {
    "knitting_floor": demo_scenes.knitting_floor,
    "yarn_store": demo_scenes.yarn_store,
    "packing_room": demo_scenes.packing_room,
}


def _storefront(membership: Membership, spec: DemoSupplier, report: CatalogueReport) -> None:
    company = membership.company
    if SupplierProfile.objects.filter(company=company).exists():
        return
    profile.save_profile(membership, spec.profile)
    have = set(Certification.objects.filter(company=company).values_list("name", flat=True))
    for i, (name, issuer, until, kind) in enumerate(spec.certifications):
        if name in have:
            continue
        if kind == "pdf":
            number = f"{company.pk:04d}-{i + 1:03d}-2026"
            data = demo_scenes.certificate_pdf(name, spec.legal_name, number)
            upload = _upload("certificate.pdf", data, "application/pdf")
        else:
            picture = demo_scenes.certificate_picture(("#2e5e4e", "#1f2f4d", "#7b2333")[i % 3])
            upload = _upload("certificate.jpg", demo_images.encode(picture), "image/jpeg")
        profile.add_certification(
            membership,
            name=name,
            issuer=issuer,
            valid_until=date.fromisoformat(until),
            upload=upload,
        )
    if not company.factory_photos.exists():
        for drawing, caption in spec.photos:
            data = demo_images.encode(FACTORY_DRAWINGS[drawing]())
            profile.add_factory_photo(
                membership, _upload(f"{drawing}.jpg", data, "image/jpeg"), caption=caption
            )
    report.storefronts_created += 1


def _products(
    membership: Membership, operator: User, spec: DemoSupplier, report: CatalogueReport
) -> None:
    company: Company = membership.company
    keys = {first_sku(line): line for line in spec.products}
    present = set(
        Variant.objects.filter(supplier=company, sku__in=list(keys)).values_list("sku", flat=True)
    )
    missing = [line for key, line in keys.items() if key not in present]
    if not missing:
        return
    groups = {name: services.create_group(membership, name).pk for name in spec.groups}
    slugs = {category_slug(STYLES[x.style], x.yarn, x.gauge) for x in missing}
    categories = dict(Category.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    for line in missing:
        index = spec.products.index(line)
        slug = category_slug(STYLES[line.style], line.yarn, line.gauge)
        data = product_input(line, index, categories[slug], groups[line.group], spec.port)
        product = services.save_product(membership, data)
        for n, (jpeg, alt) in enumerate(pictures(line)):
            upload = _upload(f"{line.code.lower()}-{n + 1}.jpg", jpeg, "image/jpeg")
            services.add_image(membership, product.pk, upload, alt=alt)
            report.images_added += 1
        services.submit_for_review(membership, product.pk)
        services.moderate(operator, product.pk, "approve")
        report.products_created += 1


def seed_catalogue(operator: User) -> CatalogueReport:
    """Add the storefronts and products of the demo suppliers that are missing."""
    report = CatalogueReport()
    with transaction.atomic():
        for spec in SUPPLIERS:
            membership = _owner(spec)
            if membership is None:  # the supplier itself was not seeded
                continue
            _storefront(membership, spec, report)
            _products(membership, operator, spec, report)
    return report
