"""The fraud detector: unit cases, and precision/recall on the labelled set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.inquiries.conftest import inquiry, pdf_bytes, upload
from tradeloom.inquiries import fraud, selectors, services
from tradeloom.inquiries.models import Message

DATA = Path(__file__).parent / "data" / "fraud_labelled.jsonl"


def labelled() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]


def measure(rows: list[dict]) -> dict:
    tp = fp = fn = tn = 0
    for row in rows:
        flagged = fraud.scan(row["text"], row["attachments"]).flagged
        if flagged and row["fraud"]:
            tp += 1
        elif flagged:
            fp += 1
        elif row["fraud"]:
            fn += 1
        else:
            tn += 1
    return {
        "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
    }  # fmt: skip


def test_the_set_is_large_balanced_and_trilingual():
    rows = labelled()
    assert len(rows) >= 100
    for lang in ("en", "ja", "zh"):
        mine = [r for r in rows if r["lang"] == lang]
        assert len(mine) >= 30
        share = sum(r["fraud"] for r in mine) / len(mine)
        assert 0.4 <= share <= 0.6, lang


def test_precision_and_recall_on_the_labelled_set():
    result = measure(labelled())
    assert result["precision"] >= 0.9, result
    assert result["recall"] >= 0.9, result


@pytest.mark.parametrize("lang", ["en", "ja", "zh"])
def test_each_language_on_its_own(lang):
    result = measure([r for r in labelled() if r["lang"] == lang])
    assert result["precision"] >= 0.9, result
    assert result["recall"] >= 0.9, result


def test_iban_checksum_decides():
    assert fraud.iban_is_valid("DE89 3704 0044 0532 0130 00")
    assert not fraud.iban_is_valid("DE89 3704 0044 0532 0130 01")
    assert fraud.scan("IBAN DE89370400440532013000").reasons == ["iban"]
    assert fraud.scan("Ref DE89370400440532013001 attached").reasons == []


def test_full_width_iban_is_found():
    assert "iban" in fraud.scan("ＤＥ８９３７０４００４４０５３２０１３０００").reasons


def test_bic_needs_banking_context():
    assert fraud.scan("SWIFT: BKCHCNBJ").reasons == ["swift"]
    assert fraud.scan("Our CUSTOMER SERVICE team is here").reasons == []


def test_links_to_payment_services_but_not_our_own():
    assert fraud.scan("pay at https://paypal.me/x/10").reasons == ["payment_link"]
    assert fraud.scan("see https://tradeloom.example/orders/drafts/1/").reasons == []
    assert fraud.scan("our catalogue https://huamei-knit.example/catalogue.pdf").reasons == []


def test_file_names_are_scanned():
    assert fraud.scan("see attached", ["new_bank_details.pdf"]).flagged
    assert fraud.scan("see attached", ["IBAN_GB29NWBK60161331926819.pdf"]).reasons == ["iban"]
    assert not fraud.scan("see attached", ["techpack_v3.pdf"]).flagged


def test_flagged_message_waits_for_review(buyer, supplier, conversation):
    message = services.send_message(
        supplier, conversation.pk, "Our bank account has changed, please pay directly.",
        files=[upload(pdf_bytes(), "payment_instructions.pdf")],
    )  # fmt: skip
    assert message.flagged
    assert message.review == "pending"
    assert "off_platform" in message.fraud_reasons
    assert list(selectors.review_queue()) == [message]


def test_operator_review(buyer, supplier, conversation):
    from tests.factories import MembershipFactory

    operator = MembershipFactory(user__is_operator=True).user
    message = services.send_message(supplier, conversation.pk, "Pay via https://paypal.me/x")
    services.review_message(operator, message.pk, "confirm")
    message.refresh_from_db()
    assert message.review == "confirmed"
    assert not selectors.review_queue().exists()
    from tradeloom.core.errors import Conflict

    with pytest.raises(Conflict):
        services.review_message(operator, message.pk, "clear")


def test_clean_messages_are_not_flagged(buyer, product):
    message = inquiry(buyer, product, message="We pay through the platform escrow as usual.")
    assert not message.flagged
    assert Message.objects.filter(flagged=True).count() == 0


def test_held_out_messages_written_after_the_rules():
    held = [r for r in labelled() if r.get("held_out")]
    assert len(held) >= 20
    result = measure(held)
    assert result["precision"] >= 0.9, result
    assert result["recall"] >= 0.9, result
