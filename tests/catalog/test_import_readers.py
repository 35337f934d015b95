"""Reading uploaded spreadsheets: encodings, XLSX, limits, files that are not what they say."""

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.catalog.import_helpers import HEADER, ROWS, csv_bytes, csv_text, xlsx_bytes
from tradeloom.catalog.imports import readers
from tradeloom.catalog.imports.columns import FileRejected
from tradeloom.catalog.imports.readers import detect_encoding, read_table

JAPANESE = [
    "カシミヤ100% クルーネックセーター 12ゲージ 紺 Mサイズ",
    "メンズ ウールニット カーディガン 秋冬 ローゲージ",
    "綿100％ 帆布トートバッグ 生成り 大容量 A4対応",
    "ベビー用 オーガニックコットン スタイ 3枚セット",
    "株式会社山田ニット 上海工場より出荷、納期は約30日です。",
    "紳士用毛糸手袋",
    "セーター",
    "①ウール ㈱ 〒100-0001",
    "ﾆｯﾄ帽 ｶｼﾐﾔ 婦人用",
    "肌触りの良いメリノウールを使用した、洗濯機で洗えるリブ編みのマフラーです。",
]
CHINESE = [
    "羊绒圆领毛衣 12针 藏青色 M码",
    "男士羊毛针织开衫 秋冬 粗针",
    "纯棉帆布手提袋 本色 大容量 可定制印刷logo",
    "婴儿有机棉口水巾 三条装",
    "宁波市某某针织有限公司 出口报关",
    "毛衣",
    "针织衫",
    "羊毛",
    "100%棉，尺码：S/M/L",
    "采用优质美利奴羊毛，手感柔软，可机洗，适合秋冬季节穿着。",
]


@pytest.mark.parametrize("text", JAPANESE)
def test_japanese_product_text_in_shift_jis_is_read_as_shift_jis(text):
    assert detect_encoding(text.encode("cp932")) == "cp932"


@pytest.mark.parametrize("text", CHINESE)
def test_chinese_product_text_in_gbk_is_read_as_gbk(text):
    assert detect_encoding(text.encode("gbk")) == "gb18030"


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("utf-8", csv_bytes(encoding="utf-8")),
        ("utf-8", b"\xef\xbb\xbf" + csv_bytes(encoding="utf-8")),
        ("cp932", csv_bytes(encoding="cp932")),
        ("gb18030", csv_bytes(encoding="gb18030")),
        ("utf-16", csv_bytes(encoding="utf-16")),
    ],
    ids=["utf-8", "utf-8-bom", "shift_jis", "gbk", "utf-16"],
)
def test_every_encoding_reads_the_same_rows(encoding, data):
    table = read_table(data, "products.csv")

    assert (table.format, table.encoding) == ("csv", encoding)
    assert table.header == HEADER
    assert table.rows == [(2, ROWS[0]), (3, ROWS[1])]


def test_xlsx_reads_the_same_rows_as_csv_with_numbers_as_numbers():
    table = read_table(xlsx_bytes(), "products.xlsx")

    as_numbers = [[{"7.20": "7.2", "6.80": "6.8", "6.50": "6.5"}.get(c, c) for c in row]
                  for row in ROWS]  # fmt: skip
    assert (table.format, table.encoding) == ("xlsx", "")
    assert table.header == HEADER
    assert table.rows == [(2, as_numbers[0]), (3, as_numbers[1])]


def test_format_comes_from_the_content_not_a_missing_extension():
    assert read_table(xlsx_bytes(), "products").format == "xlsx"
    assert read_table(csv_bytes(), "products").format == "csv"


def test_xlsx_numbers_dates_and_booleans_read_as_their_text():
    from datetime import datetime

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["product_ref", "moq", "tier1_price", "ready_to_ship", "hs_code", "title"])
    sheet.append([1001, 500.0, 7.2, True, "0402.10", datetime(2026, 5, 1)])
    out = io.BytesIO()
    workbook.save(out)

    table = read_table(out.getvalue(), "p.xlsx")

    assert table.rows == [(2, ["1001", "500", "7.2", "yes", "0402.10", "2026-05-01"])]


def test_blank_rows_are_skipped_but_keep_the_spreadsheet_row_numbers():
    data = csv_text(HEADER, [ROWS[0], [""] * len(HEADER), ROWS[1]]).encode()

    assert [n for n, _cells in read_table(data, "p.csv").rows] == [2, 4]


def test_xlsx_blank_rows_keep_the_spreadsheet_row_numbers():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(ROWS[0])
    sheet.append([])
    sheet.append([])
    sheet.append(ROWS[1])
    out = io.BytesIO()
    workbook.save(out)

    assert [n for n, _cells in read_table(out.getvalue(), "p.xlsx").rows] == [2, 5]


def test_a_cell_over_several_lines_is_one_row():
    rows = [["CS-1", "A", "x", "en", "Line one\nline two"], ["CS-2", "B", "x", "en", "T"]]
    data = csv_text(["product_ref", "sku", "category", "language", "title"], rows).encode()

    table = read_table(data, "p.csv")

    assert table.rows == [(2, rows[0]), (3, rows[1])]


@pytest.mark.parametrize("delimiter", ["\t", ";"])
def test_tab_and_semicolon_separated_files_are_recognised(delimiter):
    table = read_table(csv_bytes(delimiter=delimiter), "products.txt")

    assert table.header == HEADER
    assert table.rows[0] == (2, ROWS[0])


def test_a_formula_guard_apostrophe_is_removed_again():
    data = csv_text(["product_ref", "title"], [["'=SUM(A1)", "'-5 % off"], ["'x", "it's"]])

    rows = read_table(data.encode(), "p.csv").rows

    assert rows == [(2, ["=SUM(A1)", "-5 % off"]), (3, ["'x", "it's"])]


# --- refusals ------------------------------------------------------------------------------


def refused(data: bytes, name: str) -> FileRejected:
    with pytest.raises(FileRejected) as caught:
        read_table(data, name)
    assert caught.value.details["field"] == "file"
    return caught.value


@pytest.mark.parametrize(
    "data",
    [
        "café;résumé;naïve;Müller;Größe\n".encode("latin-1") * 20,
        bytes(range(0x80, 0x100)) * 4,
        "product_ref,title\nX,羊绒".encode() + b"\xff\xfe\xfa\x80" * 5,
        b"\xef\xbb\xbfproduct_ref,title\nX,\xc3\x28",
        b"\xff\xfep\x00r\x00\x00\xd8",
    ],
    ids=["latin-1", "high-bytes", "broken-utf-8", "bom-then-not-utf-8", "bom-then-not-utf-16"],
)
def test_text_in_an_unknown_encoding_is_refused(data):
    error = refused(data, "products.csv")

    assert error.code == "unknown_encoding"
    assert error.message == (
        "The file's text encoding is not recognised. Save it as CSV in UTF-8 "
        "(or Shift_JIS or GBK) and upload it again."
    )


def test_binary_garbage_is_refused_as_not_text():
    error = refused(bytes(range(256)) * 8, "products.csv")

    assert error.code == "not_what_it_says"
    assert "not a text file" in error.message


def test_an_xlsx_that_is_not_a_workbook_is_refused():
    error = refused(csv_bytes(), "products.xlsx")

    assert (error.code, error.message) == (
        "not_what_it_says",
        "The file is named .xlsx but is not an Excel workbook.",
    )


def test_a_csv_that_is_really_a_workbook_is_refused():
    error = refused(xlsx_bytes(), "products.csv")

    assert error.code == "not_what_it_says"
    assert error.message == "The file is named .csv but is an Excel workbook. Rename it to .xlsx."


def test_an_old_xls_file_is_refused_with_what_to_do():
    error = refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "products.xls")

    assert error.code == "unsupported_format"
    assert ".xlsx or CSV" in error.message


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("products.csv", csv_bytes())

    assert refused(out.getvalue(), "products.xlsx").code == "unsupported_format"


def test_a_damaged_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<not-a-workbook")

    error = refused(out.getvalue(), "products.xlsx")

    assert error.code == "unreadable_workbook"


def test_a_workbook_that_inflates_beyond_the_limit_is_refused(monkeypatch):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", b" " * (readers.MAX_UNZIPPED_BYTES + 1))

    assert len(out.getvalue()) < 1024 * 1024  # a small file...
    assert refused(out.getvalue(), "products.xlsx").code == "file_too_large"  # ...that is not


def test_other_extensions_are_refused():
    assert refused(csv_bytes(), "products.pdf").code == "unsupported_format"


def test_an_empty_file_is_refused():
    assert refused(b"  \r\n", "products.csv").code == "empty_file"


def test_a_file_over_20_mb_is_refused():
    data = csv_bytes() + b"x" * (readers.MAX_BYTES + 1 - len(csv_bytes()))

    error = refused(data, "products.csv")

    assert (error.code, error.message) == (
        "file_too_large",
        "The file is larger than 20 MB. Split it into smaller files.",
    )


def test_50_000_rows_are_read_and_50_001_refused():
    row = "P{n},S{n},cashmere-sweaters-fine-gauge,Sweater\n"
    head = "product_ref,sku,category,title\n"
    fifty_thousand = head + "".join(row.format(n=n) for n in range(50_000))

    assert len(read_table(fifty_thousand.encode(), "big.csv").rows) == 50_000
    error = refused((fifty_thousand + row.format(n=50_000)).encode(), "big.csv")
    assert (error.code, error.message) == (
        "too_many_rows",
        "The file has more than 50,000 rows. Split it into smaller files.",
    )


@settings(max_examples=300, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b),
        st.binary(max_size=200).map(lambda b: b"product_ref,sku\n" + b),
    ),
    name=st.sampled_from(["p.csv", "p.xlsx", "p.txt", "p", "p.tsv"]),
)
def test_any_bytes_are_read_or_refused_with_a_reason(data, name):
    try:
        table = read_table(data, name)
    except FileRejected as error:
        assert error.message
        assert error.details["field"] == "file"
    else:
        assert table.format in ("csv", "xlsx")
