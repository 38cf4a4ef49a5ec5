"""Parse SEC headers in the tab-indented and angle-bracket dialects into typed records."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
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
_CLOSING_TAG = re.compile(r"</([A-Za-z0-9_-]+)>")
_ACCESSION = re.compile(r"\b(\d{10}-\d{2}-\d{6})\b")
_ACCESSION_DIGITS = re.compile(r"^\d{18}$")
# ASCII digits only: str.isdigit also takes "²" and "①", which int() refuses.
_NON_DIGITS = re.compile(r"[^0-9]+")


@dataclass(slots=True)
class Block:
    """A header block in dialect-neutral form: its tag, its fields and its sub-blocks."""

    tag: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    children: list[Block] = field(default_factory=list)

    def add(self, key: str, value: str) -> None:
        values = self.fields.get(key)
        if values is None:
            self.fields[key] = [value]
        else:
            values.append(value)

    def first(self, key: str) -> str | None:
        values = self.fields.get(key)
        if values is None:
            return None
        for value in values:
            if value:
                return value
        return None

    def deep_first(self, key: str) -> str | None:
        """The first non-empty value of `key` here or, depth first, in a sub-block."""
        value = self.first(key)
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
    while len(stack) > 1 and _LEVELS.get(stack[-1].tag, 3) >= level:
        stack.pop()
    block = Block(tag)
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


def parse_tab_blocks(text: str) -> Block:
    """Read a tab-dialect header (`KEY:<tab>value` lines, some `<TAG>` lines) into blocks."""
    root = Block("ROOT")
    stack = [root]
    # This loop runs for every line of every header, so a line with a known name is cut at
    # its first colon without stripping it first (only the value needs it), and the open
    # block's fields and the values list the last field went to are kept in locals.
    fields = root.fields
    last_values: list[str] | None = None
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
                match = _ANGLE_TOKEN.match(line)
                if not match:
                    continue
                closing, tag, value = match.groups()
                tag = tag.upper().replace("_", "-")
                value = value.strip()
                if tag in WRAPPER_TAGS:
                    if value and tag in ("SEC-DOCUMENT", "IMS-DOCUMENT", "SEC-HEADER",
                                         "IMS-HEADER"):
                        root.add("WRAPPER-" + tag, value)
                    continue
                if closing:
                    _close(stack, tag)
                    fields = stack[-1].fields
                elif tag in _LEVELS and not value:
                    fields = _open(stack, tag).fields
                else:
                    stack[-1].add(tag, value)
                continue
            if line[0] == "]" and last_values is not None:
                # A value broken across lines ("[6331" then "]  IRS NUMBER: ..."): rejoin it.
                last_values[-1] += "]"
                line = line[1:].strip()
                if not line:
                    continue
                key, sep, value = line.partition(":")
            if not sep:
                continue
            tag = _tab_tag(key)
        value = value.strip()
        # "SEC ACT:" and "CONFIRMING COPY:" end in a colon too: only known names open blocks.
        if not value and tag in _LEVELS:
            fields = _open(stack, tag).fields
        else:
            last_values = fields.get(tag)
            if last_values is None:
                fields[tag] = last_values = [value]
            else:
                last_values.append(value)
    return root


def parse_angle_blocks(text: str) -> Block:
    """Read an angle-dialect header (`<TAG>value`, containers closed, leaves not) into blocks."""
    root = Block("ROOT")
    stack = [root]
    closed = {tag.upper().replace("_", "-") for tag in _CLOSING_TAG.findall(text)}
    # As in parse_tab_blocks, the open block's fields are kept in a local and added to inline.
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
            fields = stack[-1].fields
        elif not value and (tag in _LEVELS or tag in closed):
            fields = _open(stack, tag).fields
        else:
            values = fields.get(tag)
            if values is None:
                fields[tag] = [value]
            else:
                values.append(value)
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
        match = _SIC_WITH_LABEL.match(labelled)
        if match:
            return (match.group(2) or None), (match.group(1).strip() or None)
        if labelled.isdigit():
            return labelled, None
        return None, labelled
    code = block.first("ASSIGNED-SIC")
    return (code if code and code.strip("0") else None), None


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
    for title in root.fields.get("ITEM-INFORMATION", ()):
        if title:
            items.append(item_from_title(title, scheme))
    for codes in root.fields.get("ITEMS", ()):
        for code in codes.split(";"):
            if code.strip():
                items.append(item_from_code(code, scheme))
    header.items = _unique_items(items)
    header.group_members = [" ".join(m.split()) for m in root.fields.get("GROUP-MEMBERS", ()) if m]
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
