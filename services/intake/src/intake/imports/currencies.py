"""Currency codes an invoice may carry: the active codes of ISO 4217 (list of 1 January 2026).

The standard's data, kept here rather than pulled from a package: it changes about once a year.
Fund codes (BOV, CHE, CLF...), units of account (XDR, XAD...), precious metals (XAU...), the testing
code XTS and "no currency" XXX are left out: no invoice is payable in them. BGN stays although
Bulgaria adopted the euro on 1 January 2026: lev invoices of 2025 are still being collected.
"""

from __future__ import annotations

ACTIVE_CURRENCIES = frozenset(
    """
    AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP
    BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP
    GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES
    KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU
    MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON
    RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND
    TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR
    ZMW ZWG
    """.split()
)

_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP"}


def is_active_currency(code: str) -> bool:
    return code in ACTIVE_CURRENCIES


def normalise_currency(text: str) -> str:
    """The ISO code for what a creditor typed ("eur", "€"); unchecked, see `is_active_currency`."""
    cleaned = text.strip()
    return _SYMBOLS.get(cleaned, cleaned.upper())
