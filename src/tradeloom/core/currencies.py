"""ISO 4217 currencies the marketplace trades in: code -> (minor-unit exponent, English name).

The exponent is the number of digits after the decimal point (JPY 0, USD 2, KWD 3).
This table seeds the ``Currency`` model; money arithmetic reads it directly so it
needs no query.
"""

CURRENCIES: dict[str, tuple[int, str]] = {
    "AED": (2, "UAE Dirham"),
    "AUD": (2, "Australian Dollar"),
    "BDT": (2, "Bangladeshi Taka"),
    "BHD": (3, "Bahraini Dinar"),
    "BRL": (2, "Brazilian Real"),
    "CAD": (2, "Canadian Dollar"),
    "CHF": (2, "Swiss Franc"),
    "CLP": (0, "Chilean Peso"),
    "CNY": (2, "Chinese Yuan"),
    "CZK": (2, "Czech Koruna"),
    "DKK": (2, "Danish Krone"),
    "EGP": (2, "Egyptian Pound"),
    "EUR": (2, "Euro"),
    "GBP": (2, "Pound Sterling"),
    "HKD": (2, "Hong Kong Dollar"),
    "HUF": (2, "Hungarian Forint"),
    "IDR": (2, "Indonesian Rupiah"),
    "ILS": (2, "Israeli New Shekel"),
    "INR": (2, "Indian Rupee"),
    "ISK": (0, "Icelandic Krona"),
    "JOD": (3, "Jordanian Dinar"),
    "JPY": (0, "Japanese Yen"),
    "KRW": (0, "South Korean Won"),
    "KWD": (3, "Kuwaiti Dinar"),
    "LKR": (2, "Sri Lankan Rupee"),
    "MXN": (2, "Mexican Peso"),
    "MYR": (2, "Malaysian Ringgit"),
    "NGN": (2, "Nigerian Naira"),
    "NOK": (2, "Norwegian Krone"),
    "NZD": (2, "New Zealand Dollar"),
    "OMR": (3, "Omani Rial"),
    "PHP": (2, "Philippine Peso"),
    "PKR": (2, "Pakistani Rupee"),
    "PLN": (2, "Polish Zloty"),
    "QAR": (2, "Qatari Riyal"),
    "RON": (2, "Romanian Leu"),
    "SAR": (2, "Saudi Riyal"),
    "SEK": (2, "Swedish Krona"),
    "SGD": (2, "Singapore Dollar"),
    "THB": (2, "Thai Baht"),
    "TND": (3, "Tunisian Dinar"),
    "TRY": (2, "Turkish Lira"),
    "TWD": (2, "New Taiwan Dollar"),
    "UAH": (2, "Ukrainian Hryvnia"),
    "USD": (2, "US Dollar"),
    "VND": (0, "Vietnamese Dong"),
    "ZAR": (2, "South African Rand"),
}

CURRENCY_CHOICES = [(code, f"{code} — {name}") for code, (_, name) in sorted(CURRENCIES.items())]
