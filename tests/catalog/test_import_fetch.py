"""Images by URL: a real HTTP server on 127.0.0.1, reachable only when a test allows loopback."""

import io
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image

from tests.catalog.import_helpers import csv_text, report_rows, run_import
from tradeloom.catalog.imports.fetch import FetchFailed, address_allowed, fetch
from tradeloom.catalog.models import Product


def png(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, "PNG")
    return out.getvalue()


class Handler(BaseHTTPRequestHandler):
    files = {"/navy.png": png("navy"), "/grey.png": png("grey"), "/red.png": png("red")}

    def do_GET(self):
        self.server.hits.append(self.path)
        if self.path in self.files:
            self._send(200, self.files[self.path], "image/png")
        elif self.path == "/moved.png":
            self.send_response(302)
            self.send_header("Location", "/navy.png")
            self.end_headers()
        elif self.path == "/huge.png":
            self._send(200, b"\x89PNG" + b"\x00" * (5 * 1024 * 1024), "image/png")
        elif self.path == "/endless.png":
            self.send_response(200)  # no Content-Length: the size shows only while reading
            self.end_headers()
            for _ in range(6 * 16):
                self.wfile.write(b"\x00" * 65536)
        elif self.path == "/slow.png":
            time.sleep(1.5)
            self._send(200, self.files["/navy.png"], "image/png")
        elif self.path == "/page.png":
            self._send(200, b"<html><script>alert(1)</script></html>", "image/png")
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, status, body, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a client that gave up (a refused or timed-out fetch) is expected here


@pytest.fixture
def server():
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.hits = []
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def loopback_allowed(settings):
    settings.IMPORT_FETCH_ALLOW_LOOPBACK = True


# --- which addresses --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "169.254.1.1",
        "100.64.0.1",
        "100.100.100.200",
        "192.0.0.192",
        "0.0.0.0",  # noqa: S104
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fd00:ec2::254",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "2002:7f00:1::1",
        "64:ff9b::a00:1",
    ],
)
def test_private_and_special_addresses_are_refused(address):
    assert address_allowed(address) is False


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"]
)
def test_public_addresses_are_allowed(address):
    assert address_allowed(address) is True


def test_allowing_loopback_allows_loopback_only(settings):
    settings.IMPORT_FETCH_ALLOW_LOOPBACK = True

    assert [address_allowed(a) for a in ("127.0.0.1", "::1", "10.0.0.1", "169.254.169.254")] == [
        True,
        True,
        False,
        False,
    ]


# --- fetching -----------------------------------------------------------------------------------


def refusal(url: str) -> FetchFailed:
    with pytest.raises(FetchFailed) as caught:
        fetch(url)
    return caught.value


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/navy.png",
        "http://localhost:{port}/navy.png",
        "http://[::1]:{port}/navy.png",
        "http://[::ffff:127.0.0.1]:{port}/navy.png",
        "http://2130706433:{port}/navy.png",
        "http://10.0.0.7/navy.png",
        "http://169.254.169.254/latest/meta-data/",
    ],
    ids=["127.0.0.1", "localhost", "::1", "mapped", "decimal", "10.x", "metadata"],
)
def test_addresses_inside_the_network_are_never_contacted(server, url):
    error = refusal(url.format(port=server.server_address[1]))

    assert (error.code, error.message) == (
        "image_address_refused",
        "The image address points into a private network; it is not fetched.",
    )
    assert server.hits == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/a.png", "Only http and https image addresses are allowed."),
        ("file:///etc/passwd", "Only http and https image addresses are allowed."),
        (
            "http://user:secret@example.com/a.png",
            "Image addresses may not contain a user name or password.",
        ),
        ("http://[::1/a.png", "This is not a valid image address."),
    ],
)
def test_other_schemes_credentials_and_broken_urls_are_refused(url, message):
    assert refusal(url).message == message


def test_with_loopback_allowed_an_image_is_downloaded(server, loopback_allowed):
    assert fetch(f"{server.base}/navy.png") == Handler.files["/navy.png"]
    assert server.hits == ["/navy.png"]


def test_a_redirect_is_not_followed(server, loopback_allowed):
    error = refusal(f"{server.base}/moved.png")

    assert error.code == "image_redirect"
    assert server.hits == ["/moved.png"]


def test_a_missing_image_names_the_status(server, loopback_allowed):
    assert refusal(f"{server.base}/gone.png").message == (
        "The image server answered with status 404."
    )


@pytest.mark.parametrize("path", ["/huge.png", "/endless.png"])
def test_an_image_over_5_mb_is_refused(server, loopback_allowed, path):
    error = refusal(server.base + path)

    assert (error.code, error.message) == ("image_too_large", "The image is larger than 5 MB.")


def test_a_slow_server_runs_out_of_time(server, loopback_allowed, settings):
    settings.IMPORT_FETCH_TIMEOUT = 0.5
    started = time.monotonic()

    error = refusal(f"{server.base}/slow.png")

    assert error.code == "image_timeout"
    assert time.monotonic() - started < 1.4


# --- images in an import -------------------------------------------------------------------------

HEADER = [
    "product_ref",
    "sku",
    "category",
    "title",
    "moq",
    "tier1_min",
    "tier1_price",
    "image_urls",
]


def sweater(urls: str) -> bytes:
    row = ["CS-9", "CS-9-M", "cashmere-sweaters-fine-gauge", "Sweater", "1", "1", "9", urls]
    return csv_text(HEADER, [row]).encode()


def images(product: Product) -> list[tuple[str, int]]:
    return list(product.images.order_by("position").values_list("source_url", "position"))


@pytest.mark.django_db
def test_imported_images_are_fetched_once_and_kept_in_the_files_order(
    server, loopback_allowed, supplier
):
    navy, grey, red = (f"{server.base}/{c}.png" for c in ("navy", "grey", "red"))

    first = run_import(supplier, sweater(f"{navy} {grey}"))
    product = Product.objects.get(external_ref="CS-9")
    saved = list(product.images.values_list("pk", flat=True))
    again = run_import(supplier, sweater(f"{navy} {grey}"))
    reordered = run_import(supplier, sweater(f"{red} {grey}"))

    assert (first.created_count, first.error_count) == (1, 0)
    assert (again.unchanged_count, again.updated_count) == (1, 0)
    assert sorted(server.hits) == ["/grey.png", "/navy.png", "/red.png"]
    assert reordered.updated_count == 1
    assert images(product) == [(red, 0), (grey, 1)]
    assert product.images.get(source_url=grey).pk in saved
    image = product.images.get(source_url=red)
    assert (image.alt, image.image.name.endswith(".jpg"), image.thumbnail.name != "") == (
        "Sweater",
        True,
        True,
    )


@pytest.mark.django_db
def test_an_image_that_fails_is_a_row_error_and_the_product_is_saved(
    server, loopback_allowed, supplier
):
    urls = f"{server.base}/navy.png {server.base}/page.png {server.base}/moved.png"

    job = run_import(supplier, sweater(urls))

    assert (job.status, job.created_count, job.rejected_count) == ("done", 1, 0)
    assert report_rows(job) == [
        (2, "image_urls", f"{server.base}/moved.png: The image address redirects elsewhere; "
                          "give the image's own address."),
        (2, "image_urls", f"{server.base}/page.png: Upload a JPEG, PNG, WebP or GIF image."),
    ]  # fmt: skip
    assert images(Product.objects.get()) == [(f"{server.base}/navy.png", 0)]


@pytest.mark.django_db
def test_without_the_test_setting_the_local_server_is_refused_in_an_import(server, supplier):
    job = run_import(supplier, sweater(f"{server.base}/navy.png"))

    assert report_rows(job) == [
        (
            2,
            "image_urls",
            f"{server.base}/navy.png: The image address points into a private network; "
            "it is not fetched.",
        )
    ]
    assert (job.created_count, Product.objects.get().images.count(), server.hits) == (1, 0, [])


@pytest.mark.django_db
def test_an_address_that_is_not_http_is_a_row_error(supplier):
    job = run_import(supplier, sweater("file:///etc/passwd"))

    assert report_rows(job) == [
        (2, "image_urls", "Image addresses must start with http:// or https://.")
    ]
    assert (job.created_count, Product.objects.get().images.count()) == (1, 0)
