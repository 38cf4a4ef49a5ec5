"""Schedules 13D and 13G (beneficial ownership above 5 %): cover pages read into records."""

from __future__ import annotations

import datetime as dt
import html
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .dates import parse_date
from .header import normalize_cik
from .ixbrl import text_date


@dataclass(frozen=True, slots=True)
class BeneficialOwner:
    """One reporting person's cover page: who, and how many shares with which powers."""

    holder: str
    holder_cik: str | None
    citizenship: str | None
    shares: float | None
    percent: float | None
    sole_voting: float | None
    shared_voting: float | None
    sole_dispositive: float | None
    shared_dispositive: float | None
    reporting_person_type: str | None


@dataclass(slots=True)
class Schedule13:
    """A Schedule 13D or 13G: the subject security and one owner per cover page."""

    form: str | None
    amendment: int | None
    subject_company: str | None
    subject_cik: str | None
    security_class: str | None
    cusip: str | None
    event_date: dt.date | None
    owners: list[BeneficialOwner]
    warnings: list[str]


# --- numbers, dates, CUSIPs and type codes --------------------------------------------------

_ZERO = re.compile(r"^[\s*]*(?:[-\u2013\u2014]+\s*0\s*[-\u2013\u2014]+|none\b|nil\b|zero\b)",
                   re.IGNORECASE)
_AMOUNT = re.compile(
    r"^[\s*$~]*(?:approximately|approx\.?|about|an?\s+aggregate\s+of)?\s*"
    r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)", re.IGNORECASE)
_PERCENT_SIGN = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d+)?|\.\d+)\s*(?:%|percent\b)", re.IGNORECASE)
_UPPER_BOUND = re.compile(r"less\s+than|under\b|below\b|<", re.IGNORECASE)
# The SEC's codes for "Type of Reporting Person" (13D and 13G instructions, XML schedules).
_TYPE_CODES = frozenset("BD BK IC IV IA EP HC SA CP CO PN IN FI OO".split())
_TWO_CAPITALS = re.compile(r"\b[A-Z]{2}\b")


def _number(raw: str | None) -> float | None:
    """A share count: "1,234,567 shares", "-0-", "None"; None when the text is no number."""
    m = _AMOUNT.match(raw or "")
    value = 0.0 if _ZERO.match(raw or "") else float(m.group(1).replace(",", "")) if m else None
    return value if value is not None and math.isfinite(value) else None


def _percent(raw: str | None) -> tuple[float | None, str | None]:
    """A percent of class (0-100) and, when none is usable, why."""
    if not raw:
        return None, None
    m = _PERCENT_SIGN.search(raw)
    start = m.start() if m else len(raw)
    if _UPPER_BOUND.search(raw, 0, start):
        # "Less than 1%" is a bound, not a value: a 1.0 would state a holding nobody reported.
        return None, f"is stated only as an upper bound ({_quote(raw)})"
    value = float(m.group(1)) if m else _number(raw)
    if value is None:
        return None, f"is not a number ({_quote(raw)})"
    if value > 100:
        return None, f"is out of range ({_quote(raw)})"
    return value, None


def _quote(raw: str | None) -> str:
    return repr(raw if raw is None or len(raw) <= 60 else raw[:60] + "...")


def _date(raw: str | None) -> dt.date | None:
    iso = re.search(r"\b(\d{4}-\d{2}-\d{2}|\d{8})\b", raw or "")
    return (parse_date(iso.group(1)) if iso else None) or parse_date(text_date(raw or ""))


def _cusip(raw: str | None) -> str | None:
    """A CUSIP as one run of letters and digits: "53814L 10 8" and "053814-L1-08" join."""
    if not raw:
        return None
    raw = re.sub(r"^[\W_]*(?:cusip\s*(?:no\b\.?|number|#)?[\W_]*)?", "", raw, flags=re.IGNORECASE)
    m = re.match(r"[0-9A-Za-z]{2,9}(?:[ \-][0-9A-Za-z]{1,7}){0,3}", raw)
    value = re.sub(r"[ \-]", "", m.group(0)).upper() if m else ""
    return value if 6 <= len(value) <= 10 and sum(c.isdigit() for c in value) >= 3 else None


def _type_codes(raw: str | None) -> str | None:
    """The SEC codes in a "Type of Reporting Person" value; a short value without any as is."""
    codes = dict.fromkeys(c for c in _TWO_CAPITALS.findall(raw or "") if c in _TYPE_CODES)
    raw = (raw or "").strip(" *.:")
    if codes or not raw or len(raw) > 40 or re.search(r"\d|instruction", raw, re.I):
        return ", ".join(codes) or None
    return raw


# --- the 2024+ XML schedules ----------------------------------------------------------------

_XML_ROOT = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?edgarSubmission\b")
_XML_PERSONS = frozenset({"reportingPersonInfo", "coverPageHeaderReportingPersonDetails"})


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _xml_texts(element: ET.Element) -> dict[str, list[str]]:
    """Every non-empty text under `element` by local name, in document order (one pass)."""
    texts: dict[str, list[str]] = {}
    for child in element.iter():
        if child.text and child.text.strip():
            texts.setdefault(_local(child.tag), []).append(" ".join(child.text.split()))
    return texts


def _first(texts: dict[str, list[str]], *names: str) -> str | None:
    return next((texts[name][0] for name in names if name in texts), None)


def _xml_persons(root: ET.Element) -> list[ET.Element]:
    """The reporting persons in document order, not looking inside one for another."""
    found: list[ET.Element] = []
    stack = [root]
    while stack:
        element = stack.pop()
        if _local(element.tag) in _XML_PERSONS:
            found.append(element)
        else:
            stack.extend(reversed(list(element)))
    return found


def _read_xml(source: str, result: Schedule13) -> None:
    m = _XML_ROOT.search(source)
    end = source.find(">", source.rfind("edgarSubmission")) + 1  # the root's end tag's end
    if m is None or end <= m.end():
        result.warnings.append("XML schedule without a closed edgarSubmission element")
        return
    # A DTD is the one way XML reaches outside itself or expands without bound; the SEC's
    # schedules never carry one.
    if re.search(r"<!(?:DOCTYPE|ENTITY)", source, re.IGNORECASE):
        result.warnings.append("XML schedule with a DOCTYPE refused")
        return
    try:
        root = ET.fromstring(source[m.start():end])
    except ET.ParseError as error:
        result.warnings.append(f"malformed XML schedule: {error}")
        return
    everywhere = _xml_texts(root)
    cover_element = next((e for e in root.iter() if _local(e.tag) == "coverPageHeader"), None)
    cover = _xml_texts(cover_element) if cover_element is not None else everywhere
    if result.form is None:
        result.form = _first(everywhere, "submissionType")
    amendment = _first(cover, "amendmentNo")
    result.amendment = int(amendment) if amendment and re.fullmatch(r"\d{1,3}", amendment) else None
    result.security_class = _first(cover, "securitiesClassTitle")
    result.event_date = _date(_first(cover, "dateOfEvent", "eventDateRequiresFilingThisStatement"))
    for texts in (cover, everywhere):  # the cover page first; items 1-2 repeat some of it
        result.subject_company = result.subject_company or _first(texts, "issuerName")
        result.subject_cik = result.subject_cik or normalize_cik(
            _first(texts, "issuerCIK", "issuerCik"))
        result.cusip = result.cusip or _cusip(
            _first(texts, "issuerCUSIP", "issuerCusip", "issuerCusipNumber"))
    for person in _xml_persons(root):
        texts = _xml_texts(person)
        raw = {
            "name": _first(texts, "reportingPersonName"),
            "citizenship": _first(texts, "citizenshipOrOrganization"),
            "sole_voting": _first(texts, "soleVotingPower"),
            "shared_voting": _first(texts, "sharedVotingPower"),
            "sole_dispositive": _first(texts, "soleDispositivePower"),
            "shared_dispositive": _first(texts, "sharedDispositivePower"),
            "shares": _first(texts, "aggregateAmountOwned",
                             "reportingPersonBeneficiallyOwnedAggregateNumberOfShares"),
            "percent": _first(texts, "percentOfClass", "classPercent"),
            "type": ", ".join(texts.get("typeOfReportingPerson", [])) or None,
        }
        cik = normalize_cik(_first(texts, "reportingPersonCIK", "reportingPersonCik",
                                   "reportingCik", "reportingCIK"))
        _add_owner(result, raw, cik)


# --- HTML and plain text as lines -----------------------------------------------------------

_HTML_SIGN = re.compile(r"<(?:html|body|div|p|br|td|tr|font|span)\b[^<>]*>", re.IGNORECASE)
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)[^<>]*>")
_BLOCK_TAGS = frozenset(
    "p div br tr li table thead tbody tfoot caption hr h1 h2 h3 h4 h5 h6 pre center "
    "blockquote dl dt dd ul ol section header footer title body html page".split())
_SKIP_TAGS = frozenset({"script", "style", "title"})
_SPACES = re.compile(r"[ \t\f\v\r\u00a0\u2002\u2003\u2007\u2009\u202f]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u00ad\ufeff"))
_SGML_LINE = re.compile(r"^\s*<(?:TYPE|SEQUENCE|FILENAME|DESCRIPTION)>", re.IGNORECASE)
_SGML_TAGS = re.compile(r"</?(?:PAGE|TABLE|CAPTION|S|C|FN|TEXT|DOCUMENT)>", re.IGNORECASE)


def _html_lines(source: str) -> list[str]:
    """Visible text of HTML, one line per block; inside <pre> the source's own lines stay."""
    out: list[str] = []
    lower = source.lower()
    pos, pre, size, gt = 0, False, len(source), 0
    while pos < size:
        lt = source.find("<", pos)
        chunk = source[pos:size if lt < 0 else lt]
        if chunk:
            chunk = html.unescape(chunk)
            out.append(chunk if pre else chunk.replace("\n", " "))
        if lt < 0:
            break
        if source.startswith("<!--", lt):
            close = source.find("-->", lt + 4)
            pos = size if close < 0 else close + 3
            continue
        m = _TAG.match(source, lt)
        if m is None:  # a bare "<" or a declaration: keep the text, drop declarations
            if 0 <= gt < lt:  # found once per ">", so a run of "<!" stays linear
                gt = source.find(">", lt)
            if source.startswith(("<!", "<?"), lt) and gt >= 0:
                pos = gt + 1
            else:
                out.append("<")
                pos = lt + 1
            continue
        name = m.group(2).lower()
        pos = m.end()
        if name in _SKIP_TAGS and not m.group(1):
            close = lower.find(f"</{name}", pos)
            pos = size if close < 0 else close
            continue
        if name == "pre":
            pre = not m.group(1)
        if name in _BLOCK_TAGS:
            out.append("\n")
        elif name in ("td", "th"):
            out.append(" ")
    return [line for line in (_clean(x) for x in "".join(out).split("\n")) if line]


def _text_lines(source: str) -> list[str]:
    return [_clean(_SGML_TAGS.sub(" ", line)) for line in source.split("\n")
            if not _SGML_LINE.match(line)]


def _clean(line: str) -> str:
    return _SPACES.sub(" ", line.translate(_INVISIBLE)).strip()


# --- cover pages in HTML and text -----------------------------------------------------------

_LABEL = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in (
    ("name", r"names?\s+of\s+(?:the\s+)?reporting\s+persons?(?:\s*\(s\))?"),
    ("group", r"check\s+the\s+appropriate\s+box\s+if|member\s+of\s+a\s+group"),
    ("sec", r"sec\s+use\s+only"),
    ("funds", r"source\s+of\s+funds"),
    ("legal", r"check\s+(?:the\s+)?(?:box\s+)?if\s+(?:disclosure\s+of\s+)?legal\s+proceeding"),
    ("excludes", r"check\s+(?:the\s+)?(?:box\s+)?if\s+(?:the\s+)?aggregate\s+amount"),
    ("citizenship", r"citizenship(?:\s+or\s+place\s+of(?:\s+organi[sz]ation)?)?"),
    ("sole_voting", r"sole\s+(?:voting\s+power|power\s+to\s+vote)"),
    ("shared_voting", r"shared\s+(?:voting\s+power|power\s+to\s+vote)"),
    ("sole_dispositive", r"sole\s+(?:dispositive\s+power|power\s+to\s+dispose)"),
    ("shared_dispositive", r"shared\s+(?:dispositive\s+power|power\s+to\s+dispose)"),
    ("shares", r"aggregate\s+amount\s+beneficially(?:\s+owned(?:\s+by\s+each"
               r"(?:\s+reporting\s+persons?)?)?)?"),
    ("percent", r"percent\s+of\s+class(?:\s+represented(?:\s+by\s+amount(?:\s+in\s+row\s*"
                r"(?:\(\s*\d{1,2}\s*\)|\d{1,2})?)?)?)?"),
    ("type", r"type\s+of\s+reporting\s+persons?"),
)), re.IGNORECASE)
_FIELDS = ("citizenship", "sole_voting", "shared_voting", "sole_dispositive",
           "shared_dispositive", "shares", "percent", "type")
_NUMERIC = frozenset(_FIELDS[1:7])
# Each row's number on a 13G cover and on a 13D cover.
_ROWS = {"name": (1,), "group": (2,), "sec": (3,), "funds": (4,), "legal": (5,),
         "citizenship": (4, 6), "sole_voting": (5, 7), "shared_voting": (6, 8),
         "sole_dispositive": (7, 9), "shared_dispositive": (8, 10), "shares": (9, 11),
         "excludes": (10, 12), "percent": (11, 13), "type": (12, 14)}
# The left column of rows 5-8 ("NUMBER OF / SHARES / BENEFICIALLY / ...") shares lines
# with the rows' labels and values in fixed-layout text and in merged table rows.
_NOISE = re.compile(r"^(?:(?:(?:number\s+of|shares|beneficially|owned\s+by|each|reporting|"
                    r"persons?|with|ficially|ing)\b|bene-|report-)\s*[:.]?\s*)+",
                    re.IGNORECASE)
_ITEM_NUMBER = r"(?:(?:item|row|line)\s*)?(?:\(\s*\d{1,2}\s*\)|\d{1,2})\s*[.:)]?"
_BARE_NUMBER = re.compile(rf"^{_ITEM_NUMBER}$", re.IGNORECASE)
_NUMBER_BEFORE = re.compile(rf"(?:^|\s){_ITEM_NUMBER}\s*$", re.IGNORECASE)
_TRAILING_NUMBER = re.compile(rf"\s+{_ITEM_NUMBER}\s*$", re.IGNORECASE)
_IRS = re.compile(r"^[\s.:;,/-]*(?:s\.?\s*s\.?\s+or\s+)?i\.?\s*r\.?\s*s\.?\s+identification"
                  r"\s+(?:nos?\.?|numbers?)(?:\s+of\s+(?:the\s+)?above\s+persons?)?"
                  r"(?:\s*\(\s*entities\s+only\s*\))?[\s.:]*", re.IGNORECASE)
_EIN = re.compile(r"[\s,;:\-\u2013\u2014]*\(?(?:(?:I\.?R\.?S\.?|EIN|Tax\s+I\.?D\.?)[^\d()]{0,20})?"
                  r"\d{2}-\d{7}\)?$", re.IGNORECASE)
# What separates a label from a value on one line: spaces, rules, dot leaders, dashes.
_LEADER = re.compile(r"^(?:[\s:;|_]|\.{2,}|[-\u2013\u2014](?=\s))+")
_ROW_REF = re.compile(r"\b(?:in\s+)?row\s*\(?\s*\d{1,2}\s*\)?", re.IGNORECASE)
_LABEL_WORDS = frozenset(
    "by each reporting person persons with owned beneficially represented amount of or place "
    "organization organisation entities only see instructions instruction the above aggregate "
    "power voting dispositive sole shared number shares class percent citizenship".split())
_SEPARATOR = re.compile(r"^[\W_]*$")
_CHECKBOX = re.compile(r"^(?:\(?[ab]\)?\s*)?(?:\[\s*[xX]?\s*\]|[oxX\u00a8\u00fd\u00fe\u2610"
                       r"\u2611\u2612\u25a1\u25a0]|\(\s*\))$")
_PAGE_HEAD = re.compile(r"^(?:page\s+\d+|schedule\s+13[dg]\b|sc\s+13[dg]\b|13[dg]\b|cusip\b)",
                        re.IGNORECASE)
_CUSIP_LINE = re.compile(r"^cusip\s*(?:no\b|number|#)", re.IGNORECASE)
_INSTRUCTIONS = re.compile(r"instructions?\s+for\s+cover\s+page|\bSEC\s+174[56]\b|"
                           r"^general\s+instructions\b", re.IGNORECASE)
_INSTRUCTION_TEXT = re.compile(r"^\s*(?:-+|\u2014|\u2013)\s*(?:furnish|please|if|enter|state|"
                               r"provide|indicate|classify|list|rows?)\b", re.IGNORECASE)
_BODY = re.compile(r"^(?:item\s*1\b[^a-z]*(?:\(a\))?|\(a\)|1\s*\(a\))[\s.:]*"
                   r"(?:name\s+of\s+issuer|security\s+and\s+issuer)", re.IGNORECASE)
_FOOTNOTE = re.compile(r"\s*(?:\(\d{1,2}\)|\*+)$")
# A front-page caption: "(Name of Issuer)" under its value, or "Item 1(a). Name of Issuer:"
# with the value beside or below it.
_CAPTION_HEAD = (r"(?:(?P<paren>\()|^(?:item\s*\d{1,2}\s*)?(?:\(?[a-e]\)|\d\s*\([a-e]\))?"
                 r"[\s.:\-]*)\s*")
_CAPTIONS = {field: re.compile(_CAPTION_HEAD + pattern, re.IGNORECASE) for field, pattern in (
    ("subject_company", r"name\s+of\s+(?:the\s+)?(?:subject\s+company|issuer)\b"),
    ("security_class", r"title\s+of\s+(?:the\s+)?class\b"),
    ("cusip", r"cusip\s*(?:number|no\b|#)"),
    ("event_date", r"date\s+of\s+(?:the\s+)?event\b"))}
_CAPTION_LIKE = re.compile(r"^\(.*\)\W*$|(?:^|\()\s*(?:name\s+of|title\s+of|cusip\b|date\s+of)"
                           r"|^(?:\([a-z]\)|item\s)", re.IGNORECASE)
_TITLE_LIKE = re.compile(
    r"schedule\s+1[34]|securities\s+exchange\s+act|securities\s+and\s+exchange\s+commission|"
    r"washington,?\s+d\.?\s*c\b|amendment\s+no|\brule\s+13|under\s+the\s+securities|information\s+"
    r"(?:statement|to\s+be\s+included)|\bomb\b|cusip|check\s+the|^page\s+\d|pursuant\s+to",
    re.IGNORECASE)
_AMENDMENT = re.compile(r"amendment\s+(?:no\.?|number|#)\s*[:.]?\s*(\d{1,3}|[a-z]+)\b",
                        re.IGNORECASE)
_WORD_NUMBERS = {word: n for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_SCHEDULE = re.compile(r"\b(?:schedule|sc)\s+13\s*([dg])\b(\s*/\s*a\b)?", re.IGNORECASE)


def _labels(line: str) -> list[tuple[str, int, int]]:
    """The cover labels on a line: at its start (past the left column and an item number),
    or after an item number; a label inside prose is not one."""
    found = []
    for m in _LABEL.finditer(line):
        # Only a short stretch before a label can decide it: the left column is the longest
        # thing that may precede one, so long lines cost no more than short ones.
        near = line[max(m.start() - 24, 0):m.start()]
        rest = _NOISE.sub("", line[:m.start()].strip()) if m.start() < 160 else "x"
        if not rest or _BARE_NUMBER.match(rest) or _NUMBER_BEFORE.search(near):
            found.append((m.lastgroup or "", m.start(), m.end()))
    return found


def _value(kind: str, text: str, lines: list[str], at: int) -> str | None:
    """`text` cleaned as a value of `kind`, or None when it is layout, a label's wrapped
    tail, a check box or an item number rather than a value."""
    text = _LEADER.sub("", text).rstrip(" \t:;|")
    if len(text) > 300:  # cover values are short; this is prose or a page run together
        return None
    if kind in _NUMERIC or kind == "type":
        text = _NOISE.sub("", text)
    if kind == "name":
        text = _EIN.sub("", _IRS.sub("", text).lstrip(" .:;-")).rstrip(" :;-")
        if not re.search(r"[^\W\d_]", text):
            return None
    if not text or _SEPARATOR.match(text) or _CHECKBOX.match(text) or _PAGE_HEAD.match(text):
        return None
    if _NOISE.fullmatch(text) or (text.startswith("(") and text.endswith(")")):
        return None
    words = re.findall(r"[a-z]+", _ROW_REF.sub("", text.lower()))
    if all(word in _LABEL_WORDS for word in words) and not re.search(
            r"\d", _ROW_REF.sub("", text)):
        return None
    if _BARE_NUMBER.match(text):
        # A lone number is the next row's number when that row's label follows without its
        # own; otherwise it is a value, and only the numeric rows take one.
        if kind not in _NUMERIC:
            return None
        follow = next((x for x in lines[at + 1:at + 4] if x), "")
        found = _labels(follow)
        if (found and not _NOISE.sub("", follow[:found[0][1]].strip())
                and int(re.sub(r"\D", "", text)) in _ROWS.get(found[0][0], ())):
            return None
    return _FOOTNOTE.sub("", text) if kind == "name" else text


def _read_covers(lines: list[str], result: Schedule13) -> int:
    """Add one owner per cover page; return the index of the first cover's line."""
    first = len(lines)
    owner: dict[str, str | None] | None = None
    pending: str | None = None
    waited = 0
    instructions = body = False

    def close() -> None:
        nonlocal owner
        if owner is not None:
            _add_owner(result, owner, None)
        owner = None

    for i, line in enumerate(lines):
        if not line:
            continue
        if _INSTRUCTIONS.search(line):
            close()
            instructions, pending = True, None
            continue
        if _BODY.match(line):
            close()
            body, pending = True, None
            continue
        if _CUSIP_LINE.match(line):
            pending = None  # a new page begins: a value missing above stays missing
        found = _labels(line)
        if pending is not None and owner is not None:
            head = line[:found[0][1]] if found else line
            if found:  # what precedes a label is a value only without the label's number
                head = _NOISE.sub("", _TRAILING_NUMBER.sub("", head).strip())
                head = "" if _BARE_NUMBER.match(head) else head
            value = _value(pending, head, lines, i)
            if value is not None:
                owner[pending], pending = value, None
            waited += 1
            pending = None if waited > 6 else pending
        for n, (kind, _start, end) in enumerate(found):
            pending = None
            tail = (_TRAILING_NUMBER.sub("", line[end:found[n + 1][1]]) if n + 1 < len(found)
                    else line[end:])
            if _INSTRUCTION_TEXT.match(tail) or len(tail) > 300:
                continue  # "Type of Reporting Person--Please classify..." is instruction text
            if kind == "name":
                value = _value("name", tail, lines, i)
                if instructions and value and len(value.split()) > 8:
                    continue
                close()
                owner = dict.fromkeys(("name", *_FIELDS))
                first, instructions, body = min(first, i), False, False
                owner["name"] = value
                pending, waited = ("name" if value is None else None), 0
            elif kind in _FIELDS and owner is not None and not instructions and not body:
                if owner.get(kind) is not None:
                    continue  # a row repeated after a page break: the first one counts
                value = _value(kind, tail, lines, i)
                owner[kind] = value
                pending, waited = (kind if value is None else None), 0
    close()
    return first


def _add_owner(result: Schedule13, raw: dict[str, str | None], cik: str | None) -> None:
    if not any(raw.values()):
        return
    n = len(result.owners) + 1
    holder = " ".join((raw.get("name") or "").split())
    who = f"reporting person {n}" + (f" ({holder})" if holder else "")
    if not holder:
        result.warnings.append(f"name not found for reporting person {n}")
    numbers = {kind: _number(raw.get(kind)) for kind in _NUMERIC - {"percent"}}
    shares = numbers["shares"]
    if shares is None:
        result.warnings.append(
            f"aggregate amount not a number for {who}: {_quote(raw['shares'])}" if raw.get("shares")
            else f"aggregate amount not found for {who}")
    percent, why = _percent(raw.get("percent"))
    if percent is None:
        result.warnings.append(f"percent of class for {who} {why}" if why
                               else f"percent of class not found for {who}")
    citizenship = (raw.get("citizenship") or "").strip(" *") or None
    result.owners.append(BeneficialOwner(
        holder=holder, holder_cik=cik, citizenship=citizenship, shares=shares,
        percent=percent, sole_voting=numbers["sole_voting"],
        shared_voting=numbers["shared_voting"], sole_dispositive=numbers["sole_dispositive"],
        shared_dispositive=numbers["shared_dispositive"],
        reporting_person_type=_type_codes(raw.get("type"))))


# --- the front page: issuer, class, CUSIP, event date ---------------------------------------

def _valid(field: str, value: str | None) -> str | dt.date | None:
    if not value:
        return None
    if field == "cusip":
        return _cusip(value)
    if field == "event_date":
        return _date(value)
    value = _FOOTNOTE.sub("", value).strip(" :;,")
    if not re.search(r"[^\W\d_]", value) or len(value) > 200 or _TITLE_LIKE.search(value):
        return None
    return value


def _above(lines: list[str], at: int) -> str | None:
    """The value printed above a caption: up to two lines, over rules and blank lines."""
    got: list[str] = []
    for line in reversed(lines[max(at - 6, 0):at]):
        if not line or _SEPARATOR.match(line):
            if got:
                break
            continue
        if _CAPTION_LIKE.search(line) or _TITLE_LIKE.search(line) or len(got) == 2:
            break
        got.append(line)
    return " ".join(reversed(got)) or None


def _caption(lines: list[str], field: str) -> str | dt.date | None:
    caption = _CAPTIONS[field]
    for i, line in enumerate(lines):
        m = caption.search(line)
        if m is None:
            continue
        after = line[m.end():]
        below = [x for x in lines[i + 1:i + 3] if x and not _CAPTION_LIKE.search(x)][:1]
        if m.group("paren"):  # "(Name of Issuer)": the value is before or above it
            after = after[after.rfind(")") + 1:] if ")" in after else ""
            candidates = [line[:m.start()], _above(lines, i), after]
            if field in ("cusip", "event_date"):  # checked by their form, so safe below
                candidates += below
        else:  # "Name of Issuer: Acme Corp", or the value on the next line
            candidates = [after.partition(":")[2] or after, *below]
        for candidate in candidates:
            value = _valid(field, candidate)
            if value is not None:
                return value
    return None


def _read_front(lines: list[str], front: list[str], result: Schedule13) -> None:
    for field in ("subject_company", "security_class", "cusip", "event_date"):
        value = _caption(front, field)
        setattr(result, field, value if value or front is lines else _caption(lines, field))
    head = " ".join(front[:200])
    m = _AMENDMENT.search(head)
    if m:
        word = m.group(1).lower()
        result.amendment = int(word) if word.isdigit() else _WORD_NUMBERS.get(word)
    if result.form is None:
        schedule = _SCHEDULE.search(head)
        if schedule:
            amended = schedule.group(2) or result.amendment
            result.form = f"SC 13{schedule.group(1).upper()}" + ("/A" if amended else "")


# --- entry point ----------------------------------------------------------------------------

def read_schedule_13(text: str, form: str | None = None) -> Schedule13:
    """Read a Schedule 13D or 13G primary document: plain text, HTML or the SEC's XML.

    `form` is the EDGAR form type when the caller knows it; otherwise it comes from the XML's
    submissionType, an EDGAR <TYPE> line, or the document's "Schedule 13D/13G" title. Values
    are as written except numbers (floats; "-0-" and "None" are 0), the percent (0-100) and
    the type of reporting person (its codes, "IA, OO"). A percent given only as a bound
    ("Less than 1%") is left None with a warning rather than turned into a value nobody
    reported. Never raises: what is expected and missing is named in `warnings`.
    """
    result = Schedule13(form=(form or "").strip() or None, amendment=None,
                        subject_company=None, subject_cik=None, security_class=None,
                        cusip=None, event_date=None, owners=[], warnings=[])
    source = text if isinstance(text, str) else ""
    head = source[:4000]
    wrapper = re.search(r"<TEXT>", head, re.IGNORECASE)
    if wrapper:  # a whole <DOCUMENT>: its <TYPE> is the form, the body follows <TEXT>
        kind = re.search(r"<TYPE>([^\n<]+)", head[:wrapper.start()], re.IGNORECASE)
        if result.form is None and kind and kind.group(1).strip():
            result.form = kind.group(1).strip()
        source = source[wrapper.end():]
        head = source[:4000]
    if _XML_ROOT.search(head) and not _HTML_SIGN.search(head):
        _read_xml(source, result)
    else:
        lines = _html_lines(source) if _HTML_SIGN.search(source[:20000]) else (
            _text_lines(source))
        first = _read_covers(lines, result)
        _read_front(lines, lines[:first] if first < len(lines) else lines, result)
    _check(result)
    return result


def _check(result: Schedule13) -> None:
    if not result.owners:
        result.warnings.append("no cover page found")
    for field, name in (("subject_company", "name of issuer"), ("security_class",
                        "title of class"), ("cusip", "CUSIP"), ("event_date", "event date")):
        if getattr(result, field) is None:
            result.warnings.append(f"{name} not found")
    if result.cusip is not None and len(result.cusip) != 9:
        result.warnings.append(f"CUSIP {result.cusip!r} is not 9 characters")
    if result.amendment is None and (result.form or "").upper().endswith("/A"):
        result.warnings.append("amendment number not found")
