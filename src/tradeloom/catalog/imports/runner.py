"""The import job: read the stored file, save product after product, report per row.

Each product is saved by ``services.save_product`` in its own transaction, so a
rejected product leaves nothing behind and a valid one is kept whatever follows.
A product is found again by its ``product_ref`` (``Product.external_ref``), else by
one of its SKUs if it has no product_ref yet, else by a ``tl-<id>`` reference from
our own export; so importing the same file twice creates nothing new. A product the
file does not change is not written at all. Running the job again (a retry after a
crash) starts it over, which is safe for the same reasons.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tradeloom.accounts.models import Membership
from tradeloom.catalog import services
from tradeloom.catalog.imports import columns as cols
from tradeloom.catalog.imports import exporter
from tradeloom.catalog.imports.fetch import FetchFailed, fetch
from tradeloom.catalog.imports.mapping import Existing, Lookups, Mapped, RowError, map_product
from tradeloom.catalog.imports.readers import Table, read_table
from tradeloom.catalog.models import Attribute, ImportJob, Product, ProductImage, Variant
from tradeloom.core.errors import DomainError

log = logging.getLogger(__name__)

BATCH = 100  # products whose saved state is read together
PROGRESS_SECONDS = 1.0
STALE_AFTER = timedelta(minutes=5)  # a running job without a heartbeat this long is dead
SAMPLE_ERRORS = 20
OWN_REF = re.compile(r"^tl-(\d+)$")
FIELD_COLUMNS = {
    "category": "category",
    "language": "language",
    "title": "title",
    "unit": "unit",
    "price_mode": "price_mode",
    "currency": "currency",
    "moq": "moq",
    "order_increment": "order_increment",
    "fob_min": "fob_min",
    "sample_price": "sample_price",
    "variants": "sku",
}


@dataclass
class Group:
    ref: str
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def attribute_codes() -> set[str]:
    return set(Attribute.objects.values_list("code", flat=True).distinct())


def check_widths(table: Table, width: int) -> None:
    for number, cells in table.rows:
        if any(c.strip() for c in cells[width:]):
            raise cols.FileRejected(
                _("Row %(row)s has values to the right of the last named column.")
                % {"row": number},
                code="unknown_columns",
            )


def parse(data: bytes, filename: str, *, quick: bool = False) -> tuple[Table, list[str]]:
    """The file's table and checked header, or FileRejected for the whole file.

    ``quick`` reads only a workbook's header (see ``read_table``); the job reads the rest.
    """
    table = read_table(data, filename, quick=quick)
    header = cols.check_header(table.header, attribute_codes())
    check_widths(table, len(header))
    if table.complete and not table.rows:
        raise cols.FileRejected(_("The file has a header row but no products."), code="empty_file")
    return table, header


# --- the job -----------------------------------------------------------------------------------


def run(job_id: int) -> dict:
    """Run an import job unless it is finished or another worker is on it."""
    job = _claim(job_id)
    if job is None:
        return {"job": job_id, "skipped": True}
    language = getattr(job.user, "language", "") or "en"
    with translation.override(language):
        try:
            membership = _membership(job)
            with job.file.open("rb") as handle:
                table, header = parse(handle.read(), job.original_name)
            ImportJob.objects.filter(pk=job.pk).update(total_rows=len(table.rows))
            job.total_rows = len(table.rows)
            counts = Importer(job, membership, table, header).run()
        except DomainError as exc:
            _finish(job, ImportJob.Status.FAILED, failure=exc.message)
            return {"job": job_id, "failed": exc.code}
        except Exception:
            log.exception("import job %s failed", job_id)
            _finish(job, ImportJob.Status.FAILED, failure=_("The import stopped on an error."))
            raise
    return {"job": job_id, **counts}


def _claim(job_id: int) -> ImportJob | None:
    now = timezone.now()
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.is_finished:
            return None
        if (
            job.status == ImportJob.Status.RUNNING
            and job.heartbeat_at
            and job.heartbeat_at > now - STALE_AFTER
        ):
            return None
        job.status = ImportJob.Status.RUNNING
        job.started_at = job.started_at or now
        job.heartbeat_at = now
        job.attempts += 1
        job.processed_rows = job.created_count = job.updated_count = 0
        job.unchanged_count = job.rejected_count = job.error_count = 0
        job.error_sample = []
        job.save()
    return ImportJob.objects.select_related("user", "supplier").get(pk=job_id)


def _membership(job: ImportJob) -> Membership:
    membership = (
        Membership.objects.select_related("company", "user")
        .filter(user_id=job.user_id, company_id=job.supplier_id, user__is_active=True)
        .first()
    )
    if membership is None or not membership.can("catalog.manage"):
        raise DomainError(
            _("The person who started this import may no longer manage the catalogue."),
            code="permission_denied",
        )
    return membership


def _finish(job: ImportJob, status: str, *, failure: str = "") -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        status=status, failure=failure[:2000], finished_at=timezone.now()
    )


class Importer:
    def __init__(self, job: ImportJob, membership: Membership, table: Table, header: list[str]):
        self.job = job
        self.membership = membership
        self.table = table
        self.header = header
        self.sku_index = header.index("sku")
        self.lookups = Lookups()
        self.errors: list[RowError] = []
        self.counts = {"created": 0, "updated": 0, "unchanged": 0, "rejected": 0}
        self.processed = 0
        self.sku_rows: dict[str, int] = {}  # SKU → the row that claimed it in this file
        self.touched: dict[int, int] = {}  # product id → the first row that saved it
        self.last_progress = time.monotonic()

    def run(self) -> dict:
        groups = self.groups()
        with relaxed_commits():
            for start in range(0, len(groups), BATCH):
                batch = groups[start : start + BATCH]
                found = self.existing(batch)
                for group in batch:
                    self.product(group, found)
                    self.processed += len(group.rows)
                    self.progress()
        self.progress(force=True)
        self.write_report()
        _finish(self.job, ImportJob.Status.DONE)
        return {**self.counts, "errors": len(self.errors)}

    def groups(self) -> list[Group]:
        ref_index = self.header.index("product_ref")
        groups: dict[str, Group] = {}
        for number, cells in self.table.rows:
            ref = cells[ref_index].strip() if ref_index < len(cells) else ""
            if not ref or len(ref) > 64:
                message = (
                    _("Give every row a product_ref.")
                    if not ref
                    else _("Use at most 64 characters.")
                )
                self.errors.append(RowError(number, "product_ref", message))
                self.processed += 1
                continue
            groups.setdefault(ref, Group(ref)).rows.append((number, cells))
        return list(groups.values())

    def _sku(self, cells: list[str]) -> str:
        return cells[self.sku_index].strip() if self.sku_index < len(cells) else ""

    def existing(self, batch: list[Group]) -> dict:
        """What is saved already for these products: ids by ref and SKU, and the products."""
        supplier = self.membership.company_id
        refs = [g.ref for g in batch]
        skus = [s for g in batch for _n, cells in g.rows if (s := self._sku(cells))]
        by_ref = dict(
            Product.objects.filter(supplier_id=supplier, external_ref__in=refs).values_list(
                "external_ref", "pk"
            )
        )
        by_sku: dict[str, int] = {}
        for start in range(0, len(skus), 500):
            by_sku.update(
                Variant.objects.filter(
                    supplier_id=supplier, sku__in=skus[start : start + 500]
                ).values_list("sku", "product_id")
            )
        own_ids = [int(m.group(1)) for r in refs if (m := OWN_REF.match(r))]
        unnamed = set(
            Product.objects.filter(
                supplier_id=supplier, pk__in=own_ids, external_ref=""
            ).values_list("pk", flat=True)
        )
        ids = set(by_ref.values()) | set(by_sku.values()) | unnamed
        products = exporter.with_children(Product.objects.filter(pk__in=ids)).prefetch_related(
            "customizations"
        )
        return {
            "ref": by_ref,
            "sku": by_sku,
            "unnamed": unnamed,
            "products": {p.pk: p for p in products},
        }

    def fail(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, message))

    def find(self, group: Group, found: dict) -> tuple[int | None, bool]:
        """The saved product these rows describe (or None), and whether that is clear."""
        first = group.rows[0][0]
        if group.ref in found["ref"]:
            return found["ref"][group.ref], True
        # A product with a product_ref of its own is another product, whatever its SKUs.
        owners = {
            pk
            for _n, c in group.rows
            if (pk := found["sku"].get(self._sku(c))) and not found["products"][pk].external_ref
        }
        if len(owners) > 1:
            refs = sorted(exporter.product_ref(found["products"][pk]) for pk in owners)
            self.fail(
                first,
                "sku",
                _("These SKUs belong to several of your products: %(refs)s.")
                % {"refs": ", ".join(refs)},
            )
            return None, False
        if owners:
            return owners.pop(), True
        match = OWN_REF.match(group.ref)
        if match and int(match.group(1)) in found["unnamed"]:
            return int(match.group(1)), True
        return None, True

    def product(self, group: Group, found: dict) -> None:
        first = group.rows[0][0]
        product_id, clear = self.find(group, found)
        if not clear:
            self.reject(group, first)
            return
        if product_id is not None and product_id in self.touched:
            self.fail(
                first,
                "product_ref",
                _("Row %(row)s already described this product.")
                % {"row": self.touched[product_id]},
            )
            self.reject(group, first)
            return
        rows = []
        for number, cells in group.rows:
            sku = self._sku(cells)
            owner = found["sku"].get(sku)
            if sku and sku in self.sku_rows:
                self.fail(
                    number,
                    "sku",
                    _("This SKU is also in row %(row)s.") % {"row": self.sku_rows[sku]},
                )
            elif sku and owner is not None and owner != product_id:
                self.fail(
                    number,
                    "sku",
                    _("This SKU belongs to another of your products (%(ref)s).")
                    % {"ref": exporter.product_ref(found["products"][owner])},
                )
            else:
                rows.append((number, cells))
        for number, cells in rows:
            if sku := self._sku(cells):
                self.sku_rows.setdefault(sku, number)
        if not rows:
            self.counts["rejected"] += 1
            return
        existing = None
        if product_id is not None:
            product = found["products"][product_id]
            values, variants = exporter.product_values(product)
            existing = Existing(product, values, {v["sku"]: v for v in variants})
        mapped = map_product(self.header, rows, existing, self.lookups)
        self.errors.extend(mapped.errors)
        if mapped.data is None:
            self.counts["rejected"] += 1
            return
        fetched = self.fetch_images(mapped, existing, first)
        outcome, product_id = self.save(group.ref, mapped, existing, first)
        if product_id is None:
            self.counts["rejected"] += 1
            return
        self.touched[product_id] = first
        if mapped.image_urls is not None and self.sync_images(
            product_id, mapped, existing, fetched, first
        ):
            outcome = "updated" if outcome == "unchanged" else outcome
        self.counts[outcome] += 1

    def reject(self, group: Group, first: int) -> None:
        for number, _cells in group.rows[1:]:
            self.fail(
                number,
                "product_ref",
                _("Not saved: this product has errors in row %(row)s.") % {"row": first},
            )
        self.counts["rejected"] += 1

    def save(
        self, ref: str, mapped: Mapped, existing: Existing | None, first: int
    ) -> tuple[str, int | None]:
        """Save one product in its own transaction (``save_product``'s): ("created" |
        "updated" | "unchanged", its id), or ("rejected", None) with the reason reported.

        A product whose cells would come out the same is not saved at all.
        """
        if existing is not None and self.predict(ref, mapped) == self.unchanged_state(existing):
            return "unchanged", existing.product.pk
        mapped.data.external_ref = ref
        try:
            product = services.save_product(
                self.membership, mapped.data, product_id=existing.product.pk if existing else None
            )
        except DomainError as exc:
            self.fail(first, self.column_of(exc), exc.message)
            self.reject_rest(mapped, first)
            return "rejected", None
        return ("created" if existing is None else "updated"), product.pk

    def reject_rest(self, mapped: Mapped, first: int) -> None:
        for number in mapped.rows:
            if number != first:
                self.fail(
                    number,
                    "product_ref",
                    _("Not saved: this product has errors in row %(row)s.") % {"row": first},
                )

    @staticmethod
    def predict(ref: str, mapped: Mapped) -> tuple | None:
        try:
            values, variants = exporter.input_values(mapped.data, ref, mapped.category)
        except DomainError:
            return None
        return _comparable(values, variants)

    @staticmethod
    def unchanged_state(existing: Existing) -> tuple:
        return _comparable(existing.values, list(existing.variants.values()))

    @staticmethod
    def column_of(exc: DomainError) -> str:
        details = exc.details or {}
        name = details.get("field", "")
        if name == "tiers":
            return f"tier{details['tier'] + 1}_price" if "tier" in details else "tier1_min"
        if name == "lead_times":
            return f"lead{details['row'] + 1}_days" if "row" in details else "lead1_days"
        if name == "attributes" and details.get("attribute"):
            return cols.ATTR_PREFIX + details["attribute"]
        return FIELD_COLUMNS.get(name, "product_ref")

    # --- images ------------------------------------------------------------------------------

    @staticmethod
    def known_images(existing: Existing | None) -> dict[str, ProductImage]:
        known: dict[str, ProductImage] = {}
        if existing is None:
            return known
        for image in existing.product.images.all():
            known[exporter.image_address(image)] = image
            known[image.image.url] = image
        return known

    def fetch_images(self, mapped: Mapped, existing: Existing | None, first: int) -> dict:
        """Download the new image addresses before saving: no transaction waits on the net."""
        fetched: dict[str, bytes] = {}
        known = self.known_images(existing)
        for url in mapped.image_urls or []:
            if url in known:
                continue
            try:
                fetched[url] = fetch(url)
            except FetchFailed as exc:
                self.fail(first, "image_urls", f"{url}: {exc.message}")
            self.progress()
        return fetched

    def sync_images(
        self, product_id: int, mapped: Mapped, existing: Existing | None, fetched: dict, first: int
    ) -> bool:
        """Make the product's images those of the file, in its order; True if anything moved."""
        known = self.known_images(existing)
        keep = {known[u].pk for u in mapped.image_urls if u in known}
        changed = False
        for image in existing.product.images.all() if existing else []:
            if image.pk not in keep:
                services.remove_image(self.membership, product_id, image.pk)
                changed = True
        order: list[int] = []
        alt = mapped.data.translations[0].title
        for url in mapped.image_urls:
            if url in known:
                order.append(known[url].pk)
                continue
            if url not in fetched:
                continue
            try:
                with transaction.atomic():
                    image = services.add_image(
                        self.membership,
                        product_id,
                        ContentFile(fetched[url], name="image"),
                        alt=alt,
                    )
                    ProductImage.objects.filter(pk=image.pk).update(source_url=url)
            except DomainError as exc:
                self.fail(first, "image_urls", f"{url}: {exc.message}")
                continue
            order.append(image.pk)
            changed = True
        current = list(
            ProductImage.objects.filter(product_id=product_id)
            .order_by("position", "id")
            .values_list("pk", flat=True)
        )
        if current != order and set(current) == set(order):
            services.reorder_images(self.membership, product_id, order)
            changed = True
        return changed

    # --- progress and the report ---------------------------------------------------------------

    def progress(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last_progress < PROGRESS_SECONDS:
            return
        self.last_progress = now
        ImportJob.objects.filter(pk=self.job.pk).update(
            processed_rows=min(self.processed, self.job.total_rows),
            created_count=self.counts["created"],
            updated_count=self.counts["updated"],
            unchanged_count=self.counts["unchanged"],
            rejected_count=self.counts["rejected"],
            error_count=len(self.errors),
            heartbeat_at=timezone.now(),
        )

    def write_report(self) -> None:
        errors = sorted(self.errors, key=lambda e: (e.row, e.column))
        sample = [[e.row, e.column, e.message] for e in errors[:SAMPLE_ERRORS]]
        job = ImportJob.objects.get(pk=self.job.pk)
        job.error_sample = sample
        job.error_count = len(errors)
        if errors:
            job.error_report.save("errors.csv", ContentFile(report_csv(errors)), save=False)
        job.save(update_fields=["error_sample", "error_count", "error_report"])


def _comparable(values: dict, variants: list[dict]) -> tuple:
    """Cells to compare, images aside; option order does not count (PostgreSQL's jsonb
    does not keep the order of keys)."""
    product = {k: v for k, v in values.items() if k != "image_urls"}
    rows = []
    for cells in variants:
        options = sorted(
            (cells[f"option{n}_name"], cells.get(f"option{n}_value", ""))
            for n in range(1, cols.MAX_OPTIONS + 1)
            if f"option{n}_name" in cells
        )
        rows.append((cells["sku"], cells.get("variant_price", ""), options))
    return product, rows


@contextmanager
def relaxed_commits():
    """On PostgreSQL, let the import's commits return before their WAL reaches disk.

    Each product is still saved whole or not at all; a crash of the database server can
    lose the last fraction of a second of saved products, which running the job again
    saves anew. The job's final status is committed after this ends, durably, and that
    flushes everything before it. It spares a disk flush per product.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def report_csv(errors: list[RowError]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("row"), _("column"), _("message")])
    for error in errors:
        writer.writerow([error.row, error.column, exporter._guarded(error.message)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
