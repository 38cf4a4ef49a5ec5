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
from .edgar.filing import read_submission_stream
from .edgar.header import blocks_from_mapping, header_from_blocks, parse_header
from .edgar.items import item_scheme, numbering_scheme
from .edgar.names import NameRecord, records_from_header, records_from_submissions_json
from .edgar.ownership import read_ownership
from .edgar.primary import PrimaryDocument, accession_from_name, read_primary_document
from .edgar.records import Entity, Submission
from .edgar.submissions_json import read_submissions_json
from .errors import HeaderError, InputError
from .nlp import readers as nlp
from .nlp.agreement_terms import one_deal_per_filing
from .nlp.facts import ReleaseFacts, Ticker
from .rdf.graph import (
    NamedGraph,
    add_document,
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
from .rdf.relations import add_ownership, add_stated_relationships
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
    OWNERSHIP_XML,
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
    is_binary,
    iter_documents,
    read_documents_stream,
    split_header,
)
from .text.conversion import plain_text
from .text.genres import FORM_ITEMS, GENRES, NEWS_ARTICLE, document_genre
from .text.genres import PRESS_RELEASE as PRESS_RELEASE_GENRE
from .text.items import item_sections
from .text.titles import press_release_title
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
    releases: list[ReleaseFacts] = field(default_factory=list)  # from press releases
    form_items: list[ReleaseFacts] = field(default_factory=list)  # from forms' own Items
    agreements: list[ReleaseFacts] = field(default_factory=list)  # from agreement preambles
    # SHACL results per graph name, when the extraction was validated
    shape_results: dict[str, list[ShapeResult]] = field(default_factory=dict)

    @property
    def triples(self) -> int:
        return sum(len(graph) for _, graph in self.graphs)

    @property
    def facts(self) -> list[ReleaseFacts]:
        """Every document's facts: its forms' Items first, then its press releases and its
        agreements."""
        return self.form_items + self.releases + self.agreements


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


_INLINE_XBRL = re.compile(r"<ix:header\b", re.I)
# A share's symbol ("WOR", "BRK.B"), not a note's ("FDX 25A"): the notes stay listings only.
_STOCK_SYMBOL = re.compile(r"[A-Z]{1,5}(?:[.\-][A-Z])?")


def _add_form_items(graph: NamedGraph, document: Document, doc_node: ox.NamedNode,
                    form_type: str | None, filed: dt.date | None, warnings: list[str],
                    registrant: Entity | None = None, companies: list[Entity] | None = None,
                    read_facts: bool = True, primary: PrimaryDocument | None = None
                    ) -> tuple[ReleaseFacts, ReleaseFacts | None] | None:
    """Record the Item sections of an 8-K's own text and read their deals and people, and
    the press release appended after its signatures if it has one (the items of other forms,
    with their parts and lettered items, are not read)."""
    # A document said to be a form's text without a form type is read as an 8-K's.
    if document.genre != FORM_ITEMS or not document.text or document.is_binary \
            or (form_type is not None and item_scheme(form_type, None) != "8-K"):
        return None
    plain = plain_text(document.text)
    sections = item_sections(plain, document.text)
    if not sections:
        return None
    scheme = numbering_scheme(sections[0].dotted)
    if filed is not None and item_scheme(form_type, filed) != scheme:
        warnings.append(f"the {form_type} of {filed.isoformat()} numbers its items in the "
                        f"{scheme} scheme: recorded in that scheme")
    add_item_sections(graph, doc_node, plain, sections, scheme)
    if not read_facts:
        return None
    # The cover page names the registrant when no header does; an Inline XBRL one lists its
    # trading symbols too.
    if primary is None and (registrant is None or _INLINE_XBRL.search(document.text, 0, 20_000)):
        primary = read_primary_document(document.text)
    if registrant is None and primary is not None and primary.registrant:
        registrant = Entity(cik=primary.cik or "", name=primary.registrant)
    known = [registrant] if registrant is not None else []
    items = nlp.read_item_sections(plain, sections, registrant=registrant,
                                   companies=companies or [], filing_date=filed)
    if primary is not None and items.issuer is not None:
        items.tickers.extend(Ticker(exchange or "", symbol, items.issuer)
                             for symbol, exchange in primary.listings
                             if _STOCK_SYMBOL.fullmatch(symbol)
                             and not any(t.symbol == symbol for t in items.tickers))
    return (items, nlp.embedded_release(document.text, plain, sections,
                                        companies=companies or known, filing_date=filed))


def _drop_restated_tickers(items: list[ReleaseFacts], releases: list[ReleaseFacts]) -> None:
    """A symbol the press release names with its evidence is not listed again from the cover
    page, whose exchange may be spelled otherwise ("NASDAQ", "Nasdaq") for the same listing."""
    named = {ticker.symbol for facts in releases for ticker in facts.tickers}
    for facts in items:
        facts.tickers = [t for t in facts.tickers if t.evidence is not None
                         or t.symbol not in named]


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
        companies = [party.entity for party in header.parties]
        registrant = next((e for e in companies if not e.is_person), None)
        items: list[tuple[ox.NamedNode, ReleaseFacts]] = []
        appended: list[tuple[ox.NamedNode, ReleaseFacts]] = []
        for position, document in enumerate(submission.documents, start=1):
            sequence = document.sequence if document.sequence is not None else position
            doc_node = node(iris.document(header.accession_number, sequence))
            read = _add_form_items(graph, document, doc_node, document.type or header.form_type,
                                   header.filed, result.warnings, registrant, companies)
            if read is not None:
                items.append((doc_node, read[0]))
                appended += [(doc_node, read[1])] if read[1] is not None else []
        releases = appended + [(node(iris.document(header.accession_number, sequence)), facts)
                               for sequence, facts in nlp.read_release_exhibits(
                                   submission, companies, add_signers=not items)]
        agreements = [(node(iris.document(header.accession_number, sequence)), facts)
                      for sequence, facts in nlp.read_agreement_exhibits(
                          submission.documents, companies, header.filed, result.warnings)]
        one_deal_per_filing([f for _, f in items],
                            [(n.value, f) for n, f in releases + agreements])
        _drop_restated_tickers([f for _, f in items], [f for _, f in releases])
        for doc_node, facts in items + releases + agreements:
            add_release_facts(graph, facts, iris, doc_node, source.name, __version__)
        add_stated_relationships(graph, iris, header, submission.documents, [
            node(iris.document(header.accession_number, d.sequence or n))
            for n, d in enumerate(submission.documents, start=1)], result.warnings)
        result.form_items = [facts for _, facts in items]
        result.releases = [facts for _, facts in releases]
        result.agreements = [facts for _, facts in agreements]
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
                    read_releases: bool = True, genre: str | None = None) -> Extraction:
    hashing = HashingReader(stream)
    documents = list(read_documents_stream(utf8_stream(hashing)))
    return _document_set_extraction(source, documents, hashing.hexdigest()[:20], iris, when,
                                    read_releases, genre)


def _document_set_extraction(source: Source, documents: list[Document], digest: str,
                             iris: Iris, when: dt.datetime, read_releases: bool,
                             genre: str | None) -> Extraction:
    """Documents read without an SEC header: each recorded with its genre and read by the
    reader of its genre. A `genre` the user gave stands for every document with a text."""
    warnings: list[str] = []
    tell_genres(documents)
    for document in documents if genre is not None else []:
        if document.text and not document.is_binary:
            document.genre = genre
    graph, subject = document_set(iris, digest, source.name)
    releases: list[tuple[ox.NamedNode, ReleaseFacts]] = []
    items: list[tuple[ox.NamedNode, ReleaseFacts]] = []
    for position, document in enumerate(documents, start=1):
        sequence = document.sequence if document.sequence is not None else position
        doc_node = document_set_member(subject, sequence)
        add_document(graph, subject, doc_node, sequence, document)
        # A news article is read as a release only when the user says what it is.
        as_release = document.genre == PRESS_RELEASE_GENRE or (
            genre == NEWS_ARTICLE and document.genre == NEWS_ARTICLE)
        if read_releases and as_release and document.text:
            releases.append((doc_node, nlp.read_release(document.text)))
        read = _add_form_items(graph, document, doc_node, document.type, None, warnings,
                               read_facts=read_releases)
        if read is not None:
            items.append((doc_node, read[0]))
            releases += [(doc_node, read[1])] if read[1] is not None else []
    graph.add((subject, EKG.documentCount, literal(len(documents))))
    add_stated_relationships(graph, iris, None, documents, [document_set_member(
        subject, d.sequence or n) for n, d in enumerate(documents, start=1)], warnings)
    add_provenance(graph, source.name, __version__, when)
    result = Extraction(source.name, BARE_DOCUMENTS, [(_iri(graph), graph)], warnings=warnings)
    agreements = [(document_set_member(subject, sequence), facts)
                  for sequence, facts in nlp.read_agreement_exhibits(documents, [], None, warnings)
                  ] if read_releases else []
    one_deal_per_filing([f for _, f in items], [(n.value, f) for n, f in releases + agreements])
    for doc_node, facts in items + releases + agreements:
        add_release_facts(graph, facts, iris, doc_node, source.name, __version__)
    result.form_items = [facts for _, facts in items]
    result.releases = [facts for _, facts in releases]
    result.agreements = [facts for _, facts in agreements]
    result.warnings.append("documents without an SEC header: no filing or company is known")
    return result


def _primary_document(source: Source, data: bytes, text: str, iris: Iris, when: dt.datetime,
                      read_releases: bool = True, genre: str | None = None) -> Extraction:
    primary = read_primary_document(text)
    accession = accession_from_name(source.name)
    # The primary document comes first in every submission; its text is kept with it, so
    # what reads a filing's documents reads this one too.
    document = Document(sequence=1, type=primary.form_type, text=text, size=len(data))
    tell_genres([document])
    if genre is not None:
        document.genre = genre
    digest = _content_digest(data)
    graph, doc_node, header = primary_document_graph(primary, document, accession, digest, iris,
                                                      source.name, __version__, when)
    filed = header is not None
    result = Extraction(source.name, PRIMARY_DOCUMENT, [(_iri(graph), graph)],
                        filings=int(filed))
    result.warnings.extend(primary.warnings)
    registrant = Entity(cik=primary.cik or "", name=primary.registrant) \
        if primary.registrant else None
    read = _add_form_items(graph, document, doc_node, primary.form_type,
                           header.filed if header is not None else None, result.warnings,
                           registrant, read_facts=read_releases, primary=primary)
    if read is not None:
        result.form_items, result.releases = [read[0]], [read[1]] if read[1] else []
        one_deal_per_filing(result.form_items, [(doc_node.value, f) for f in result.releases])
        _drop_restated_tickers(result.form_items, result.releases)
        for facts in result.facts:
            add_release_facts(graph, facts, iris, doc_node, source.name, __version__)
    if accession is None:
        result.warnings.append("no accession number in the file or in its name (EDGAR's form, "
                               "0001193125-23-010300): recorded as a document without its filing")
    elif primary.cik and not filed:
        result.warnings.append("no form type (dei:DocumentType or cover title): recorded as a "
                               "document without its filing")
    return result


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
        facts = nlp.read_release(text)
        if facts.date:
            graph.add((subject, EKG.releaseDate, literal(facts.date)))
        add_release_facts(graph, facts, iris, subject, source.name, __version__)
        result.releases.append(facts)
    add_provenance(graph, source.name, __version__, when)
    graph.add((graph.name, PROV.wasDerivedFrom, subject))
    return result


def _submissions_json(source: Source, text: str, iris: Iris, when: dt.datetime) -> Extraction:
    try:
        record = read_submissions_json(text)
    except ValueError as exc:
        raise InputError(source.name, str(exc), stage="parse") from None
    data, entity, as_of = record.data, record.entity, record.as_of
    cik, name = entity.cik, entity.name
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
                   when: dt.datetime | None = None, read_releases: bool = True,
                   genre: str | None = None) -> Extraction:
    """Extract one input into named graphs. Raises InputError naming the input and the problem.

    With `read_releases` false, press releases are not read for deals, products and people
    (headers only: much faster, and the spaCy model is never loaded). `genre` (one of
    text.genres.GENRES) says what a file without an SEC header is, instead of telling it
    from its content: a release without a dateline, a news article, an 8-K's main document
    or an agreement is then read as such.
    """
    iris = iris or Iris()
    when = when or dt.datetime.now(dt.UTC).replace(microsecond=0)
    if genre is not None and genre not in GENRES:
        raise ValueError(f"unknown genre {genre!r}: expected one of {', '.join(GENRES)}")
    extraction = _extract(source, iris, when, read_releases, genre)
    for _, graph in extraction.graphs:
        graph.stamp_content_hash()
    return extraction


def _extract(source: Source, iris: Iris, when: dt.datetime, read_releases: bool,
             genre: str | None = None) -> Extraction:
    if source.members:
        return _with_genre_note(genre, _guarded(source, BUNDLE, lambda: _submission_extraction(
            source, BUNDLE, _bundle_submission(source), iris, when, read_releases)))
    with source.open() as raw:
        probe = raw.read(PROBE_BYTES)
        try:
            kind = probe_kind(source.name, probe, complete=len(probe) < PROBE_BYTES)
        except InputError:
            if genre is None:
                raise
            kind = None  # what the user says it is
        stream = Prefixed(probe, raw)
        if kind in (SUBMISSION, ANGLE_SUBMISSION):
            # Submissions stream: a 200 MB filing with graphics is never held whole.
            return _with_genre_note(genre, _guarded(source, kind, lambda: _submission_extraction(
                source, kind, read_submission_stream(utf8_stream(stream), read_releases),
                iris, when, read_releases)))
        if kind == BARE_DOCUMENTS:
            return _guarded(source, kind, lambda: _documents_only(source, stream, iris, when,
                                                                  read_releases, genre))
        data = probe + raw.read(MAX_TEXT_INPUT_BYTES + 1 - len(probe))
    if len(data) > MAX_TEXT_INPUT_BYTES:
        raise InputError(source.name, f"over {MAX_TEXT_INPUT_BYTES >> 20} MB, too large for a "
                         f"{kind or 'JSON file'} (only submissions are read as a stream)",
                         stage="read")
    text = decode(data)
    if kind is None:
        try:
            kind = detect_kind(source.name, text)
        except InputError:
            if genre is None:
                raise
    if kind == INDEX_HEADERS:
        return _with_genre_note(genre, _guarded(source, kind, lambda: _submission_extraction(
            source, kind, _index_headers_submission(text), iris, when, read_releases)))
    if kind == SUBMISSIONS_JSON:
        return _with_genre_note(genre, _guarded(
            source, kind, lambda: _submissions_json(source, text, iris, when)))
    if kind == OWNERSHIP_XML:
        return _guarded(source, kind, lambda: _ownership_file(source, data, text, iris, when))
    if genre is not None:
        return _guarded(source, genre, lambda: _as_genre(source, data, text, iris, when,
                                                         read_releases, genre))
    if kind == PRIMARY_DOCUMENT:
        return _guarded(source, kind, lambda: _primary_document(source, data, text, iris, when,
                                                                    read_releases))
    return _guarded(source, kind, lambda: _press_release(source, data, text, iris, when,
                                                         read_releases))


def _as_genre(source: Source, data: bytes, text: str, iris: Iris, when: dt.datetime,
              read_releases: bool, genre: str) -> Extraction:
    """A file read as the genre its user gave: a release as a release, a form's text as its
    Items, anything else as one document of that genre."""
    if genre == PRESS_RELEASE_GENRE:
        return _press_release(source, data, text, iris, when, read_releases)
    if genre == FORM_ITEMS:
        return _primary_document(source, data, text, iris, when, read_releases, genre)
    document = Document(sequence=1, type=None, text=text, size=len(data), genre=genre)
    return _document_set_extraction(source, [document], _content_digest(data), iris, when,
                                    read_releases, genre)


def _ownership_file(source: Source, data: bytes, text: str, iris: Iris,
                    when: dt.datetime) -> Extraction:
    """A Form 3, 4 or 5's XML on its own: it names its issuer and owners itself."""
    report = read_ownership(text)
    graph, subject = document_set(iris, _content_digest(data), source.name)
    add_document(graph, subject, doc := document_set_member(subject, 1), 1,
                 Document(1, report.form, size=len(data)))
    add_ownership(graph, iris, doc, report, report.period)
    add_provenance(graph, source.name, __version__, when)
    return Extraction(source.name, OWNERSHIP_XML, [(_iri(graph), graph)],
                      warnings=list(report.warnings))


def _with_genre_note(genre: str | None, extraction: Extraction) -> Extraction:
    if genre is not None:
        extraction.warnings.append(f"--kind {genre} applies to files without an SEC header: "
                                   "a submission's own header and types say what each of its "
                                   "documents is")
    return extraction


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
                     time_budget: float | None = DOCUMENT_TIME_BUDGET,
                     genre: str | None = None) -> Extraction | InputError:
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
            extraction = extract_source(item, Iris(base), when, read_releases, genre)
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
