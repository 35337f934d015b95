"""What the two demo suppliers sell, and what their storefronts say about them.

One line per style. Everything else (titles in three languages, tiers, lead times,
variants, customizations, packing) follows from the line in ``catalog.demo``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoProduct:
    code: str  # the SKU prefix; the first variant's SKU is the product's stable key
    style: str
    yarn: str
    gauge: str
    gender: str
    colours: tuple[str, ...]
    price: str  # first-tier unit price in ``currency``
    currency: str
    moq: int
    increment: int
    group: str
    tiers: int = 3  # 2 to 4 quantity tiers
    tier_prices: tuple[str, ...] = ()  # explicit prices instead of the usual discounts
    stock: int = 0  # more than 0: ready to ship from stock
    certifications: tuple[str, ...] = ()
    images: int = 2  # 1 to 3 pictures


@dataclass(frozen=True)
class DemoSupplier:
    legal_name: str
    owner_email: str
    port: str
    profile: dict
    certifications: tuple[tuple[str, str, str, str], ...]  # name, issuer, valid until, file kind
    photos: tuple[tuple[str, str], ...]  # drawing, caption
    groups: tuple[str, ...]
    products: tuple[DemoProduct, ...]


CASHMERE, MERINO, WOOL, COTTON, BASICS = (
    "Cashmere collection",
    "Merino & lambswool",
    "Mohair & fancy yarns",
    "Cotton knits",
    "Acrylic-blend basics",
)
_C = ("good_cashmere", "oeko_tex_100")
_W = ("rws", "oeko_tex_100")

P = DemoProduct
# fmt: off
HUAMEI_PRODUCTS = (
    P("HM-CS01", "crew", "cashmere", "fine", "women", ("OAT", "NVY", "CAM", "GRM", "BLK"),
      "42.50", "USD", 100, 10, CASHMERE, 4, certifications=_C, images=3),
    P("HM-CS02", "vneck", "cashmere", "fine", "men", ("CHR", "NVY", "CAM", "BRG"),
      "44.00", "USD", 100, 10, CASHMERE, 3, certifications=_C),
    P("HM-CS03", "turtle", "cashmere", "fine", "women", ("IVR", "BLK", "CAM", "PNK"),
      "46.80", "USD", 100, 10, CASHMERE, 3, certifications=_C),
    P("HM-CS04", "crew", "cashmere", "medium", "unisex", ("GRM", "OAT", "FOR", "NVY"),
      "52.00", "USD", 100, 10, CASHMERE, 2, certifications=_C, images=1),
    P("HM-CS05", "cable", "cashmere", "chunky", "women", ("IVR", "OAT", "CAM"),
      "68.00", "USD", 50, 10, CASHMERE, 3, certifications=_C, images=3),
    P("HM-CS06", "cardigan", "cashmere", "fine", "women", ("CAM", "NVY", "OAT", "LIL"),
      "49.50", "USD", 100, 10, CASHMERE, 4, certifications=_C),
    P("HM-CS07", "long_cardigan", "cashmere", "medium", "women", ("OAT", "CHR", "TAU"),
      "72.00", "USD", 50, 10, CASHMERE, 2, certifications=_C),
    P("HM-CS08", "vest", "cashmere", "fine", "men", ("CHR", "NVY", "CAM"),
      "33.00", "USD", 100, 10, CASHMERE, 3, certifications=_C, images=1),
    P("HM-CS09", "mock", "cashmere", "medium", "men", ("BLK", "CAM", "GRM"),
      "55.00", "USD", 100, 10, CASHMERE, 3, certifications=_C),
    P("HM-MW01", "crew", "merino", "fine", "men", ("NVY", "CHR", "GRM", "BRG", "FOR", "BLK"),
      "16.80", "USD", 200, 50, MERINO, 4, stock=2400, certifications=_W, images=3),
    P("HM-MW02", "vneck", "merino", "fine", "women", ("BLK", "IVR", "SKY", "BRG"),
      "16.20", "USD", 200, 50, MERINO, 3, certifications=_W),
    P("HM-MW03", "turtle", "merino", "fine", "women", ("BLK", "OAT", "RST", "SGE"),
      "17.50", "USD", 200, 50, MERINO, 3, certifications=_W),
    P("HM-MW04", "mock", "merino", "medium", "men", ("CHR", "CAM", "OLV"),
      "19.80", "USD", 200, 50, MERINO, 2, certifications=_W, images=1),
    P("HM-MW05", "cable", "merino", "chunky", "unisex", ("IVR", "NVY", "FOR"),
      "26.50", "USD", 200, 50, MERINO, 3, certifications=_W, images=3),
    P("HM-MW06", "cardigan", "merino", "fine", "women", ("NVY", "BLK", "RED", "OAT"),
      "18.90", "USD", 200, 50, MERINO, 4, certifications=_W),
    P("HM-MW07", "cardigan", "merino", "medium", "men", ("CHR", "CAM", "NVY"),
      "22.40", "USD", 200, 50, MERINO, 3, certifications=_W),
    P("HM-MW08", "vest", "merino", "fine", "men", ("GRM", "NVY", "BRG"),
      "12.60", "USD", 200, 50, MERINO, 2, certifications=_W, images=1),
    P("HM-MW09", "long_cardigan", "merino", "medium", "women", ("OAT", "GRM", "SGE"),
      "24.80", "USD", 200, 50, MERINO, 3, certifications=_W),
    P("HM-LW01", "crew", "lambswool", "medium", "men", ("NVY", "FOR", "MUS", "GRM"),
      "13.20", "USD", 300, 50, MERINO, 3, certifications=("oeko_tex_100",)),
    P("HM-LW02", "vneck", "lambswool", "medium", "unisex", ("BRG", "CAM", "CHR"),
      "13.50", "USD", 300, 50, MERINO, 2),
    P("HM-LW03", "cable", "lambswool", "chunky", "men", ("IVR", "OAT", "OLV"),
      "18.60", "USD", 300, 50, MERINO, 4, images=3),
    P("HM-LW04", "cardigan", "lambswool", "medium", "women", ("MUS", "FOR", "OAT", "RED"),
      "15.80", "USD", 300, 50, MERINO, 3),
    P("HM-LW05", "cable_vest", "lambswool", "chunky", "unisex", ("OAT", "CAM", "NVY"),
      "12.40", "USD", 300, 50, MERINO, 3),
    P("HM-LW06", "turtle", "lambswool", "medium", "women", ("RST", "IVR", "CHR"),
      "14.20", "USD", 300, 50, MERINO, 2, images=1),
    P("HM-MH01", "crew", "mohair", "chunky", "women", ("PNK", "LIL", "IVR", "SKY"),
      "17.80", "USD", 200, 50, WOOL, 3, images=3),
    P("HM-MH02", "vneck", "mohair", "medium", "women", ("SGE", "OAT", "BLK"),
      "16.90", "USD", 200, 50, WOOL, 3),
    P("HM-MH03", "long_cardigan", "mohair", "chunky", "women", ("IVR", "LIL", "CAM"),
      "21.50", "USD", 200, 50, WOOL, 2),
    P("HM-CT01", "crew", "cotton", "fine", "unisex", ("WHT", "NVY", "SKY", "OAT", "BLK"),
      "58.00", "CNY", 500, 50, COTTON, 4, certifications=("oeko_tex_100", "better_cotton")),
    P("HM-CT02", "vneck", "cotton", "fine", "men", ("NVY", "GRM", "WHT"),
      "56.00", "CNY", 500, 50, COTTON, 3, certifications=("oeko_tex_100",)),
    P("HM-CT03", "cable", "cotton", "medium", "women", ("IVR", "SKY", "SGE"),
      "72.00", "CNY", 500, 50, COTTON, 3, images=3),
    P("HM-CT04", "cardigan", "cotton", "fine", "women", ("WHT", "PNK", "NVY", "MUS"),
      "9.80", "USD", 500, 50, COTTON, 3, certifications=("oeko_tex_100",)),
    P("HM-CT05", "vest", "cotton", "medium", "unisex", ("OAT", "NVY", "OLV"),
      "7.20", "USD", 500, 50, COTTON, 2, images=1),
    P("HM-CT06", "mock", "cotton", "fine", "women", ("BLK", "WHT", "SGE"),
      "8.60", "USD", 500, 50, COTTON, 3),
    P("HM-CT07", "long_cardigan", "cotton", "medium", "women", ("OAT", "SKY", "TAU"),
      "68.00", "CNY", 500, 50, COTTON, 2),
    P("HM-AC01", "crew", "acrylic_blend", "medium", "unisex",
      ("NVY", "GRM", "BRG", "FOR", "BLK", "CAM"), "7.20", "USD", 500, 50, BASICS, 3,
      tier_prices=("7.20", "6.80", "6.50"), stock=6000, images=3),
    P("HM-AC02", "cable", "acrylic_blend", "xchunky", "women", ("IVR", "OAT", "RST"),
      "8.90", "USD", 500, 50, BASICS, 3),
    P("HM-AC03", "turtle", "acrylic_blend", "medium", "women", ("BLK", "CAM", "IVR", "BRG"),
      "45.00", "CNY", 500, 50, BASICS, 4),
    P("HM-AC04", "cardigan", "acrylic_blend", "chunky", "women", ("MUS", "OAT", "CHR"),
      "52.00", "CNY", 500, 50, BASICS, 3),
    P("HM-AC05", "vest", "acrylic_blend", "medium", "men", ("NVY", "GRM", "CAM"),
      "5.60", "USD", 500, 50, BASICS, 2, images=1),
    P("HM-AC06", "vneck", "acrylic_blend", "fine", "men", ("CHR", "NVY", "BRG"),
      "38.00", "CNY", 500, 50, BASICS, 3),
)
# fmt: on

BEANIES, SCARVES, GLOVES, MASKS = (
    "Beanies",
    "Scarves & snoods",
    "Gloves & mittens",
    "Cloth face masks",
)
# fmt: off
YARNWELL_PRODUCTS = (
    P("YW-BN01", "beanie", "acrylic", "medium", "unisex",
      ("BLK", "NVY", "GRM", "RED", "MUS", "FOR", "ORG"), "9.80", "CNY", 300, 50, BEANIES, 4,
      stock=12000, certifications=("oeko_tex_100",), images=3),
    P("YW-BN02", "pompom", "acrylic", "chunky", "unisex", ("FOR", "RED", "IVR", "NVY"),
      "12.50", "CNY", 300, 50, BEANIES, 3, stock=8000),
    P("YW-BN03", "beanie", "merino", "medium", "unisex", ("CHR", "OAT", "OLV"),
      "32.00", "CNY", 300, 50, BEANIES, 3, certifications=("rws",)),
    P("YW-BN04", "cable_beanie", "wool_blend", "chunky", "women", ("IVR", "PNK", "CAM"),
      "28.00", "CNY", 300, 50, BEANIES, 2),
    P("YW-BN05", "beanie", "cashmere", "fine", "unisex", ("CAM", "GRM", "NVY"),
      "14.50", "USD", 100, 10, BEANIES, 3, images=1),
    P("YW-BN06", "fisherman", "acrylic", "fine", "unisex", ("ORG", "MUS", "BLK", "SKY"),
      "10.50", "CNY", 300, 50, BEANIES, 3),
    P("YW-BN07", "fleece_beanie", "acrylic", "chunky", "unisex", ("BLK", "CHR", "NVY"),
      "15.80", "CNY", 300, 50, BEANIES, 2),
    P("YW-SC01", "rib_scarf", "acrylic", "medium", "unisex", ("BRG", "NVY", "GRM", "CAM"),
      "16.00", "CNY", 200, 50, SCARVES, 4, stock=5000, images=3),
    P("YW-SC02", "cable_scarf", "wool_blend", "chunky", "unisex", ("IVR", "CHR", "FOR"),
      "42.00", "CNY", 200, 50, SCARVES, 3),
    P("YW-SC03", "jersey_scarf", "cashmere", "fine", "unisex", ("CAM", "GRM", "BRG", "NVY"),
      "24.00", "USD", 100, 10, SCARVES, 3, certifications=("good_cashmere",)),
    P("YW-SC04", "rib_scarf", "merino", "medium", "unisex", ("OAT", "NVY", "RST"),
      "48.00", "CNY", 200, 50, SCARVES, 2),
    P("YW-SC05", "jersey_scarf", "acrylic", "medium", "women", ("PNK", "LIL", "SKY"),
      "14.50", "CNY", 200, 50, SCARVES, 3, images=1),
    P("YW-SN01", "snood", "acrylic", "chunky", "unisex", ("IVR", "GRM", "BLK", "MUS"),
      "19.50", "CNY", 200, 50, SCARVES, 3),
    P("YW-SN02", "cable_snood", "wool_blend", "chunky", "women", ("OAT", "BRG", "SGE"),
      "36.00", "CNY", 200, 50, SCARVES, 2),
    P("YW-SN03", "fleece_snood", "acrylic", "medium", "unisex", ("BLK", "NVY", "CHR"),
      "22.00", "CNY", 200, 50, SCARVES, 3),
    P("YW-GL01", "touch_gloves", "acrylic", "fine", "unisex", ("BLK", "GRM", "NVY", "BRG"),
      "8.50", "CNY", 600, 60, GLOVES, 4, stock=9600, images=3),
    P("YW-GL02", "gloves", "wool_blend", "medium", "men", ("CHR", "CAM", "NVY"),
      "18.00", "CNY", 600, 60, GLOVES, 3),
    P("YW-GL03", "gloves", "acrylic", "medium", "kids", ("RED", "SKY", "PNK", "MUS"),
      "6.20", "CNY", 600, 60, GLOVES, 2),
    P("YW-GL04", "touch_gloves", "wool_blend", "fine", "women", ("CAM", "BLK", "LIL"),
      "2.80", "USD", 600, 60, GLOVES, 3),
    P("YW-MT01", "mittens", "acrylic", "chunky", "women", ("IVR", "RED", "FOR"),
      "11.50", "CNY", 600, 60, GLOVES, 3, images=1),
    P("YW-FM01", "mask3", "mask_cotton", "fine", "unisex", ("WHT", "BLK", "NVY", "SKY"),
      "3.20", "CNY", 1000, 100, MASKS, 4, stock=24000, images=3),
    P("YW-FM02", "mask2", "mask_cotton", "fine", "unisex", ("DNM", "GRM", "SGE"),
      "2.60", "CNY", 1000, 100, MASKS, 3),
    P("YW-FM03", "mask_kids", "mask_cotton", "fine", "kids", ("SKY", "PNK", "MUS"),
      "2.40", "CNY", 1000, 100, MASKS, 3, images=1),
    P("YW-FM04", "mask_straps", "mask_cotton", "fine", "unisex", ("WHT", "CHR", "DNM"),
      "0.55", "USD", 1000, 100, MASKS, 2),
)
# fmt: on

SUPPLIERS = (
    DemoSupplier(
        legal_name="Shanghai Huamei Knitwear Co., Ltd.",
        owner_email="chen.jing@huamei-knit.example",
        port="Shanghai",
        profile={
            "about": (
                "Huamei has knitted sweaters in Minhang, Shanghai since 2006. 120 computerised "
                "Stoll and Shima Seiki flat machines from 3 to 16 gauge, our own linking, "
                "washing and finishing lines, and an in-house lab for pilling, shrinkage and "
                "colour fastness. We make cashmere, merino, lambswool, mohair, cotton and "
                "blended knitwear for brands in North America, Europe and Japan, from 100 "
                "pieces per style.\n\n"
                "华美针织成立于2006年，位于上海闵行。拥有120台斯托尔及岛精电脑横机（3针至16针），"
                "自有套口、水洗及后整理车间，并设有起球、缩率及色牢度检测实验室。"
                "主营羊绒、美利奴、小羊毛、马海毛、棉及混纺针织服装，每款起订100件。"
            ),
            "business_type": "manufacturer",
            "established_year": 2006,
            "staff_count": 320,
            "factory_area_m2": 18000,
            "annual_output": "1.2 million pieces (about USD 14 million)",
            "main_markets": [
                {"market": "North America", "share": 35},
                {"market": "Western Europe", "share": 30},
                {"market": "Japan", "share": 20},
                {"market": "Australia", "share": 8},
                {"market": "Mainland China", "share": 7},
            ],
        },
        certifications=(
            ("OEKO-TEX Standard 100", "Hohenstein", "2027-06-30", "pdf"),
            ("amfori BSCI audit (grade B)", "SGS", "2027-03-31", "image"),
            ("The Good Cashmere Standard", "Aid by Trade Foundation", "2027-12-31", "image"),
            ("ISO 9001:2015", "Bureau Veritas", "2028-01-15", "pdf"),
        ),
        photos=(
            ("knitting_floor", "Computerised flat knitting machines, 3 to 16 gauge"),
            ("yarn_store", "Yarn store: more than 400 colours in stock"),
            ("packing_room", "Final inspection and packing"),
        ),
        groups=(CASHMERE, MERINO, WOOL, COTTON, BASICS),
        products=HUAMEI_PRODUCTS,
    ),
    DemoSupplier(
        legal_name="Ningbo Yarnwell Knit Accessories Workshop",
        owner_email="zhou.min@yarnwell.example",
        port="Ningbo",
        profile={
            "about": (
                "Yarnwell is a family knitting workshop in Yinzhou, Ningbo, making beanies, "
                "scarves, snoods, gloves and cloth face masks. Small runs from 300 pieces, "
                "stock colours shipped within a week.\n\n"
                "甬纺针织是宁波鄞州的一家家庭针织工坊，专业生产针织帽、围巾、围脖、手套及布口罩。"
                "小单300件起订，常规色现货一周内发货。"
            ),
            "business_type": "both",
            "established_year": 2014,
            "staff_count": 45,
            "factory_area_m2": 2600,
            "annual_output": "3 million accessories",
            "main_markets": [
                {"market": "Japan", "share": 30},
                {"market": "Western Europe", "share": 25},
                {"market": "North America", "share": 20},
                {"market": "South Korea", "share": 10},
                {"market": "Mainland China", "share": 15},
            ],
        },
        certifications=(
            ("OEKO-TEX Standard 100", "TESTEX", "2027-09-30", "pdf"),
            ("Sedex SMETA 4-pillar audit", "Intertek", "2027-05-31", "image"),
        ),
        photos=(
            ("knitting_floor", "Hat and scarf knitting machines"),
            ("packing_room", "Packing stock colours for dispatch"),
        ),
        groups=(BEANIES, SCARVES, GLOVES, MASKS),
        products=YARNWELL_PRODUCTS,
    ),
)
