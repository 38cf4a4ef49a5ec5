"""Read SEC Forms 3, 4 and 5 ownership XML (<ownershipDocument>) into owners and holdings."""

from __future__ import annotations

import datetime as dt
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from xml.parsers.expat import ErrorString

from .dates import parse_date
from .header import normalize_cik

# The document types the ownership schema allows.
FORMS = frozenset({"3", "4", "5", "3/A", "4/A", "5/A"})
# Schema versions seen so far run X0101 (2003) through X0609; their elements only grew, so one
# reader serves all of them. A version outside that family still reads, with a warning, since
# a new version has so far only added elements.
_KNOWN_SCHEMA = re.compile(r"X0[1-6]0[1-9]\Z")
# Far beyond the largest real filing (a few MB); refusing more keeps the parse's time bounded.
MAX_CHARS = 50_000_000
# How much of a text is_ownership_xml looks at.
PROBE_CHARS = 4096

_NAME = r"(?:[A-Za-z_][\w.-]*:)?ownershipDocument"
_ROOT_START = re.compile(rf"<{_NAME}(?=[\s/>])")
_ROOT_END = re.compile(rf"</{_NAME}\s*>")
# A DTD is the only way to declare entities; real ownership XML never carries one.
_DTD = re.compile(r"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# What may precede the root in a document as EDGAR stores it: the <XML> line of the
# <TEXT> block, an XML declaration, comments.
_PROBE = re.compile(
    rf"\ufeff?\s*(?:(?i:<XML>)\s*)?(?:<\?xml[^>]*>\s*)?(?:<!--(?:[^-]|-(?!->))*-->\s*)*"
    rf"<{_NAME}[\s/>]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# Words only a legal entity's name carries. Dotted initials such as "A.G." or "B.V." are left
# out: in a person's name they are initials.
_COMPANY_WORDS = re.compile(
    r"(?<![A-Za-z0-9])(?:INC|INCORPORATED|CORP|CORPORATION|CO|COS|COMPANY|LLC|L\.L\.C|LP|L\.P|"
    r"LLP|L\.L\.P|LLLP|LTD|LIMITED|PLC|SA|AG|NV|BV|GMBH|SARL|SPA|PTE|PTY|ULC|GP|TRUSTS?|"
    r"FUNDS?|CAPITAL|PARTNERS|PARTNERSHIP|HOLDINGS?|GROUP|BANK|BANCORP|MANAGEMENT|"
    r"ADVIS[OE]RS?|ADVISORY|INVESTMENTS?|INVESTORS|ASSOCIATES|ASSOCIATION|FOUNDATION|"
    r"SECURITIES|FINANCIAL|VENTURES?|ENTERPRISES?|INTERNATIONAL|SYSTEMS|TECHNOLOGIES|"
    r"UNIVERSITY|COLLEGE|ESTATE|SOCIETY|ENDOWMENT|PENSION|RETIREMENT|EQUITY|"
    r"OPPORTUNIT(?:Y|IES)|MASTER|OFFSHORE|STRATEGIES|PARTNER)\.?(?![A-Za-z0-9])",
    re.IGNORECASE)
# EDGAR tells apart people of the same name with a trailing "/TX/" or "/ADV": not a name part.
_DISAMBIGUATOR = re.compile(r"\s+/[^/]*/?\s*$")
# Name suffixes, written as they read after the name.
_SUFFIXES = {"JR": "Jr", "SR": "Sr", "II": "II", "III": "III", "IV": "IV", "MD": "MD",
             "PHD": "PhD", "ESQ": "Esq", "CPA": "CPA"}
# Words that begin a surname of several words ("VAN DYKE DICK", "DE LA CRUZ MARIA").
_PARTICLES = frozenset({"VAN", "VON", "DE", "DA", "DI", "DEL", "DELLA", "DER", "DEN", "DES",
                        "DU", "LA", "LE", "ST", "SAINT"})
# "Mac" starts both Gaelic names (MacDonald) and others (Machado, Macias, Mack): only these
# stems get the capital after "Mac".
_MAC_STEMS = (
    "ALLISTER", "ARTHUR", "AULAY", "BRIDE", "CALLUM", "CARTHY", "CORMACK", "DERMOTT", "DONALD",
    "DOUGAL", "DOWELL", "DUFF", "EWEN", "FADYEN", "FARLANE", "GILLIVRAY", "GOWAN", "GREGOR",
    "INNES", "INTOSH", "INTYRE", "IVER", "KENZIE", "KINNON", "LACHLAN", "LAREN", "LEAN",
    "LELLAN", "LENNAN", "LEOD", "MAHON", "MILLAN", "NAMARA", "NAUGHTON", "NEIL", "PHAIL",
    "PHERSON", "QUARRIE", "QUEEN", "TAVISH", "VICAR")
_ROWS = frozenset({"nonDerivativeTransaction", "nonDerivativeHolding",
                   "derivativeTransaction", "derivativeHolding"})
_TRUE = frozenset({"1", "true", "y", "yes"})


class OwnershipError(ValueError):
    """The XML is not an ownership document we can read; the message says why."""


@dataclass(frozen=True, slots=True)
class Owner:
    """One reporting owner and their relationship to the issuer."""

    cik: str | None  # 10 digits, zero-padded
    name: str  # as filed, e.g. "SLOOTMAN FRANK"
    display_name: str  # a person as "Frank Slootman"; a company as filed
    is_person: bool
    is_director: bool
    is_officer: bool
    officer_title: str | None
    is_ten_percent_owner: bool
    is_other: bool
    other_text: str | None


@dataclass(frozen=True, slots=True)
class Holding:
    """One row of the non-derivative or derivative table: a transaction or a holding."""

    security: str
    derivative: bool
    shares_after: float | None
    direct: bool | None  # D: True, I: False
    nature: str | None
    transaction_date: dt.date | None
    transaction_code: str | None  # P, S, A, M, F, G, ...
    shares: float | None
    price: float | None
    acquired: bool | None  # A: True, D: False
    underlying: str | None
    # A Form 3 derivative holding states its amount only as underlying shares.
    underlying_shares: float | None = None


@dataclass(slots=True)
class OwnershipReport:
    """What one Form 3, 4 or 5 (or amendment) reports."""

    form: str  # "3", "4", "5", "3/A", "4/A", "5/A"
    schema_version: str | None
    period: dt.date | None
    issuer_cik: str  # 10 digits
    issuer_name: str
    issuer_ticker: str | None
    owners: list[Owner]
    holdings: list[Holding]
    no_securities_owned: bool
    remarks: str | None
    warnings: list[str] = field(default_factory=list)


def is_ownership_xml(text: str) -> bool:
    """Whether the text's root element is <ownershipDocument>, judged from its first few KB
    (an <XML> wrapper line, an XML declaration and comments may come first)."""
    if isinstance(text, bytes | bytearray):
        head = bytes(text[:PROBE_CHARS]).decode("latin-1")
    elif isinstance(text, str):
        head = text[:PROBE_CHARS]
    else:
        return False
    return _PROBE.match(head) is not None


def read_ownership(xml: str | bytes) -> OwnershipReport:
    """Read a Form 3, 4 or 5 ownership document, bare or wrapped as EDGAR stores it.

    Raises OwnershipError, and no other exception, for anything it cannot read: no
    <ownershipDocument>, malformed or truncated XML, a DOCTYPE, no issuer CIK."""
    text = _decode(xml)
    if len(text) > MAX_CHARS:
        raise OwnershipError(
            f"ownership XML of {len(text):,} characters is over the {MAX_CHARS:,} read")
    start = _ROOT_START.search(text)
    if start is None:
        raise OwnershipError(
            f"not an ownership document: no <ownershipDocument> element in {text[:40]!r}")
    end = _ROOT_END.search(text, start.start())
    stop = end.end() if end else len(text)
    if _DTD.search(text, 0, stop):
        raise OwnershipError(
            "ownership XML with a DOCTYPE or ENTITY declaration is refused: real filings "
            "never carry one")
    root = _parse(text, start.start(), stop)
    return _report(root)


def _decode(xml: str | bytes) -> str:
    if isinstance(xml, str):
        return xml
    if not isinstance(xml, bytes | bytearray):
        raise OwnershipError(f"ownership XML must be text or bytes, not {type(xml).__name__}")
    data = bytes(xml)
    if len(data) > 4 * MAX_CHARS:
        raise OwnershipError(f"ownership XML of {len(data):,} bytes is too large to read")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    # EDGAR's XML is UTF-8 or plain ASCII; older filers' Latin-1 names decode as cp1252,
    # and latin-1 decodes anything at all.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _parse(text: str, start: int, stop: int) -> ET.Element:
    # Parse from the root on, so an <XML> wrapper line or a declaration naming an encoding
    # the text no longer has is left behind.
    try:
        root = ET.fromstring(text[start:stop])
    except ET.ParseError as err:
        line, column = err.position
        lines_before = len(_LINE_BREAK.findall(text, 0, start))
        if line == 1:
            last_break = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start))
            column += start - last_break - 1
        raise OwnershipError(
            f"malformed ownership XML: {ErrorString(err.code)} at line "
            f"{line + lines_before}, column {column}") from None
    except (ValueError, UnicodeError) as err:
        raise OwnershipError(f"malformed ownership XML: {err}") from None
    for element in root.iter():
        # A namespace, where a filer adds one, is not part of what the elements mean.
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = element.tag.rsplit("}", 1)[1]
    return root


def _report(root: ET.Element) -> OwnershipReport:
    warnings: list[str] = []
    issuer_cik_text = _value(root, "issuerCik")
    issuer_cik = normalize_cik(issuer_cik_text)
    if issuer_cik is None:
        raise OwnershipError(
            "no issuer: the ownershipDocument has no issuerCik" if issuer_cik_text is None
            else f"no issuer: issuerCik {issuer_cik_text!r} is not a CIK")
    issuer_name = _value(root, "issuerName") or ""
    if not issuer_name:
        warnings.append(f"issuer {issuer_cik} has no issuerName")

    schema_version = _value(root, "schemaVersion")
    if schema_version is None:
        warnings.append("no schema version: read as the known ones")
    elif not _KNOWN_SCHEMA.match(schema_version):
        warnings.append(f"unknown schema version {schema_version}: read as the known ones")

    form = (_value(root, "documentType") or "").upper().replace(" ", "")
    if not form:
        warnings.append("no documentType: the form (3, 4 or 5) is unknown")
    elif form not in FORMS:
        warnings.append(f"unknown document type {form!r}: expected one of "
                        f"{', '.join(sorted(FORMS))}")

    owners = [_owner(element) for element in root.iter("reportingOwner")]
    if not owners:
        warnings.append("no reportingOwner: the document names no reporting person")
    holdings = [
        _holding(element, number, warnings)
        for number, element in enumerate(
            (e for e in root.iter() if e.tag in _ROWS), start=1)
    ]
    return OwnershipReport(
        form=form,
        schema_version=schema_version,
        period=_date(_value(root, "periodOfReport"), "periodOfReport", warnings),
        issuer_cik=issuer_cik,
        issuer_name=issuer_name,
        issuer_ticker=_ticker(_value(root, "issuerTradingSymbol")),
        owners=owners,
        holdings=holdings,
        no_securities_owned=_flag(_value(root, "noSecuritiesOwned")),
        remarks=_value(root, "remarks"),
        warnings=warnings,
    )


def _owner(element: ET.Element) -> Owner:
    name = _value(element, "rptOwnerName") or ""
    person = _looks_like_person(name)
    return Owner(
        cik=normalize_cik(_value(element, "rptOwnerCik")),
        name=name,
        display_name=_person_display_name(name) if person else name,
        is_person=person,
        is_director=_flag(_value(element, "isDirector")),
        is_officer=_flag(_value(element, "isOfficer")),
        officer_title=_value(element, "officerTitle"),
        is_ten_percent_owner=_flag(_value(element, "isTenPercentOwner")),
        is_other=_flag(_value(element, "isOther")),
        other_text=_value(element, "otherText"),
    )


def _holding(element: ET.Element, number: int, warnings: list[str]) -> Holding:
    derivative = element.tag.startswith("derivative")
    label = f"{element.tag} {number}"

    def value(name: str) -> str | None:
        return _value(element, name)

    def amount(name: str) -> float | None:
        return _number(value(name), f"{label} {name}", warnings)

    # Form 3 rows were once filed with sharesOwned where later ones say
    # sharesOwnedFollowingTransaction; either is what the owner holds after the row.
    after_name = ("sharesOwnedFollowingTransaction"
                  if value("sharesOwnedFollowingTransaction") is not None else "sharesOwned")
    code = value("transactionCode")
    return Holding(
        security=value("securityTitle") or "",
        derivative=derivative,
        shares_after=amount(after_name),
        direct=_choice(value("directOrIndirectOwnership"), "D", "I"),
        nature=value("natureOfOwnership"),
        transaction_date=_date(value("transactionDate"), f"{label} transactionDate", warnings),
        transaction_code=code.upper() if code else None,
        shares=amount("transactionShares"),
        price=amount("transactionPricePerShare"),
        acquired=_choice(value("transactionAcquiredDisposedCode"), "A", "D"),
        underlying=value("underlyingSecurityTitle") if derivative else None,
        underlying_shares=amount("underlyingSecurityShares") if derivative else None,
    )


def _value(element: ET.Element, name: str) -> str | None:
    """The text of the first `name` element under `element`, from its <value> child when it
    has one (the usual form) or from the element itself (the bare form); footnote
    references beside the value are skipped. Whitespace is collapsed; empty is None."""
    found = element.find(f".//{name}")
    if found is None:
        return None
    inner = found.find("value")
    if inner is not None:
        raw = "".join(inner.itertext())
    else:
        raw = "".join([found.text or "", *(child.tail or "" for child in found)])
    text = " ".join(raw.split())
    return text or None


def _flag(value: str | None) -> bool:
    # The schema's booleans are written "1"/"0" by some filers and "true"/"false" by others.
    return value is not None and value.strip().lower() in _TRUE


def _choice(value: str | None, yes: str, no: str) -> bool | None:
    code = (value or "").strip().upper()
    return True if code == yes else False if code == no else None


def _number(value: str | None, what: str, warnings: list[str]) -> float | None:
    if value is None:
        return None
    cleaned = value.replace(",", "").replace("$", "").strip()
    try:
        number = float(cleaned)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        warnings.append(f"unreadable number {value[:40]!r} in {what}")
        return None
    return number


def _date(value: str | None, what: str, warnings: list[str]) -> dt.date | None:
    if value is None:
        return None
    day = parse_date(value)
    if day is None:
        warnings.append(f"unreadable date {value[:40]!r} in {what}")
    return day


def _ticker(value: str | None) -> str | None:
    # Issuers without a listed security file "NONE" or "N/A" in the symbol's place.
    if value is None or value.upper() in {"NONE", "N/A", "NA", "-", "--"}:
        return None
    return value.upper()


def _looks_like_person(name: str) -> bool:
    """A person's name: at least a last and a first name, and nothing only an organization's
    name has (a legal-form word, an ampersand, a digit)."""
    if len(name.split()) < 2:
        return False
    if "&" in name or any(c.isdigit() for c in name):
        return False
    return _COMPANY_WORDS.search(name) is None


def _person_display_name(name: str) -> str:
    """A person's name as read: EDGAR files "LAST FIRST MIDDLE [SUFFIX]", or "LAST, FIRST"."""
    name = _DISAMBIGUATOR.sub("", name)
    if "," in name:
        last, _, rest = name.partition(",")
        surname, others = last.split(), rest.replace(",", " ").split()
    else:
        tokens = name.split()
        cut = 1
        # A particle takes the next word into the surname, as long as a given name is left.
        while cut < len(tokens) - 1 and tokens[cut - 1].upper().rstrip(".") in _PARTICLES:
            cut += 1
        surname, others = tokens[:cut], tokens[cut:]
    given = [t for t in others if t.upper().rstrip(".") not in _SUFFIXES]
    suffixes = [t for t in others if t.upper().rstrip(".") in _SUFFIXES]
    return " ".join(_name_case(token) for token in [*given, *surname, *suffixes])


def _name_case(token: str) -> str:
    # A word filed in mixed case ("McGuirk", "Scarpelli") is already as its owner writes it.
    if not (token.isupper() or token.islower()):
        return token
    key = token.upper().rstrip(".")
    if key in _SUFFIXES:
        return _SUFFIXES[key] + ("." if token.endswith(".") else "")
    return "-".join(_name_part_case(part) for part in token.split("-"))


def _name_part_case(part: str) -> str:
    for apostrophe in ("'", "\u2019"):
        head, found, tail = part.partition(apostrophe)
        # O'Brien, D'Angelo: a one- or two-letter prefix before the apostrophe.
        if found and tail and len(head) <= 2:
            return head.capitalize() + apostrophe + _word_case(tail)
    return _word_case(part)


def _word_case(word: str) -> str:
    upper = word.upper()
    if upper.startswith("MC") and len(word) > 2 and word[2].isalpha():
        return "Mc" + word[2:].capitalize()
    if upper.startswith("MAC") and upper[3:].startswith(_MAC_STEMS):
        return "Mac" + word[3:].capitalize()
    return word.capitalize()
