"""A cheap analytics recorder: append one JSON line to a spool file, never the database.

A request pays for one small ``write`` to a per-process file opened in append mode
(atomic for lines under the pipe buffer size). The worker's ``ingest_spool`` task
renames full files aside and inserts their lines in batches. A bookkeeping failure
is logged and swallowed: recording never breaks a page.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction

log = logging.getLogger("tradeloom.analytics")
VISITOR_COOKIE = "tl_vid"
_lock = threading.Lock()
_MAX_LINE = 4000


def spool_dir() -> Path:
    path = Path(settings.ANALYTICS_SPOOL_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _spool_file() -> Path:
    return spool_dir() / f"events-{os.getpid()}-{threading.get_ident()}.jsonl"


def visitor_id(request) -> str:
    """A random, first-party visitor id kept in a cookie (set by the middleware)."""
    vid = getattr(request, "visitor_id", None) or request.COOKIES.get(VISITOR_COOKIE, "")
    if not vid or len(vid) > 64:
        vid = uuid.uuid4().hex
    request.visitor_id = vid
    return vid


def record(
    name: str,
    *,
    request=None,
    company_id: int | None = None,
    user_id: int | None = None,
    visitor: str = "",
    obj: Any = None,
    properties: dict | None = None,
) -> None:
    try:
        if request is not None:
            user = getattr(request, "user", None)
            if user_id is None and user is not None and user.is_authenticated:
                user_id = user.pk
            membership = getattr(request, "membership", None)
            if company_id is None and membership is not None:
                company_id = membership.company_id
            visitor = visitor or visitor_id(request)
        line = json.dumps(
            {
                "name": name[:64],
                "at": datetime.now(UTC).isoformat(),
                "company_id": company_id,
                "user_id": user_id,
                "visitor_id": visitor[:64],
                "object_type": obj._meta.label_lower if obj is not None else "",
                "object_id": str(obj.pk) if obj is not None else "",
                "properties": properties or {},
            },
            ensure_ascii=False,
            default=str,
        )
        if len(line) > _MAX_LINE:
            return
        with _lock, open(_spool_file(), "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    except Exception:
        log.warning("analytics event %s dropped", name, exc_info=True)


def _text(value: Any, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value[:limit]


def _optional_id(value: Any) -> int | None:
    if value is None:
        return None
    if type(value) is not int or abs(value) >= 2**63:
        raise TypeError("expected an integer id")
    return value


def _event_from_line(raw: str):
    """Build one row from a spool line, refusing anything the table would reject."""
    from tradeloom.analytics.models import AnalyticsEvent

    # PostgreSQL text and jsonb refuse NUL characters; nothing here needs them.
    data = json.loads(raw.replace("\\u0000", ""))
    name = _text(data["name"], 64)
    at = datetime.fromisoformat(data["at"])
    if not name or at.tzinfo is None:
        raise ValueError("an event needs a name and an aware time")
    properties = data.get("properties") or {}
    if not isinstance(properties, dict):
        raise TypeError("properties must be an object")
    return AnalyticsEvent(
        name=name,
        at=at,
        company_id=_optional_id(data.get("company_id")),
        user_id=_optional_id(data.get("user_id")),
        visitor_id=_text(data.get("visitor_id"), 64),
        object_type=_text(data.get("object_type"), 64),
        object_id=_text(data.get("object_id"), 64),
        properties=properties,
    )


def ingest_spool(batch_size: int = 1000) -> int:
    """Move every spool file aside and insert its events; returns the number inserted.

    A file is renamed to ``*.ingesting`` first, so writers start a new file; the
    renamed file is deleted only after its rows are committed, so a crash between
    the two can only ingest that file twice (analytics tolerate that; nothing is lost).
    Workers sharing the spool folder take turns through a lock file.
    """
    inserted = 0
    directory = spool_dir()
    with _ingest_lock(directory) as mine:
        if not mine:
            return 0
        for path in sorted(directory.glob("*.jsonl")):
            aside = path.with_suffix(f".{uuid.uuid4().hex[:8]}.ingesting")
            try:
                path.rename(aside)
            except FileNotFoundError:
                continue
        for aside in sorted(directory.glob("*.ingesting")):
            rows = []
            for raw in aside.read_text(encoding="utf-8", errors="replace").splitlines():
                try:
                    rows.append(_event_from_line(raw))
                except (ValueError, KeyError, TypeError, AttributeError):
                    # One bad line (a torn write, say) must not block the file for ever.
                    log.warning("skipping a malformed analytics line in %s", aside.name)
            inserted += _insert(rows, batch_size)
            aside.unlink(missing_ok=True)
    return inserted


def _insert(rows: list, batch_size: int) -> int:
    """Insert in one batch; if the database refuses it, row by row, dropping the refused."""
    from tradeloom.analytics.models import AnalyticsEvent

    try:
        with transaction.atomic():
            AnalyticsEvent.objects.bulk_create(rows, batch_size=batch_size)
        return len(rows)
    except DatabaseError:
        log.warning("analytics batch refused; inserting row by row", exc_info=True)
    kept = 0
    for row in rows:
        row.pk = None
        try:
            with transaction.atomic():
                row.save(force_insert=True)
            kept += 1
        except DatabaseError:
            log.warning("analytics event %s dropped by the database", row.name, exc_info=True)
    return kept


@contextmanager
def _ingest_lock(directory: Path):
    """Yield True when this process holds the folder's ingestion lock (POSIX flock)."""
    try:
        import fcntl
    except ImportError:  # no flock: a single worker is assumed
        yield True
        return
    with open(directory / ".ingest.lock", "a") as lock_file:
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)
