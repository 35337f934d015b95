"""The search index: one row per live product and per supplier, with the facts facets
filter on. The full-text part lives beside these tables and depends on the database:
an FTS5 virtual table on SQLite, a ``tsvector`` column with a GIN index on PostgreSQL
(created in migration 0002; see ``backends``). Rows are written only by ``indexer``.
"""

from __future__ import annotations

from django.db import models

from tradeloom.search.analyzer import PREFIX_KEY_CHARS


class ProductDoc(models.Model):
    product = models.OneToOneField(
        "catalog.Product", primary_key=True, on_delete=models.CASCADE, related_name="search_doc"
    )
    supplier = models.ForeignKey("accounts.Company", on_delete=models.CASCADE, related_name="+")
    category_id = models.BigIntegerField()
    category_path = models.CharField(max_length=400)
    country = models.CharField(max_length=2, blank=True)
    verified = models.BooleanField(default=False)
    currency = models.CharField(max_length=3)
    # Lowest tier price and MOQ-tier price, supplier currency minor units; None: on request.
    price_min_minor = models.BigIntegerField(null=True)
    price_moq_minor = models.BigIntegerField(null=True)
    moq = models.PositiveIntegerField()
    lead_days = models.PositiveIntegerField(null=True)  # the shortest lead time offered
    ready_to_ship = models.BooleanField(default=False)
    samples = models.BooleanField(default=False)
    customizable = models.BooleanField(default=False)
    certs = models.CharField(max_length=400, blank=True)  # "|gots|oeko_tex|"
    quality = models.FloatField(default=0.0)  # 0..1, see ranking.listing_quality
    language = models.CharField(max_length=10, blank=True)
    live_at = models.DateTimeField(null=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["category_path"]),
            models.Index(fields=["-quality"]),
            models.Index(fields=["-live_at"]),
            models.Index(fields=["moq"]),
        ]

    def __str__(self) -> str:
        return f"search doc of product {self.product_id}"


class TierDoc(models.Model):
    """A price tier copied from the catalog, to filter by unit price at a quantity."""

    doc = models.ForeignKey(ProductDoc, on_delete=models.CASCADE, related_name="tiers")
    min_quantity = models.PositiveIntegerField()
    max_quantity = models.PositiveIntegerField(null=True)
    unit_price_minor = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["doc", "min_quantity"])]

    def __str__(self) -> str:
        return f"{self.min_quantity}+ @ {self.unit_price_minor}"


class SupplierDoc(models.Model):
    company = models.OneToOneField(
        "accounts.Company", primary_key=True, on_delete=models.CASCADE, related_name="search_doc"
    )
    country = models.CharField(max_length=2, blank=True)
    business_type = models.CharField(max_length=16, blank=True)
    verified = models.BooleanField(default=False)
    categories = models.TextField(blank=True)  # "|apparel/sweaters/|...|" main categories
    product_count = models.PositiveIntegerField(default=0)
    indexed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"search doc of company {self.company_id}"


class TitlePrefix(models.Model):
    """One place where autocomplete may start inside a live product's title: a word, or a
    vocabulary term inside a CJK run. ``key`` is the title from there on, analysed the way
    a typed prefix is (``suggest.prefix_key``), so a suggestion is an indexed range scan
    (``key >= typed AND key < typed + U+10FFFF``) instead of a full-text prefix match
    ordered by quality. Written by ``indexer`` with the product's index row."""

    doc = models.ForeignKey(ProductDoc, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=60)
    weight = models.FloatField()  # the listing quality: better listings are offered first
    language = models.CharField(max_length=10)  # the title's language
    title = models.CharField(max_length=200)

    class Meta:
        # Every column the choice of suggestions reads, so that it never visits the table;
        # language first, as suggestions are chosen one language at a time. The best
        # listings' places have a partial index of their own (``suggest.BAND_INDEX``).
        indexes = [
            models.Index(
                fields=["language", "key", "weight", "doc"], name="search_titleprefix_lkey"
            )
        ]

    def __str__(self) -> str:
        return self.key


class IndexSetting(models.Model):
    """A figure the index was last rebuilt with that queries need: ``suggest_band`` is the
    listing quality from which title places are also in the band index (see ``suggest``)."""

    name = models.CharField(max_length=40, primary_key=True)
    value = models.FloatField()

    def __str__(self) -> str:
        return f"{self.name} = {self.value}"


class PopularQuery(models.Model):
    """A search made by several buyers in one language, offered first in autocomplete;
    replaced as a whole by ``popular.refresh``. ``key`` is what was typed as autocomplete
    compares it (``analyzer.prefix_key``), and is the text offered."""

    language = models.CharField(max_length=10)
    key = models.CharField(max_length=PREFIX_KEY_CHARS)
    searchers = models.PositiveIntegerField()  # different visitors in the window

    class Meta:
        indexes = [models.Index(fields=["language", "key"], name="search_popular_lkey")]

    def __str__(self) -> str:
        return f"{self.language}: {self.key} ({self.searchers})"
