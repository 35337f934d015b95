"""Signs that a message tries to move payment off the platform.

``scan(text, filenames)`` returns the reasons it found:

* ``iban`` — an IBAN whose length fits its country and whose mod-97 checksum holds;
* ``swift`` — a SWIFT/BIC code (bank, ISO country, location, optional branch) near a
  banking word, or written as "SWIFT: …";
* ``account_number`` — an account, routing or sort-code number after a label
  (account no., A/C, 账号, 口座番号, …), or a UnionPay card number with a valid
  Luhn digit;
* ``off_platform`` — wording that asks to pay outside the platform, in English,
  Japanese and Chinese ("pay directly to our account", "直接振込", "私下交易", …);
* ``payment_link`` — a link to a payment service or a payment page elsewhere.

Attachments' file names are scanned with the same rules, plus words such as
"bank details" or "振込先" that only mean something in a file name. The rules are
measured on ``tests/inquiries/data/fraud_labelled.jsonl`` (see docs/benchmarks.md).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

REASONS = ("iban", "swift", "account_number", "off_platform", "payment_link")

# IBAN lengths of the countries that issue them most in trade (others: 15–34 allowed).
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AT": 20, "BE": 16, "BG": 22, "BH": 22, "CH": 21, "CY": 28,
    "CZ": 24, "DE": 22, "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22,
    "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IT": 27, "LT": 20, "LU": 20,
    "LV": 21, "MT": 31, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PT": 25, "QA": 29,
    "RO": 24, "SA": 24, "SE": 24, "SI": 19, "SK": 24, "TR": 26, "UA": 29,
}  # fmt: skip

# ISO 3166 alpha-2 codes: a BIC's 5th and 6th letters.
_COUNTRIES = frozenset(
    (  # noqa: SIM905
        "AD AE AF AG AI AL AM AO AR AT AU AW AZ BA BB BD BE BF BG BH BI BJ BM BN "
        "BO BR BS BT BW BY BZ CA CD CF CG CH CI CL CM CN CO CR CU CV CY CZ DE DJ "
        "DK DM DO DZ EC EE EG ES ET FI FJ FR GA GB GD GE GH GM GN GQ GR GT GY HK "
        "HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KR KW KY KZ LA LB "
        "LC LI LK LR LS LT LU LV LY MA MC MD ME MG MK ML MM MN MO MR MT MU MV MW "
        "MX MY MZ NA NE NG NI NL NO NP NZ OM PA PE PG PH PK PL PR PT PY QA RO RS "
        "RU RW SA SC SD SE SG SI SK SL SN SO SR SV SY SZ TG TH TJ TN TR TT TW TZ "
        "UA UG US UY UZ VC VE VN YE ZA ZM ZW "
    ).split()
)

_IBAN = re.compile(r"\b([A-Z]{2}\d{2}(?:[ \-]?[A-Z0-9]{2,4}){3,8})\b")
_BIC = re.compile(r"\b([A-Z]{4})([A-Z]{2})([A-Z0-9]{2})([A-Z0-9]{3})?\b")
_BANK_CONTEXT = re.compile(
    r"swift|bic\b|bank|beneficiary|iban|wire|transfer|remit|account|"
    r"银行|銀行|汇款|匯款|收款|振込|送金|口座|账户|帳戶|账号",
    re.IGNORECASE,
)
_BIC_LABEL = re.compile(r"(?:swift|bic)(?:\s*code)?\s*[:：#]?\s*$", re.IGNORECASE)

_ACCOUNT = re.compile(
    r"(?:"
    r"(?:bank\s+)?(?:account|acct|a/c)\s*(?:no\.?|number|num|#)?\s*[:：#]?\s*"
    r"|routing\s*(?:no\.?|number|#)?\s*[:：]?\s*|aba\s*[:：#]?\s*"
    r"|sort\s*code\s*[:：]?\s*"
    r"|(?:收款)?(?:银行)?(?:账号|帳號|账户|帳戶|卡号|卡號)\s*[:：]?\s*"
    r"|口座番号\s*[:：]?\s*|口座\s*[:：]?\s*(?:普通|当座)?\s*"
    r")"
    r"(\d[\d \-]{5,28}\d)",
    re.IGNORECASE,
)
_CARD = re.compile(r"(?<!\d)(62\d{14,17})(?!\d)")

_OFF_PLATFORM = [
    re.compile(p, re.IGNORECASE)
    for p in [
        # English
        r"\bpay(?:ment)?s?\b[^.\n]{0,40}\b(?:directly|outside|off)\b[^.\n]{0,30}"
        r"\b(?:platform|site|tradeloom|escrow|account|bank|us|me)\b",
        r"\b(?:pay|paid|send|sent|wire|wired|transfer|transferred|remit)\b[^.\n]{0,30}"
        r"\bdirectly\b",
        r"\bno need to (?:use|go through|pay through) (?:the )?(?:platform|escrow|site)\b",
        r"\boutside (?:of )?(?:the |this )?(?:platform|site|tradeloom|escrow)\b",
        r"\boff[- ](?:the[- ])?(?:platform|site)\b",
        r"\b(?:bypass|avoid|skip|save)\b[^.\n]{0,30}\b(?:platform|escrow|tradeloom)"
        r"(?:'s)?\b[^.\n]{0,15}\b(?:fee|fees|commission|charges?)?",
        r"\b(?:new|updated|changed|different)\s+(?:bank|banking|payment|beneficiary)\s+"
        r"(?:details|account|information|info|instructions)\b",
        r"\b(?:our|my)\s+(?:bank\s+)?account\s+(?:has\s+)?(?:changed|been\s+changed|is\s+"
        r"under\s+audit|was\s+updated|is\s+frozen|is\s+blocked)\b",
        r"\b(?:western\s+union|moneygram|paypal\s+friends|friends\s+and\s+family)\b",
        r"\b(?:personal|private|another)\s+(?:bank\s+)?account\b",
        r"\bwire\b[^.\n]{0,40}\b(?:to|into)\b[^.\n]{0,20}\b(?:our|my|this|the following)\s+"
        r"(?:company\s+)?(?:bank\s+)?account\b",
        r"\b(?:deal|trade|talk|contact)\b[^.\n]{0,20}\b(?:privately|outside)\b",
        r"\b(?:whatsapp|wechat|telegram)\b[^.\n]{0,40}\b(?:pay|payment|invoice|bank|deal)\b",
        r"\b(?:pay|payment|invoice|bank|deal)\b[^.\n]{0,40}\b(?:whatsapp|wechat|telegram)\b",
        # Japanese
        r"直接(?:お)?(?:振込|振り込|送金|支払|お支払|入金|取引)",
        r"(?:支払|振込|送金)い?は[^。\n]{0,4}直接",
        r"(?:プラットフォーム|サイト|トレードルーム)(?:の)?外",
        r"(?:プラットフォーム|サイト)を(?:通さ|経由せ|使わ)",
        r"(?:新しい|新規の?|別の|個人の?)(?:銀行)?口座",
        r"(?:口座|振込先|送金先)(?:情報)?(?:が|を)?(?:変更|変わり|変わった|更新)",
        r"手数料を(?:避け|節約|浮か|払わ|かけず)",
        r"(?:振込先|送金先)(?:は|を|：|:)",
        r"(?:LINE|ライン)(?:で|に)[^。\n]{0,15}(?:支払|振込|送金|取引)",
        # Chinese
        r"直接(?:付款|打款|汇款|匯款|转账|轉賬|转到|支付|交易)",
        r"私下(?:交易|付款|转账|联系|聯繫|聊|沟通)",
        r"(?:平台|网站|網站)(?:之)?外",
        r"(?:绕过|繞過|绕开|避开|不通过|不經過|不经过)(?:平台|网站)",
        r"(?:新的?|另一个|個人|个人|私人)(?:银行|銀行)?(?:账户|賬戶|帐户|账号|賬號|收款账户)",
        r"(?:账户|賬戶|帐户|收款账户|收款信息|银行信息)(?:已|有)?(?:变更|變更|更改|更换|冻结|凍結)",
        r"(?:省|免|避免|节省|節省)(?:掉)?(?:平台)?(?:手续费|手續費|佣金)",
        r"(?:加|添加)(?:我的?)?(?:微信|vx|VX|WeChat)[^。\n]{0,15}(?:付款|支付|转账|交易|聊)",
        r"(?:微信|支付宝|支付寶)(?:转账|轉賬|付款|支付)",
        r"(?:西联|西聯)(?:汇款|匯款)?",
    ]
]

_PAYMENT_HOSTS = (
    "paypal.me", "paypal.com", "wise.com", "transferwise.com", "buy.stripe.com",
    "checkout.stripe.com", "venmo.com", "cash.app", "payoneer.com", "westernunion.com",
    "moneygram.com", "alipay.com", "skrill.com", "revolut.me", "pay.google.com",
    "qr.alipay.com", "square.link", "paysend.com", "remitly.com", "worldremit.com",
)  # fmt: skip
_URL = re.compile(r"(?:https?://|www\.)([^\s/<>\"'）)]+)([^\s<>\"'）)]*)", re.IGNORECASE)
_PAY_PATH = re.compile(r"/(?:pay|payment|payments|checkout|invoice|remit|transfer)\b", re.I)
_OUR_HOSTS = ("tradeloom.example", "tradeloom.local", "127.0.0.1", "localhost")

_FILENAME_WORDS = re.compile(
    r"bank[ _\-]*(?:details|info|information|account|letter|change)|"
    r"(?:wire|payment|remittance|transfer)[ _\-]*(?:instructions?|details|info)|"
    r"new[ _\-]*(?:bank|account|beneficiary)|beneficiary|"
    r"银行(?:账户|信息|资料)|收款(?:账户|信息)|账户变更|振込先|口座(?:情報|変更)|送金先",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    reason: str
    evidence: str


@dataclass
class ScanResult:
    findings: list[Finding] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.findings)

    @property
    def reasons(self) -> list[str]:
        return sorted({f.reason for f in self.findings}, key=REASONS.index)


def _normalise(text: str) -> str:
    # Full-width digits and letters (Ｄｅ８９, １２３) become ASCII; NFKC keeps kana and han.
    return unicodedata.normalize("NFKC", text or "")


def iban_is_valid(candidate: str) -> bool:
    iban = re.sub(r"[ \-]", "", candidate).upper()
    country = iban[:2]
    expected = IBAN_LENGTHS.get(country)
    if expected is not None and len(iban) != expected:
        return False
    if not 15 <= len(iban) <= 34 or not iban[2:4].isdigit():
        return False
    moved = iban[4:] + iban[:4]
    digits = "".join(str(int(ch, 36)) for ch in moved)
    return int(digits) % 97 == 1


def luhn_is_valid(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _ibans(text: str) -> Iterable[Finding]:
    upper = text.upper()
    for match in _IBAN.finditer(upper):
        candidate = match.group(1)
        # Try the longest run first, then shorter ones: "DE89 3704 … 00 thanks" stays out.
        parts = re.split(r"[ \-]", candidate)
        for end in range(len(parts), 0, -1):
            joined = "".join(parts[:end])
            if len(joined) >= 15 and iban_is_valid(joined):
                yield Finding("iban", joined)
                break


def _bics(text: str) -> Iterable[Finding]:
    for match in _BIC.finditer(text):
        _bank, country, location, _branch = match.groups()
        if country not in _COUNTRIES or location in ("00",):
            continue
        code = match.group(0)
        before = text[max(0, match.start() - 60) : match.start()]
        after = text[match.end() : match.end() + 40]
        if _BIC_LABEL.search(before) or _BANK_CONTEXT.search(before + " " + after):
            yield Finding("swift", code)


def _accounts(text: str) -> Iterable[Finding]:
    for match in _ACCOUNT.finditer(text):
        digits = re.sub(r"\D", "", match.group(1))
        if len(digits) >= 6:
            yield Finding("account_number", match.group(0).strip())
    for match in _CARD.finditer(text):
        if luhn_is_valid(match.group(1)):
            yield Finding("account_number", match.group(1))


def _off_platform(text: str) -> Iterable[Finding]:
    for pattern in _OFF_PLATFORM:
        match = pattern.search(text)
        if match:
            yield Finding("off_platform", match.group(0))


def _links(text: str) -> Iterable[Finding]:
    for match in _URL.finditer(text):
        host = match.group(1).lower().split(":")[0].removeprefix("www.")
        path = match.group(2) or ""
        if any(host == ours or host.endswith("." + ours) for ours in _OUR_HOSTS):
            continue
        if any(host == h or host.endswith("." + h) for h in _PAYMENT_HOSTS) or _PAY_PATH.search(
            path
        ):
            yield Finding("payment_link", match.group(0))


def _scan_text(text: str) -> list[Finding]:
    text = _normalise(text)
    found: list[Finding] = []
    for finder in (_ibans, _bics, _accounts, _off_platform, _links):
        found.extend(finder(text))
    return found


def scan(text: str, filenames: Iterable[str] = ()) -> ScanResult:
    """Every sign of off-platform payment in a message and its attachments' names."""
    result = ScanResult(_scan_text(text))
    for name in filenames:
        clean = _normalise(name)
        words = re.sub(r"[_\-.]+", " ", clean)
        result.findings.extend(_scan_text(words))
        if _FILENAME_WORDS.search(clean):
            result.findings.append(Finding("off_platform", clean))
    return result
