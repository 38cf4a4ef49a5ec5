"""Parse SEC headers in the tab-indented and angle-bracket dialects into typed records."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
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


@dataclass(slots=True)
class Block:
    """A header block in dialect-neutral form: its tag, its fields and its sub-blocks."""

    tag: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    children: list[Block] = field(default_factory=list)

    def add(self, key: str, value: str) -> None:
        self.fields.setdefault(key, []).append(value)

    def first(self, key: str) -> str | None:
        for value in self.fields.get(key, ()):
            if value:
                return value
        return None


def _level(tag: str) -> int:
    if tag in PARTY_ROLES:
        return 1
    if tag in SUB_BLOCKS:
        return 2
    return 3


def _open(stack: list[Block], tag: str) -> None:
    # Old headers leave blocks unclosed ("stale nesting"): a new block closes every open
    # block at its own level or deeper before it opens.
    level = _level(tag)
    while len(stack) > 1 and _level(stack[-1].tag) >= level:
        stack.pop()
    block = Block(tag)
    stack[-1].children.append(block)
    stack.append(block)


def _close(stack: list[Block], tag: str) -> None:
    for depth in range(len(stack) - 1, 0, -1):
        if stack[depth].tag == tag:
            del stack[depth:]
            return


# Field names as written ("COMPANY CONFORMED NAME") to their tags: a few dozen names recur in
# every header, so each is normalized once (bounded: names are unbounded in damaged files).
_TAB_TAGS: dict[str, str] = {}


def _tab_tag(key: str) -> str:
    normalized = " ".join(key.split()).upper()
    tag = TAB_KEY_TO_TAG.get(normalized) or normalized.replace(" ", "-")
    if len(_TAB_TAGS) < 10_000:
        _TAB_TAGS[key] = tag
    return tag


def parse_tab_blocks(text: str) -> Block:
    """Read a tab-dialect header (`KEY:<tab>value` lines, some `<TAG>` lines) into blocks."""
    root = Block("ROOT")
    stack = [root]
    last_field: tuple[Block, str] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line[0] == "<":
            match = _ANGLE_TOKEN.match(line)
            if not match:
                continue
            closing, value = match.group(1), match.group(3).strip()
            tag = match.group(2).upper().replace("_", "-")
            if tag in WRAPPER_TAGS:
                if tag in ("SEC-DOCUMENT", "IMS-DOCUMENT", "SEC-HEADER", "IMS-HEADER") and value:
                    root.add("WRAPPER-" + tag, value)
                continue
            if closing:
                _close(stack, tag)
            elif (tag in PARTY_ROLES or tag in SUB_BLOCKS) and not value:
                _open(stack, tag)
            else:
                stack[-1].add(tag, value)
            continue
        if line[0] == "]" and last_field is not None:
            # A value broken across lines ("[6331" then "]  IRS NUMBER: ..."): rejoin it.
            block, key_seen = last_field
            block.fields[key_seen][-1] += "]"
            line = line[1:].strip()
            if not line:
                continue
        key, sep, value = line.partition(":")
        if not sep:
            continue
        value = value.strip()
        tag = _TAB_TAGS.get(key)
        if tag is None:
            tag = _tab_tag(key)
        # "SEC ACT:" and "CONFIRMING COPY:" end in a colon too: only known names open blocks.
        if not value and (tag in PARTY_ROLES or tag in SUB_BLOCKS):
            _open(stack, tag)
        else:
            stack[-1].add(tag, value)
            last_field = (stack[-1], tag)
    return root


def parse_angle_blocks(text: str) -> Block:
    """Read an angle-dialect header (`<TAG>value`, containers closed, leaves not) into blocks."""
    root = Block("ROOT")
    stack = [root]
    closed = {tag.upper().replace("_", "-") for tag in _CLOSING_TAG.findall(text)}
    for match in _ANGLE_TOKEN.finditer(text):
        closing, value = match.group(1), match.group(3).strip()
        tag = match.group(2).upper().replace("_", "-")
        if tag in WRAPPER_TAGS:
            if tag in ("SEC-HEADER", "SEC-DOCUMENT") and value and not closing:
                root.add("WRAPPER-" + tag, value)
            continue
        if closing:
            _close(stack, tag)
        elif not value and (tag in PARTY_ROLES or tag in SUB_BLOCKS or tag in closed):
            _open(stack, tag)
        else:
            stack[-1].add(tag, value)
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
    # ASCII digits only: str.isdigit also takes "²" and "①", which int() refuses.
    digits = "".join(ch for ch in value if "0" <= ch <= "9")
    return digits or None


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
    return Address(
        kind=kind,
        street1=block.first("STREET1"),
        street2=block.first("STREET2"),
        city=block.first("CITY"),
        state=block.first("STATE"),
        zip=block.first("ZIP"),
        phone=block.first("PHONE"),
    )


def _looks_like_person(name: str, entity_block: Block, role: str) -> bool:
    if role != "reporting-owner":
        return False
    if entity_block.first("IRS-NUMBER") or entity_block.first("STATE-OF-INCORPORATION"):
        return False
    return not _CORPORATE_WORDS.search(name)


def _walk(block: Block) -> Iterable[Block]:
    for child in block.children:
        yield child
        yield from _walk(child)


def _party(block: Block, role: str) -> Party | None:
    data = next((c for c in block.children if c.tag in ("COMPANY-DATA", "OWNER-DATA")), block)
    cik = normalize_cik(data.first("CIK") or data.first("OWNER-CIK"))
    name = data.first("CONFORMED-NAME")
    if cik is None:
        return None
    sic_code, sic_label = _sic(data)
    entity = Entity(
        cik=cik,
        name=" ".join(name.split()) if name else "",
        sic_code=sic_code,
        sic_label=sic_label,
        organization_name=data.first("ORGANIZATION-NAME"),
        irs_number=_irs(data.first("IRS-NUMBER")),
        state_of_incorporation=data.first("STATE-OF-INCORPORATION"),
        fiscal_year_end=_fiscal_year_end(data.first("FISCAL-YEAR-END")),
    )
    entity.is_person = bool(entity.name) and (
        data.tag == "OWNER-DATA" or _looks_like_person(entity.name, data, role)
    )
    party = Party(role=role, entity=entity)
    for child in block.children:
        if child.tag == "FILING-VALUES":
            party.form_type = child.first("FORM-TYPE")
            party.act = _act(child.first("ACT"))
            party.file_number = child.first("FILE-NUMBER")
            party.film_number = child.first("FILM-NUMBER")
        elif child.tag in ("BUSINESS-ADDRESS", "MAIL-ADDRESS"):
            address = _address(child, "business" if child.tag[0] == "B" else "mail")
            if not address.is_empty():
                entity.addresses.append(address)
        elif child.tag in ("FORMER-COMPANY", "FORMER-NAME"):
            former = child.first("FORMER-CONFORMED-NAME") or child.first("FORMER-NAME")
            if former:
                entity.former_names.append(
                    FormerName(" ".join(former.split()), parse_date(child.first("DATE-CHANGED")))
                )
    relationship = block.first("RELATIONSHIP") or next(
        (c.first("RELATIONSHIP") for c in _walk(block) if c.first("RELATIONSHIP")), None
    )
    party.relationship = relationship
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
