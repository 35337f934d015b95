"""Turn an uploaded spreadsheet into a header and rows of text cells.

The format comes from the content, not the name: an XLSX file is a zip holding a
workbook; anything else must be text in UTF-8 (with or without BOM), UTF-16 with
BOM, Shift_JIS (cp932) or GBK (read as its superset GB18030). A name that says
otherwise is refused, as is anything too large or too long.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import PurePath

from django.utils.translation import gettext as _

from tradeloom.catalog.imports.columns import (
    ATTR_PREFIX,
    FIXED,
    REQUIRED,
    FileRejected,
    normalise_name,
)

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a workbook that inflates beyond this is a zip bomb
TEXT_EXTENSIONS = {".csv", ".txt", ".tsv"}
DELIMITERS = (",", "\t", ";")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    format: str  # "csv" or "xlsx"
    encoding: str  # the CSV's encoding; "" for XLSX
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as the spreadsheet shows it, cells)
    complete: bool = True  # False: only the header was read (a quick look at a workbook)
    row_estimate: int = 0  # data rows the workbook says it has, for a quick look


def read_table(data: bytes, filename: str = "", *, quick: bool = False) -> Table:
    """Read a whole upload; refuses it with a FileRejected saying what is wrong.

    ``quick`` reads only the header of a workbook (reading 50,000 rows of XLSX takes
    most of a minute): enough to refuse a wrong file while the supplier waits.
    """
    if len(data) > MAX_BYTES:
        raise too_large()
    if not data.strip():
        raise FileRejected(_("The file is empty."), code="empty_file")
    extension = PurePath(filename or "").suffix.lower()
    kind = sniff(data)
    if kind == "xls":
        raise FileRejected(
            _("This is an old Excel .xls file. Save it as .xlsx or CSV and upload that."),
            code="unsupported_format",
        )
    if kind == "zip":
        raise FileRejected(
            _("This is a zip archive but not an Excel workbook. Upload a .xlsx or CSV file."),
            code="unsupported_format",
        )
    if extension == ".xlsx" and kind != "xlsx":
        raise FileRejected(
            _("The file is named .xlsx but is not an Excel workbook."), code="not_what_it_says"
        )
    if extension in TEXT_EXTENSIONS and kind == "xlsx":
        raise FileRejected(
            _("The file is named %(ext)s but is an Excel workbook. Rename it to .xlsx.")
            % {"ext": extension},
            code="not_what_it_says",
        )
    if extension and extension not in TEXT_EXTENSIONS | {".xlsx"}:
        raise FileRejected(
            _("Upload a .csv or .xlsx file."), code="unsupported_format", extension=extension
        )
    if kind == "xlsx":
        return read_xlsx(data, header_only=quick)
    return read_csv(data)


def too_large() -> FileRejected:
    return FileRejected(
        _("The file is larger than %(mb)s MB. Split it into smaller files.")
        % {"mb": MAX_BYTES // (1024 * 1024)},
        code="file_too_large",
    )


def too_many_rows() -> FileRejected:
    return FileRejected(
        _("The file has more than %(n)s rows. Split it into smaller files.")
        % {"n": f"{MAX_ROWS:,}"},
        code="too_many_rows",
    )


def sniff(data: bytes) -> str:
    """ "xlsx", "xls", "zip" or "text", from the first bytes and the zip's contents."""
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return "zip"
        return "xlsx" if "xl/workbook.xml" in names else "zip"
    return "text"


# --- CSV ---------------------------------------------------------------------------------


def detect_encoding(data: bytes) -> str:
    """The encoding of CSV bytes, decided the same way every time.

    A BOM decides first, then strict UTF-8. Otherwise the text is Shift_JIS (cp932) or
    GBK (GB18030): both are tried strictly and the one whose non-ASCII characters
    look more like real Japanese or Chinese wins (see ``plausibility``); a tie goes to
    cp932, the stricter of the two. Text that is neither is refused.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in data:
        raise FileRejected(
            _("This is not a text file. Upload a CSV file or an Excel .xlsx workbook."),
            code="not_what_it_says",
        )
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    scores: dict[str, int] = {}
    for encoding in ("cp932", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        scores[encoding] = plausibility(text, encoding)
    if scores:
        best = max(scores, key=lambda e: (scores[e], e == "cp932"))
        if scores[best] > 0:
            return best
    raise unknown_encoding()


def unknown_encoding() -> FileRejected:
    return FileRejected(
        _(
            "The file's text encoding is not recognised. Save it as CSV in UTF-8 "
            "(or Shift_JIS or GBK) and upload it again."
        ),
        code="unknown_encoding",
    )


def plausibility(text: str, encoding: str) -> int:
    """Points for the non-ASCII characters that text in this encoding's language uses,
    minus points for the ones a wrong guess produces.

    Shift_JIS read as GBK turns kana and kanji into rare ideographs outside GB2312;
    GBK read as Shift_JIS turns into half-width katakana and private-use characters.
    So: JIS X 0208 kanji count for cp932, GB2312 hanzi for GB18030; kana, CJK
    punctuation and full-width forms count for both; half-width katakana count for
    neither; rare ideographs, private-use and control characters count against.
    """
    score = 0
    for ch in text:
        code = ord(ch)
        if code < 0x80:
            continue
        if 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E:
            score += 1
        elif 0x3040 <= code <= 0x30FF:
            score += 1  # kana: GBK has them too, and a misread never produces them
        elif 0x4E00 <= code <= 0x9FFF:
            score += 1 if _common_ideograph(ch, encoding) else -1
        elif 0xFF61 <= code <= 0xFF9F:
            score += 0  # half-width katakana: old Japanese data has them, misread GBK too
        elif 0xE000 <= code <= 0xF8FF or unicodedata.category(ch) in ("Cc", "Co", "Cn"):
            score -= 2
        elif unicodedata.category(ch)[0] in "LM":
            score -= 1  # letters of other scripts: Cyrillic, Greek, accented Latin...
    return score


def _common_ideograph(ch: str, encoding: str) -> bool:
    if encoding == "cp932":
        try:
            lead = ch.encode("shift_jis")[0]  # JIS X 0208 only, no vendor extensions
        except UnicodeEncodeError:
            return False
        return 0x88 <= lead <= 0x9F or 0xE0 <= lead <= 0xEA
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def read_csv(data: bytes) -> Table:
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:  # a BOM promised an encoding the rest does not keep
        raise unknown_encoding()
    if text.startswith("\ufeff"):
        text = text[1:]
    first_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=lambda d: (_named_cells(first_line, d), d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
        rows = _collect(enumerate(reader, start=2))
    except csv.Error as exc:
        raise FileRejected(
            _("The CSV file is malformed near row %(row)s.") % {"row": reader.line_num},
            code="malformed_csv",
            reason=str(exc)[:200],
        )
    return Table(
        "csv", encoding.replace("-sig", "") if encoding != "utf-16" else encoding, header, rows
    )


def _named_cells(line: str, delimiter: str) -> int:
    cells = [normalise_name(c.strip('"')) for c in line.split(delimiter)]
    return sum(1 for c in cells if c in FIXED or c in REQUIRED or c.startswith(ATTR_PREFIX))


def _collect(numbered_rows) -> list[tuple[int, list[str]]]:
    rows: list[tuple[int, list[str]]] = []
    for number, cells in numbered_rows:
        if not any(c.strip() for c in cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise too_many_rows()
        rows.append((number, [_unquote_formula(c) for c in cells]))
    return rows


def _unquote_formula(value: str) -> str:
    # The exporter guards cells that spreadsheet software would run as formulas with a
    # leading apostrophe ('=...); reading the file back removes it again.
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_PREFIXES:
        return value[1:]
    return value


# --- XLSX --------------------------------------------------------------------------------


def read_xlsx(data: bytes, *, header_only: bool = False) -> Table:
    from openpyxl import load_workbook

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
            raise too_large()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise FileRejected(
            _("The Excel workbook cannot be read. Open it, save it again as .xlsx and retry."),
            code="unreadable_workbook",
            reason=type(exc).__name__,
        )
    try:
        if not workbook.worksheets:
            raise FileRejected(_("The workbook has no sheets."), code="empty_file")
        sheet = workbook.worksheets[0]
        raw = sheet.iter_rows(min_row=1, values_only=True)
        header = [cell_text(v) for v in next(raw, ())]
        if header_only:
            estimate = max((sheet.max_row or 1) - 1, 0)
            if estimate > MAX_ROWS:
                raise too_many_rows()
            return Table("xlsx", "", header, [], complete=False, row_estimate=estimate)
        rows = _collect(
            (number, [cell_text(v) for v in values]) for number, values in enumerate(raw, start=2)
        )
    except FileRejected:
        raise
    except Exception as exc:
        raise FileRejected(
            _("The Excel workbook cannot be read. Open it, save it again as .xlsx and retry."),
            code="unreadable_workbook",
            reason=type(exc).__name__,
        )
    finally:
        workbook.close()
    return Table("xlsx", "", header, rows)


def cell_text(value) -> str:
    """A cell's value as the text a CSV would hold: 7.2 → "7.2", 500.0 → "500"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
