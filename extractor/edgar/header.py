"""Parse SEC headers in the tab-indented and angle-bracket dialects into typed records."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from ..errors import HeaderError
from .dates import parse_acceptance, parse_date
from .items import item_from_code, item_from_title, item_scheme
from .records import Address, Entity, FormerName, Header, Item, Party

# Party blocks, keyed by their angle-dialect tag; the value is the role we record.
PARTY_ROLES: dict[str, str] = {
    "FILER": "filer",
    "SUBJECT-COMPANY": "subject-company",
    "FILED-BY": "filed-by",
    "REPORTING-OWNER": "reporting-owner",
    "ISSUER": "issuer",
    "DEPOSITOR": "depositor",
    "SECURITIZER": "securitizer",
    "SERIAL-COMPANY": "serial-company",
    "ISSUING-ENTITY": "issuing-entity",
}
# Blocks inside a party block.
SUB_BLOCKS = frozenset({
    "COMPANY-DATA", "OWNER-DATA", "FILING-VALUES", "BUSINESS-ADDRESS", "MAIL-ADDRESS",
    "FORMER-COMPANY", "FORMER-NAME",
})
# How deep each block tag nests: party blocks 1, their sub-blocks 2, any other block 3.
_LEVELS: dict[str, int] = {**dict.fromkeys(PARTY_ROLES, 1), **dict.fromkeys(SUB_BLOCKS, 2)}
# Tab-dialect keys whose angle-dialect tag is not just the key with dashes.
TAB_KEY_TO_TAG: dict[str, str] = {
    "ACCESSION NUMBER": "ACCESSION-NUMBER",
    "CONFORMED SUBMISSION TYPE": "TYPE",
    "CONFORMED PERIOD OF REPORT": "PERIOD",
    "ITEM INFORMATION": "ITEM-INFORMATION",
    "FILED AS OF DATE": "FILING-DATE",
    "DATE AS OF CHANGE": "DATE-OF-FILING-DATE-CHANGE",
    "COMPANY CONFORMED NAME": "CONFORMED-NAME",
    "CENTRAL INDEX KEY": "CIK",
    "STANDARD INDUSTRIAL CLASSIFICATION": "SIC-WITH-LABEL",
    "EIN": "IRS-NUMBER",
    "SEC ACT": "ACT",
    "SEC FILE NUMBER": "FILE-NUMBER",
    "STREET 1": "STREET1",
    "STREET 2": "STREET2",
    "BUSINESS PHONE": "PHONE",
    "REPORTING OWNER": "REPORTING-OWNER",
    "DATE OF NAME CHANGE": "DATE-CHANGED",
}
# Tags that only wrap the header or the whole file, never data.
WRAPPER_TAGS = frozenset({
    "SEC-HEADER", "IMS-HEADER", "SEC-DOCUMENT", "IMS-DOCUMENT", "SUBMISSION", "PRIVATE-TO-PUBLIC",
})
# 19920703 is EDGAR's load date: a former name dated so was on record then, not begun then.
EDGAR_LOAD_DATE_TEXT = "19920703"

_CORPORATE_WORDS = re.compile(
    r"\b(INC|INCORPORATED|CORP|CORPORATION|CO|COMPANY|LLC|L\.?L\.?C|LP|L\.?P|LLP|LTD|LIMITED|"
    r"PLC|TRUST|FUND|FUNDS|PARTNERS|PARTNERSHIP|HOLDINGS?|GROUP|BANK|BANCORP|CAPITAL|"
    r"MANAGEMENT|ADVISORS?|ADVISERS?|INVESTMENTS?|ASSOCIATES|FOUNDATION|SA|AG|NV|BV|GMBH|"
    r"SECURITIES|FINANCIAL|VENTURES?|ENTERPRISES?|INTERNATIONAL|SYSTEMS|TECHNOLOGIES|"
    r"UNIVERSITY|ESTATE|SOCIETY|ASSOCIATION)\b",
    re.IGNORECASE,
)
_SIC_WITH_LABEL = re.compile(r"^(.*?)\s*\[(\d*)\]\s*$")
_ANGLE_TOKEN = re.compile(r"<(/?)([A-Za-z0-9_-]+)>([^<]*)")
_ANGLE_HEAD = re.compile(r"<(/?)([A-Za-z0-9_-]+)")  # a tag line up to its ">"
_CLOSING_TAG = re.compile(r"</([A-Za-z0-9_-]+)>")
_ACCESSION = re.compile(r"\b(\d{10}-\d{2}-\d{6})\b")
_ACCESSION_DIGITS = re.compile(r"^\d{18}$")
# ASCII digits only: str.isdigit also takes "²" and "①", which int() refuses.
_NON_DIGITS = re.compile(r"[^0-9]+")


class Block:
    """A header block in dialect-neutral form: its tag, its fields and its sub-blocks.

    `fields` holds each key's first non-empty value, `repeats` every value of a key given
    more than once, in order; empty values are never kept (no reader of a header wants
    them). `first(key)` is `fields.get`.
    """

    # A plain class, not a dataclass: a header opens a block every few lines, and this
    # __init__, with one dict more, takes 0.56 µs where the dataclass's generated one with
    # its default factories took 0.74 µs.
    __slots__ = ("tag", "level", "fields", "repeats", "children", "first")

    def __init__(self, tag: str, level: int = 0) -> None:
        self.tag = tag
        self.level = level  # how deep the tag nests (_LEVELS); 0 for the root
        self.fields: dict[str, str] = {}
        self.repeats: dict[str, list[str]] = {}
        self.children: list[Block] = []
        # The dict's own method, bound once: a typical header asks for forty fields, and a
        # Python method in between cost more than the lookups.
        self.first: Callable[[str], str | None] = self.fields.get

    def __repr__(self) -> str:
        return (f"Block({self.tag!r}, fields={self.fields!r}, repeats={self.repeats!r}, "
                f"children={self.children!r})")

    def add(self, key: str, value: str) -> None:
        if not value:
            return
        fields = self.fields
        if key in fields:
            self.repeats.setdefault(key, [fields[key]]).append(value)
        else:
            fields[key] = value

    def values(self, key: str) -> list[str]:
        """Every non-empty value of `key`, in order."""
        repeated = self.repeats.get(key)
        if repeated is not None:
            return repeated
        value = self.fields.get(key)
        return [] if value is None else [value]

    def replace_last(self, key: str, value: str) -> None:
        """Put `value` in place of the last value given for `key`."""
        repeated = self.repeats.get(key)
        if repeated is not None:
            repeated[-1] = value
        else:
            self.fields[key] = value

    def deep_first(self, key: str) -> str | None:
        """The first non-empty value of `key` here or, depth first, in a sub-block."""
        value = self.fields.get(key)
        if value is None:
            for child in self.children:
                value = child.deep_first(key)
                if value is not None:
                    break
        return value


def _open(stack: list[Block], tag: str) -> Block:
    # Old headers leave blocks unclosed ("stale nesting"): a new block closes every open
    # block at its own level or deeper before it opens.
    level = _LEVELS.get(tag, 3)
    while stack[-1].level >= level:  # the root's level, 0, is below every block's
        stack.pop()
    block = Block(tag, level)
    stack[-1].children.append(block)
    stack.append(block)
    return block


def _close(stack: list[Block], tag: str) -> None:
    for depth in range(len(stack) - 1, 0, -1):
        if stack[depth].tag == tag:
            del stack[depth:]
            return


# Field names as written, with the line's indent ("\t\tCOMPANY CONFORMED NAME"), to their tags:
# a few dozen recur in every header, so each is normalized once (bounded: names are
# unbounded in damaged files). Names that begin with "<" or "]" are never kept:
# parse_tab_blocks takes a line whose name is here for a plain field, and such a line may
# be a tag or a continuation instead.
_TAB_TAGS: dict[str, str] = {}


def _tab_tag(key: str) -> str:
    normalized = " ".join(key.split()).upper()
    tag = TAB_KEY_TO_TAG.get(normalized) or normalized.replace(" ", "-")
    if len(_TAB_TAGS) < 10_000 and not key.lstrip().startswith(("<", "]")):
        _TAB_TAGS[key] = tag
    return tag


# A tab header's own tag lines ("<SEC-HEADER>...", "<ACCEPTANCE-DATETIME>...") read by what
# comes before their ">": whether the tag closes, and the tag as the blocks name it; None if
# that is no tag. Remembered (a few recur in every header), bounded for damaged files.
@lru_cache(maxsize=10_000)
def _angle_head(head: str) -> tuple[str, str] | None:
    match = _ANGLE_HEAD.fullmatch(head)
    return None if match is None else (match.group(1),
                                       match.group(2).upper().replace("_", "-"))


def parse_tab_blocks(text: str) -> Block:
    """Read a tab-dialect header (`KEY:<tab>value` lines, some `<TAG>` lines) into blocks."""
    root = Block("ROOT")
    stack = [root]
    # This loop runs for every line of every header, so a line with a known name is cut at
    # its first colon without stripping it first (only the value needs it), and the open
    # block and its fields are kept in locals, as is the last field given (its block, key
    # and value), which a continuation line ("]") completes.
    block = root
    fields = root.fields
    last_block: Block | None = None
    last_tag = last_value = ""
    for raw in text.splitlines():
        key, sep, value = raw.partition(":")
        tag = _TAB_TAGS.get(key) if sep else None
        if tag is None:
            # Not a name seen before: a blank line, a <TAG> line, a continuation, a new name
            # or no field at all.
            line = raw.strip()
            if not line:
                continue
            if line[0] == "<":
                head, closes, rest = line.partition(">")
                known = _angle_head(head) if closes else None
                if known is None:
                    continue
                closing, tag = known
                value = rest.partition("<")[0].strip()
                if tag in WRAPPER_TAGS:
                    if value and tag in ("SEC-DOCUMENT", "IMS-DOCUMENT", "SEC-HEADER",
                                         "IMS-HEADER"):
                        root.add("WRAPPER-" + tag, value)
                    continue
                if closing:
                    _close(stack, tag)
                    block = stack[-1]
                    fields = block.fields
                elif tag in _LEVELS and not value:
                    block = _open(stack, tag)
                    fields = block.fields
                else:
                    block.add(tag, value)
                continue
            if line[0] == "]" and last_block is not None:
                # A value broken across lines ("[6331" then "]  IRS NUMBER: ..."): rejoin it.
                if last_value:
                    last_block.replace_last(last_tag, last_value + "]")
                else:
                    last_block.add(last_tag, "]")
                last_value += "]"
                line = line[1:].strip()
                if not line:
                    continue
                key, sep, value = line.partition(":")
            if not sep:
                continue
            tag = _tab_tag(key)
        value = value.strip()
        if value:
            last_block, last_tag, last_value = block, tag, value
            if tag in fields:
                block.add(tag, value)  # a key given again: rare
            else:
                fields[tag] = value
        # "SEC ACT:" and "CONFIRMING COPY:" end in a colon too: only known names open blocks.
        elif tag in _LEVELS:
            block = _open(stack, tag)
            fields = block.fields
        else:
            last_block, last_tag, last_value = block, tag, value
    return root


def parse_angle_blocks(text: str) -> Block:
    """Read an angle-dialect header (`<TAG>value`, containers closed, leaves not) into blocks."""
    root = Block("ROOT")
    stack = [root]
    closed = {tag.upper().replace("_", "-") for tag in _CLOSING_TAG.findall(text)}
    # As in parse_tab_blocks, the open block and its fields are kept in locals.
    block = root
    fields = root.fields
    for closing, tag, value in _ANGLE_TOKEN.findall(text):
        tag = tag.upper().replace("_", "-")
        value = value.strip()
        if tag in WRAPPER_TAGS:
            if tag in ("SEC-HEADER", "SEC-DOCUMENT") and value and not closing:
                root.add("WRAPPER-" + tag, value)
            continue
        if closing:
            _close(stack, tag)
            block = stack[-1]
            fields = block.fields
        elif not value:
            if tag in _LEVELS or tag in closed:
                block = _open(stack, tag)
                fields = block.fields
        elif tag in fields:
            block.add(tag, value)
        else:
            fields[tag] = value
    return root


def blocks_from_mapping(data: Mapping[str, Any], tag: str = "ROOT") -> Block:
    """Turn a header given as JSON with lowercase hyphenated keys (datamule bundles) into blocks."""
    block = Block(tag)
    for key, value in data.items():
        name = key.upper()
        if isinstance(value, Mapping):
            block.children.append(blocks_from_mapping(value, name))
        elif isinstance(value, list):
            for entry in value:
                if isinstance(entry, Mapping):
                    block.children.append(blocks_from_mapping(entry, name))
                else:
                    block.add(name, str(entry))
        elif value is not None:
            block.add(name, str(value))
    return block


def _digits(value: str | None) -> str | None:
    if not value:
        return None
    if value.isdigit() and value.isascii():
        return value  # the usual CIK, IRS number or count: no regex pass needed
    return _NON_DIGITS.sub("", value) or None


def normalize_cik(value: str | int | None) -> str | None:
    """A CIK as the 10-digit zero-padded string EDGAR uses; None if there are no digits, or
    more than ten significant ones (no CIK is that long: the value is garbled)."""
    digits = _digits(str(value)) if value is not None else None
    significant = digits.lstrip("0") if digits else ""
    if not significant or len(significant) > 10:
        return None
    return significant.zfill(10)


def normalize_accession(value: str | None) -> str | None:
    """An accession number in its dashed form 0001234567-YY-NNNNNN, or None."""
    if not value:
        return None
    match = _ACCESSION.search(value)
    if match:
        return match.group(1)
    digits = value.strip()
    if _ACCESSION_DIGITS.match(digits):
        return f"{digits[:10]}-{digits[10:12]}-{digits[12:]}"
    return None


def _sic(block: Block) -> tuple[str | None, str | None]:
    labelled = block.first("SIC-WITH-LABEL")
    if labelled:
        return _split_sic(labelled)
    code = block.first("ASSIGNED-SIC")
    return (code if code and code.strip("0") else None), None


# Remembered by their text: EDGAR has a few hundred codes, and the regex split cost more than
# any other field of a typical header. Bounded for damaged files.
@lru_cache(maxsize=10_000)
def _split_sic(labelled: str) -> tuple[str | None, str | None]:
    """"FIRE, MARINE & CASUALTY INSURANCE [6331]" as its code and its label."""
    match = _SIC_WITH_LABEL.match(labelled)
    if match:
        return (match.group(2) or None), (match.group(1).strip() or None)
    if labelled.isdigit():
        return labelled, None
    return None, labelled


def _address(block: Block, kind: str) -> Address:
    first = block.first
    return Address(
        kind=kind,
        street1=first("STREET1"),
        street2=first("STREET2"),
        city=first("CITY"),
        state=first("STATE"),
        zip=first("ZIP"),
        phone=first("PHONE"),
    )


def _looks_like_person(name: str, entity_block: Block, role: str) -> bool:
    if role != "reporting-owner":
        return False
    if entity_block.first("IRS-NUMBER") or entity_block.first("STATE-OF-INCORPORATION"):
        return False
    return not _CORPORATE_WORDS.search(name)


def _party(block: Block, role: str) -> Party | None:
    data = block
    for child in block.children:
        if child.tag == "COMPANY-DATA" or child.tag == "OWNER-DATA":
            data = child
            break
    first = data.first
    cik = normalize_cik(first("CIK") or first("OWNER-CIK"))
    if cik is None:
        return None
    name = first("CONFORMED-NAME")
    sic_code, sic_label = _sic(data)
    entity = Entity(
        cik=cik,
        name=" ".join(name.split()) if name else "",
        sic_code=sic_code,
        sic_label=sic_label,
        organization_name=first("ORGANIZATION-NAME"),
        irs_number=_irs(first("IRS-NUMBER")),
        state_of_incorporation=first("STATE-OF-INCORPORATION"),
        fiscal_year_end=_fiscal_year_end(first("FISCAL-YEAR-END")),
    )
    entity.is_person = bool(entity.name) and (
        data.tag == "OWNER-DATA" or _looks_like_person(entity.name, data, role)
    )
    party = Party(role=role, entity=entity)
    for child in block.children:
        tag = child.tag
        if tag == "FILING-VALUES":
            party.form_type = child.first("FORM-TYPE")
            party.act = _act(child.first("ACT"))
            party.file_number = child.first("FILE-NUMBER")
            party.film_number = child.first("FILM-NUMBER")
        elif tag == "BUSINESS-ADDRESS" or tag == "MAIL-ADDRESS":
            address = _address(child, "business" if tag[0] == "B" else "mail")
            if not address.is_empty():
                entity.addresses.append(address)
        elif tag == "FORMER-COMPANY" or tag == "FORMER-NAME":
            former = child.first("FORMER-CONFORMED-NAME") or child.first("FORMER-NAME")
            if former:
                entity.former_names.append(
                    FormerName(" ".join(former.split()), parse_date(child.first("DATE-CHANGED")))
                )
    party.relationship = block.deep_first("RELATIONSHIP")
    return party


def _irs(value: str | None) -> str | None:
    digits = _digits(value)
    return digits if digits and digits.strip("0") else None


def _fiscal_year_end(value: str | None) -> str | None:
    digits = _digits(value)
    return digits.zfill(4) if digits and len(digits) <= 4 and digits.strip("0") else None


def _act(value: str | None) -> str | None:
    # Headers say "1934 Act" (tab dialect) or "34" (angle dialect): keep the two-digit code;
    # "Dodd Frank Act" (tab) and "DF" (angle) become "DF".
    if not value:
        return None
    digits = _digits(value)
    if digits:
        return digits[-2:]
    text = value.strip().upper()
    if text == "DF" or text.startswith("DODD"):
        return "DF"
    return text or None


def header_from_blocks(root: Block, dialect: str, source_hint: str | None = None) -> Header:
    """Build a Header from dialect-neutral blocks; raises HeaderError if it has no accession."""
    accession = normalize_accession(root.first("ACCESSION-NUMBER"))
    if accession is None:
        for key in ("WRAPPER-SEC-HEADER", "WRAPPER-SEC-DOCUMENT", "WRAPPER-IMS-HEADER",
                    "WRAPPER-IMS-DOCUMENT"):
            accession = normalize_accession(root.first(key))
            if accession:
                break
    if accession is None:
        raise HeaderError("the header has no accession number")
    header = Header(accession_number=accession, dialect=dialect)
    header.form_type = root.first("TYPE")
    count = _digits(root.first("PUBLIC-DOCUMENT-COUNT"))
    header.public_document_count = int(count) if count else None
    header.period = parse_date(root.first("PERIOD"))
    header.filed = parse_date(root.first("FILING-DATE"))
    header.date_of_change = parse_date(root.first("DATE-OF-FILING-DATE-CHANGE"))
    header.acceptance = parse_acceptance(root.first("ACCEPTANCE-DATETIME"))
    header.effectiveness_date = parse_date(root.first("EFFECTIVENESS-DATE"))
    if header.filed is None and source_hint:
        # The wrapper line "<SEC-HEADER>0000000000-00-000000.hdr.sgml : 20170308" dates it.
        header.filed = parse_date(source_hint.rpartition(":")[2])
    scheme = item_scheme(header.form_type, header.filed)
    items: list[Item] = []
    for title in root.values("ITEM-INFORMATION"):
        if title:
            items.append(item_from_title(title, scheme))
    for codes in root.values("ITEMS"):
        for code in codes.split(";"):
            if code.strip():
                items.append(item_from_code(code, scheme))
    header.items = _unique_items(items)
    header.group_members = [" ".join(m.split()) for m in root.values("GROUP-MEMBERS") if m]
    for child in root.children:
        role = PARTY_ROLES.get(child.tag)
        if role is None:
            continue
        party = _party(child, role)
        if party is not None:
            header.parties.append(party)
    for tag, role in (("DEPOSITOR-CIK", "depositor"), ("SPONSOR-CIK", "sponsor")):
        cik = normalize_cik(root.first(tag))
        if cik:
            header.parties.append(Party(role=role, entity=Entity(cik=cik, name="")))
    return header


def _unique_items(items: list[Item]) -> list[Item]:
    seen: set[tuple[str | None, str | None]] = set()
    unique = []
    for item in items:
        key = (item.code, item.title if item.code is None else None)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def parse_header(text: str) -> Header:
    """Parse the header text of either dialect; the dialect is told by its first lines."""
    probe = text[:4096]
    angle = "<ACCESSION-NUMBER>" in probe or "<SUBMISSION>" in probe
    if angle:
        root = parse_angle_blocks(text)
        dialect = "angle"
    else:
        root = parse_tab_blocks(text)
        dialect = "tab"
    hint = root.first("WRAPPER-SEC-HEADER") or root.first("WRAPPER-IMS-HEADER")
    return header_from_blocks(root, dialect, hint)
