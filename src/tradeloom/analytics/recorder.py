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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

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


def record(name: str, *, request=None, company_id: int | None = None, user_id: int | None = None,
           visitor: str = "", obj: Any = None, properties: dict | None = None) -> None:
    try:
        if request is not None:
            user = getattr(request, "user", None)
            if user_id is None and user is not None and user.is_authenticated:
                user_id = user.pk
            membership = getattr(request, "membership", None)
            if company_id is None and membership is not None:
                company_id = membership.company_id
            visitor = visitor or visitor_id(request)
        line = json.dumps({
            "name": name[:64], "at": datetime.now(UTC).isoformat(),
            "company_id": company_id, "user_id": user_id, "visitor_id": visitor[:64],
            "object_type": obj._meta.label_lower if obj is not None else "",
            "object_id": str(obj.pk) if obj is not None else "",
            "properties": properties or {},
        }, ensure_ascii=False, default=str)
        if len(line) > _MAX_LINE:
            return
        with _lock, open(_spool_file(), "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    except Exception:
        log.warning("analytics event %s dropped", name, exc_info=True)


def ingest_spool(batch_size: int = 1000) -> int:
    """Move every spool file aside and insert its events; returns the number inserted.

    A file is renamed to ``*.ingesting`` first, so writers start a new file; the
    renamed file is deleted only after its rows are committed, so a crash between
    the two can only ingest that file twice (analytics tolerate that; nothing is lost).
    """
    from tradeloom.analytics.models import AnalyticsEvent

    inserted = 0
    directory = spool_dir()
    for path in sorted(directory.glob("*.jsonl")):
        aside = path.with_suffix(f".{uuid.uuid4().hex[:8]}.ingesting")
        try:
            path.rename(aside)
        except FileNotFoundError:
            continue
    for aside in sorted(directory.glob("*.ingesting")):
        rows = []
        for raw in aside.read_text(encoding="utf-8").splitlines():
            try:
                data = json.loads(raw)
                rows.append(AnalyticsEvent(
                    name=data["name"], at=datetime.fromisoformat(data["at"]),
                    company_id=data.get("company_id"), user_id=data.get("user_id"),
                    visitor_id=data.get("visitor_id", ""), object_type=data.get("object_type", ""),
                    object_id=data.get("object_id", ""), properties=data.get("properties") or {}))
            except (ValueError, KeyError, TypeError):
                log.warning("skipping a malformed analytics line in %s", aside.name)
        with transaction.atomic():
            AnalyticsEvent.objects.bulk_create(rows, batch_size=batch_size)
        aside.unlink()
        inserted += len(rows)
    return inserted
