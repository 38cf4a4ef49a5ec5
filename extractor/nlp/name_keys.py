"""Organization name keys: legal suffixes, the normalized key names are matched by, non-parties."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Legal suffixes, as the gold scoring rules list them plus a few common ones.
LEGAL_SUFFIX = (
    r"(?:Inc|Incorporated|Corp|Corporation|Co|Company|Ltd|Limited|LLC|L\.L\.C|L\.C|LLP|L\.P|LP|"
    r"plc|PLC|Plc|AG|GmbH|N\.V|NV|S\.A|SA|SE|S\.p\.A|SpA|B\.V|BV|Pty\.? Ltd|Pty\.? Limited|"
    r"K\.K|A/S|AB|ASA|Oy|Oyj|S\.A\.S|SAS|S\.L|Srl|S\.r\.l|Pte\.? Ltd|Sdn\.? Bhd|SA DE CV|"
    r"National Association|N\.A)"
)
_SUFFIX_WORDS = {
    "inc", "incorporated", "lc", "corp", "corporation", "co", "company", "ltd", "limited", "llc",
    "llp", "lp", "plc", "ag", "gmbh", "nv", "sa", "se", "spa", "bv", "pty", "kk", "as", "ab",
    "asa", "oy", "oyj", "sas", "sl", "srl", "pte", "sdn", "bhd", "de", "cv",
}
# Names that look like organizations but are never deal parties: regulators, exchanges,
# newswires and generic words a name pattern can catch at a sentence start.
NOT_PARTIES = {
    "fda", "us food and drug administration", "food and drug administration", "ema",
    "european medicines agency", "sec", "securities and exchange commission", "nasdaq",
    "nyse", "otc markets", "tsx venture exchange", "tsxv", "nasdaq stock market", "otcqb",
    "otc", "prnewswire", "pr newswire", "business wire", "businesswire", "globenewswire",
    "globe newswire", "newmediawire", "accesswire", "news direct", "newsworthyai",
    "newsworthy", "ibn", "biomedwire", "proactive", "cision", "the company", "company",
    "the companies", "nih", "national institutes of health", "cms", "mhra", "health canada",
    "pmda", "nmpa", "who", "world health organization", "board", "the board",
    "board of directors", "ceo", "cfo", "phase", "investor relations", "media relations",
    # accounting standards a financial table heads its columns with
    "gaap", "non gaap", "ifrs",
}
_PUNCT = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
_PERIOD_JOINED = re.compile(r"(?<=\b\w)\.(?=\w\b)")


@lru_cache(maxsize=8192)
def normalize_key(name: str) -> str:
    """A name's key: case-folded, accents and punctuation dropped, legal suffixes removed."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = text.replace("’", "'").replace("'s ", " ").replace("&", " and ")
    text = _PERIOD_JOINED.sub("", text)  # L.L.C. -> LLC, N.V. -> NV
    words = _SPACES.sub(" ", _PUNCT.sub(" ", text.casefold())).split()
    if words and words[0] == "the":
        words = words[1:]
    popped = False
    while len(words) > 1 and words[-1] in _SUFFIX_WORDS:
        words.pop()
        popped = True
    if popped and len(words) > 1 and words[-1] == "and":
        words.pop()  # "Steichen & Company" is Steichen
    return " ".join(words)


_TRAILING_SUFFIX = re.compile(rf",?\s+{LEGAL_SUFFIX}\.?$")


# Both are asked of the same few names many times over a document (keys, surfaces, aliases).
@lru_cache(maxsize=8192)
def strip_suffix(name: str) -> str:
    return _TRAILING_SUFFIX.sub("", name.strip()).strip(" ,")


def only_legal_form(name: str) -> bool:
    """Whether a name is a legal form alone ("LLC", "Inc.") or has no key at all."""
    return not normalize_key(name) or re.fullmatch(rf"{LEGAL_SUFFIX}\.?", name) is not None
