"""The one attachment sniffer that conversations, RFQs and quotes share."""

import io
import zipfile

from PIL import Image

from tradeloom.core.attachments import clean_name, sniff
from tradeloom.rfq import files as rfq_files


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (14, 95, 92)).save(out, "PNG")
    return out.getvalue()


def workbook(*extra: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in ("[Content_Types].xml", "xl/workbook.xml", *extra):
            archive.writestr(name, "<x/>")
    return out.getvalue()


def kind_of(data: bytes):
    return sniff(data[:16], io.BytesIO(data))


def test_real_files_are_recognised_by_their_bytes():
    assert kind_of(png()) == ("image", "image/png")
    assert kind_of(b"%PDF-1.7\n...") == ("pdf", "application/pdf")
    assert kind_of(workbook())[0] == "xlsx"


def test_disguised_and_dangerous_files_are_not():
    assert kind_of(b"\x89PNG\r\n\x1a\n" + b"not really a picture") is None
    assert kind_of(workbook("xl/vbaProject.bin")) is None  # a workbook with macros
    assert kind_of(b"<svg xmlns='http://www.w3.org/2000/svg'/>") is None


def test_rfq_attachments_use_the_same_checks():
    assert rfq_files.sniff(png()[:16], png()) == "image/png"
    assert rfq_files.sniff(b"\x89PNG\r\n\x1a\n", b"\x89PNG\r\n\x1a\nfake") is None


def test_names_lose_folders_and_special_characters():
    assert clean_name('..\\..\\etc/pass"wd<>.pdf') == "passwd.pdf"
    assert clean_name("") == "attachment"
