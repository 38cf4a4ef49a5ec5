"""Keys that compare company names: legal forms, EDGAR's state tags and punctuation aside."""

from __future__ import annotations

import re

from ..nlp.organizations import normalize_key

# EDGAR tags a conformed name with a state or a note after a slash: "BANK OF AMERICA CORP
# /DE/", "VERTEX PHARMACEUTICALS INC / MA", "US BANCORP \DE\", "COSTCO WHOLESALE CORP /NEW".
_EDGAR_TAG = re.compile(r"(?:\s+[/\\]\s*[A-Za-z][A-Za-z. ]{0,11}[/\\]?|\s*[/\\])\s*$")
# Names longer than any real company name are damaged input, not names.
MAX_NAME_LENGTH = 300


def without_edgar_tags(name: str) -> str:
    """The name without the trailing state tags EDGAR adds ("/DE/", "/NEW")."""
    previous = None
    text = name.strip()
    while previous != text:
        previous = text
        text = _EDGAR_TAG.sub("", text).strip()
    return text or name.strip()


# EDGAR's abbreviations in conformed and 13F issuer names ("MONDELEZ INTL INC", "MGIC INVT
# CORP"), written out so they meet the names texts use.
_ABBREVIATIONS = {
    "intl": "international", "invt": "investment", "hldgs": "holdings", "hldg": "holding",
    "grp": "group", "mfg": "manufacturing", "svcs": "services", "svc": "service",
    "cos": "companies", "natl": "national", "amer": "american", "assn": "association",
    "pharm": "pharmaceuticals", "pharmaceutical": "pharmaceuticals",
    "labs": "laboratories", "tech": "technologies", "technology": "technologies",
}
# Legal forms that make two companies of one name different entities: "The Worthington
# Steel Company, LLC" is not "Worthington Steel, Inc.". Corporations' own spellings (Inc.,
# Corp., Co., Ltd., plc) vary between a text and EDGAR and are one family.
_FORM_FAMILIES = {
    **dict.fromkeys(("inc", "incorporated", "corp", "corporation", "co", "company", "ltd",
                     "limited", "plc"), "corporation"),
    "llc": "llc", "lp": "partnership", "llp": "partnership",
}
_LAST_FORM = re.compile(r"\b(inc|incorporated|corp|corporation|co|company|ltd|limited|plc|"
                        r"l\.?l\.?c|l\.?l\.?p|l\.?p)\.?\s*$", re.I)


def company_key(name: str) -> str:
    """The key two spellings of one company's name share: 'Wal-Mart Stores, Inc.' and 'WAL
    MART STORES INC' are both 'wal mart stores'."""
    words = normalize_key(without_edgar_tags(name)).split()
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)


def legal_form(name: str) -> str | None:
    """The family of the legal form a name ends with (corporation, llc, partnership), if any."""
    match = _LAST_FORM.search(without_edgar_tags(name).rstrip(" ,."))
    if match is None:
        return None
    return _FORM_FAMILIES.get(match.group(1).lower().replace(".", ""))


def squashed_key(key: str) -> str:
    """The key without spaces, so 'WAL MART' meets 'Walmart' and 'Bio Rad' meets 'Bio-Rad'."""
    return key.replace(" ", "")
