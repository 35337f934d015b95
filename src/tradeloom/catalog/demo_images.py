"""Flat product illustrations for the demo catalogue, drawn locally with Pillow.

Each garment is drawn once per shape as a grey "relief" (knit texture, ribs, seams
and shading) plus an alpha mask; a colour is then applied with a lookup table, so a
new colourway costs a few milliseconds. Shapes are laid out on a 1000 × 1000 grid
and scaled to the canvas.
"""

from __future__ import annotations

import io
import math
import random
from functools import lru_cache

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps, ImageStat

SIZE = 640
SUPERSAMPLE = 2
BACKGROUND = (244, 241, 236)
GAUGE_STITCH = {"fine": 7, "medium": 11, "chunky": 18}  # stitch width in pixels

Point = tuple[float, float]


# --- small helpers ----------------------------------------------------------------------


def _scaled(points: list[Point], k: float) -> list[Point]:
    return [(x * k, y * k) for x, y in points]


def _mask(draw_fn, size: int = SIZE) -> Image.Image:
    """Draw on a supersampled canvas and reduce it: smooth edges for free."""
    big = Image.new("L", (size * SUPERSAMPLE, size * SUPERSAMPLE), 0)
    draw_fn(ImageDraw.Draw(big), size * SUPERSAMPLE / 1000)
    return big.reduce(SUPERSAMPLE)


def _tile(texture: Image.Image, size: int = SIZE) -> Image.Image:
    """Repeat ``texture`` over a square by doubling: a handful of pastes, not thousands."""
    out = texture
    while out.width < size:
        wider = Image.new("L", (out.width * 2, out.height))
        wider.paste(out, (0, 0))
        wider.paste(out, (out.width, 0))
        out = wider
    while out.height < size:
        taller = Image.new("L", (out.width, out.height * 2))
        taller.paste(out, (0, 0))
        taller.paste(out, (0, out.height))
        out = taller
    return out.crop((0, 0, size, size))


@lru_cache(maxsize=8)
def _leg(cw: int, ch: int, tilt: float) -> Image.Image:
    """One leg of a knitted loop: a tilted ellipse, lighter along its middle."""
    leg = Image.new("L", (cw, ch), 0)
    d = ImageDraw.Draw(leg)
    for i, value in enumerate((120, 150, 176)):
        inset = i * cw * 0.14
        d.ellipse([inset, inset * 1.3, cw - inset, ch - inset * 1.3], fill=value)
    return leg.rotate(tilt, resample=Image.Resampling.BICUBIC, expand=True)


def _loops(d_img: Image.Image, x0: float, cw: float, H: float) -> None:
    """A column of V stitches ``cw`` wide on ``d_img`` (one stitch per tile height)."""
    legw, legh = int(cw * 0.52), int(H * 1.25)
    for tilt, dx in ((28, 0.0), (-28, cw * 0.48)):
        leg = _leg(legw, legh, tilt)
        x = int(x0 + dx + (legw - leg.width) / 2)
        for y in (-H, 0):
            top = int(y + (H - leg.height) / 2 + H * 0.12)
            d_img.paste(leg, (x, top), leg.point(lambda v: 255 if v else 0))


@lru_cache(maxsize=16)
def _stitch_tile(width: int, kind: str) -> Image.Image:
    """One repeat of a knit structure in grey around 128: ``jersey`` V stitches, ``rib``
    columns, ``purl`` bumps, ``cable`` a twisted rope on a purl ground, ``weave`` cloth."""
    k = 4
    if kind == "cable":
        return _cable_tile(width)
    if kind == "rib":
        w, h = width * 2, int(width * 0.8)
    elif kind == "weave":
        w, h = 6, 6
    else:
        w, h = width, int(width * 0.8)
    W, H = w * k, h * k
    tile = Image.new("L", (W, H), 84)
    d = ImageDraw.Draw(tile)
    if kind == "jersey":
        _loops(tile, 0, W, H)
    elif kind == "rib":
        _loops(tile, 0, W * 0.56, H)
        d.rectangle([W * 0.6, 0, W, H], fill=86)
        d.ellipse([W * 0.64, H * 0.1, W * 0.96, H * 0.9], fill=100)
    elif kind == "purl":
        for i in range(2):
            d.ellipse([0, i * H / 2, W, (i + 1) * H / 2], fill=122 + 22 * i)
    elif kind == "weave":
        d.rectangle([0, 0, W, H], fill=110)
        for i in range(0, W, 8):
            d.line([(i, 0), (i, H)], fill=140, width=3)
        for j in range(0, H, 8):
            d.line([(0, j), (W, j)], fill=118, width=3)
    tile = tile.resize((w, h), Image.Resampling.LANCZOS)
    return tile.filter(ImageFilter.GaussianBlur(0.4))


def _cable_tile(width: int) -> Image.Image:
    """A rope of two strands crossing once per repeat, framed by purl and knit columns."""
    k = 4
    w, h = width * 8, int(width * 0.8) * 7
    W, H = w * k, h * k
    tile = Image.new("L", (W, H), 78)
    d = ImageDraw.Draw(tile)
    left, right, rope = W * 0.38, W * 0.62, W * 0.2

    def strand(x_from: float, x_to: float, value: int, edge: bool) -> None:
        pts = []
        for i in range(25):
            t = i / 24
            s = t * t * (3 - 2 * t)  # smoothstep: vertical at both ends
            pts.append((x_from + (x_to - x_from) * s, -H * 0.05 + t * H * 1.1))
        if edge:
            d.line(pts, fill=60, width=int(rope * 1.25), joint="curve")
        d.line(pts, fill=value, width=int(rope), joint="curve")
        d.line(
            [(x + rope * 0.12, y) for x, y in pts],
            fill=value + 24,
            width=int(rope * 0.3),
            joint="curve",
        )

    strand(left, right, 118, False)  # passes behind
    strand(right, left, 150, True)  # crosses over it
    for x in (W * 0.1, W * 0.9):
        d.line([(x, 0), (x, H)], fill=132, width=int(W * 0.08))
    cable = tile.resize((w, h), Image.Resampling.LANCZOS).filter(ImageFilter.GaussianBlur(0.6))
    stitches = _tile(_stitch_tile(width, "jersey"), max(w, h)).crop((0, 0, w, h))
    return ImageChops.multiply(cable, stitches.point(lambda v: min(255, v * 2)))


@lru_cache(maxsize=32)
def _texture(kind: str, gauge: str) -> Image.Image:
    return _tile(_stitch_tile(GAUGE_STITCH[gauge], kind))


@lru_cache(maxsize=1)
def _daylight() -> Image.Image:
    """Brighter towards the upper left."""
    down = ImageOps.invert(Image.linear_gradient("L"))  # white at the top
    across = Image.linear_gradient("L").rotate(-90)  # white on the left
    light = ImageChops.add(down, across, 2).resize((SIZE, SIZE), Image.Resampling.BILINEAR)
    return light.point(lambda v: 205 + v * 50 // 255)


def _lighting(mask: Image.Image) -> Image.Image:
    """Soft light from the upper left plus darker edges: gives the flat shape volume."""
    light = _daylight()
    edge = ImageChops.subtract(mask, mask.filter(ImageFilter.GaussianBlur(14)))
    return ImageChops.subtract(light, edge.point(lambda v: v // 2))


# --- garment shapes --------------------------------------------------------------------
# Each returns (mask, relief): mask the silhouette, relief the grey texture and shading.


class Garment:
    def __init__(self, stitch: str, gauge: str) -> None:
        self.stitch, self.gauge = stitch, gauge
        self.body = Image.new("L", (SIZE, SIZE), 0)
        self.relief = Image.new("L", (SIZE, SIZE), 128)

    def layer(self, draw_fn, stitch: str | None = None, value_shift: int = 0) -> Image.Image:
        """Paint a region with its own knit structure over what is already there."""
        mask = _mask(draw_fn)
        texture = _texture(stitch or self.stitch, self.gauge)
        if value_shift:
            texture = texture.point(lambda v: max(0, min(255, v + value_shift)))
        self.relief.paste(texture, (0, 0), mask)
        self.body = ImageChops.lighter(self.body, mask)
        return mask

    def cut(self, draw_fn) -> None:
        """Remove a region (a hole through the garment)."""
        self.body = ImageChops.subtract(self.body, _mask(draw_fn))

    def line(self, draw_fn, value: int = 60) -> None:
        self.relief.paste(value, (0, 0), _mask(draw_fn))

    def finish(self) -> tuple[Image.Image, Image.Image]:
        """The silhouette, and the relief re-centred so the garment's average is the colour."""
        shaded = ImageChops.multiply(self.relief, _lighting(self.body))
        mean = ImageStat.Stat(shaded, self.body.point(lambda v: 255 if v > 128 else 0)).mean[0]
        return self.body, shaded.point(lambda v: max(0, min(255, round(v * 124 / mean))))


def _armhole(sign: int, inset: float = 0) -> list[Point]:
    """A vest's scooped armhole from the shoulder down to the side seam."""
    pts = []
    for i in range(13):
        t = i / 12
        x = 372 - 68 * t**2.5 + inset
        y = 232 + 218 * t
        pts.append((x if sign > 0 else 1000 - x, y))
    return pts


def _sleeves_and_body(draw, k, hem=800, sleeve=True, armhole=410) -> None:
    if sleeve:
        body = [
            (430, 205),
            (300, 245),
            (300, armhole),
            (312, hem),
            (688, hem),
            (700, armhole),
            (700, 245),
            (570, 205),
        ]
    else:
        body = [
            (430, 205),
            *_armhole(1),
            (312, hem),
            (688, hem),
            *reversed(_armhole(-1)),
            (570, 205),
        ]
    draw.polygon(_scaled(body, k), fill=255)
    if sleeve:
        left = [(300, 245), (262, 262), (170, 690), (252, 716), (318, 430)]
        draw.polygon(_scaled(left, k), fill=255)
        draw.polygon(_scaled([(1000 - x, y) for x, y in left], k), fill=255)


def sweater(
    neck: str,
    stitch: str,
    gauge: str,
    *,
    cardigan: bool = False,
    sleeves: bool = True,
    hem: int = 800,
) -> tuple[Image.Image, Image.Image]:
    g = Garment(stitch, gauge)
    g.layer(lambda d, k: _sleeves_and_body(d, k, hem=hem, sleeve=sleeves))
    g.layer(lambda d, k: d.rectangle(_scaled([(312, hem - 60), (688, hem)], k), fill=255), "rib")
    if sleeves:
        for sign in (1, -1):
            cuff = [(178, 655), (262, 683), (252, 716), (170, 690)]
            if sign < 0:
                cuff = [(1000 - x, y) for x, y in cuff]
            g.layer(lambda d, k, c=cuff: d.polygon(_scaled(c, k), fill=255), "rib")
            seam = [(300, 245), (318, 430)] if sign > 0 else [(700, 245), (682, 430)]
            g.line(lambda d, k, s=seam: d.line(_scaled(s, k), fill=255, width=int(3 * k)), 70)
    else:
        for sign in (1, -1):
            band = _armhole(sign, inset=14)
            g.layer(
                lambda d, k, b=band: d.line(
                    _scaled(b, k), fill=255, width=int(30 * k), joint="curve"
                ),
                "rib",
            )
    if neck == "crew":
        g.layer(lambda d, k: d.ellipse(_scaled([(408, 180), (592, 290)], k), fill=255), "rib")
        g.line(lambda d, k: d.ellipse(_scaled([(432, 190), (568, 262)], k), fill=255), 46)
    elif neck == "turtle":
        g.layer(
            lambda d, k: d.rounded_rectangle(
                _scaled([(410, 120), (590, 270)], k), radius=40 * k, fill=255
            ),
            "rib",
        )
        g.line(
            lambda d, k: d.line(_scaled([(418, 200), (582, 200)], k), fill=255, width=int(4 * k)),
            70,
        )
    else:  # v-neck (and every cardigan)
        bottom = 470 if cardigan else 380
        g.layer(
            lambda d, k: d.polygon(
                _scaled([(420, 200), (500, bottom + 30), (580, 200)], k), fill=255
            ),
            "rib",
        )
        g.line(
            lambda d, k: d.polygon(_scaled([(446, 198), (500, bottom), (554, 198)], k), fill=255),
            46,
        )
    if cardigan:
        g.layer(lambda d, k: d.rectangle(_scaled([(486, 480), (514, hem)], k), fill=255), "rib")
        g.line(
            lambda d, k: d.line(_scaled([(500, 470), (500, hem)], k), fill=255, width=int(3 * k)),
            60,
        )
    return g.finish()


def beanie(stitch: str, gauge: str, pompom: bool) -> tuple[Image.Image, Image.Image]:
    g = Garment(stitch, gauge)
    g.layer(
        lambda d, k: (
            d.ellipse(_scaled([(260, 250), (740, 770)], k), fill=255),
            d.rectangle(_scaled([(260, 500), (740, 700)], k), fill=255),
        )
    )
    g.layer(
        lambda d, k: d.rounded_rectangle(
            _scaled([(245, 600), (755, 760)], k), radius=30 * k, fill=255
        ),
        "rib",
        10,
    )
    g.line(
        lambda d, k: d.line(_scaled([(250, 603), (750, 603)], k), fill=255, width=int(5 * k)), 70
    )
    if pompom:

        def fluff(d, k) -> None:
            rng = random.Random(7)  # noqa: S311 -- a drawing, not a secret
            d.ellipse(_scaled([(415, 150), (585, 315)], k), fill=255)
            for _i in range(90):
                a = rng.uniform(0, 2 * math.pi)
                r = rng.uniform(70, 92)
                x, y = 500 + r * math.cos(a), 232 + r * math.sin(a)
                d.ellipse(_scaled([(x - 9, y - 9), (x + 9, y + 9)], k), fill=255)

        g.layer(fluff, "purl", 8)
    return g.finish()


def scarf(stitch: str, gauge: str) -> tuple[Image.Image, Image.Image]:
    g = Garment(stitch, gauge)
    g.layer(
        lambda d, k: d.polygon(
            _scaled([(330, 150), (470, 150), (480, 860), (340, 860)], k), fill=255
        )
    )
    g.layer(
        lambda d, k: d.polygon(
            _scaled([(470, 150), (640, 150), (650, 740), (500, 740)], k), fill=255
        ),
        value_shift=-12,
    )
    g.layer(
        lambda d, k: d.rounded_rectangle(
            _scaled([(310, 120), (670, 200)], k), radius=36 * k, fill=255
        ),
        value_shift=12,
    )

    def fringe(d, k):
        for x0, x1, y in ((345, 478, 860), (505, 648, 740)):
            for x in range(x0, x1, 12):
                d.line(_scaled([(x, y), (x + 3, y + 70)], k), fill=255, width=int(5 * k))

    g.layer(fringe, "purl")
    return g.finish()


def gloves(stitch: str, gauge: str) -> tuple[Image.Image, Image.Image]:
    g = Garment(stitch, gauge)

    def glove(d, k, ox: float) -> None:
        d.rounded_rectangle(_scaled([(ox, 430), (ox + 200, 680)], k), radius=50 * k, fill=255)
        for i, top in enumerate((260, 220, 235, 290)):
            x = ox + 4 + i * 49
            d.rounded_rectangle(_scaled([(x, top), (x + 44, 500)], k), radius=22 * k, fill=255)
        thumb = [(ox + 196, 520), (ox + 270, 420), (ox + 300, 446), (ox + 214, 600)]
        d.polygon(_scaled(thumb, k), fill=255)
        d.ellipse(_scaled([(ox + 262, 410), (ox + 308, 452)], k), fill=255)

    g.layer(lambda d, k: (glove(d, k, 150), glove(d, k, 520)))
    g.layer(
        lambda d, k: (
            d.rectangle(_scaled([(160, 660), (342, 790)], k), fill=255),
            d.rectangle(_scaled([(530, 660), (712, 790)], k), fill=255),
        ),
        "rib",
    )
    return g.finish()


def mittens(stitch: str, gauge: str) -> tuple[Image.Image, Image.Image]:
    g = Garment(stitch, gauge)

    def mitten(d, k, ox: float) -> None:
        d.rounded_rectangle(_scaled([(ox, 260), (ox + 200, 680)], k), radius=96 * k, fill=255)
        thumb = [(ox + 190, 520), (ox + 262, 420), (ox + 296, 446), (ox + 212, 610)]
        d.polygon(_scaled(thumb, k), fill=255)
        d.ellipse(_scaled([(ox + 252, 404), (ox + 302, 454)], k), fill=255)

    g.layer(lambda d, k: (mitten(d, k, 150), mitten(d, k, 520)))
    g.layer(
        lambda d, k: (
            d.rectangle(_scaled([(160, 640), (342, 800)], k), fill=255),
            d.rectangle(_scaled([(530, 640), (712, 800)], k), fill=255),
        ),
        "rib",
    )
    return g.finish()


def snood(stitch: str, gauge: str) -> tuple[Image.Image, Image.Image]:
    g = Garment(stitch, gauge)
    g.layer(lambda d, k: d.ellipse(_scaled([(170, 240), (830, 770)], k), fill=255))
    # The back of the loop, seen through the opening, in shadow.
    g.layer(lambda d, k: d.ellipse(_scaled([(330, 360), (670, 600)], k), fill=255), None, -46)
    g.cut(lambda d, k: d.ellipse(_scaled([(338, 410), (662, 612)], k), fill=255))
    return g.finish()


def face_mask() -> tuple[Image.Image, Image.Image]:
    g = Garment("weave", "fine")
    g.layer(
        lambda d, k: d.polygon(
            _scaled(
                [
                    (260, 330),
                    (500, 300),
                    (740, 330),
                    (770, 500),
                    (740, 680),
                    (500, 710),
                    (260, 680),
                    (230, 500),
                ],
                k,
            ),
            fill=255,
        )
    )
    for y in (420, 500, 580):
        g.line(
            lambda d, k, y=y: d.line(
                _scaled([(250, y), (750, y - 6)], k), fill=255, width=int(6 * k)
            ),
            78,
        )
    g.line(
        lambda d, k: d.line(_scaled([(500, 305), (500, 705)], k), fill=255, width=int(3 * k)), 96
    )
    return g.finish()


SHAPES = {
    "crew": lambda s, g: sweater("crew", s, g),
    "vneck": lambda s, g: sweater("vneck", s, g),
    "turtle": lambda s, g: sweater("turtle", s, g),
    "cardigan": lambda s, g: sweater("vneck", s, g, cardigan=True),
    "opencardigan": lambda s, g: sweater("vneck", s, g, cardigan=True, hem=900),
    "vest": lambda s, g: sweater("vneck", s, g, sleeves=False),
    "beanie": lambda s, g: beanie(s, g, pompom=False),
    "pompom": lambda s, g: beanie(s, g, pompom=True),
    "scarf": scarf,
    "gloves": gloves,
    "mittens": mittens,
    "snood": snood,
    "mask": lambda s, g: face_mask(),
}


@lru_cache(maxsize=64)
def _shape(shape: str, stitch: str, gauge: str) -> tuple[Image.Image, Image.Image, Image.Image]:
    mask, relief = SHAPES[shape](stitch, gauge)
    shadow = Image.new("L", (SIZE, SIZE), 0)
    shadow.paste(mask.point(lambda v: v * 2 // 5), (14, 22))
    return mask, relief, shadow.filter(ImageFilter.GaussianBlur(16))


@lru_cache(maxsize=1)
def _backdrop() -> Image.Image:
    base = Image.new("RGB", (SIZE, SIZE), BACKGROUND)
    glow = Image.radial_gradient("L").resize((SIZE, SIZE)).point(lambda v: v // 9)
    return Image.composite(Image.new("RGB", (SIZE, SIZE), (214, 208, 200)), base, glow)


def _paint(relief: Image.Image, colour: tuple[int, int, int]) -> Image.Image:
    dark = tuple(int(c * 0.35) for c in colour)
    light = tuple(int(c + (255 - c) * 0.55) for c in colour)
    return ImageOps.colorize(relief, black=dark, white=light, mid=colour, midpoint=128)


def hex_colour(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def product_picture(
    shape: str,
    colour: str,
    *,
    stitch: str = "jersey",
    gauge: str = "medium",
    trim: str | None = None,
) -> Image.Image:
    """A garment in one colour on a soft studio backdrop (``colour`` as #rrggbb)."""
    mask, relief, shadow = _shape(shape, stitch, gauge)
    picture = _backdrop().copy()
    picture.paste((120, 110, 100), (0, 0), shadow)
    picture.paste(_paint(relief, hex_colour(colour)), (0, 0), mask)
    if shape == "cardigan":
        d = ImageDraw.Draw(picture)
        for y in range(520, 781, 65):
            d.ellipse(
                [
                    500 * SIZE / 1000 - 9,
                    y * SIZE / 1000 - 9,
                    500 * SIZE / 1000 + 9,
                    y * SIZE / 1000 + 9,
                ],
                fill=hex_colour(trim or "#3b2f28"),
                outline=(30, 24, 20),
            )
    if shape == "mask":
        d = ImageDraw.Draw(picture)
        for box in ((140, 360, 270, 640), (730, 360, 860, 640)):
            d.ellipse([v * SIZE / 1000 for v in box], outline=(150, 150, 146), width=9)
            d.ellipse([v * SIZE / 1000 for v in box], outline=(246, 246, 242), width=6)
    return picture


def detail_picture(colour: str, *, stitch: str = "jersey", gauge: str = "medium") -> Image.Image:
    """A close-up of the knit: the same structure four times larger."""
    tile = _stitch_tile(GAUGE_STITCH[gauge] * 4, stitch)
    relief = _tile(tile).filter(ImageFilter.GaussianBlur(1))
    light = Image.radial_gradient("L").resize((SIZE, SIZE)).point(lambda v: 255 - v // 3)
    return _paint(
        ImageChops.multiply(relief, light).point(lambda v: min(255, v * 5 // 4)), hex_colour(colour)
    )


def encode(image: Image.Image, fmt: str = "JPEG") -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=86)
    else:
        image.save(out, fmt)
    return out.getvalue()
