"""A primary document read without its SEC header: the filer from its dei facts or cover."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .cover import CoverPage, read_cover
from .dates import parse_date
from .header import normalize_cik
from .ixbrl import InlineDocument, exchange_code, read_inline, state_code
from .records import Address, Entity, Header, Party

# A primary document never states its accession number (none of the 62 Inline XBRL 8-Ks of
# the shared corpus does: only the SEC header does, and a file with one is a submission), so
# it is taken from the file name, and only in EDGAR's own form: the whole stem
# ("0001193125-23-010300.txt", as EDGAR names a full submission) or its last "_" part, as
# in the corpus names CIK_8K_YEAR_ACCESSION.htm of edgar-crawler. Any other digits in a
# name (dates, CIKs, the SEC's own undashed folder names) are never read as one.
_ACCESSION_STEM = re.compile(r"(?:^|_)(\d{10}-\d{2}-\d{6})$")
_SUFFIXES = re.compile(r"(?:\.[A-Za-z0-9]{1,5})+$")
_HTML = re.compile(r"<(?:html|body|p|div|table|font|br|span)\b", re.IGNORECASE)
_NO_SYMBOL = re.compile(r"(?:n/?a|none|not applicable|-+|—|–)?", re.IGNORECASE)


def accession_from_name(name: str) -> str | None:
    """The accession number a file name states in EDGAR's form, or None."""
    base = re.split(r"[/\\!:]", name)[-1]
    match = _ACCESSION_STEM.search(_SUFFIXES.sub("", base))
    return match.group(1) if match else None


@dataclass(slots=True)
class PrimaryDocument:
    """Who filed a primary document and what it is, as its dei facts or its cover state."""

    cik: str | None = None
    registrant: str | None = None
    form_type: str | None = None
    period: dt.date | None = None
    file_number: str | None = None
    irs_number: str | None = None  # digits only, as EDGAR headers give it
    state_of_incorporation: str | None = None
    address: Address | None = None
    amendment: bool | None = None
    listings: list[tuple[str, str | None]] = field(default_factory=list)  # symbol, exchange
    # where each field came from: "dei", "context" (the CIK of the XBRL contexts) or "cover"
    sources: dict[str, str] = field(default_factory=dict)
    is_inline_xbrl: bool = False
    warnings: list[str] = field(default_factory=list)

    def entity(self) -> Entity | None:
        """The filer as a CIK-keyed entity; None without a CIK."""
        if self.cik is None:
            return None
        addresses = [self.address] if self.address and not self.address.is_empty() else []
        return Entity(cik=self.cik, name=self.registrant or "", irs_number=self.irs_number,
                      state_of_incorporation=self.state_of_incorporation, addresses=addresses)

    def header(self, accession: str) -> Header | None:
        """The filing as a header with its filer; None without a CIK or a form type, which
        every filing has. The filing date is not in the document, so it stays unknown."""
        entity = self.entity()
        if entity is None or not self.form_type:
            return None
        party = Party("filer", entity, form_type=self.form_type, file_number=self.file_number)
        return Header(accession_number=accession, form_type=self.form_type, period=self.period,
                      parties=[party], dialect="ixbrl" if self.is_inline_xbrl else "cover")


def read_primary_document(text: str) -> PrimaryDocument:
    """Read the filer and the filing from a primary document: its inline XBRL dei facts
    where it has them, else (field by field) its cover page. Never raises for bad markup."""
    inline = read_inline(text) if _HTML.search(text[:20000]) else None
    visible = inline.text if inline is not None else text
    result = PrimaryDocument(is_inline_xbrl=bool(inline and inline.is_inline_xbrl))
    cover = read_cover(visible)
    if inline is not None:
        result.warnings.extend(inline.problems)
        if not inline.complete:
            result.warnings.append("the document ends before </html>: it looks truncated; "
                                   "what it holds up to there was read")
        _from_dei(result, inline)
        if result.is_inline_xbrl and not any(f.name.startswith("dei:") for f in inline.facts):
            result.warnings.append("an inline XBRL document without dei cover facts: " + (
                "no cover page either" if cover.is_empty() else "its cover page was read"))
    _from_cover(result, cover)
    if result.cik is None:
        who = f" ({result.registrant})" if result.registrant else ""
        result.warnings.append(
            f"no CIK in the document{who}: no dei:EntityCentralIndexKey and no context with "
            "a CIK identifier (a cover page never states one), so no company is linked")
    return result


def _set(result: PrimaryDocument, name: str, value: object, source: str) -> None:
    if value not in (None, "") and getattr(result, name) in (None, ""):
        setattr(result, name, value)
        result.sources[name] = source


def _from_dei(result: PrimaryDocument, inline: InlineDocument) -> None:
    dei_cik = inline.first("EntityCentralIndexKey")
    context_ciks = {cik for cik in map(normalize_cik, inline.context_ciks) if cik}
    if dei_cik:
        _set(result, "cik", normalize_cik(dei_cik), "dei")
        if context_ciks and context_ciks != {result.cik}:
            result.warnings.append(f"dei:EntityCentralIndexKey {dei_cik} differs from the "
                                   f"CIK of the contexts ({', '.join(sorted(context_ciks))})")
    elif len(context_ciks) == 1:
        _set(result, "cik", context_ciks.pop(), "context")
    elif context_ciks:
        result.warnings.append(f"the contexts name several CIKs ({', '.join(sorted(context_ciks))}"
                               ") and no dei:EntityCentralIndexKey says which is the filer")
    _set(result, "registrant", (inline.first("EntityRegistrantName") or "")[:300], "dei")
    _set(result, "form_type", inline.first("DocumentType"), "dei")
    _set(result, "period", parse_date(inline.first("DocumentPeriodEndDate")), "dei")
    _set(result, "file_number", inline.first("EntityFileNumber"), "dei")
    _set(result, "irs_number", _digits(inline.first("EntityTaxIdentificationNumber")), "dei")
    state = inline.first("EntityIncorporationStateCountryCode")
    code = state_code(state) if state else None
    if state and code is None:
        result.warnings.append(f"state of incorporation {state!r} is no two-letter code: "
                               "not recorded")
    _set(result, "state_of_incorporation", code, "dei")
    amendment = inline.first("AmendmentFlag")
    if amendment is not None and amendment.lower() in ("true", "false"):
        result.amendment = amendment.lower() == "true"
    result.address = _address(inline)
    result.listings = _listings(inline)


def _from_cover(result: PrimaryDocument, cover: CoverPage) -> None:
    _set(result, "registrant", cover.registrant, "cover")
    _set(result, "form_type", cover.form_type, "cover")
    _set(result, "period", parse_date(cover.date_of_report), "cover")
    _set(result, "file_number", cover.file_number, "cover")
    _set(result, "irs_number", _digits(cover.irs_number), "cover")
    _set(result, "state_of_incorporation", cover.state_of_incorporation, "cover")


def _digits(value: str | None) -> str | None:
    digits = "".join(ch for ch in value or "" if "0" <= ch <= "9")
    return digits or None


def _address(inline: InlineDocument) -> Address | None:
    lines = [inline.first(f"EntityAddressAddressLine{n}") for n in (1, 2, 3)]
    state = inline.first("EntityAddressStateOrProvince")
    area = _digits(inline.first("CityAreaCode"))
    local = inline.first("LocalPhoneNumber")
    phone = " ".join(part for part in (f"({area})" if area else None, local) if part)
    address = Address(
        kind="business", street1=lines[0], street2=", ".join(x for x in lines[1:] if x) or None,
        city=inline.first("EntityAddressCityOrTown"),
        state=(state_code(state) or state) if state else None,
        zip=inline.first("EntityAddressPostalZipCode"), phone=phone or None)
    return None if address.is_empty() else address


def _listings(inline: InlineDocument) -> list[tuple[str, str | None]]:
    """Each trading symbol with the exchange of the same context (the same row of the
    cover's table of securities), paired in order within a context."""
    exchanges: dict[str | None, list[str | None]] = {}
    for fact in inline.values("SecurityExchangeName"):
        name = fact.value or (exchange_code(fact.shown) if fact.shown else None) or fact.shown
        exchanges.setdefault(fact.context, []).append(name or None)
    listings: list[tuple[str, str | None]] = []
    used: dict[str | None, int] = {}
    for fact in inline.values("TradingSymbol"):
        index = used.get(fact.context, 0)
        used[fact.context] = index + 1
        symbol = " ".join((fact.value or "").split())
        if _NO_SYMBOL.fullmatch(symbol):
            continue
        row = exchanges.get(fact.context, [])
        exchange = row[index] if index < len(row) else (row[-1] if len(row) == 1 else None)
        if (symbol, exchange) not in listings:
            listings.append((symbol, exchange))
    return listings
