"""Tests against real EDGAR files (../shared/corpus/edgar); they skip when the corpus is absent.

Every expected value below was read from the file itself, not from the parser's output.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from extractor.edgar.dates import parse_date
from extractor.edgar.header import normalize_cik
from extractor.edgar.names import (
    merge_histories,
    records_from_header,
    records_from_submissions_json,
)
from extractor.edgar.records import Header, Party
from extractor.extract import _bundle_submission, extract_source
from extractor.rdf.vocab import EKG, Iris
from extractor.read.inputs import iter_sources
from extractor.read.kinds import (
    ANGLE_SUBMISSION,
    BARE_DOCUMENTS,
    BUNDLE,
    INDEX_HEADERS,
    SUBMISSION,
    SUBMISSIONS_JSON,
)
from extractor.read.source import Source

# Kinds that describe one filing: each must give exactly one filing.
FILING_KINDS = frozenset({SUBMISSION, ANGLE_SUBMISSION, INDEX_HEADERS, BUNDLE})
BUNDLE_TAR = "edgartools__000143774924000106.tar"
FIXED_WHEN = dt.datetime(2025, 1, 1, 12, 0, tzinfo=dt.UTC)


def _only_source(path: Path) -> Source:
    sources = list(iter_sources([path]))
    assert len(sources) == 1, sources
    assert isinstance(sources[0], Source), sources[0]
    return sources[0]


def _parties(header: Header, role: str) -> list[Party]:
    return [party for party in header.parties if party.role == role]


def _one_party(header: Header, role: str) -> Party:
    parties = _parties(header, role)
    assert len(parties) == 1, [(p.role, p.entity.cik) for p in header.parties]
    return parties[0]


def _triples(extraction) -> set:
    triples = set()
    for _, graph in extraction.graphs:
        triples |= set(graph)
    return triples


# --- 1. Every corpus file extracts -------------------------------------------------------


def test_every_corpus_file_extracts(edgar_corpus, corpus_file_name):
    extraction = extract_source(_only_source(edgar_corpus / corpus_file_name))
    assert extraction.graphs, "no graph at all"
    if extraction.kind in FILING_KINDS:
        assert extraction.filings == 1
    else:
        assert extraction.filings == 0


def test_only_the_headerless_file_and_the_json_files_are_not_filings(edgar_corpus):
    kinds = {}
    for path in sorted(edgar_corpus.iterdir()):
        if path.name in ("MANIFEST.tsv", "README.md"):
            continue
        kinds[path.name] = extract_source(_only_source(path)).kind
    not_filings = {name: kind for name, kind in kinds.items() if kind not in FILING_KINDS}
    assert not_filings == {
        # A 1995 S-3/A with its <DOCUMENT>s but no SEC-HEADER at all.
        "edgartools__0000899681-95-000096.txt": BARE_DOCUMENTS,
        "edgartools__company_submission.json": SUBMISSIONS_JSON,
        "sedl__CIK0000320193.json": SUBMISSIONS_JSON,
    }
    assert kinds[BUNDLE_TAR] == BUNDLE


# --- 2. Specific values read from the files ----------------------------------------------


def test_two_filer_blocks_give_two_filer_parties(parse_file):
    header = parse_file("edgartools__MultipleFilersHeader.txt").header
    filers = _parties(header, "filer")
    assert [(p.entity.cik, p.entity.name, p.file_number, p.film_number) for p in filers] == [
        ("0001396730", "First National Master Note Trust", "333-140273-01", "231004915"),
        ("0001171040", "FIRST NATIONAL FUNDING LLC", "000-50139", "231004916"),
    ]


def test_depositor_and_sponsor_cik_lines_become_parties(parse_file):
    header = parse_file("edgartools__MultipleFilersHeader.txt").header
    assert _one_party(header, "depositor").entity.cik == "0001171040"
    assert _one_party(header, "sponsor").entity.cik == "0000036644"


def test_399_filer_blocks_of_one_40_app(parse_file):
    header = parse_file("secsgml__multiplefilers.txt").header
    filers = _parties(header, "filer")
    assert len(filers) == 399
    assert len({p.entity.cik for p in filers}) == 399
    assert (filers[0].entity.cik, filers[0].entity.name) == (
        "0002020407", "HarbourVest Private Investments Fund")
    assert (filers[1].entity.cik, filers[1].entity.name) == (
        "0001201001", "HARBOURVEST PARTNERS LLC")
    assert (filers[-1].entity.cik, filers[-1].entity.name) == (
        "0002068043", "HarbourVest Asia Pacific 5 Holdings LLC")
    assert filers[-1].file_number == "812-15801-319"


def test_sc_13g_a_filed_by_and_subject_company(parse_file):
    header = parse_file("pysecm__sc13ga_real_header_variant.txt").header
    assert header.accession_number == "0000019617-24-000658"
    assert header.form_type == "SC 13G/A"
    assert header.filed == dt.date(2024, 12, 4)
    assert header.acceptance == dt.datetime(2024, 12, 4, 14, 38, 58)
    assert header.public_document_count is None  # the header has no such line
    subject = _one_party(header, "subject-company")
    filed_by = _one_party(header, "filed-by")
    assert (subject.entity.cik, subject.entity.name, subject.form_type) == (
        "0000751978", "VICOR CORP", "SC 13G/A")
    assert (filed_by.entity.cik, filed_by.entity.name, filed_by.form_type) == (
        "0000019617", "JPMORGAN CHASE & CO", "SC 13G/A")


def test_sc_13g_nc_subject_company_and_filed_by(parse_file):
    header = parse_file("edgartools__0001076809-24-000144.nc").header
    assert header.dialect == "angle"
    assert header.form_type == "SC 13G"
    subject = _one_party(header, "subject-company")
    filed_by = _one_party(header, "filed-by")
    assert (subject.entity.cik, subject.entity.name) == ("0000704562", "Avid Bioservices, Inc.")
    assert (subject.act, subject.file_number, subject.film_number) == (
        "34", "005-37393", "241547183")
    assert subject.entity.fiscal_year_end == "0430"
    assert [(f.name, f.date_changed) for f in subject.entity.former_names] == [
        ("PEREGRINE PHARMACEUTICALS INC", dt.date(2000, 11, 9)),
        ("TECHNICLONE CORP/DE/", dt.date(1997, 9, 24)),
        ("TECHNICLONE INTERNATIONAL CORP", dt.date(1992, 7, 3)),
    ]
    assert (filed_by.entity.cik, filed_by.entity.name) == ("0001076809", "GLAZER CAPITAL, LLC")
    assert filed_by.act is None  # the FILED-BY block's FILING-VALUES has only FORM-TYPE
    assert [(f.name, f.date_changed) for f in filed_by.entity.former_names] == [
        ("GLAZER CAPITAL MANAGEMENT LP", dt.date(1999, 1, 14)),
    ]


def test_form_4_reporting_owner_is_a_person_and_issuer_is_not(parse_file):
    header = parse_file("deansh__1.txt").header
    owner = _one_party(header, "reporting-owner")
    issuer = _one_party(header, "issuer")
    assert (owner.entity.cik, owner.entity.name, owner.entity.is_person) == (
        "0001849440", "McGuirk Richard L", True)
    assert (owner.act, owner.file_number, owner.film_number) == ("34", "000-18415", "24901899")
    assert (issuer.entity.cik, issuer.entity.name, issuer.entity.is_person) == (
        "0000842517", "ISABELLA BANK Corp", False)
    assert (issuer.entity.sic_code, issuer.entity.sic_label) == ("6022", "STATE COMMERCIAL BANKS")
    assert [(f.name, f.date_changed) for f in issuer.entity.former_names] == [
        ("ISABELLA BANK CORP", dt.date(2008, 6, 2)),
        ("IBT BANCORP INC /MI/", dt.date(1992, 7, 3)),
    ]


def test_form_4_nc_reporting_owner_is_a_person_and_issuer_is_not(parse_file):
    header = parse_file("edgartools__0001127602-25-004598.nc").header
    owner = _one_party(header, "reporting-owner")
    issuer = _one_party(header, "issuer")
    assert (owner.entity.cik, owner.entity.name, owner.entity.is_person) == (
        "0001870985", "Jean-Claude Carine Lamercie", True)
    assert (issuer.entity.cik, issuer.entity.name, issuer.entity.is_person) == (
        "0000007536", "ARROW ELECTRONICS, INC.", False)
    assert issuer.entity.state_of_incorporation == "NY"


def test_form_4_owner_is_typed_person_in_the_graph(edgar_corpus):
    extraction = extract_source(_only_source(edgar_corpus / "edgartools__0001127602-25-004598.nc"))
    triples = _triples(extraction)
    owner = URIRef(f"{Iris().base}cik/0001870985")
    issuer = URIRef(f"{Iris().base}cik/0000007536")
    assert (owner, RDF.type, EKG.Person) in triples
    assert (issuer, RDF.type, EKG.Company) in triples
    assert (issuer, RDF.type, EKG.Person) not in triples


def test_1998_form_4_subject_company_and_reporting_owner_despite_stale_nesting(parse_file):
    # <REPORTING-OWNER> opens right after the subject company's FORMER COMPANY lines without
    # any SUBJECT COMPANY block being closed; its own blocks are unindented.
    submission = parse_file("edgartools__1990sheader.txt")
    header = submission.header
    assert [p.role for p in header.parties] == ["subject-company", "reporting-owner"]
    subject = _one_party(header, "subject-company")
    owner = _one_party(header, "reporting-owner")
    assert (subject.entity.cik, subject.entity.name) == (
        "0001035972", "MORTON INTERNATIONAL INC /IN/")
    assert [(f.name, f.date_changed) for f in subject.entity.former_names] == [
        ("NEW MORTON INTERNATIONAL INC", dt.date(1997, 3, 18))]
    assert (owner.entity.cik, owner.entity.name) == ("0001012325", "CANTALUPO JAMES R")
    assert owner.relationship == "DIRECTOR"
    assert owner.entity.is_person is True
    assert owner.entity.former_names == []
    assert [a.kind for a in owner.entity.addresses] == ["business", "mail"]
    assert submission.documents == []  # header only


def test_1998_form_4_empty_sic_brackets_give_no_sic(parse_file):
    header = parse_file("edgartools__1990sheader.txt").header
    owner = _one_party(header, "reporting-owner")  # "STANDARD INDUSTRIAL CLASSIFICATION:  []"
    assert owner.entity.sic_code is None
    assert owner.entity.sic_label is None
    subject = _one_party(header, "subject-company")
    assert (subject.entity.sic_code, subject.entity.sic_label) == (
        "2890", "MISCELLANEOUS CHEMICAL PRODUCTS")
    assert subject.act is None  # "SEC ACT:" with nothing after it


def test_1994_ims_header_ford(parse_file):
    submission = parse_file("edgarwebr__0000037996-94-000005.txt")
    header = submission.header
    assert header.accession_number == "0000037996-94-000005"
    assert header.form_type == "10-K"
    assert header.period == dt.date(1993, 12, 31)
    assert header.filed == dt.date(1994, 3, 21)
    filer = _one_party(header, "filer")
    assert (filer.entity.cik, filer.entity.name) == ("0000037996", "FORD MOTOR CO")
    # 1994 headers give the bare code, "STANDARD INDUSTRIAL CLASSIFICATION:	3711".
    assert (filer.entity.sic_code, filer.entity.sic_label) == ("3711", None)
    assert filer.act == "34"
    assert header.public_document_count == 11
    assert len(submission.documents) == 11


def test_nc_group_members(parse_file):
    header = parse_file("edgartools__0001104659-25-002604.nc").header
    assert header.dialect == "angle"
    assert header.group_members == [
        "AMERICAN ENTERTAINMENT PROPERTIES CORP.",
        "BECKTON CORP.",
        "CARL C. ICAHN",
        "ICAHN ENTERPRISES G.P. INC.",
        "ICAHN ENTERPRISES L.P.",
        "IEP ENERGY HOLDING LLC",
    ]
    # Two SUBJECT-COMPANY blocks for the same CIK: one per form type filed.
    subjects = _parties(header, "subject-company")
    assert [(p.entity.cik, p.form_type, p.film_number) for p in subjects] == [
        ("0001376139", "SC 13D/A", "25523922"),
        ("0001376139", "SC TO-T/A", "25523921"),
    ]
    assert _one_party(header, "filed-by").entity.name == "ICAHN ENTERPRISES HOLDINGS L.P."


def test_abeona_three_former_names_with_dates(parse_file):
    filer = _one_party(parse_file("edgartools__secheader.424B5.abeona.txt").header, "filer")
    assert (filer.entity.cik, filer.entity.name) == ("0000318306", "ABEONA THERAPEUTICS INC.")
    assert [(f.name, f.date_changed) for f in filer.entity.former_names] == [
        ("PLASMATECH BIOPHARMACEUTICALS INC", dt.date(2014, 9, 22)),
        ("ACCESS PHARMACEUTICALS INC", dt.date(1996, 2, 9)),
        ("CHEMEX PHARMACEUTICALS INC", dt.date(1992, 7, 3)),
    ]


def test_abeona_name_dated_on_edgar_load_day_starts_on_or_before_it(parse_file):
    header = parse_file("edgartools__secheader.424B5.abeona.txt").header
    filer = _one_party(header, "filer")
    history = merge_histories(
        records_from_header(filer.entity, header.filed, header.accession_number))
    assert [(r.name, r.start.edtf(), r.end.edtf() if r.end else None) for r in history] == [
        # 19920703 is EDGAR's load date: the name was on record then, not begun then.
        ("CHEMEX PHARMACEUTICALS INC", "[..1992-07-03]", "1996-02-09"),
        ("ACCESS PHARMACEUTICALS INC", "1996-02-09", "2014-09-22"),
        ("PLASMATECH BIOPHARMACEUTICALS INC", "2014-09-22", "[2014-09-22..2023-06-07]"),
        ("ABEONA THERAPEUTICS INC.", "[2014-09-22..2023-06-07]", None),
    ]


def test_regenerex_recurring_former_name_stays_two_records(parse_file):
    header = parse_file("edgartools__MultipleFormerCompaniesHeader.txt").header
    filer = _one_party(header, "filer")
    assert filer.entity.name == "REGENEREX PHARMA, INC."
    history = merge_histories(
        records_from_header(filer.entity, header.filed, header.accession_number))
    peptide = [r for r in history if r.name == "PEPTIDE TECHNOLOGIES, INC."]
    assert [(r.start.edtf(), r.end.edtf()) for r in peptide] == [
        ("2011-10-07", "2017-06-21"),
        ("2018-03-09", "[2018-03-09..2023-06-09]"),
    ]
    assert [r.name for r in history] == [
        "PEPTIDE TECHNOLOGIES, INC.",
        "Eternelle Skincare Products Inc.",
        "PEPTIDE TECHNOLOGIES, INC.",
        "REGENEREX PHARMA, INC.",
    ]


def test_records_from_header_lists_names_oldest_first(parse_file):
    header = parse_file("sedl__aapl-8k-20191115.txt").header
    records = records_from_header(_one_party(header, "filer").entity, header.filed,
                                  header.accession_number)
    assert [r.name for r in records] == ["APPLE COMPUTER INC", "APPLE INC", "Apple Inc."]


def test_empty_item_information_gives_no_items(parse_file):
    header = parse_file("edgartools__0001011438-98-000429.txt").header
    # "ITEM INFORMATION:" with nothing after it; the next line is FILED AS OF DATE.
    assert header.form_type == "8-K"
    assert header.items == []
    assert header.filed == dt.date(1998, 12, 31)
    assert header.period == dt.date(1998, 12, 15)


def test_empty_sec_act_gives_no_act(parse_file):
    filer = _one_party(parse_file("edgartools__0001011438-98-000429.txt").header, "filer")
    assert (filer.entity.cik, filer.entity.name) == ("0000913951", "AAMES CAPITAL CORP")
    assert filer.act is None
    assert (filer.file_number, filer.film_number) == ("033-70636", "98779541")


def test_pre_2004_item_number_in_angle_dialect(parse_file):
    header = parse_file("secsgml__archive.txt").header
    assert header.dialect == "angle"
    assert (header.form_type, header.filed) == ("8-K", dt.date(2001, 1, 2))
    assert [(i.code, i.scheme, i.title) for i in header.items] == [
        ("5", "8-K-pre2004", "Other Events")]
    filer = _one_party(header, "filer")
    assert filer.entity.name == "RESIDENTIAL FUNDING MORTGAGE SECURITIES I INC"


def test_8k_item_titles_are_mapped_to_codes(parse_file):
    header = parse_file("sedl__aapl-8k-20191115.txt").header
    assert [(i.code, i.scheme, i.title) for i in header.items] == [
        ("8.01", "8-K", "Other Events"),
        ("9.01", "8-K", "Financial Statements and Exhibits"),
    ]


def test_header_with_double_blank_lines(parse_file):
    submission = parse_file("edgartools__header_with_double_newlines.txt")
    header = submission.header
    assert header.accession_number == "0001193125-24-066744"
    assert header.form_type == "485APOS"
    assert header.public_document_count == 7
    assert header.filed == dt.date(2024, 3, 13)
    assert header.date_of_change == dt.date(2024, 6, 26)
    filers = _parties(header, "filer")
    assert [(p.entity.cik, p.entity.name, p.act, p.file_number) for p in filers] == [
        ("0001100663", "iSHARES TRUST", "40", "811-09729"),
        ("0001100663", "iSHARES TRUST", "33", "333-92935"),
    ]
    assert [(f.name, f.date_changed) for f in filers[0].entity.former_names] == [
        ("ISHARES TRUST", dt.date(1999, 12, 13))]
    assert filers[0].entity.addresses[0].phone == "(415) 670-2000"
    assert submission.documents == []


def test_header_only_13f_file(parse_file):
    submission = parse_file("deansh__6.txt")
    header = submission.header
    assert submission.documents == []
    assert header.public_document_count == 2
    assert (header.form_type, header.period, header.effectiveness_date) == (
        "13F-HR", dt.date(2023, 9, 30), dt.date(2023, 10, 16))
    filer = _one_party(header, "filer")
    assert (filer.entity.cik, filer.entity.name, filer.entity.state_of_incorporation) == (
        "0001766724", "OCEAN ARETE LTD", "K3")


def test_header_only_abs_15g_item_title_maps_to_abs_code(parse_file):
    submission = parse_file("deansh__8.txt")
    assert submission.documents == []
    assert [(i.code, i.scheme) for i in submission.header.items] == [("1.02", "ABS-15G")]
    assert _one_party(submission.header, "filer").entity.name == "VEROS CREDIT LLC"


def test_header_only_file_extracts_with_zero_documents(edgar_corpus):
    extraction = extract_source(_only_source(edgar_corpus / "edgartools__1990sheader.txt"))
    filing = URIRef(f"{Iris().base}filing/0001012325-98-000004")
    triples = _triples(extraction)
    assert (filing, EKG.documentCount, Literal(0)) in triples
    assert not [t for t in triples if t[1] == EKG.hasDocument]


def test_index_headers_page_header(parse_file):
    header = parse_file("edgartools__index-headers.html").header
    assert header.accession_number == "0000905729-24-000095"
    assert (header.form_type, header.public_document_count) == ("8-K", 13)
    assert [(i.code, i.title) for i in header.items] == [
        ("5.07", "Submission of Matters to a Vote of Security Holders")]
    filer = _one_party(header, "filer")
    assert (filer.entity.cik, filer.entity.name) == (
        "0000803164", "CHOICEONE FINANCIAL SERVICES INC")
    assert [(f.name, f.date_changed) for f in filer.entity.former_names] == [
        ("1ST COMMUNITY BANCORP INC", dt.date(1992, 7, 3))]


def test_index_headers_page_for_form_144(parse_file):
    header = parse_file("edgartools__0001971857-23-000246-index-headers.html").header
    assert header.form_type == "144"
    subject = _one_party(header, "subject-company")
    owner = _one_party(header, "reporting-owner")
    assert (subject.entity.cik, subject.entity.name) == ("0000201533", "CONSUMERS ENERGY CO")
    assert (owner.entity.cik, owner.entity.name) == ("0001701746", "Hendrian Catherine A")


def test_index_headers_page_is_read_as_index_headers_with_its_documents(edgar_corpus):
    extraction = extract_source(_only_source(edgar_corpus / "edgartools__index-headers.html"))
    assert extraction.kind == INDEX_HEADERS
    filing = URIRef(f"{Iris().base}filing/0000905729-24-000095")
    assert (filing, EKG.documentCount, Literal(12)) in _triples(extraction)


def test_headers_only_never_imports_spacy_or_pyshacl_on_any_corpus_file(edgar_corpus):
    # In a fresh interpreter: this one may have both loaded by other tests. Without
    # validation, pyshacl (0.1 s to import in every worker) is not needed either.
    script = ("import sys\n"
              "from extractor.batch.pipeline import iter_extractions\n"
              "kinds = {r.kind for r in iter_extractions([sys.argv[1]], 'urn:x:', "
              "read_releases=False) if hasattr(r, 'kind')}\n"
              "print(sorted(kinds), 'spacy' in sys.modules, 'pyshacl' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script, str(edgar_corpus)],
                            capture_output=True, text=True, check=True)
    kinds, spacy_loaded, pyshacl_loaded = result.stdout.rsplit(" ", 2)
    assert INDEX_HEADERS in kinds and SUBMISSION in kinds  # the index page read it once
    assert spacy_loaded == "False" and pyshacl_loaded.strip() == "False"


def test_datamule_bundle_header(edgar_corpus):
    source = _only_source(edgar_corpus / BUNDLE_TAR)
    assert source.members  # metadata.json is the data, the documents are the members
    header = _bundle_submission(source).header
    assert header.dialect == "json"
    assert (header.accession_number, header.form_type, header.filed) == (
        "0001437749-24-000106", "8-K", dt.date(2024, 1, 2))
    assert [(i.code, i.scheme) for i in header.items] == [("5.02", "8-K"), ("9.01", "8-K")]
    filer = _one_party(header, "filer")
    assert (filer.entity.cik, filer.entity.name) == ("0001084869", "1 800 FLOWERS COM INC")


def test_datamule_bundle_keeps_the_ex_99_1_document(edgar_corpus):
    source = _only_source(edgar_corpus / BUNDLE_TAR)
    documents = {d.type: d for d in _bundle_submission(source).documents}
    exhibit = documents["EX-99.1"]
    assert (exhibit.sequence, exhibit.filename, exhibit.description) == (
        2, "ex_610719.htm", "EXHIBIT 99.1")
    assert exhibit.is_binary is False
    assert exhibit.text
    extraction = extract_source(source)
    assert extraction.kind == BUNDLE
    document = URIRef(f"{Iris().base}filing/0001437749-24-000106/document/2")
    triples = _triples(extraction)
    assert (document, EKG.documentType, Literal("EX-99.1")) in triples
    assert (document, EKG.fileName, Literal("ex_610719.htm")) in triples


def test_datamule_bundle_ex_99_1_text_is_the_exhibit_html(edgar_corpus):
    source = _only_source(edgar_corpus / BUNDLE_TAR)
    documents = {d.type: d for d in _bundle_submission(source).documents}
    text = documents["EX-99.1"].text
    assert text.lstrip().startswith("<html>")
    assert "Exhibit 99.1" in text


def test_public_document_count_larger_than_documents_present(parse_file):
    # The fixture author trimmed this Tesla 10-K to two documents; the header still says 160.
    submission = parse_file("edgartools__0001564590-20-004475-minimal.txt")
    assert submission.header.public_document_count == 160
    assert [(d.sequence, d.type) for d in submission.documents] == [(1, "10-K"), (2, "EX-21.1")]


def test_binary_documents_are_recorded_without_text(parse_file):
    documents = {d.sequence: d for d in parse_file("sedl__aapl-8k-20191115.txt").documents}
    binary = {seq: (d.type, d.filename) for seq, d in documents.items() if d.is_binary}
    assert binary == {
        9: ("GRAPHIC", "g828969g1112231605750.jpg"),
        10: ("GRAPHIC", "g828969g1113115003167.jpg"),
        11: ("GRAPHIC", "g828969g1113115003588.jpg"),
        14: ("ZIP", "0001193125-19-292676-xbrl.zip"),
        18: ("EXCEL", "Financial_Report.xlsx"),
    }
    assert all(documents[seq].text is None and documents[seq].size > 0 for seq in binary)
    assert documents[1].text is not None and "Apple" in documents[1].text


def test_binary_graphics_in_nc_are_recorded_without_text(parse_file):
    documents = parse_file("edgartools__0001193125-10-145855.nc").documents
    assert [(d.type, d.is_binary, d.text is None) for d in documents] == [
        ("424B5", False, False),
        ("GRAPHIC", True, True),
        ("GRAPHIC", True, True),
        ("GRAPHIC", True, True),
        ("GRAPHIC", True, True),
    ]


def test_abs_15g_issuing_entity_is_a_party(parse_file):
    header = parse_file("edgartools__0000929638-25-000114.nc").header
    assert "0002049379" in {p.entity.cik for p in header.parties}


def test_sic_split_across_lines_keeps_code_and_irs_number(parse_file):
    filer = _one_party(
        parse_file("worwin__berkshire_2000_0000950150-00-000752.txt").header, "filer")
    assert (filer.entity.sic_code, filer.entity.sic_label) == ("6331", None)
    assert filer.entity.irs_number == "470813844"


# --- 3. The .nc and tab forms of one filing give the same triples ------------------------


def test_nc_and_tab_forms_of_one_filing_give_the_same_triples(edgar_corpus, parse_file):
    nc_name = "edgartools__0001104659-25-002604.nc"
    tab_name = "edgartools__0001104659-25-002604.txt"
    # The manifest's "docs=SC TO-T/A,SC TO-T/A,..." for the .nc counts the header's <TYPE>
    # too: the .nc does not repeat the primary document. Both forms list the same documents,
    # so document triples are compared as well.
    def document_list(name):
        return [(d.sequence, d.type, d.filename, d.description, d.size, d.is_binary)
                for d in parse_file(name).documents]
    assert document_list(nc_name) == document_list(tab_name)

    iris = Iris()
    union = {}
    for name in (nc_name, tab_name):
        source = Source(name, (edgar_corpus / name).read_bytes())
        union[name] = _triples(extract_source(source, iris, FIXED_WHEN))

    def comparable(triples):
        return {
            (s, p, o) for s, p, o in triples
            # Provenance: each graph names the file it came from.
            if p != EKG.sourceFile
            # ... and so the hash of its content differs too.
            and p != EKG.contentHash
            # The tab dialect prints "PETROLEUM REFINING [2911]"; the angle dialect gives only
            # <ASSIGNED-SIC>2911, so only the tab form can state the label.
            and p != EKG.sicLabel
            # The .txt's SEC-HEADER carries <ACCEPTANCE-DATETIME>; the raw .nc has none.
            and p != EKG.acceptedAt
        }

    nc, tab = comparable(union[nc_name]), comparable(union[tab_name])
    assert nc == tab
    assert len(nc) > 100


# --- 4. Submissions JSON merged with a header of the same company ------------------------


def _merged_history(edgar_corpus, parse_file, json_name, header_name):
    header = parse_file(header_name).header
    filer = _one_party(header, "filer")
    from_header = records_from_header(filer.entity, header.filed, header.accession_number)
    data = json.loads((edgar_corpus / json_name).read_text())
    as_of = max(parse_date(day) for day in data["filings"]["recent"]["filingDate"])
    from_json = records_from_submissions_json(
        normalize_cik(data["cik"]), data["name"], data["formerNames"], source="json",
        as_of=as_of)
    assert {r.cik for r in from_header} == {r.cik for r in from_json} == {filer.entity.cik}
    return merge_histories(from_header + from_json), header.accession_number


def _assert_ordered_by_start_with_current_last(history):
    starts = [r.start.sort_key() for r in history]
    assert starts == sorted(starts)
    assert history[-1].end is None
    assert all(r.end is not None for r in history[:-1])


def test_tesla_merged_history_names_in_order(edgar_corpus, parse_file):
    history, _ = _merged_history(edgar_corpus, parse_file, "edgartools__company_submission.json",
                                 "edgartools__0001564590-20-004475-minimal.txt")
    assert [r.name for r in history] == ["TESLA MOTORS INC", "Tesla, Inc."]
    _assert_ordered_by_start_with_current_last(history)


def test_tesla_merged_history_bounds_and_sources(edgar_corpus, parse_file):
    history, accession = _merged_history(
        edgar_corpus, parse_file, "edgartools__company_submission.json",
        "edgartools__0001564590-20-004475-minimal.txt")
    motors, current = history
    # Header: DATE OF NAME CHANGE 20050222. JSON: from 2005-02-17. They disagree, so the
    # merged start covers both and is flagged.
    assert motors.start.edtf() == "[2005-02-17..2005-02-22]"
    assert motors.sources_disagree is True
    # Only the JSON dates the end; the header's open end bound allows it.
    assert motors.end.edtf() == "2017-01-27"
    # Current since the JSON's change date, and shown current by the header on 2020-02-13.
    assert current.start.edtf() == "[2017-01-27..2020-02-13]"
    assert current.end is None
    assert current.seen == dt.date(2022, 11, 30)  # the JSON's newest filing date
    assert current.sources_disagree is False
    for record in history:
        assert set(record.sources) == {accession, "json"}


def test_apple_merged_history_names_in_order(edgar_corpus, parse_file):
    history, _ = _merged_history(edgar_corpus, parse_file, "sedl__CIK0000320193.json",
                                 "sedl__aapl-8k-20191115.txt")
    assert [r.name for r in history] == [
        "APPLE COMPUTER INC", "APPLE COMPUTER INC/ FA", "APPLE INC", "Apple Inc."]
    _assert_ordered_by_start_with_current_last(history)


def test_apple_merged_history_sources(edgar_corpus, parse_file):
    history, accession = _merged_history(edgar_corpus, parse_file, "sedl__CIK0000320193.json",
                                         "sedl__aapl-8k-20191115.txt")
    sources = {r.name: set(r.sources) for r in history}
    assert sources == {
        "APPLE COMPUTER INC": {accession, "json"},
        "APPLE COMPUTER INC/ FA": {"json"},  # only the JSON knows this name
        "APPLE INC": {accession, "json"},
        "Apple Inc.": {accession, "json"},
    }


def test_apple_merged_history_bounds(edgar_corpus, parse_file):
    history, _ = _merged_history(edgar_corpus, parse_file, "sedl__CIK0000320193.json",
                                 "sedl__aapl-8k-20191115.txt")
    bounds = {r.name: (r.start.edtf(), r.end.edtf() if r.end else None, r.sources_disagree)
              for r in history}
    assert bounds == {
        # Header: began 19970808, ended when APPLE INC began (20070109).
        # JSON: 1994-01-26 to 2007-01-04. Both bounds disagree: the merge covers both.
        "APPLE COMPUTER INC": ("[1994-01-26..1997-08-08]", "[2007-01-04..2007-01-09]", True),
        "APPLE COMPUTER INC/ FA": ("1997-07-28", "1997-07-28", False),
        # Header: began 20070109; JSON: from 2007-01-10, to 2019-08-05 (which the header's
        # open end bound [2007-01-09..2019-11-15] allows).
        "APPLE INC": ("[2007-01-09..2007-01-10]", "2019-08-05", True),
        # Began after 2019-08-05 (JSON) and no later than the 8-K filed 2019-11-15.
        "Apple Inc.": ("[2019-08-05..2019-11-15]", None, False),
    }
    assert history[-1].seen == dt.date(2023, 8, 8)
