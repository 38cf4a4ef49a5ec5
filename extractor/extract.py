"""The extraction core: one input in, its named graphs out, as a pure function."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import URIRef

from . import __version__
from .edgar.dates import parse_date
from .edgar.header import blocks_from_mapping, header_from_blocks, normalize_cik, parse_header
from .edgar.items import item_scheme, numbering_scheme
from .edgar.names import NameRecord, records_from_header, records_from_submissions_json
from .edgar.primary import accession_from_name, read_primary_document
from .edgar.records import Address, Entity, Submission
from .errors import HeaderError, InputError
from .nlp.facts import ReleaseFacts
from .nlp.people import signature_people
from .nlp.release import read_release
from .rdf.graph import (
    GENRE_TERMS,
    NamedGraph,
    add_entity,
    add_name_statements,
    add_provenance,
    document_set,
    document_set_member,
    literal,
    node,
    primary_document_graph,
    submission_graph,
)
from .rdf.releases import add_release_facts
from .rdf.sections import add_item_sections
from .rdf.vocab import OX_EKG as EKG
from .rdf.vocab import OX_PROV as PROV
from .rdf.vocab import OX_RDF as RDF
from .rdf.vocab import OX_RDFS as RDFS
from .rdf.vocab import OX_SCHEMA as SCHEMA
from .rdf.vocab import Iris
from .read.budget import BudgetExceeded
from .read.budget import time_budget as document_budget
from .read.kinds import (
    ANGLE_SUBMISSION,
    BARE_DOCUMENTS,
    BUNDLE,
    INDEX_HEADERS,
    MAX_TEXT_INPUT_BYTES,
    PRESS_RELEASE,
    PRIMARY_DOCUMENT,
    PROBE_BYTES,
    SUBMISSION,
    SUBMISSIONS_JSON,
    decode,
    detect_kind,
    probe_kind,
)
from .read.source import Source
from .read.streams import HashingReader, Prefixed, Readable, utf8_stream
from .read.submission import (
    MAX_DOCUMENT_TEXT_BYTES,
    Document,
    KeepText,
    is_binary,
    iter_documents,
    read_documents_stream,
    split_header,
    stream_submission,
)
from .text.conversion import plain_text
from .text.genres import FORM_ITEMS, document_genre
from .text.genres import PRESS_RELEASE as PRESS_RELEASE_GENRE
from .text.items import item_sections
from .validate.shacl import ShapeResult, ShapeValidator, default_validator

_HTML_COMMENT_HEADER = re.compile(r"<SEC-HEADER>.*?</SEC-HEADER>", re.S)
_PRE_BLOCK = re.compile(r"<PRE>(.*?)</PRE>", re.S | re.I)


@dataclass(slots=True)
class Extraction:
    """What one input gave: named graphs, the CIKs whose name history it speaks of, notes."""

    source: str
    kind: str
    graphs: list[tuple[URIRef, NamedGraph]] = field(default_factory=list)
    name_ciks: set[str] = field(default_factory=set)
    filings: int = 0
    warnings: list[str] = field(default_factory=list)
    releases: list[ReleaseFacts] = field(default_factory=list)
    # SHACL results per graph name, when the extraction was validated
    shape_results: dict[str, list[ShapeResult]] = field(default_factory=dict)

    @property
    def triples(self) -> int:
        return sum(len(graph) for _, graph in self.graphs)


def parse_submission(text: str) -> Submission:
    """Split a submission's text into its parsed header and its documents."""
    header_text, body_start = split_header(text)
    header = parse_header(header_text)
    return Submission(header, list(iter_documents(text, body_start)))


def _release_bodies(read_releases: bool) -> KeepText:
    """Which document bodies a submission's extraction needs: with releases, the main
    document (for its signers) and the EX-99 exhibits; otherwise none."""
    seen_main = False

    def keep(doc_type: str | None, filename: str | None) -> bool:
        nonlocal seen_main
        if not read_releases:
            return False
        if (doc_type or "").upper().startswith("EX-99"):
            return True
        if not seen_main:
            seen_main = True
            return True
        return False

    return keep


def read_submission_stream(stream: Readable, read_releases: bool = True) -> Submission:
    """Parse a submission as it streams past: only the bodies extraction reads are kept."""
    header_text, documents = stream_submission(stream, _release_bodies(read_releases))
    header = parse_header(header_text)
    return Submission(header, list(documents))


def tell_genres(documents: list[Document]) -> None:
    """Set the genre of every document whose body was read (the others stay unknown)."""
    for document in documents:
        if document.text and not document.is_binary and document.genre is None:
            document.genre = document_genre(document.text, document.type).name


def _oversized_exhibits(submission: Submission) -> list[str]:
    return [
        f"document {d.sequence} ({d.type}) is {d.size / (1 << 20):.0f} MB, over the "
        f"{MAX_DOCUMENT_TEXT_BYTES >> 20} MB limit for reading a document: not read for facts"
        for d in submission.documents
        if d.text is None and not d.is_binary and d.size > MAX_DOCUMENT_TEXT_BYTES
        and (d.type or "").upper().startswith("EX-99")
    ]


def _filing_releases(submission: Submission, companies: list[Entity]
                     ) -> list[tuple[int, ReleaseFacts]]:
    """Facts of each press-release exhibit (EX-99.x with a text body), by document sequence,
    with the signers of the filing's main document added to the first."""
    header = submission.header
    assert header is not None
    releases = []
    for position, document in enumerate(submission.documents, start=1):
        # Only exhibits that are press releases: an EX-99 may as well be a merger agreement,
        # financial statements or a court order, whose clauses are no announcements.
        if document.text and not document.is_binary and document.genre == PRESS_RELEASE_GENRE \
                and (document.type or "").upper().startswith("EX-99"):
            # The same numbering as the filing's document nodes (rdf._add_document).
            sequence = document.sequence if document.sequence is not None else position
            releases.append((sequence, read_release(document.text, companies=companies,
                                                    filing_date=header.filed)))
    if releases:
        main = next((d for d in submission.documents if d.text and not d.is_binary), None)
        signers = signature_people(plain_text(main.text or "").text) if main else []
        first = releases[0][1]
        filer = next((o.key for o in first.organizations.values() if o.cik), first.issuer)
        known = {person.name for person in first.people}
        for person in signers:
            if person.name not in known:
                person.organization = filer
                first.people.append(person)
    return releases


def _add_form_items(graph: NamedGraph, document: Document, doc_node: ox.NamedNode,
                    form_type: str | None, filed: dt.date | None, warnings: list[str]) -> None:
    """Record the Item sections of an 8-K's own text (the items of other forms, with their
    parts and lettered items, are not read)."""
    if document.genre != FORM_ITEMS or not document.text or document.is_binary \
            or item_scheme(form_type, None) != "8-K":
        return
    plain = plain_text(document.text)
    sections = item_sections(plain, document.text)
    if not sections:
        return
    scheme = numbering_scheme(sections[0].dotted)
    if filed is not None and item_scheme(form_type, filed) != scheme:
        warnings.append(f"the {form_type} of {filed.isoformat()} numbers its items in the "
                        f"{scheme} scheme: recorded in that scheme")
    add_item_sections(graph, doc_node, plain, sections, scheme)


def _submission_extraction(source: Source, kind: str, submission: Submission, iris: Iris,
                           when: dt.datetime, read_releases: bool = True) -> Extraction:
    header = submission.header
    assert header is not None
    tell_genres(submission.documents)
    records: list[NameRecord] = []
    filing = iris.filing(header.accession_number)
    ciks: set[str] = set()
    for party in header.parties:
        if party.entity.name and party.entity.cik not in ciks:
            ciks.add(party.entity.cik)
            records.extend(records_from_header(party.entity, header.filed, str(filing),
                                               header.accession_number))
    graph = submission_graph(submission, iris, records, source.name, __version__, when)
    result = Extraction(source.name, kind, [(_iri(graph), graph)], ciks, filings=1)
    if read_releases:
        for position, document in enumerate(submission.documents, start=1):
            sequence = document.sequence if document.sequence is not None else position
            _add_form_items(graph, document, node(iris.document(header.accession_number, sequence)),
                            document.type or header.form_type, header.filed, result.warnings)
        companies = [party.entity for party in header.parties]
        for sequence, facts in _filing_releases(submission, companies):
            result.releases.append(facts)
            add_release_facts(graph, facts, iris,
                              node(iris.document(header.accession_number, sequence)),
                              source.name, __version__)
    if not header.parties:
        result.warnings.append("the header names no filer, subject company or other party")
    if read_releases:
        result.warnings.extend(_oversized_exhibits(submission))
    return result


def _index_headers_submission(text: str) -> Submission:
    # The page carries the header twice: in angle form inside an HTML comment, and escaped
    # in tab form inside <PRE> together with the document list.
    comment = _HTML_COMMENT_HEADER.search(text)
    pre = _PRE_BLOCK.search(text)
    pre_text = html.unescape(pre.group(1)) if pre else ""
    if comment:
        header = parse_header(comment.group(0))
    else:
        header = parse_header(split_header(pre_text)[0])
    documents = []
    for document in iter_documents(pre_text):
        # Bodies here are only links to the documents: keep the metadata, not the link.
        document.text = None
        document.size = 0
        documents.append(document)
    return Submission(header, documents)


def _bundle_submission(source: Source) -> Submission:
    metadata = json.loads(decode(source.read_all(MAX_TEXT_INPUT_BYTES)))
    header = header_from_blocks(blocks_from_mapping(metadata), "json")
    documents = []
    for entry in metadata.get("documents", []):
        filename = entry.get("filename")
        body = source.members.get(filename or "", b"")
        sequence = str(entry.get("sequence", ""))
        doc_type = entry.get("type")
        binary = is_binary(doc_type, filename, body[:16].decode("latin-1"))
        documents.append(Document(
            sequence=int(sequence) if sequence.isdecimal() else None,
            type=doc_type,
            filename=filename,
            description=entry.get("description"),
            text=None if binary else decode(body),
            is_binary=binary,
            size=len(body),
        ))
    return Submission(header, documents)


def _iri(graph: NamedGraph) -> URIRef:
    return URIRef(graph.name.value)


def _content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:20]


def _documents_only(source: Source, stream: Readable, iris: Iris, when: dt.datetime,
                    read_releases: bool = True) -> Extraction:
    hashing = HashingReader(stream)
    documents = list(read_documents_stream(utf8_stream(hashing)))
    warnings: list[str] = []
    tell_genres(documents)
    graph, subject = document_set(iris, hashing.hexdigest()[:20], source.name)
    count = 0
    releases: list[tuple[ox.NamedNode, ReleaseFacts]] = []
    for position, document in enumerate(documents, start=1):
        count += 1
        sequence = document.sequence if document.sequence is not None else position
        doc_node = document_set_member(subject, sequence)
        graph.add((subject, EKG.hasDocument, doc_node))
        graph.add((doc_node, RDF.type, EKG.Document))
        graph.add((doc_node, EKG.sequence, literal(sequence)))
        if document.type:
            graph.add((doc_node, EKG.documentType, literal(document.type)))
        if document.description:
            graph.add((doc_node, EKG.description, literal(document.description)))
        graph.add((doc_node, EKG.size, literal(document.size)))
        if document.genre:
            graph.add((doc_node, EKG.genre, GENRE_TERMS[document.genre]))
        if read_releases and document.genre == PRESS_RELEASE_GENRE and document.text:
            releases.append((doc_node, read_release(document.text)))
        if read_releases:
            _add_form_items(graph, document, doc_node, document.type, None, warnings)
    graph.add((subject, EKG.documentCount, literal(count)))
    add_provenance(graph, source.name, __version__, when)
    result = Extraction(source.name, BARE_DOCUMENTS, [(_iri(graph), graph)], warnings=warnings)
    for doc_node, facts in releases:
        add_release_facts(graph, facts, iris, doc_node, source.name, __version__)
        result.releases.append(facts)
    result.warnings.append("documents without an SEC header: no filing or company is known")
    return result


def _primary_document(source: Source, data: bytes, text: str, iris: Iris, when: dt.datetime
                      ) -> Extraction:
    primary = read_primary_document(text)
    accession = accession_from_name(source.name)
    # The primary document comes first in every submission; its text is kept with it, so
    # what reads a filing's documents reads this one too.
    document = Document(sequence=1, type=primary.form_type, text=text, size=len(data))
    tell_genres([document])
    digest = _content_digest(data)
    graph, doc_node, header = primary_document_graph(primary, document, accession, digest, iris,
                                                      source.name, __version__, when)
    filed = header is not None
    result = Extraction(source.name, PRIMARY_DOCUMENT, [(_iri(graph), graph)],
                        filings=int(filed))
    result.warnings.extend(primary.warnings)
    _add_form_items(graph, document, doc_node, primary.form_type,
                    header.filed if header is not None else None, result.warnings)
    if accession is None:
        result.warnings.append("no accession number in the file or in its name (EDGAR's form, "
                               "0001193125-23-010300): recorded as a document without its filing")
    elif primary.cik and not filed:
        result.warnings.append("no form type (dei:DocumentType or cover title): recorded as a "
                               "document without its filing")
    return result


_TITLE_PATTERNS = (
    re.compile(r"^---\s*\n.*?^title:\s*[\"']?(.+?)[\"']?\s*$.*?^---\s*$", re.S | re.M),
    re.compile(r"<title>(.*?)</title>", re.S | re.I),
    re.compile(r"^#\s+(.+)$", re.M),
)


def press_release_title(text: str) -> str | None:
    """The release's title: front-matter title, HTML <title>, markdown heading or first line."""
    for pattern in _TITLE_PATTERNS:
        match = pattern.search(text[:20000])
        if match:
            title = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())
            if title:
                return title
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())[:300]
    return None


def _press_release(source: Source, data: bytes, text: str, iris: Iris, when: dt.datetime,
                   read_releases: bool = True) -> Extraction:
    digest = _content_digest(data)
    subject = node(iris.press_release(digest))
    graph = NamedGraph(iris.press_release_graph(digest))
    graph.add((subject, RDF.type, EKG.PressRelease))
    graph.add((subject, EKG.sourceFile, literal(source.name)))
    graph.add((subject, EKG.size, literal(len(text))))
    title = press_release_title(text)
    if title:
        graph.add((subject, RDFS.label, literal(title)))
    result = Extraction(source.name, PRESS_RELEASE, [(_iri(graph), graph)])
    if read_releases:
        facts = read_release(text)
        if facts.date:
            graph.add((subject, EKG.releaseDate, literal(facts.date)))
        add_release_facts(graph, facts, iris, subject, source.name, __version__)
        result.releases.append(facts)
    add_provenance(graph, source.name, __version__, when)
    graph.add((graph.name, PROV.wasDerivedFrom, subject))
    return result


def _submissions_json(source: Source, text: str, iris: Iris, when: dt.datetime) -> Extraction:
    data = json.loads(text)
    cik = normalize_cik(data.get("cik"))
    if cik is None:
        raise InputError(source.name, "submissions JSON without a usable cik", stage="parse")
    name = " ".join(str(data.get("name") or "").split())
    addresses = []
    for kind, address in (data.get("addresses") or {}).items():
        if isinstance(address, dict):
            addresses.append(Address(
                kind="business" if kind.startswith("business") else "mail",
                street1=address.get("street1"), street2=address.get("street2"),
                city=address.get("city"), state=address.get("stateOrCountry"),
                zip=address.get("zipCode"),
                phone=data.get("phone") if kind.startswith("business") else None,
            ))
    entity = Entity(
        cik=cik, name=name, sic_code=str(data.get("sic") or "") or None,
        sic_label=data.get("sicDescription") or None,
        irs_number=(data.get("ein") or None),
        state_of_incorporation=data.get("stateOfIncorporation") or None,
        fiscal_year_end=data.get("fiscalYearEnd") or None, addresses=addresses,
        is_person=data.get("entityType") == "individual",
    )
    recent = (data.get("filings") or {}).get("recent") or {}
    filing_dates = [d for d in (parse_date(x) for x in recent.get("filingDate", [])) if d]
    as_of = max(filing_dates) if filing_dates else None
    source_iri = str(iris.submissions_source(cik))
    source_node = node(source_iri)
    label = source.name.rsplit("/", 1)[-1]
    records = records_from_submissions_json(cik, name, data.get("formerNames") or [],
                                            source_iri, label, as_of)
    graph = NamedGraph(iris.submissions_graph(cik))
    entity_node = add_entity(graph, iris, entity)
    graph.add((source_node, RDF.type, EKG.SubmissionsRecord))
    graph.add((source_node, EKG.entity, entity_node))
    graph.add((source_node, EKG.sourceLabel, literal(label)))
    if as_of:
        graph.add((source_node, EKG.asOf, literal(as_of)))
    for ticker in data.get("tickers") or []:
        graph.add((entity_node, EKG.ticker, literal(str(ticker))))
    for exchange in data.get("exchanges") or []:
        if exchange:
            graph.add((entity_node, EKG.exchange, literal(str(exchange))))
    if data.get("category"):
        graph.add((entity_node, EKG.filerCategory, literal(str(data["category"]))))
    if data.get("website"):
        graph.add((entity_node, SCHEMA.url, literal(str(data["website"]))))
    add_name_statements(graph, iris, f"submissions/{cik}", source_node, records)
    add_provenance(graph, source.name, __version__, when)
    graph.add((graph.name, PROV.wasDerivedFrom, source_node))
    return Extraction(source.name, SUBMISSIONS_JSON, [(_iri(graph), graph)], {cik})


def extract_source(source: Source, iris: Iris | None = None,
                   when: dt.datetime | None = None, read_releases: bool = True) -> Extraction:
    """Extract one input into named graphs. Raises InputError naming the input and the problem.

    With `read_releases` false, press releases are not read for deals, products and people
    (headers only: much faster, and the spaCy model is never loaded).
    """
    iris = iris or Iris()
    when = when or dt.datetime.now(dt.UTC).replace(microsecond=0)
    extraction = _extract(source, iris, when, read_releases)
    for _, graph in extraction.graphs:
        graph.stamp_content_hash()
    return extraction


def _extract(source: Source, iris: Iris, when: dt.datetime, read_releases: bool) -> Extraction:
    if source.members:
        return _guarded(source, BUNDLE, lambda: _submission_extraction(
            source, BUNDLE, _bundle_submission(source), iris, when, read_releases))
    with source.open() as raw:
        probe = raw.read(PROBE_BYTES)
        kind = probe_kind(source.name, probe, complete=len(probe) < PROBE_BYTES)
        stream = Prefixed(probe, raw)
        if kind in (SUBMISSION, ANGLE_SUBMISSION):
            # Submissions stream: a 200 MB filing with graphics is never held whole.
            return _guarded(source, kind, lambda: _submission_extraction(
                source, kind, read_submission_stream(utf8_stream(stream), read_releases),
                iris, when, read_releases))
        if kind == BARE_DOCUMENTS:
            return _guarded(source, kind, lambda: _documents_only(source, stream, iris, when,
                                                                  read_releases))
        data = probe + raw.read(MAX_TEXT_INPUT_BYTES + 1 - len(probe))
    if len(data) > MAX_TEXT_INPUT_BYTES:
        raise InputError(source.name, f"over {MAX_TEXT_INPUT_BYTES >> 20} MB, too large for a "
                         f"{kind or 'JSON file'} (only submissions are read as a stream)",
                         stage="read")
    text = decode(data)
    if kind is None:
        kind = detect_kind(source.name, text)
    if kind == INDEX_HEADERS:
        return _guarded(source, kind, lambda: _submission_extraction(
            source, kind, _index_headers_submission(text), iris, when))
    if kind == SUBMISSIONS_JSON:
        return _guarded(source, kind, lambda: _submissions_json(source, text, iris, when))
    if kind == PRIMARY_DOCUMENT:
        return _guarded(source, kind, lambda: _primary_document(source, data, text, iris, when))
    return _guarded(source, kind, lambda: _press_release(source, data, text, iris, when,
                                                         read_releases))


def _guarded(source: Source, kind: str, extract: Callable[[], Extraction]) -> Extraction:
    """Run one kind's extraction; what its parsers reject becomes the input's error."""
    try:
        return extract()
    except HeaderError as exc:
        raise InputError(source.name, f"{exc} (is the file truncated?)", stage="header") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(source.name, f"could not be parsed as {kind}: {exc}",
                         stage="parse") from None


# Seconds one document may take (extraction and validation): far above the slowest real
# filing, so only a pathological input reaches it, and it is then skipped, not waited for.
DOCUMENT_TIME_BUDGET = 120.0


def extract_document(item: Source | InputError, base: str, when: dt.datetime,
                     read_releases: bool = True, validate: bool = False,
                     time_budget: float | None = DOCUMENT_TIME_BUDGET
                     ) -> Extraction | InputError:
    """The pure per-document step: one input in, its named graphs (or its error) out.

    Never raises for a bad input: the problem comes back as an InputError, so a batch, a
    worker pool or a Dask partition can go on. A document taking longer than `time_budget`
    seconds comes back as an InputError of stage "budget"; the budget is only enforced in
    the main thread on POSIX (see extractor.read.budget), and None turns it off.
    """
    if isinstance(item, InputError):
        return item
    try:
        with document_budget(time_budget):
            extraction = extract_source(item, Iris(base), when, read_releases)
            if validate:
                validate_extraction(extraction)
        return extraction
    except BudgetExceeded as exc:
        return InputError(item.name, f"took longer than the {exc.seconds:g} s budget for one"
                          " document; skipped", stage="budget")
    except InputError as exc:
        return exc
    except RecursionError:
        return InputError(item.name, "structure nested too deeply to parse", stage="parse")
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop a batch
        return InputError(item.name, f"unexpected {type(exc).__name__}: {exc}", stage="extract")


def validate_extraction(extraction: Extraction,
                        validator: ShapeValidator | None = None) -> Extraction:
    """Check each graph of an extraction against the shapes; results kept on the extraction."""
    validator = validator or default_validator()
    for _, graph in extraction.graphs:
        results = validator.validate_named_graph(graph, extraction.source)
        if results:
            extraction.shape_results[graph.name.value] = results
    return extraction
