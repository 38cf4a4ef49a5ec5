"""What a capitalized phrase is when it is no organization's name, and the words that make one."""

from __future__ import annotations

import re

from .name_keys import LEGAL_SUFFIX, strip_suffix
from .vocabularies import common_words

# Words that end the name of an organization in biotech and finance writing.
HEAD_WORDS = (
    "Therapeutics", "Pharmaceuticals", "Pharmaceutical", "Pharma", "Biosciences", "Bioscience",
    "Biotechnology", "Biotechnologies", "Biotech", "Biologics", "Biopharma", "BioPharma",
    "Biopharmaceuticals", "Biomedical", "Bio", "Technologies", "Sciences", "Medical", "Health",
    "Healthcare", "Laboratories", "Labs", "Oncology", "Genomics", "Diagnostics", "Foundation",
    "University", "Institute", "Hospital", "College", "Center", "Centre", "Clinic", "Partners",
    "Capital", "Ventures", "Group", "Systems", "Solutions", "Vaccines", "Medicines",
    "Holdings", "Holding", "Cloud", "Biologicals", "Pharmaceutica", "Research", "Sciences",
    "Acquisition", "Bancorp", "Trust", "Fund", "Council", "Agency", "Organisation",
    "Organization", "Alliance", "Consortium", "AI", "Therapeutic", "Remediation", "Robotics",
    "Neuroscience", "Neurosciences", "Medicine", "Immunotherapeutics", "Genetics", "Cell",
    "Biomed", "Biologic", "Biosystems", "Bioworks", "Life Sciences", "Lifesciences",
)
# The head words as one alternation, longest first ("Pharmaceuticals" before "Pharma").
HEAD_ALTERNATION = "|".join(sorted(set(HEAD_WORDS), key=len, reverse=True))
INSTITUTION_WORDS = ("University", "Foundation", "Institute", "Hospital", "College", "Center",
                     "Centre", "Clinic", "Research", "Council", "School", "Academy")

# The dateline a model tags as an organization: "LAS VEGAS, NV", "Madison, Wisc".
_PLACE = re.compile(r"^[A-Z][A-Za-z .'-]+,\s*[A-Z][A-Za-z.]{1,12}\.?$")

# An article and adjectives right before a capitalized phrase: "a leading global ...".
_DESCRIPTION_BEFORE = re.compile(
    r"\b(?:a|an)\s+(?:(?!(?:with|from|by|to|of|and|for|between|in|at|under|via|on|about|"
    r"into|over|across|among|against|like|than|within|the|its|their|our|this|that|which|who|"
    r"is|are|was|were|has|have|had|will|or|but)\s)[a-z][a-z\-]*\s+){0,3}$")
_COUNT_OR_AWARD_BEFORE = re.compile(
    r"(?:\b(?:over|than|nearly|almost|about|some|approximately)\s+\d+(?:,\d{3})*\+?\s+"
    r"(?:[a-z]+\s+){0,2}|\bAwards?\s+for\s+|\bhost\s+of\s+|\bsession\s+on\s+)$")

# A word after a name that makes it an event's or a program's: "J.P. Morgan Healthcare
# Conference", "CandE Benchmark Research and Awards Program".
_EVENT_AFTER = re.compile(
    r"\s+(?:and\s+[A-Z]\w+\s+)?(?:Annual\s+)?(?:Conference|Summit|Symposium|Meeting|Congress|"
    r"Expo|Awards?|Program|Programme|Challenge|Competition|Prize|Festival|Series|Fellowship|"
    r"Scholarship|Cohort)\b"
    # "BioTechX USA, being held September 17-18"; not "the Summit presented by X will be
    # held" or "sponsored by X, will be held", where what is held is named before X.
    r"|,?\s+being\s+held\s+(?:on|in|at|from|this|next|"
    r"virtually|January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b")


def names_an_event(text: str, end: int) -> bool:
    """Whether the name ending at `end` is the first part of an event's or a program's."""
    return _EVENT_AFTER.match(text, end) is not None


# A department's or a laboratory's name, then the body it belongs to: "the Department of
# Hematology at Peking University People’s Hospital", "Department of Biochemistry, University
# of Utah".
_UNIT = re.compile(r"(?:Department|Division|Faculty|Laboratory|Lab|Section|Unit)\s+(?:of|for)\s")
_UNIT_OWNER = re.compile(r"\s*(?:,|\bat\b|\bof\b|\bwithin\b)\s*(?:the\s+)?[A-Z]")


def a_unit_of_another(text: str, start: int, end: int) -> bool:
    """Whether the name text[start:end] is a unit of the body named right after it."""
    return _UNIT.match(text, start) is not None and _UNIT_OWNER.match(text, end) is not None


def looks_like_place(name: str) -> bool:
    """"Boston, Mass." or "SAN DIEGO, CA"; not "Quillon Health, Inc.", whose last word is a
    legal form."""
    if strip_suffix(name) != name:
        return False
    return bool(_PLACE.match(name.strip())) or (name.isupper() and "," in name)


# Last words that make a name of common words an institution's: "National Science
# Foundation", "Federal Reserve", "Ratio Therapeutics".
_INSTITUTION_ENDS = frozenset("""corporation company foundation agency reserve bank group
association society council commission department administration board authority fund
therapeutics pharmaceuticals biosciences biotherapeutics ventures""".split())
_NAME_CONNECTORS = frozenset({"of", "and", "the", "for", "&", "in", "on", "at", "de"})


def is_generic_name(name: str) -> bool:
    """Whether a name is made of words in everyday lower-case use only ("Regenerative
    Medicine", "Enterprise Solutions", "Women’s Health"), with no institution's last word:
    a topic as often as an organization, unless something surer says it is one."""
    words = [w.strip(",.’'()").casefold().removesuffix("’s").removesuffix("'s")
             for w in name.replace("-", " ").split()]
    words = [w for w in words if w and w not in _NAME_CONNECTORS]
    if not words or strip_suffix(name) != name or words[-1] in _INSTITUTION_ENDS:
        return False
    common = common_words()
    return all(w in common for w in words)


def described_before(text: str, start: int) -> bool:
    """Whether the capitalized words at `start` follow an article and adjectives: "a leading
    global Contract Development Organization" describes. The recognizer's names are not
    asked this: "a groundbreaking Digital Asset Innovation Fund" is one."""
    return _DESCRIPTION_BEFORE.search(text, max(0, start - 60), start) is not None \
        or counted_or_awarded(text, start)


def counted_or_awarded(text: str, start: int) -> bool:
    """Whether the capitalized words at `start` follow a count ("over 600 global Microsoft
    Partners"), an award ("Award for Dairy Productivity Solution") or a show's host ("host
    of Superpowers for Good"): a category or a title, not an organization's name."""
    return _COUNT_OR_AWARD_BEFORE.search(text, max(0, start - 40), start) is not None


# A legal form inside a name, then "and": two organizations the recognizer read as one.
_TWO_NAMES = re.compile(rf"\b(?:{LEGAL_SUFFIX}\.?|Laboratories|Therapeutics|Pharmaceuticals|"
                        rf"Biosciences|Technologies|Holdings),?\s+(?:and|&)\s+[A-Z]")


def two_names_run_together(name: str) -> bool:
    """"Marshall Capital Management, Inc. and Capital Venture International"."""
    return _TWO_NAMES.search(name) is not None


_FILING_PARTY_WORD = re.compile(r"\b(?:Inc|Corp|Corporation|LLC|Ltd|Company|Bank|N\.A)\b")


def a_filing_party(name: str) -> bool:
    """Whether a name the recognizer reads in a filing's Items is worth adding: two words or
    more, a legal form or a bank's, and one organization, not two run together."""
    return len(name.split()) >= 2 and _FILING_PARTY_WORD.search(name) is not None \
        and not two_names_run_together(name)


# A person's name as written: two or three capitalized words, initials or hyphenated parts.
# Letters beyond ASCII count: "Caroline Boudousquié", "Doru Borșan".
_LOWER = r"[a-zß-öø-ÿā-ɏ]"
_WORD = rf"[A-ZÀ-ÖØ-Þ]{_LOWER}+(?:-[A-ZÀ-ÖØ-Þ]{_LOWER}+)?"
_PERSON_SHAPE = re.compile(rf"{_WORD}(?:\s+(?:[A-Z]\.|{_WORD})){{1,2}}")
ORGANIZATION_WORDS = frozenset(HEAD_WORDS + INSTITUTION_WORDS)


def shaped_like_a_person(name: str) -> bool:
    """Whether a name could be a person's: a person's shape, no legal form, no word that ends
    an organization's name ("Craig Beam", not "Beam Therapeutics" or "Craig Beam LLC")."""
    return _PERSON_SHAPE.fullmatch(name) is not None and strip_suffix(name) == name \
        and not any(word in ORGANIZATION_WORDS for word in name.split())
