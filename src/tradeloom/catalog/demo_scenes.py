"""Storefront pictures for the demo catalogue, drawn locally with Pillow: a knitting floor,
a yarn store, a packing room, and certificates (as a picture or a one-page PDF)."""

from __future__ import annotations

from PIL import Image, ImageDraw

from tradeloom.catalog.demo_images import hex_colour

YARN_COLOURS = (
    "#1f2f4d",
    "#b5121b",
    "#d8cfc0",
    "#7a8450",
    "#c9a66b",
    "#e07b39",
    "#2e5e4e",
    "#8c2f39",
    "#9aa0a6",
    "#4a6fa5",
    "#efe6d8",
    "#3b3b3b",
)
WIDE = (1200, 800)


def _room(wall: str, floor: str) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    picture = Image.new("RGB", WIDE, hex_colour(wall))
    d = ImageDraw.Draw(picture)
    d.rectangle([0, 600, WIDE[0], WIDE[1]], fill=hex_colour(floor))
    for x in range(0, WIDE[0], 300):  # ceiling lights
        d.rectangle([x + 90, 0, x + 210, 14], fill=(252, 250, 240))
    return picture, d


def _cone(d: ImageDraw.ImageDraw, x: float, y: float, size: float, colour: str) -> None:
    """A yarn cone standing at (x, y): wound yarn over a paper core."""
    c = hex_colour(colour)
    d.polygon(
        [
            (x - size * 0.5, y),
            (x - size * 0.3, y - size * 1.2),
            (x + size * 0.3, y - size * 1.2),
            (x + size * 0.5, y),
        ],
        fill=c,
    )
    d.polygon(
        [
            (x - size * 0.5, y),
            (x - size * 0.3, y - size * 1.2),
            (x - size * 0.18, y - size * 1.2),
            (x - size * 0.3, y),
        ],
        fill=tuple(min(255, v + 40) for v in c),
    )
    d.ellipse(
        [x - size * 0.3, y - size * 1.28, x + size * 0.3, y - size * 1.12],
        fill=tuple(int(v * 0.8) for v in c),
    )
    d.rectangle(
        [x - size * 0.06, y - size * 1.4, x + size * 0.06, y - size * 1.2], fill=(206, 180, 140)
    )


def knitting_floor() -> Image.Image:
    """Computerised flat knitting machines in a row, yarn cones on their racks."""
    picture, d = _room("#e9edf0", "#9ea7ad")
    for i, x in enumerate((60, 440, 820)):
        d.rectangle([x, 330, x + 320, 620], fill=(222, 226, 230), outline=(150, 156, 162), width=3)
        d.rectangle([x, 600, x + 320, 640], fill=(70, 76, 84))
        d.rectangle([x + 10, 420, x + 310, 450], fill=(60, 66, 74))  # needle bed
        d.rectangle([x + 40, 450, x + 280, 560], fill=hex_colour(YARN_COLOURS[i * 3]))
        for yy in range(456, 560, 8):
            d.line([(x + 40, yy), (x + 280, yy)], fill=hex_colour(YARN_COLOURS[i * 3 + 1]), width=1)
        d.rectangle([x + 230, 345, x + 305, 405], fill=(40, 70, 120))  # control panel
        d.rectangle([x + 238, 352, x + 297, 385], fill=(120, 190, 235))
        d.line([(x + 20, 250), (x + 300, 250)], fill=(120, 126, 132), width=6)  # yarn rack
        d.line([(x + 160, 250), (x + 160, 330)], fill=(120, 126, 132), width=6)
        for j in range(6):
            _cone(d, x + 45 + j * 46, 248, 34, YARN_COLOURS[(i * 4 + j) % len(YARN_COLOURS)])
    return picture


def yarn_store() -> Image.Image:
    """Shelves of yarn cones by colour."""
    picture, d = _room("#f0ebe3", "#b7a891")
    for shelf in range(4):
        y = 200 + shelf * 120
        d.rectangle([80, y, 1120, y + 12], fill=(150, 120, 86))
        for j in range(22):
            colour = YARN_COLOURS[(j // 2 + shelf * 3) % len(YARN_COLOURS)]
            _cone(d, 110 + j * 47, y, 36, colour)
    for x in (80, 1108):
        d.rectangle([x, 150, x + 12, 620], fill=(128, 100, 70))
    return picture


def packing_room() -> Image.Image:
    """Folded knitwear stacked for the final check, cartons ready to ship."""
    picture, d = _room("#eef0ea", "#a9a195")
    d.rectangle([80, 470, 760, 500], fill=(180, 150, 110))
    d.rectangle([100, 500, 120, 640], fill=(140, 110, 80))
    d.rectangle([720, 500, 740, 640], fill=(140, 110, 80))
    for i in range(5):
        x = 110 + i * 130
        for j in range(5):
            c = hex_colour(YARN_COLOURS[(i * 2 + j) % len(YARN_COLOURS)])
            y = 470 - (j + 1) * 34
            d.rounded_rectangle(
                [x, y, x + 110, y + 32],
                radius=8,
                fill=c,
                outline=tuple(int(v * 0.75) for v in c),
                width=2,
            )
    for i, (x, y) in enumerate(((820, 470), (960, 470), (890, 330), (820, 190))):
        w = 130
        d.rectangle([x, y, x + w, y + 130], fill=(196, 156, 104), outline=(150, 112, 70), width=3)
        d.rectangle([x + w / 2 - 8, y, x + w / 2 + 8, y + 130], fill=(226, 200, 150))
        if i % 2 == 0:
            d.rectangle([x + 18, y + 70, x + 60, y + 100], fill=(250, 250, 246))
    return picture


def certificate_picture(accent: str = "#2e5e4e") -> Image.Image:
    """A framed certificate: border, seal and lines of text as bars (no font needed)."""
    page = Image.new("RGB", (850, 1100), (252, 249, 240))
    d = ImageDraw.Draw(page)
    colour = hex_colour(accent)
    d.rectangle([30, 30, 820, 1070], outline=colour, width=10)
    d.rectangle([52, 52, 798, 1048], outline=colour, width=2)
    d.rectangle([220, 150, 630, 190], fill=colour)
    d.rectangle([280, 220, 570, 236], fill=(150, 150, 150))
    for i, width in enumerate((520, 600, 480, 560, 420, 500)):
        y = 330 + i * 60
        d.rectangle([425 - width / 2, y, 425 + width / 2, y + 12], fill=(176, 176, 176))
    d.ellipse([330, 760, 520, 950], fill=(214, 170, 60), outline=(170, 130, 40), width=6)
    d.ellipse([365, 795, 485, 915], outline=(250, 230, 170), width=4)
    d.line([(120, 980), (320, 980)], fill=(90, 90, 90), width=3)
    d.line([(530, 980), (730, 980)], fill=(90, 90, 90), width=3)
    return page


def certificate_pdf(title: str, holder: str, number: str) -> bytes:
    """A one-page PDF certificate written by hand (the PDF standard fonts need no files)."""

    def text(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "\n".join(
        [
            "0.18 0.37 0.31 RG 6 w 30 30 535 782 re S",
            "BT /F1 26 Tf 72 700 Td (" + text(title) + ") Tj ET",
            "BT /F1 14 Tf 72 650 Td (This is to certify that) Tj ET",
            "BT /F1 18 Tf 72 620 Td (" + text(holder) + ") Tj ET",
            "BT /F1 12 Tf 72 580 Td (meets the requirements of the standard named above.) Tj ET",
            "BT /F1 12 Tf 72 540 Td (Certificate no. " + text(number) + ") Tj ET",
            "BT /F1 10 Tf 72 80 Td (A document of the Tradeloom demo marketplace.) Tj ET",
        ]
    ).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number_, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number_} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)
