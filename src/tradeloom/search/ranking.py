"""How results are ordered: the one place the ranking formula lives (see docs/search.md).

    score = relevance × (QUALITY_FLOOR + (1 − QUALITY_FLOOR) × quality)

``relevance`` is the database's full-text score: −bm25() of FTS5 on SQLite (column
weights ``SQLITE_WEIGHTS``), ts_rank_cd() on PostgreSQL (weights ``POSTGRES_WEIGHTS``,
length-normalised). ``quality`` (0..1) is the listing-quality score below, stored in the
index row when the product is indexed. A query without words orders by quality, then
by newest.

Where the backend offers a cheaper estimate of relevance (PostgreSQL: how many of the
query's parts the title holds), the score is computed for the ``CANDIDATES`` matches
that come first by estimate, then quality; the matches after them keep that order. A
common two-word query matches thousands of listings, and scoring each one reads its
whole document, which costs more than the rest of the search together.
"""

from __future__ import annotations

QUALITY_FLOOR = 0.7  # a perfect listing scores at most 1/0.7 ≈ 1.43× an empty one
CANDIDATES = 100  # matches ranked in full (five pages of 20), when the backend estimates first

# FTS5 bm25() weights per column: title, body, concepts, CJK unigrams.
SQLITE_WEIGHTS = (4.0, 1.0, 2.0, 0.5)
# ts_rank_cd() weights for {D, C, B, A}: body is D, CJK unigrams C, concepts B, title A.
POSTGRES_WEIGHTS = "{0.25, 0.1, 0.5, 1.0}"

# Listing-quality parts and their shares (sum 1.0).
Q_IMAGES, Q_TIERS, Q_DESCRIPTION, Q_ATTRIBUTES, Q_LANGUAGES, Q_SUPPLIER = (
    0.30,
    0.15,
    0.20,
    0.15,
    0.10,
    0.10,
)


def listing_quality(
    *,
    images: int,
    tiers: int,
    description_chars: int,
    attributes_filled: int,
    attributes_declared: int,
    languages: int,
    supplier_verified: bool,
) -> float:
    """0..1: pictures (up to 4), quantity tiers (up to 3), description length (up to 800
    characters of text), share of the category's attributes filled, languages the listing
    is written in (up to 3), and a verified supplier."""
    attrs = attributes_filled / attributes_declared if attributes_declared else 0.5
    score = (
        Q_IMAGES * min(images, 4) / 4
        + Q_TIERS * min(tiers, 3) / 3
        + Q_DESCRIPTION * min(description_chars, 800) / 800
        + Q_ATTRIBUTES * min(attrs, 1.0)
        + Q_LANGUAGES * min(languages, 3) / 3
        + Q_SUPPLIER * (1.0 if supplier_verified else 0.0)
    )
    return round(min(max(score, 0.0), 1.0), 4)


def combined_sql(relevance_sql: str) -> str:
    """The ordering expression for a query with words (``d`` is the index row)."""
    return f"(({relevance_sql}) * ({QUALITY_FLOOR} + {1 - QUALITY_FLOOR:.2f} * d.quality))"
