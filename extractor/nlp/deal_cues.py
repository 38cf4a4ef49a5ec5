"""Wording that marks a deal sentence: cues by kind, news against background, status."""

from __future__ import annotations

import re
from functools import lru_cache

# A PIPE (private investment in public equity) is written in capitals; a pipe is no deal. Its
# own case-sensitive pattern: a scoped flag inside the others made them three times slower.
_PIPE = re.compile(r"\bPIPE\b")
# Deal cues by kind, in the order a kind wins when one sentence has several; all but the PIPE
# ignore case.
CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, re.I))
    for kind, pattern in (
        ("collaboration", r"\bjoint[- ]venture\b"),
        ("merger", r"\bmerger\b|\bmerge[sd]?\b|\bbusiness combination\b|\bamalgamation\b"),
        ("option", r"\boption (?:agreement|to (?:acquire|license|in-license|purchase))"
                   r"|\bexclusive\s+(?:\d+-month\s+)?option\b"),
        # "talent acquisition", "customer acquisition": a task, not a purchase. (The
        # lookbehinds follow the word: before it, they would be tried at every position.)
        ("acquisition", r"\bacqui(?:re|res|red|ring|sition)\b(?<!talent acquisition)"
                        r"(?<!customer acquisition)(?<!data acquisition)(?<!user acquisition)"
                        r"(?<!patient acquisition)(?<!client acquisition)(?<!image acquisition)"
                        r"(?!\s+(?:an?\s+)?(?:exclusive\s+)?(?:worldwide\s+)?"
                        r"(?:licen[cs]e|rights|the remaining rights))"
                        r"|\b(?:share|stock|asset) purchase agreement\b|\btender offer\b"
                        r"|\bmajority stake\b|\bbuys\b"
                        # A sale told by the seller: "the divestiture of X to Y", "sells its
                        # Y business to Z".
                        r"|\bdivest(?:s|ed|ing|iture)\b|\b(?:sells|sold|sale of)\s+(?:its|their"
                        r"|our|the)\s+[^.]{0,60}?\b(?:business|division|unit|subsidiary|"
                        r"subsidiaries|assets?|portfolio|stake|interest)\s+to\b"),
        # Not an office's name ("Technology Licensing Office", "Office of Technology
        # Licensing") nor a professional's ("licensed to practice law"; a "license to
        # practice the Licensed Patents" is a deal's).
        ("license", r"\b(?:in-|out-|sub)?licen[cs](?:e|es|ed|ing|or|ee)\b"
                    r"(?<!Office of Technology Licensing)(?!\s+(?:Office|to practice (?:law|"
                    r"medicine|dentistry|nursing|pharmacy|in))\b)"
                    r"|\bgrant(?:s|ed|ing)?\b[^.]{0,40}\bexclusive (?:access|rights)\b"),
        ("investment", r"\binvest(?:s|ed|ing)?\s+(?:up to\s+)?(?:\$[\d.,]+\s*(?:million|billion)?"
                       r"\s+)?in\b|\bstrategic investment\b|\bequity investment\b"
                       r"|\b(?:financing|funding|investment)(?: extension)? round\b"
                       r"|\bseries [A-F]\b|\b(?:pre-)?seed (?:financing|funding|round)\b"
                       r"|\b(?:equity|venture|growth) (?:financing|funding)\b"
                       r"|\bprivate placement\b|\b(?:financing|funding) extension\b"
                       r"|\brais(?:es|ed|ing)\s+(?:over\s+|approximately\s+)?(?:US)?[$€£]\s?"
                       r"[\d.,]+\s*(?:million|billion|[MB]n?\b)"
                       r"|\bconvert(?:s|ed)?\b[^.]{0,60}\bnote\b[^.]{0,60}\b(?:equity|shares)\b"),
        ("investment", _PIPE),
        ("distribution", r"\bdistribution (?:agreements?|partnerships?|rights)\b|\bdistributors?\b"
                         r"|\bwholesale agreements?\b"),
        ("supply", r"\bsupply agreements?\b|\bmanufacturing (?:and supply )?agreements?\b"),
        # "Partner at X" is someone's title, as are "managing partner" and the like.
        ("collaboration", r"\bcollaborat(?:e|es|ed|ions?|ive)\b|\bpartner(?<!senior partner)"
                          r"(?<!managing partner)(?<!general partner)(?<!founding partner)"
                          r"(?<!limited partner)(?<!equity partner)(?!\s+at\b)"
                          r"(?:ships?|s|ed|ing)?\b"
                          r"|\balliances?\b|\bresearch (?:agreement|program|collaboration)\b"
                          r"|\bintegrations? with\b"
                          r"|\bco-develop\w*|\bcontract with\b|\bentered (?:into )?a?\s*"
                          r"(?:significant |new )?contract\b|\bteam(?:s|ed)? up with\b"),
        # An agreement of no named kind: "inks agreement with", "signs MOU with".
        ("other", r"\b(?:agreement|deal|memorandum of understanding|MOU) with\b"),
    ))
NEWS = re.compile(
    r"\b(?:announc\w*|today|enter(?:s|ed)? (?:into )?|sign(?:s|ed|ing)?\b|execut(?:es|ed)\b|"
    r"agreed\b|complet(?:es|ed)\b|clos(?:es|ed|ing)\b|form(?:s|ed)?\b|pleased|inks?\b|"
    r"unveil\w*|launch\w*|initiat\w*|has (?:acquired|granted|converted|partnered)|"
    r"will acquire|to acquire|acquires\b|grants?\b|partners with|joined|converts?\b)", re.I)
# A collaboration told as the circumstance of other news ("X, in partnership with Y, today
# announced its summit"): of 14 such openings in the training texts, 13 told no deal.
ASIDE = re.compile(r"\bin (?:close )?(?:collaboration|partnership|conjunction|association|"
                   r"cooperation) with\b|\ba collaborative effort\b", re.I)
# Wording of deals that are not the news: payments under, or the history of, an agreement.
BACKGROUND = re.compile(
    r"\b(?:milestone|royalt(?:y|ies)|payments? (?:received|under)|received\b[^.]{0,40}"
    r"\bpayment|under (?:the|its|our|an?) (?:existing|previous|prior)?\s*(?:terms of )?"
    r"(?:the )?(?:license|licensing|collaboration|agreement)|existing (?:license|licensing|"
    r"agreement|collaboration)|previously (?:entered|signed)|pursuant to (?:the|a|an) "
    r"(?:previously|existing)|quarter|fiscal|financial results|revenue|"
    r"earlier this (?:year|month))\b", re.I)
STATUSES = (
    ("letter_of_intent", re.compile(r"\bletter of intent\b|\bLOI\b|\bintent to\b", re.I)),
    ("term_sheet", re.compile(r"\bterm sheet\b", re.I)),
    ("completed", re.compile(r"\b(?:complet(?:es|ed|ion of)|closed|closing of)\b", re.I)),
    ("amended", re.compile(r"\bamend(?:s|ed|ment)\b", re.I)),
    ("announced", re.compile(r"\b(?:to acquire|will acquire|agreement to acquire|expected to "
                             r"close|subject to)\b", re.I)),
    ("completed", re.compile(r"\b(?:complet\w*|closed|closing of|has acquired|acquires|entered|"
                             r"signed|signs|execut\w*|granted|grants|formed|inks)\b", re.I)),
)
NON_EXCLUSIVE = re.compile(r"\bnon[- ]?exclusive\b", re.I)
EXCLUSIVE = re.compile(r"\bexclusive(?:ly)?\b", re.I)
TERRITORY = re.compile(
    r"\b(?:worldwide|global|Latin America|North America|South America|Europe|European Union|"
    r"United States|U\.S\.|Canada|Mexico|Brazil|China|Greater China|Japan|Korea|South Korea|"
    r"India|Australia|United Kingdom|U\.K\.|Asia|Asia[- ]Pacific|Middle East|Africa|"
    r"Germany|France|Italy|Spain|Israel|Taiwan|Hong Kong|Singapore|Chile|Peru|Argentina|"
    r"Ecuador|Colombia|Ireland|Switzerland|Nordic countries|MENA)\b")

_ANY_CUE = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in CUES
                               if pattern is not _PIPE), re.I)
# A word that every match of a cue contains, in lower case. Four sentences in five have none,
# and a plain alternation searched in the lower-cased text costs a third of the cues' own
# case-insensitive scan (tests/test_release_wording.py checks that no cue is missed).
_CUE_WORDS = re.compile("|".join((
    "joint", "merg", "combination", "amalgamation", "option", "acqui", "purchase", "tender",
    "stake", "buys", "divest", "sells", "sold", "sale of", "licen", "grant", "invest", "round",
    "series", "seed", "financing", "funding", "placement", "extension", "rais", "convert",
    "distribut", "wholesale", "supply", "manufactur", "collaborat", "partner", "alliance",
    "research", "integration", "co-develop", "contract", "team", "agreement", "deal",
    "memorandum", "mou")))


@lru_cache(maxsize=1024)
def any_cue(text: str) -> bool:
    """Whether a text has deal wording of any kind; asked of each sentence several times."""
    if _CUE_WORDS.search(text.lower()) is None:
        return _PIPE.search(text) is not None
    return _ANY_CUE.search(text) is not None or _PIPE.search(text) is not None


def kind_of(text: str) -> str | None:
    for kind, pattern in CUES:
        if pattern.search(text):
            if kind == "acquisition" and re.search(
                    r"\boption to acquire|\bacqui\w+ (?:a |an )?(?:exclusive )?licen", text, re.I):
                continue
            return kind
    return None


_VERB_CUES = {
    "acquisition": re.compile(r"\bacqui(?:re|res|red|ring)\b|\bacquisition of\b", re.I),
    "investment": re.compile(r"\binvest(?:s|ed|ing)?\b|\bconvert(?:s|ed)?\b", re.I),
    "license": re.compile(r"\bgrant(?:s|ed)?\b|\b(?:in-)?licens(?:es|ed)\b", re.I),
}


# A sale told by the seller: its verb, where no word of buying is. A deal's cue matched by it
# (`cue_match`) reads the sale's roles from the seller's side.
SALE_VERB = re.compile(r"\bdivest(?:s|ed|ing|iture)\b|\b(?:sells|sold|sale of)\b", re.I)


def cue_match(text: str, kind: str) -> re.Match[str] | None:
    verb = _VERB_CUES.get(kind)
    if verb is not None:
        match = verb.search(text) or (SALE_VERB.search(text) if kind == "acquisition" else None)
        if match:
            return match
    for cue_kind, pattern in CUES:
        if cue_kind == kind:
            match = pattern.search(text)
            if match:
                return match
    return re.search(r"\bagreement\b", text, re.I)


def status_of(text: str) -> str:
    for status, pattern in STATUSES:
        if pattern.search(text):
            return status
    return "announced"
