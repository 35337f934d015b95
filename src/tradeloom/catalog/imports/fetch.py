"""Download an image named in a spreadsheet without letting the file reach our network.

A spreadsheet is untrusted input: a URL in it must not make the worker talk to
itself, the local network or a cloud metadata service. So:

- only ``http`` and ``https``, without user names or passwords in the URL;
- the host is resolved once, and every address it resolves to must be public
  (no loopback, private, shared, link-local, multicast, reserved or unspecified
  address, IPv4 or IPv6, including IPv4 addresses embedded in IPv6 ones);
- the connection goes to the address that was checked (no second DNS lookup that
  could answer differently), with the name kept for the Host header, SNI and the
  certificate check; no proxy from the environment is used;
- redirects are not followed: a 3xx answer is an error asking for the image's own
  address (following them would need the same checks per hop, for little gain);
- at most ``IMPORT_FETCH_MAX_BYTES`` (5 MB) within ``IMPORT_FETCH_TIMEOUT`` (10 s)
  in total, DNS included.

Tests may allow loopback addresses (only those) with ``IMPORT_FETCH_ALLOW_LOOPBACK``.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from tradeloom.core.errors import DomainError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_TIMEOUT = 10.0
CHUNK = 64 * 1024
METADATA_ADDRESSES = {
    ipaddress.ip_address("169.254.169.254"),  # AWS, GCP, Azure, OpenStack...
    ipaddress.ip_address("fd00:ec2::254"),  # AWS over IPv6
    ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
    ipaddress.ip_address("192.0.0.192"),  # Oracle Cloud
}
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class FetchFailed(DomainError):
    code = "image_fetch_failed"


def max_bytes() -> int:
    return int(getattr(settings, "IMPORT_FETCH_MAX_BYTES", DEFAULT_MAX_BYTES))


def time_limit() -> float:
    return float(getattr(settings, "IMPORT_FETCH_TIMEOUT", DEFAULT_TIMEOUT))


def address_allowed(address: str | ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether an address is a public unicast one we may connect to."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if ip.version == 6:
        embedded = [ip.ipv4_mapped, ip.sixtofour]
        if ip.teredo:
            embedded.extend(ip.teredo)
        if ip in NAT64:
            embedded.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        if any(v4 is not None and not address_allowed(v4) for v4 in embedded):
            return False
        if ip.ipv4_mapped is not None:
            return True
    if ip.is_loopback and getattr(settings, "IMPORT_FETCH_ALLOW_LOOPBACK", False):
        return True
    return not (
        ip in METADATA_ADDRESSES
        or ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def resolve(host: str, port: int, deadline: float) -> list[str]:
    """Every address of ``host``, looked up once, within the time left."""
    found: dict = {}

    def lookup():
        try:
            found["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            found["error"] = exc

    worker = threading.Thread(target=lookup, daemon=True)
    worker.start()
    worker.join(max(deadline - time.monotonic(), 0.01))
    if worker.is_alive():
        raise FetchFailed(_("The image took too long to download."), code="image_timeout")
    if "error" in found or not found.get("infos"):
        raise FetchFailed(_("The image's host name cannot be found."), code="image_dns")
    return list(dict.fromkeys(info[4][0] for info in found["infos"]))


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, *, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, *, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        # SNI and the certificate check use the name from the URL, not the address.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def fetch(url: str) -> bytes:
    """The bytes at ``url``, or FetchFailed saying why not."""
    deadline = time.monotonic() + time_limit()
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise FetchFailed(_("This is not a valid image address."))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchFailed(_("Only http and https image addresses are allowed."))
    if parts.username is not None or parts.password is not None:
        raise FetchFailed(_("Image addresses may not contain a user name or password."))
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchFailed(_("This is not a valid image address."))
    port = port or (443 if parts.scheme == "https" else 80)
    addresses = resolve(host, port, deadline)
    if not all(address_allowed(a) for a in addresses):
        raise FetchFailed(
            _("The image address points into a private network; it is not fetched."),
            code="image_address_refused",
        )
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    last_error: Exception | None = None
    for address in addresses:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        connection = connection_class(host, port, address=address, timeout=remaining)
        try:
            return _download(connection, path, deadline)
        except FetchFailed:
            raise
        except (OSError, http.client.HTTPException) as exc:
            last_error = exc
        finally:
            connection.close()
    if isinstance(last_error, TimeoutError) or time.monotonic() >= deadline:
        raise FetchFailed(_("The image took too long to download."), code="image_timeout")
    raise FetchFailed(_("The image server cannot be reached."), code="image_unreachable")


def _download(connection: http.client.HTTPConnection, path: str, deadline: float) -> bytes:
    limit = max_bytes()
    connection.request(
        "GET",
        path,
        headers={"User-Agent": "Tradeloom-image-import/1", "Accept": "image/*"},
    )
    sock = connection.sock  # the connection lets go of it once the response says "close"
    sock.settimeout(max(deadline - time.monotonic(), 0.01))
    response = connection.getresponse()
    if 300 <= response.status < 400:
        raise FetchFailed(
            _("The image address redirects elsewhere; give the image's own address."),
            code="image_redirect",
        )
    if response.status != 200:
        raise FetchFailed(
            _("The image server answered with status %(status)s.") % {"status": response.status},
            code="image_status",
        )
    length = response.getheader("Content-Length")
    if length and length.strip().isdigit() and int(length) > limit:
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchFailed(_("The image took too long to download."), code="image_timeout")
        sock.settimeout(remaining)
        chunk = response.read1(CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> FetchFailed:
    return FetchFailed(
        _("The image is larger than %(mb)s MB.") % {"mb": f"{limit / 1024 / 1024:g}"},
        code="image_too_large",
    )
