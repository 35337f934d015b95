"""The vocabulary the demo catalogue is written from, in English, Japanese and Chinese.

Titles and descriptions are composed from these parts (yarn, gauge, style, colour),
the way a factory's own catalogue is: each sentence was written once per language.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("en", "ja", "zh-hans")


@dataclass(frozen=True)
class Words:
    en: str
    ja: str
    zh: str

    def __getitem__(self, language: str) -> str:
        return {"en": self.en, "ja": self.ja, "zh-hans": self.zh}[language]


@dataclass(frozen=True)
class Yarn:
    name: Words  # as it appears in a title
    composition: Words
    story: Words  # the description's opening sentence
    care: Words
    fibres: tuple[str, ...]  # attribute value codes of fibre_content
    main_pct: int
    hs_code: str
    washable: bool


@dataclass(frozen=True)
class Gauge:
    name: Words
    sentence: Words
    gauge_class: str
    gauge: int
    yarn_count: int  # Nm
    stitch_px: str  # the drawing's gauge: fine, medium, chunky


@dataclass(frozen=True)
class Style:
    name: Words
    sentence: Words
    kind: str  # sweater, cardigan, vest, beanie, scarf, gloves, mittens, snood, mask
    shape: str  # demo_images shape
    stitch: str  # demo_images stitch
    attributes: tuple[tuple[str, object], ...] = ()


YARNS: dict[str, Yarn] = {
    "cashmere": Yarn(
        Words("Cashmere", "カシミヤ", "羊绒"),
        Words("100% cashmere", "カシミヤ100%", "100%羊绒"),
        Words(
            "Knitted from 100% grade-A Inner Mongolian cashmere (15.5 micron, 36 mm fibre): "
            "light, warm and soft against the skin.",
            "内モンゴル産Aグレードのカシミヤ100%（繊維径15.5ミクロン、繊維長36mm）を使用。"
            "軽く暖かく、やさしい肌ざわりです。",
            "采用100%内蒙古A级羊绒（细度15.5微米，长度36毫米），轻盈保暖，亲肤柔软。",
        ),
        Words(
            "Hand wash cold or dry clean; dry flat.",
            "手洗い（水温30℃以下）またはドライクリーニング。平干ししてください。",
            "冷水手洗或干洗，平铺晾干。",
        ),
        ("cashmere",),
        100,
        "6110.12",
        False,
    ),
    "merino": Yarn(
        Words("Merino Wool", "メリノウール", "美利奴羊毛"),
        Words(
            "100% extra-fine merino wool",
            "エクストラファインメリノウール100%",
            "100%超细美利奴羊毛",
        ),
        Words(
            "Knitted from 100% extra-fine merino wool (18.5 micron) with an anti-pilling, "
            "machine-washable finish.",
            "18.5ミクロンのエクストラファインメリノウール100%を使用。"
            "抗ピリング加工済みで、洗濯機で洗えます。",
            "采用100%超细美利奴羊毛（18.5微米），经抗起球及可机洗处理。",
        ),
        Words(
            "Machine wash 30 °C on the wool cycle; dry flat.",
            "洗濯機のウールコース（30℃）で洗えます。平干ししてください。",
            "可用洗衣机羊毛程序30℃洗涤，平铺晾干。",
        ),
        ("merino_wool",),
        100,
        "6110.11",
        True,
    ),
    "lambswool": Yarn(
        Words("Lambswool", "ラムウール", "小羊毛"),
        Words("100% lambswool", "ラムウール100%", "100%小羊毛"),
        Words(
            "Knitted from 100% lambswool from the first shearing: springy, warm and hard-wearing.",
            "生後初めて刈り取ったラムウール100%を使用。弾力があり、暖かく丈夫です。",
            "采用100%首剪小羊毛，弹性好、保暖耐穿。",
        ),
        Words(
            "Hand wash cold; dry flat.",
            "手洗い（水温30℃以下）。平干ししてください。",
            "冷水手洗，平铺晾干。",
        ),
        ("lambswool",),
        100,
        "6110.11",
        False,
    ),
    "mohair": Yarn(
        Words("Mohair Blend", "モヘア混", "马海毛混纺"),
        Words(
            "60% kid mohair, 25% nylon, 15% wool",
            "キッドモヘア60%・ナイロン25%・ウール15%",
            "60%幼马海毛、25%锦纶、15%羊毛",
        ),
        Words(
            "Brushed kid mohair blend for a soft, airy halo that weighs almost nothing.",
            "キッドモヘア混の糸を起毛し、ふんわりと軽い風合いに仕上げました。",
            "采用幼马海毛混纺纱并经拉毛处理，蓬松轻盈，柔软有光泽。",
        ),
        Words(
            "Hand wash cold; do not wring; dry flat.",
            "手洗い（水温30℃以下）。絞らずに平干ししてください。",
            "冷水手洗，勿拧干，平铺晾干。",
        ),
        ("mohair", "nylon", "wool"),
        60,
        "6110.19",
        False,
    ),
    "cotton": Yarn(
        Words("Cotton", "コットン", "纯棉"),
        Words("100% combed cotton", "綿100%（コーマ糸）", "100%精梳棉"),
        Words(
            "Knitted from 100% combed long-staple cotton: breathable, easy to care for and "
            "comfortable from spring to autumn.",
            "長繊維のコーマ綿100%を使用。通気性がよくお手入れも簡単で、春から秋まで活躍します。",
            "采用100%精梳长绒棉，透气易打理，春秋皆宜。",
        ),
        Words(
            "Machine wash 30 °C; dry flat.",
            "洗濯機洗い（30℃）可。平干ししてください。",
            "可机洗（30℃），平铺晾干。",
        ),
        ("cotton",),
        100,
        "6110.20",
        True,
    ),
    "acrylic_blend": Yarn(
        Words("Acrylic-Wool Blend", "アクリル・ウール混", "腈纶羊毛混纺"),
        Words("70% acrylic, 30% wool", "アクリル70%・ウール30%", "70%腈纶、30%羊毛"),
        Words(
            "An acrylic-wool blend that gives the warmth of wool at an entry price and washes "
            "easily.",
            "アクリルとウールの混紡で、ウールの暖かさを手頃な価格で。お手入れも簡単です。",
            "腈纶羊毛混纺，兼具羊毛的保暖与亲民的价格，易于打理。",
        ),
        Words(
            "Machine wash 30 °C, gentle cycle; dry flat.",
            "洗濯機の弱水流（30℃）で洗えます。平干ししてください。",
            "可机洗（30℃轻柔程序），平铺晾干。",
        ),
        ("acrylic", "wool"),
        70,
        "6110.30",
        True,
    ),
    "acrylic": Yarn(
        Words("Acrylic", "アクリル", "腈纶"),
        Words("100% acrylic", "アクリル100%", "100%腈纶"),
        Words(
            "Soft-touch anti-pilling acrylic yarn: bright colours, warm and easy to wash.",
            "抗ピリング加工のソフトなアクリル糸を使用。発色がよく、暖かく、洗濯も簡単です。",
            "采用抗起球柔软腈纶纱，颜色鲜亮，保暖且易洗。",
        ),
        Words(
            "Machine wash 30 °C; do not tumble dry.",
            "洗濯機洗い（30℃）可。タンブル乾燥は避けてください。",
            "可机洗（30℃），请勿滚筒烘干。",
        ),
        ("acrylic",),
        100,
        "6117.80",
        True,
    ),
    "wool_blend": Yarn(
        Words("Wool Blend", "ウール混", "羊毛混纺"),
        Words(
            "50% merino wool, 50% acrylic", "メリノウール50%・アクリル50%", "50%美利奴羊毛、50%腈纶"
        ),
        Words(
            "Merino-acrylic blend: the warmth of wool with the durability of acrylic.",
            "メリノウールとアクリルの混紡。ウールの暖かさとアクリルの丈夫さを両立しました。",
            "美利奴羊毛与腈纶混纺，兼具羊毛的保暖与腈纶的耐用。",
        ),
        Words(
            "Hand wash cold; dry flat.",
            "手洗い（水温30℃以下）。平干ししてください。",
            "冷水手洗，平铺晾干。",
        ),
        ("merino_wool", "acrylic"),
        50,
        "6117.80",
        False,
    ),
    "mask_cotton": Yarn(
        Words("Cotton", "綿", "纯棉"),
        Words(
            "100% cotton poplin, 133 × 72", "綿100%（ポプリン 133×72）", "100%纯棉府绸（133×72）"
        ),
        Words(
            "Made of tightly woven cotton poplin, pre-washed so it keeps its size.",
            "高密度の綿ポプリンを使用。防縮のため生地を事前に洗い加工しています。",
            "采用高密纯棉府绸，面料经预缩水洗，不易变形。",
        ),
        Words(
            "Wash after each use, 60 °C; iron warm.",
            "使用後は毎回洗ってください（60℃まで）。中温でアイロン可。",
            "每次使用后清洗（最高60℃），可中温熨烫。",
        ),
        ("cotton",),
        100,
        "6307.90",
        True,
    ),
}

GAUGES: dict[str, Gauge] = {
    "fine": Gauge(
        Words("12GG Fine Knit", "12ゲージ ハイゲージ", "12针细针"),
        Words(
            "Knitted on 12-gauge computerised flat machines for a smooth, fine surface that "
            "layers easily.",
            "12ゲージのコンピューター横編機で編み立て。表面がなめらかで重ね着しやすいハイゲージです。",
            "采用12针电脑横机编织，布面细腻平整，便于叠穿。",
        ),
        "fine",
        12,
        26,
        "fine",
    ),
    "medium": Gauge(
        Words("7GG Mid-Gauge", "7ゲージ ミドルゲージ", "7针中粗针"),
        Words(
            "Knitted on 7-gauge machines: a classic mid-weight knit for every day.",
            "7ゲージで編み立てた、普段使いしやすいミドルゲージです。",
            "7针中粗针编织，厚薄适中，日常百搭。",
        ),
        "medium",
        7,
        16,
        "medium",
    ),
    "chunky": Gauge(
        Words("5GG Chunky Knit", "5ゲージ ローゲージ", "5针粗针"),
        Words(
            "Knitted on 5-gauge machines for a chunky, cosy hand.",
            "5ゲージのローゲージで、ざっくりとした暖かな編み地です。",
            "5针粗针编织，手感厚实温暖。",
        ),
        "chunky",
        5,
        8,
        "chunky",
    ),
    "xchunky": Gauge(
        Words("3GG Extra-Chunky Knit", "3ゲージ 極太ローゲージ", "3针特粗针"),
        Words(
            "Knitted on 3-gauge machines: an extra-chunky statement knit.",
            "3ゲージの極太ローゲージで、存在感のある編み地に仕上げました。",
            "3针特粗针编织，纹理立体，风格鲜明。",
        ),
        "extra_chunky",
        3,
        4,
        "chunky",
    ),
}

# fmt: off
STYLES: dict[str, Style] = {
    "crew": Style(
        Words("Crew-Neck Sweater", "クルーネックセーター", "圆领毛衣"),
        Words(
            "Classic crew neck with 1×1 rib trims at the neck, cuffs and hem.",
            "ネック・袖口・裾に1×1リブを配したベーシックなクルーネック。",
            "经典圆领，领口、袖口及下摆采用1×1罗纹。",
        ),
        "sweater", "crew", "jersey", (("neckline", "crew"), ("sleeve_length", "long")),
    ),
    "vneck": Style(
        Words("V-Neck Sweater", "Vネックセーター", "V领毛衣"),
        Words(
            "Clean V-neck with a fully-fashioned rib band.",
            "成型編みのリブで仕上げた、すっきりとしたVネック。",
            "全成型罗纹V领，简洁利落。",
        ),
        "sweater", "vneck", "jersey", (("neckline", "v_neck"), ("sleeve_length", "long")),
    ),
    "turtle": Style(
        Words("Turtleneck Sweater", "タートルネックセーター", "高领毛衣"),
        Words(
            "Fold-over turtleneck in 2×2 rib.",
            "2×2リブの折り返しタートルネック。",
            "2×2罗纹翻折高领。",
        ),
        "sweater", "turtle", "jersey", (("neckline", "turtleneck"), ("sleeve_length", "long")),
    ),
    "mock": Style(
        Words("Mock-Neck Sweater", "モックネックセーター", "半高领毛衣"),
        Words(
            "Short mock neck: a lighter alternative to the turtleneck.",
            "タートルネックより軽やかな、短めのモックネック。",
            "短款半高领，比高领更轻松。",
        ),
        "sweater", "turtle", "rib", (("neckline", "mock_neck"), ("sleeve_length", "long")),
    ),
    "cable": Style(
        Words("Cable-Knit Crew-Neck Sweater", "ケーブル編みクルーネックセーター", "麻花圆领毛衣"),
        Words(
            "Crew neck with rope cables from shoulder to hem.",
            "肩から裾までロープケーブルを配したクルーネック。",
            "圆领款，从肩至下摆饰有绞花麻花图案。",
        ),
        "sweater", "crew", "cable", (("neckline", "crew"), ("sleeve_length", "long")),
    ),
    "cardigan": Style(
        Words("V-Neck Button Cardigan", "Vネックボタンカーディガン", "V领纽扣开衫"),
        Words(
            "V-neck cardigan with a rib front band and five horn-effect buttons.",
            "リブの前立てと水牛調ボタン5個を付けたVネックカーディガン。",
            "V领开衫，罗纹门襟，配5粒仿牛角纽扣。",
        ),
        "cardigan", "cardigan", "jersey",
        (("neckline", "v_neck"), ("front_closure", "buttons"), ("garment_length", "regular"),
         ("sleeve_length", "long")),
    ),
    "long_cardigan": Style(
        Words("Long Open-Front Cardigan", "ロング丈 前開きカーディガン", "长款开襟开衫"),
        Words(
            "Long open-front cardigan with deep patch pockets and no fastening.",
            "深めのパッチポケット付き、ボタンのないロング丈カーディガン。",
            "长款开襟设计，无扣，配深口袋。",
        ),
        "cardigan", "opencardigan", "rib",
        (("neckline", "v_neck"), ("front_closure", "open_front"), ("garment_length", "long"),
         ("sleeve_length", "long")),
    ),
    "vest": Style(
        Words("V-Neck Knit Vest", "Vネック ニットベスト", "V领针织背心"),
        Words(
            "Sleeveless V-neck vest with rib armholes, to layer over shirts.",
            "袖ぐりをリブで仕上げたVネックベスト。シャツとの重ね着に。",
            "无袖V领背心，袖窿罗纹收边，适合搭配衬衫。",
        ),
        "vest", "vest", "jersey", (("neckline", "v_neck"), ("front_closure", "pullover")),
    ),
    "cable_vest": Style(
        Words("Cable-Knit Vest", "ケーブル編みニットベスト", "麻花针织背心"),
        Words(
            "Cable-knit V-neck vest with rib armholes and hem.",
            "袖ぐりと裾をリブで仕上げた、ケーブル編みのVネックベスト。",
            "麻花V领背心，袖窿及下摆罗纹收边。",
        ),
        "vest", "vest", "cable", (("neckline", "v_neck"), ("front_closure", "pullover")),
    ),
    "beanie": Style(
        Words("Cuffed Rib Beanie", "折り返しリブ ニット帽", "翻边罗纹针织帽"),
        Words(
            "Double-layer cuff that folds up to keep the ears warm.",
            "耳まで暖かい、二重の折り返し仕様です。",
            "双层翻边设计，护耳保暖。",
        ),
        "beanie", "beanie", "rib",
    ),
    "pompom": Style(
        Words("Pom-Pom Beanie", "ポンポン付き ニット帽", "毛球针织帽"),
        Words(
            "Topped with a full yarn pom-pom; a faux-fur pom-pom is available on request.",
            "毛糸のポンポン付き。フェイクファーのポンポンにも変更できます。",
            "顶部配毛线球，可改为仿皮草毛球。",
        ),
        "beanie", "pompom", "rib",
    ),
    "cable_beanie": Style(
        Words("Cable-Knit Pom-Pom Beanie", "ケーブル編み ポンポンニット帽", "麻花毛球针织帽"),
        Words(
            "Rope cables around the crown and a yarn pom-pom on top.",
            "クラウンにロープケーブルを配し、トップに毛糸のポンポンを付けました。",
            "帽身饰麻花图案，顶部配毛线球。",
        ),
        "beanie", "pompom", "cable",
    ),
    "fisherman": Style(
        Words("Fisherman Beanie", "フィッシャーマン ビーニー", "渔夫短款针织帽"),
        Words(
            "Short fisherman shape that sits above the ears.",
            "耳にかからない、浅めのフィッシャーマンシルエット。",
            "短款渔夫帽型，不遮耳。",
        ),
        "beanie", "beanie", "rib",
    ),
    "fleece_beanie": Style(
        Words("Fleece-Lined Beanie", "裏フリース ニット帽", "加绒针织帽"),
        Words(
            "Lined inside with soft polar fleece: windproof and warm.",
            "内側に柔らかなフリース裏地付きで、風を通さず暖かい。",
            "内衬柔软摇粒绒，防风保暖。",
        ),
        "beanie", "beanie", "jersey", (("fleece_lined", True),),
    ),
    "rib_scarf": Style(
        Words("Rib-Knit Scarf", "リブ編み マフラー", "罗纹针织围巾"),
        Words(
            "Reversible 2×2 rib, 180 × 30 cm, with fringe at both ends.",
            "リバーシブルの2×2リブ、180×30cm、両端フリンジ付き。",
            "双面2×2罗纹，180×30厘米，两端流苏。",
        ),
        "scarf", "scarf", "rib",
    ),
    "cable_scarf": Style(
        Words("Cable-Knit Scarf", "ケーブル編み マフラー", "麻花针织围巾"),
        Words(
            "Chunky cable scarf, 190 × 28 cm, with fringe.",
            "ざっくりとしたケーブル編み、190×28cm、フリンジ付き。",
            "粗针麻花围巾，190×28厘米，带流苏。",
        ),
        "scarf", "scarf", "cable",
    ),
    "jersey_scarf": Style(
        Words("Jersey-Knit Scarf", "天竺編み マフラー", "平针针织围巾"),
        Words(
            "Light jersey-knit scarf, 180 × 32 cm, hand-knotted fringe.",
            "軽い天竺編みのマフラー、180×32cm、手結びフリンジ。",
            "轻薄平针围巾，180×32厘米，手工打结流苏。",
        ),
        "scarf", "scarf", "jersey",
    ),
    "touch_gloves": Style(
        Words("Touchscreen Knit Gloves", "スマホ対応 ニット手袋", "触屏针织手套"),
        Words(
            "Conductive yarn on the thumb and index finger works on phone screens.",
            "親指と人さし指に導電糸を編み込み、手袋のままスマートフォンを操作できます。",
            "拇指与食指织入导电纱，戴着手套也能操作手机屏幕。",
        ),
        "gloves", "gloves", "jersey",
    ),
    "gloves": Style(
        Words("Knit Gloves", "ニット手袋", "针织手套"),
        Words(
            "Five-finger knit gloves with a 2×2 rib cuff.",
            "2×2リブの袖口を付けた五本指のニット手袋。",
            "五指针织手套，2×2罗纹袖口。",
        ),
        "gloves", "gloves", "jersey",
    ),
    "mittens": Style(
        Words("Knit Mittens", "ニット ミトン", "针织连指手套"),
        Words(
            "Thumbed mittens with a deep rib cuff.",
            "深めのリブ袖口を付けたミトン。",
            "连指手套，加长罗纹袖口。",
        ),
        "mittens", "mittens", "jersey",
    ),
    "snood": Style(
        Words("Rib-Knit Snood", "リブ編み スヌード", "罗纹针织围脖"),
        Words(
            "Rib-knit loop, 25 × 60 cm, that pulls over the head without fastening.",
            "頭からかぶるだけのリブ編みスヌード（25×60cm）。",
            "罗纹针织围脖，25×60厘米，套头即可佩戴。",
        ),
        "snood", "snood", "rib",
    ),
    "cable_snood": Style(
        Words("Cable-Knit Snood", "ケーブル編み スヌード", "麻花针织围脖"),
        Words(
            "Chunky cable loop that doubles as a hood.",
            "フードとしても使える、ざっくりとしたケーブル編みのスヌード。",
            "粗针麻花围脖，也可当作兜帽使用。",
        ),
        "snood", "snood", "cable",
    ),
    "fleece_snood": Style(
        Words("Fleece-Lined Snood", "裏フリース スヌード", "加绒针织围脖"),
        Words(
            "Jersey-knit snood lined with polar fleece, 28 × 50 cm.",
            "フリース裏地付きの天竺編みスヌード（28×50cm）。",
            "平针围脖，内衬摇粒绒，28×50厘米。",
        ),
        "snood", "snood", "jersey", (("fleece_lined", True),),
    ),
    "mask3": Style(
        Words(
            "3-Layer Cloth Face Mask with Filter Pocket",
            "3層 布マスク フィルターポケット付き",
            "三层布口罩（带滤片袋）",
        ),
        Words(
            "Three layers of woven cotton, a pocket for a replaceable filter and a bendable nose "
            "wire.",
            "綿3層構造。交換用フィルターを入れるポケットと、形を整えられるノーズワイヤー付き。",
            "三层纯棉结构，带可更换滤片袋及可调鼻梁条。",
        ),
        "mask", "mask", "weave",
        (("layers", 3), ("filter_pocket", True), ("nose_wire", True),
         ("mask_fastening", "ear_loops"), ("rated_washes", 50)),
    ),
    "mask2": Style(
        Words(
            "2-Layer Cotton Face Mask, Adjustable Ear Loops",
            "2層 綿マスク 耳ひも調節可能",
            "双层纯棉口罩（耳带可调）",
        ),
        Words(
            "Two layers of cotton poplin with adjustable ear loops.",
            "綿ポプリン2層、耳ひもの長さを調節できます。",
            "双层纯棉府绸，耳带长度可调。",
        ),
        "mask", "mask", "weave",
        (("layers", 2), ("filter_pocket", False), ("nose_wire", False),
         ("mask_fastening", "adjustable_ear_loops"), ("rated_washes", 30)),
    ),
    "mask_kids": Style(
        Words("Kids' Cotton Face Mask", "キッズ用 綿マスク", "儿童纯棉口罩"),
        Words(
            "Children's size (12 × 8 cm folded), two cotton layers and soft ear loops.",
            "子ども用サイズ（折りたたみ時12×8cm）、綿2層、やわらかい耳ひも。",
            "儿童尺码（折叠后12×8厘米），双层纯棉，柔软耳带。",
        ),
        "mask", "mask", "weave",
        (("layers", 2), ("filter_pocket", False), ("nose_wire", False),
         ("mask_fastening", "ear_loops"), ("rated_washes", 30)),
    ),
    "mask_straps": Style(
        Words(
            "Pleated Cotton Face Mask with Head Straps",
            "プリーツ 綿マスク ヘッドストラップ式",
            "褶皱纯棉口罩（头戴式）",
        ),
        Words(
            "Pleated three-layer cotton mask with a nose wire and head straps that spare the ears.",
            "綿3層のプリーツマスク。ノーズワイヤー付きで、耳が痛くならないヘッドストラップ式。",
            "三层纯棉褶皱口罩，带鼻梁条，头戴式绑带不勒耳。",
        ),
        "mask", "mask", "weave",
        (("layers", 3), ("filter_pocket", True), ("nose_wire", True),
         ("mask_fastening", "head_straps"), ("rated_washes", 50)),
    ),
}
# fmt: on

GENDERS = {
    "women": Words("Women's", "レディース", "女士"),
    "men": Words("Men's", "メンズ", "男士"),
    "unisex": Words("Unisex", "ユニセックス", "男女同款"),
    "kids": Words("Kids'", "キッズ", "儿童"),
}

# code -> (English, Japanese, Chinese, colour of the drawing)
COLOURS: dict[str, tuple[str, str, str, str]] = {
    "NVY": ("Navy", "ネイビー", "藏青", "#1f2f4d"),
    "BLK": ("Black", "ブラック", "黑色", "#262626"),
    "CHR": ("Charcoal", "チャコール", "炭灰", "#45484d"),
    "GRM": ("Grey melange", "杢グレー", "麻灰", "#9aa0a6"),
    "OAT": ("Oatmeal", "オートミール", "燕麦色", "#d8cfc0"),
    "IVR": ("Ivory", "アイボリー", "米白", "#efe6d8"),
    "CAM": ("Camel", "キャメル", "驼色", "#c19a6b"),
    "BRG": ("Burgundy", "バーガンディ", "酒红", "#7b2333"),
    "RED": ("Red", "レッド", "红色", "#b5121b"),
    "FOR": ("Forest green", "フォレストグリーン", "墨绿", "#2e5e4e"),
    "OLV": ("Olive", "オリーブ", "橄榄绿", "#7a8450"),
    "MUS": ("Mustard", "マスタード", "芥末黄", "#c9a23b"),
    "RST": ("Rust", "ラスト", "铁锈红", "#b5532a"),
    "ORG": ("Orange", "オレンジ", "橙色", "#e07b39"),
    "SKY": ("Sky blue", "スカイブルー", "天蓝", "#8fb8de"),
    "DNM": ("Denim blue", "デニムブルー", "牛仔蓝", "#4a6fa5"),
    "PNK": ("Blush pink", "ピンク", "浅粉", "#e3b5b0"),
    "LIL": ("Lilac", "ライラック", "淡紫", "#b9a6cf"),
    "SGE": ("Sage", "セージ", "灰绿", "#a3b19b"),
    "WHT": ("White", "ホワイト", "白色", "#f4f4f0"),
    "TAU": ("Taupe", "トープ", "灰褐", "#8b7d6b"),
}

LABELS = {
    "composition": Words("Composition", "素材", "成分"),
    "gauge": Words("Gauge", "ゲージ", "针型"),
    "sizes": Words("Sizes", "サイズ", "尺码"),
    "colours": Words("Colours", "カラー", "颜色"),
    "care": Words("Care", "お手入れ", "洗涤说明"),
    "one_size": Words("One size", "フリーサイズ", "均码"),
}
OEM = Words(
    "OEM and ODM welcome: logo, private label, hang tags and packaging made to your specification.",
    "OEM・ODMに対応します。ロゴ、ネーム、下げ札、パッケージをご指定どおりに製作します。",
    "欢迎OEM/ODM：可按要求定制logo、私标、吊牌及包装。",
)
LIST_SEP = {"en": ", ", "ja": "、", "zh-hans": "、"}
