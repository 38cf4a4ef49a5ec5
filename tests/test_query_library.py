"""Every named query's rows on the seed filing plus a small hand-written graph, value by value."""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from seed_facts import INVESTMENT_SENTENCE, LICENSE_SENTENCE

from extractor.analysis.queries import list_queries, load_query, run_query
from extractor.batch.pipeline import extract_paths
from extractor.store.embedded import KnowledgeStore

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed_8k_cellectar.txt"
# Two invented EDGAR companies with former names, their filings, and two releases: a license
# between them, an acquisition with a seller, a collaboration, a product, a person.
FIXTURE = DATA / "query_fixture.trig"

ID = "https://w3id.org/edgar-kg/id/"
ARBOR = ID + "cik/0000900001"
BIRCH = ID + "cik/0000900002"
CELLECTAR = ID + "cik/0001279704"
WARF = ID + "org/wisconsin-alumni-research-foundation"
CEDAR = ID + "org/cedar-oncology"
DOGWOOD = ID + "org/dogwood-capital-llc"
ELM = ID + "org/elm-university"
FIR = ID + "org/fir-institute"
SEED_LICENSE = ID + "deal/e2a9c4a0eb12b70f9d26"
SEED_INVESTMENT = ID + "deal/346244088826fbaab03c"
LICENSE = ID + "deal/0a1b2c3d4e5f60718293"
ACQUISITION = ID + "deal/2d3e4f5a6b7c8d9e0f1a"
COLLABORATION = ID + "deal/1b2c3d4e5f6071829304"

# Sentences quoted by the evidence (oa:exact) of the seed's EX-99.1 and of the fixture.
SAID_LICENSE = LICENSE_SENTENCE
SAID_INVESTOR = INVESTMENT_SENTENCE
SAID_CARUSO = (
    "We believe this expansion of our relationship further solidifies our mutual commitment,” "
    "said Jim Caruso, president and CEO of Cellectar.")
SAID_THOME = (
    "“We are extremely pleased to further strengthen our relationship with Cellectar,” said "
    "Carrie Thome, WARF director of investments.")
SAID_ARBOR_LICENSE = (
    "Arbor Biologics, Inc. today announced that it has granted Birch Therapeutics an exclusive "
    "license to develop ABX-7 for psoriasis.")
SAID_ACQUISITION = (
    "Birch Therapeutics, Inc. has acquired Cedar Oncology from Dogwood Capital LLC, adding CDX-3 "
    "for glioblastoma to its pipeline.")
# The first of the collaboration's two sentences in code-point order (MIN), not in the text.
SAID_COLLABORATION = (
    "Arbor Biologics and Elm University have worked together with the Fir Institute since 2018.")
SAID_WHITFIELD = (
    "“Cedar’s team brings deep expertise in brain cancer,” said Dana Whitfield, Chief Executive "
    "Officer of Birch Therapeutics.")

ARBOR_NAME = "Arbor Biologics, Inc."
BIRCH_NAME = "Birch Therapeutics, Inc."
CELLECTAR_NAME = "Cellectar Biosciences, Inc."
WARF_NAME = "Wisconsin Alumni Research Foundation"
MYELOMA_IDS = ("http://purl.bioontology.org/ontology/ICD10CM/C90.0"
               "|http://purl.obolibrary.org/obo/DOID_9538")

VARIABLES: dict[str, tuple[str, ...]] = {
    "companies": ("cik", "name", "kind", "sic", "industry", "state", "fiscal_year_end"),
    "deal-network": ("source", "sourceName", "target", "targetName", "deal", "kind", "sourceRole",
                     "targetRole", "date", "isNew", "evidence"),
    "deals": ("deal", "kind", "role", "party", "assets", "indications", "exclusive", "status",
              "date", "new", "source"),
    "filings": ("accession", "form", "filed", "items", "cik", "name", "role"),
    "filings-by-company": ("cik", "company", "accession", "formType", "filedOn", "role", "items"),
    "former-names": ("cik", "currentName", "formerName", "start", "end", "name"),
    "license-history": ("company", "deal", "date", "kind", "role", "counterparty",
                        "counterparty_role", "assets", "indications", "exclusive", "status",
                        "new", "evidence"),
    "licensees-of": ("licensor", "licensee", "licenseeIri", "kind", "assets", "date", "new",
                     "evidence", "deal", "licensorIri", "cik", "name"),
    "licensors-of": ("licensee", "licensor", "licensorIri", "kind", "assets", "date", "new",
                     "evidence", "deal", "licenseeIri", "cik", "name"),
    "name-history": ("cik", "name", "start", "end", "source"),
    "officer-changes": ("company", "person", "change", "title", "evidence", "source",
                        "companyIri", "personIri", "cik"),
    "parties": ("filing", "role", "company", "cik", "form_type", "file_number"),
    "people": ("person", "name", "title", "organization"),
    "people-by-company": ("company", "person", "title", "evidence", "source", "companyIri",
                          "personIri", "cik", "name"),
    "products": ("product", "name", "kind", "phases", "designations", "indications", "owner",
                 "ids"),
    "products-by-indication": ("indicationName", "indicationIri", "ontologyId", "product",
                               "productIri", "company", "phase", "link", "indication"),
    "subsidiaries-of": ("company", "subsidiary", "jurisdiction", "percent", "parent", "asOf",
                        "document", "subsidiaryIri"),
    "parents-of": ("company", "parent", "jurisdiction", "percent", "asOf", "document",
                   "parentIri"),
    "insiders-of": ("company", "insider", "director", "officer", "title", "tenPercent", "other",
                    "period", "form", "document", "insiderIri"),
    "owners-of": ("company", "holder", "percent", "shares", "class", "eventDate", "form",
                  "amendment", "current", "asOf", "document", "holderIri"),
    "holdings-of": ("holder", "issuer", "security", "derivative", "sharesAfter", "direct",
                    "nature", "code", "date", "shares", "price", "acquired", "underlying",
                    "underlyingShares", "document", "issuerIri"),
}

Row = tuple[str | None, ...]

# --- expected rows -------------------------------------------------------------------------------

COMPANY_ROWS: dict[str, Row] = {
    "arbor": ("0000900001", ARBOR_NAME, "company", "2834", "PHARMACEUTICAL PREPARATIONS", "MA",
              "0630"),
    "birch": ("0000900002", BIRCH_NAME, "company", "2836",
              "BIOLOGICAL PRODUCTS, (NO DIAGNOSTIC SUBSTANCES)", "DE", "1231"),
    "cellectar": ("0001279704", CELLECTAR_NAME, "company", "2834", "PHARMACEUTICAL PREPARATIONS",
                  "DE", "1231"),
    # The reporting owner of the fixture's Form 4: the query lists every CIK, people too.
    "rowan": ("0000900003", None, "person", None, None, None, None),  # no name history here
}

EDGES: dict[str, Row] = {
    # The collaboration: two partners and a party of no stated role give three undirected
    # edges, each from the party whose IRI sorts first.
    "arbor-elm": (ARBOR, ARBOR_NAME, ELM, "Elm University", COLLABORATION, "collaboration",
                  "partner", "partner", None, "false", SAID_COLLABORATION),
    "arbor-fir": (ARBOR, ARBOR_NAME, FIR, "Fir Institute", COLLABORATION, "collaboration",
                  "partner", "partner", None, "false", SAID_COLLABORATION),
    "elm-fir": (ELM, "Elm University", FIR, "Fir Institute", COLLABORATION, "collaboration",
                "partner", "partner", None, "false", SAID_COLLABORATION),
    "warf-invests": (WARF, WARF_NAME, CELLECTAR, CELLECTAR_NAME, SEED_INVESTMENT, "investment",
                     "investor", "investee", None, "false", SAID_INVESTOR),
    "warf-licenses": (WARF, WARF_NAME, CELLECTAR, CELLECTAR_NAME, SEED_LICENSE, "license",
                      "licensor", "licensee", "2017-03-08", "true", SAID_LICENSE),
    "arbor-licenses": (ARBOR, ARBOR_NAME, BIRCH, BIRCH_NAME, LICENSE, "license", "licensor",
                       "licensee", "2020-02-03", "true", SAID_ARBOR_LICENSE),
    # The acquisition: acquirer to target and seller to acquirer; seller and target unlinked.
    "birch-acquires": (BIRCH, BIRCH_NAME, CEDAR, "Cedar Oncology", ACQUISITION, "acquisition",
                       "acquirer", "target", "2021-07-01", "true", SAID_ACQUISITION),
    "dogwood-sells": (DOGWOOD, "Dogwood Capital LLC", BIRCH, BIRCH_NAME, ACQUISITION,
                      "acquisition", "seller", "acquirer", "2021-07-01", "true", SAID_ACQUISITION),
}

FILING_ROWS: dict[str, Row] = {
    "cellectar-8k": ("0001144204-17-013452", "8-K", "2017-03-08", "7.01 9.01", "0001279704",
                     CELLECTAR_NAME, "Filer"),
    "birch-8k": ("0000900002-20-000004", "8-K", "2020-02-05", "1.01 9.01", "0000900002",
                 BIRCH_NAME, "Filer"),
    "13d-subject": ("0000900001-21-000007", "SC 13D", "2021-03-01", None, "0000900002",
                    BIRCH_NAME, "SubjectCompany"),
    "13d-filed-by": ("0000900001-21-000007", "SC 13D", "2021-03-01", None, "0000900001",
                     ARBOR_NAME, "FiledBy"),
}

BY_COMPANY: dict[str, Row] = {
    "arbor-13d": ("0000900001", ARBOR_NAME, "0000900001-21-000007", "SC 13D", "2021-03-01",
                  "FiledBy", None),
    "birch-8k": ("0000900002", BIRCH_NAME, "0000900002-20-000004", "8-K", "2020-02-05", "Filer",
                 "1.01|9.01"),
    "birch-13d": ("0000900002", BIRCH_NAME, "0000900001-21-000007", "SC 13D", "2021-03-01",
                  "SubjectCompany", None),
    "cellectar-8k": ("0001279704", CELLECTAR_NAME, "0001144204-17-013452", "8-K", "2017-03-08",
                     "Filer", "7.01|9.01"),
}

FORMER: dict[str, Row] = {
    "arbor-research": ("0000900001", ARBOR_NAME, "ARBOR RESEARCH INC", "1998-03-15",
                       "2001-05-01"),
    "arbor-pharma": ("0000900001", ARBOR_NAME, "ARBOR PHARMA CORP", "2001-05-01",
                     "[2001-05-01..2021-03-01]"),
    "birchwood": ("0000900002", BIRCH_NAME, "BIRCHWOOD LABS INC", "2008-01-10",
                  "[2008-01-10..2020-02-05]"),
    "common-horizons": ("0001279704", CELLECTAR_NAME, "COMMON HORIZONS INC", "2004-02-11",
                        "2005-06-17"),
    "novelos": ("0001279704", CELLECTAR_NAME, "NOVELOS THERAPEUTICS, INC.", "2005-06-17",
                "[2005-06-17..2017-03-08]"),
}

HISTORY: dict[str, Row] = {
    "arbor-research": ("0000900001", "ARBOR RESEARCH INC", "1998-03-15", "2001-05-01",
                       "0000900001-21-000007"),
    "arbor-pharma": ("0000900001", "ARBOR PHARMA CORP", "2001-05-01", "[2001-05-01..2021-03-01]",
                     "0000900001-21-000007"),
    "arbor": ("0000900001", ARBOR_NAME, "[2001-05-01..2021-03-01]", None, "0000900001-21-000007"),
    "birchwood": ("0000900002", "BIRCHWOOD LABS INC", "2008-01-10", "[2008-01-10..2020-02-05]",
                  "0000900002-20-000004"),
    "birch": ("0000900002", BIRCH_NAME, "[2008-01-10..2020-02-05]", None, "0000900002-20-000004"),
    "common-horizons": ("0001279704", "COMMON HORIZONS INC", "2004-02-11", "2005-06-17",
                        "0001144204-17-013452"),
    "novelos": ("0001279704", "NOVELOS THERAPEUTICS, INC.", "2005-06-17",
                "[2005-06-17..2017-03-08]", "0001144204-17-013452"),
    "cellectar": ("0001279704", CELLECTAR_NAME, "[2005-06-17..2017-03-08]", None,
                  "0001144204-17-013452"),
}

LICENSE_HISTORY: dict[str, Row] = {
    "warf": (WARF, SEED_LICENSE, "2017-03-08", "license", "licensor", CELLECTAR_NAME, "licensee",
             "CLR 131", "multiple myeloma", "true", "completed", "true", SAID_LICENSE),
    "cellectar": (CELLECTAR, SEED_LICENSE, "2017-03-08", "license", "licensee", WARF_NAME,
                  "licensor", "CLR 131", "multiple myeloma", "true", "completed", "true",
                  SAID_LICENSE),
    "arbor": (ARBOR, LICENSE, "2020-02-03", "license", "licensor", BIRCH_NAME, "licensee", "ABX-7",
              "psoriasis", "true", "completed", "true", SAID_ARBOR_LICENSE),
    "birch": (BIRCH, LICENSE, "2020-02-03", "license", "licensee", ARBOR_NAME, "licensor", "ABX-7",
              "psoriasis", "true", "completed", "true", SAID_ARBOR_LICENSE),
}

# The columns of licensors-of and licensees-of up to the parameter columns (cik, name).
LICENSED_TO_BIRCH = ("license", "ABX-7", "2020-02-03", "true", SAID_ARBOR_LICENSE, LICENSE)
LICENSED_TO_CELLECTAR = ("license", "CLR 131", "2017-03-08", "true", SAID_LICENSE, SEED_LICENSE)

PARTY_ROWS: dict[str, Row] = {
    "13d-subject": ("0000900001-21-000007", "SubjectCompany", BIRCH_NAME, "0000900002", "SC 13D",
                    "005-91234"),
    "13d-filed-by": ("0000900001-21-000007", "FiledBy", ARBOR_NAME, "0000900001", "SC 13D", None),
    "birch-8k": ("0000900002-20-000004", "Filer", BIRCH_NAME, "0000900002", "8-K", "001-39001"),
    "cellectar-8k": ("0001144204-17-013452", "Filer", CELLECTAR_NAME, "0001279704", "8-K",
                     "001-36598"),
}

PEOPLE: dict[str, Row] = {
    "whitfield": (BIRCH_NAME, "Dana Whitfield", "Chief Executive Officer", SAID_WHITFIELD,
                  "birch-acquires-cedar.txt", BIRCH,
                  ID + "person/birch-therapeutics/dana-whitfield",
                  "0000900002"),
    # Read from the 8-K's signature block, which has no sentence to quote.
    "kolean": (CELLECTAR_NAME, "Chad J. Kolean", "Vice President and Chief Financial Officer",
               None, None, CELLECTAR, ID + "person/cellectar-biosciences/chad-j-kolean",
               "0001279704"),
    "caruso": (CELLECTAR_NAME, "Jim Caruso", "president and CEO", SAID_CARUSO,
               "seed_8k_cellectar.txt", CELLECTAR, ID + "person/cellectar-biosciences/jim-caruso",
               "0001279704"),
    "thome": (WARF_NAME, "Carrie Thome", "director of investments", SAID_THOME,
              "seed_8k_cellectar.txt", WARF,
              ID + "person/wisconsin-alumni-research-foundation/carrie-thome", None),
}

INDICATED: dict[str, Row] = {
    # Only the acquisition pairs CDX-3 with glioblastoma, so the link is "deal".
    "glioblastoma": ("glioblastoma", ID + "indication/glioblastoma",
                     "http://purl.obolibrary.org/obo/DOID_3068", "CDX-3", ID + "product/cdx-3",
                     None, None, "deal"),
    "hematologic": ("hematologic malignancies", ID + "indication/hematologic-malignancies",
                    "http://purl.obolibrary.org/obo/DOID_2531", "CLR 131", ID + "product/clr-131",
                    None, "Phase 1|preclinical", "product"),
    "myeloma": ("multiple myeloma", ID + "indication/multiple-myeloma", MYELOMA_IDS, "CLR 131",
                ID + "product/clr-131", None, "Phase 1|preclinical", "product"),
    "psoriasis": ("psoriasis", ID + "indication/psoriasis",
                  "http://purl.bioontology.org/ontology/ICD10CM/L40.9"
                  "|http://purl.obolibrary.org/obo/DOID_8893", "ABX-7", ID + "product/abx-7",
                  ARBOR_NAME, "Phase 2", "product"),
}

# (query, parameters, rows in order). Parameter columns echo the value bound, or are None.
ROWAN = ID + "cik/0000900003"
CEDAR_GMBH = ID + "org/cedar-oncology-gmbh"
EX21 = ID + "document/5e6f708192a3b4c5d6e7/document/1"
FORM4 = ID + "document/5e6f708192a3b4c5d6e7/document/2"
SC13D = ID + "filing/0000900001-21-000007/document/1"

CASES: list[tuple[str, dict[str, str], list[Row]]] = [
    # Arbor's Exhibit 21: a subsidiary and one nested under it; by name the nested one only.
    ("subsidiaries-of", {"company": "900001"}, [
        (ARBOR, "Cedar Oncology", "Delaware", "100", ARBOR_NAME, "2022-02-25", EX21, CEDAR),
        (ARBOR, "Cedar Oncology GmbH", "Germany", None, "Cedar Oncology", "2022-02-25", EX21,
         CEDAR_GMBH)]),
    ("subsidiaries-of", {"company": "Cedar Oncology"}, [
        (CEDAR, "Cedar Oncology GmbH", "Germany", None, "Cedar Oncology", "2022-02-25", EX21,
         CEDAR_GMBH)]),
    ("subsidiaries-of", {"company": "1279704"}, []),
    ("parents-of", {"company": "Cedar Oncology GmbH"}, [
        (CEDAR_GMBH, "Cedar Oncology", "Germany", None, "2022-02-25", EX21, CEDAR)]),
    ("parents-of", {"company": CEDAR}, [
        (CEDAR, ARBOR_NAME, "Delaware", "100", "2022-02-25", EX21, ARBOR)]),
    ("insiders-of", {"company": "900002"}, [
        (BIRCH, "Jane Rowan", "false", "true", "Chief Financial Officer", "false", None,
         "2021-05-03", "4", FORM4, ROWAN)]),
    ("insiders-of", {"company": "900001"}, []),
    ("owners-of", {"company": "900002"}, [
        (BIRCH, ARBOR_NAME, "12.5", "1250000", "Common Stock, par value $0.001 per share",
         "2021-02-19", "SC 13D", None, "true", "2021-03-01", SC13D, ARBOR)]),
    ("owners-of", {"company": "1279704"}, []),
    ("holdings-of", {"holder": "900003"}, [
        (ROWAN, BIRCH_NAME, "Common Stock", "false", "15000", "true", None, "P", "2021-05-03",
         "5000", "12.5", "true", None, None, FORM4, BIRCH)]),
    ("companies", {}, [COMPANY_ROWS["arbor"], COMPANY_ROWS["birch"], COMPANY_ROWS["rowan"],
                       COMPANY_ROWS["cellectar"]]),
    ("companies", {"cik": "900002"}, [COMPANY_ROWS["birch"]]),
    ("companies", {"state": "DE"}, [COMPANY_ROWS["birch"], COMPANY_ROWS["cellectar"]]),
    ("companies", {"state": "NV"}, []),
    ("deal-network", {}, [EDGES[key] for key in (
        "arbor-elm", "arbor-fir", "elm-fir", "warf-invests", "warf-licenses", "arbor-licenses",
        "birch-acquires", "dogwood-sells")]),
    ("deal-network", {"kind": "license"}, [EDGES["warf-licenses"], EDGES["arbor-licenses"]]),
    ("deal-network", {"kind": "acquisition"},
     [EDGES["birch-acquires"], EDGES["dogwood-sells"]]),
    ("deal-network", {"kind": "merger"}, []),
    ("deals", {}, [
        (COLLABORATION, "collaboration", "partner", ARBOR_NAME, None, None, None, None, None,
         "false", "arbor-licenses-abx-7.txt"),
        (COLLABORATION, "collaboration", "partner", "Elm University", None, None, None, None, None,
         "false", "arbor-licenses-abx-7.txt"),
        (SEED_INVESTMENT, "investment", "investor", WARF_NAME, None, None, None, "completed",
         None, "false", "seed_8k_cellectar.txt"),
        (SEED_INVESTMENT, "investment", "investee", CELLECTAR_NAME, None, None, None, "completed",
         None, "false", "seed_8k_cellectar.txt"),
        (SEED_LICENSE, "license", "licensor", WARF_NAME, "CLR 131", "multiple myeloma", "true",
         "completed", "2017-03-08", "true", "seed_8k_cellectar.txt"),
        (SEED_LICENSE, "license", "licensee", CELLECTAR_NAME, "CLR 131", "multiple myeloma",
         "true", "completed", "2017-03-08", "true", "seed_8k_cellectar.txt"),
        (LICENSE, "license", "licensor", ARBOR_NAME, "ABX-7", "psoriasis", "true", "completed",
         "2020-02-03", "true", "arbor-licenses-abx-7.txt"),
        (LICENSE, "license", "licensee", BIRCH_NAME, "ABX-7", "psoriasis", "true", "completed",
         "2020-02-03", "true", "arbor-licenses-abx-7.txt"),
        (ACQUISITION, "acquisition", "acquirer", BIRCH_NAME, "CDX-3", "glioblastoma", None,
         "completed", "2021-07-01", "true", "birch-acquires-cedar.txt"),
        (ACQUISITION, "acquisition", "target", "Cedar Oncology", "CDX-3", "glioblastoma", None,
         "completed", "2021-07-01", "true", "birch-acquires-cedar.txt"),
        (ACQUISITION, "acquisition", "seller", "Dogwood Capital LLC", "CDX-3", "glioblastoma",
         None, "completed", "2021-07-01", "true", "birch-acquires-cedar.txt"),
    ]),
    ("filings", {}, [FILING_ROWS[key] for key in (
        "cellectar-8k", "birch-8k", "13d-subject", "13d-filed-by")]),
    ("filings", {"cik": "900001"}, [FILING_ROWS["13d-filed-by"]]),
    ("filings", {"form": "SC 13D"}, [FILING_ROWS["13d-subject"], FILING_ROWS["13d-filed-by"]]),
    ("filings", {"form": "10-K"}, []),
    ("filings-by-company", {}, [BY_COMPANY[key] for key in (
        "arbor-13d", "birch-8k", "birch-13d", "cellectar-8k")]),
    ("filings-by-company", {"cik": "900002"}, [BY_COMPANY["birch-8k"], BY_COMPANY["birch-13d"]]),
    ("filings-by-company", {"cik": "1279704"}, [BY_COMPANY["cellectar-8k"]]),
    ("former-names", {}, [FORMER[key] + (None,) for key in (
        "arbor-research", "arbor-pharma", "birchwood", "common-horizons", "novelos")]),
    ("former-names", {"name": "novelos"}, [FORMER["novelos"] + ("novelos",)]),
    ("former-names", {"name": "ARBOR"},
     [FORMER["arbor-research"] + ("ARBOR",), FORMER["arbor-pharma"] + ("ARBOR",)]),
    # Current names are not former names.
    ("former-names", {"name": "cellectar"}, []),
    ("license-history", {}, [LICENSE_HISTORY[key] for key in (
        "warf", "cellectar", "arbor", "birch")]),
    ("license-history", {"company": BIRCH}, [LICENSE_HISTORY["birch"]]),
    ("licensees-of", {}, [
        (ARBOR_NAME, BIRCH_NAME, BIRCH, *LICENSED_TO_BIRCH, ARBOR, "0000900001", None),
        (WARF_NAME, CELLECTAR_NAME, CELLECTAR, *LICENSED_TO_CELLECTAR, WARF, None, None),
    ]),
    ("licensees-of", {"cik": "900001"},
     [(ARBOR_NAME, BIRCH_NAME, BIRCH, *LICENSED_TO_BIRCH, ARBOR, "0000900001", None)]),
    # WARF is an alias (skos:altLabel) of the foundation.
    ("licensees-of", {"name": "warf"},
     [(WARF_NAME, CELLECTAR_NAME, CELLECTAR, *LICENSED_TO_CELLECTAR, WARF, None, "warf")]),
    ("licensees-of", {"name": "birch"}, []),
    ("licensors-of", {}, [
        (BIRCH_NAME, ARBOR_NAME, ARBOR, *LICENSED_TO_BIRCH, BIRCH, "0000900002", None),
        (CELLECTAR_NAME, WARF_NAME, WARF, *LICENSED_TO_CELLECTAR, CELLECTAR, "0001279704", None),
    ]),
    ("licensors-of", {"cik": "1279704"},
     [(CELLECTAR_NAME, WARF_NAME, WARF, *LICENSED_TO_CELLECTAR, CELLECTAR, "0001279704", None)]),
    ("licensors-of", {"name": "Birch Therapeutics"},
     [(BIRCH_NAME, ARBOR_NAME, ARBOR, *LICENSED_TO_BIRCH, BIRCH, "0000900002",
       "Birch Therapeutics")]),
    ("licensors-of", {"cik": "900002", "name": "cellectar"}, []),
    ("name-history", {}, [HISTORY[key] for key in (
        "arbor-research", "arbor-pharma", "arbor", "birchwood", "birch", "common-horizons",
        "novelos", "cellectar")]),
    ("name-history", {"cik": "900002"}, [HISTORY["birchwood"], HISTORY["birch"]]),
    # The fixture's CEO appointment: the only membership with an officer change.
    ("officer-changes", {}, [
        (BIRCH_NAME, "Dana Whitfield", "appointed", "Chief Executive Officer", SAID_WHITFIELD,
         "birch-acquires-cedar.txt", BIRCH, ID + "person/birch-therapeutics/dana-whitfield",
         "0000900002")]),
    ("officer-changes", {"cik": "1279704"}, []),
    ("parties", {}, [PARTY_ROWS[key] for key in (
        "13d-subject", "13d-filed-by", "birch-8k", "cellectar-8k")]),
    ("parties", {"filing": "0000900001-21-000007"},
     [PARTY_ROWS["13d-subject"], PARTY_ROWS["13d-filed-by"]]),
    ("people", {}, [
        (ID + "person/birch-therapeutics/dana-whitfield", "Dana Whitfield",
         "Chief Executive Officer", BIRCH_NAME),
        (ID + "person/cellectar-biosciences/chad-j-kolean", "Chad J. Kolean",
         "Vice President and Chief Financial Officer", CELLECTAR_NAME),
        (ID + "person/cellectar-biosciences/jim-caruso", "Jim Caruso", "president and CEO",
         CELLECTAR_NAME),
        (ID + "person/wisconsin-alumni-research-foundation/carrie-thome", "Carrie Thome",
         "director of investments", WARF_NAME),
    ]),
    ("people-by-company", {}, [PEOPLE[key] + (None,) for key in (
        "whitfield", "kolean", "caruso", "thome")]),
    ("people-by-company", {"cik": "1279704"},
     [PEOPLE["kolean"] + (None,), PEOPLE["caruso"] + (None,)]),
    ("people-by-company", {"name": "WISCONSIN"}, [PEOPLE["thome"] + ("WISCONSIN",)]),
    ("people-by-company", {"cik": "900001"}, []),
    ("products", {}, [
        (ID + "product/abx-7", "ABX-7", "drug-candidate", "Phase 2", None, "psoriasis",
         ARBOR_NAME, None),
        (ID + "product/cdx-3", "CDX-3", "drug-candidate", None, None, None, None, None),
        (ID + "product/clr-131", "CLR 131", "drug-candidate", "Phase 1|preclinical",
         "orphan drug (FDA)", "hematologic malignancies|multiple myeloma", None, None),
        (ID + "product/clr-1602-ptx", "CLR 1602-PTX", "drug-candidate", None, None, None, None,
         None),
        (ID + "product/paclitaxel", "paclitaxel", "drug", "preclinical", None, None, None,
         "DRUGBANK:DB01229|MESH:D050257"),
    ]),
    ("products-by-indication", {}, [INDICATED[key] + (None,) for key in (
        "glioblastoma", "hematologic", "myeloma", "psoriasis")]),
    ("products-by-indication", {"indication": "MYELOMA"}, [INDICATED["myeloma"] + ("MYELOMA",)]),
    ("products-by-indication", {"indication": "glio"}, [INDICATED["glioblastoma"] + ("glio",)]),
    ("products-by-indication", {"indication": "asthma"}, []),
]


@pytest.fixture(scope="module")
def store(seed_and_fixture_store: KnowledgeStore) -> KnowledgeStore:
    """The seed 8-K as the extractor writes it, plus the hand-written fixture graph."""
    return seed_and_fixture_store


def rows(store: KnowledgeStore, name: str, params: dict[str, str]) -> list[Row]:
    result = run_query(store, load_query(name), params)
    assert tuple(result.variables) == VARIABLES[name]
    return [tuple(row) for row in result.rows]


def _case_id(case: tuple[str, dict[str, str], list[Row]]) -> str:
    name, params, _ = case
    return name + "".join(f"[{key}={value}]" for key, value in params.items())


@pytest.mark.parametrize("case", CASES, ids=[_case_id(case) for case in CASES])
def test_query_rows(store: KnowledgeStore, case: tuple[str, dict[str, str], list[Row]]) -> None:
    name, params, expected = case
    assert rows(store, name, params) == expected


def test_every_query_has_expected_rows() -> None:
    shipped = {query.name for query in list_queries()}
    checked = {name for name, _, _ in CASES}
    assert shipped - checked == set(), "queries without an expected-rows case in CASES"
    assert checked - shipped == set(), "CASES name queries that are not shipped"
    assert set(VARIABLES) == shipped


def test_every_query_header_documents_its_parameters() -> None:
    for query in list_queries():
        assert query.description, f"{query.name} has no one-line description"
        assert query.example, f"{query.name} has no example"
        words = shlex.split(query.example)
        assert words[:3] == ["edgar-kg", "query", query.name], query.example
        declared = {param.name for param in query.params}
        used = {word.split("=", 1)[0] for word in words if "=" in word and
                not word.startswith("--")}
        assert used <= declared, f"{query.name}: the example binds undeclared {used - declared}"
        for param in query.params:
            assert param.description, f"{query.name}: parameter {param.name} is not described"
            # Oxigraph substitutes only variables of the rows: any other one cannot be bound.
            assert param.name in VARIABLES[query.name], f"{query.name}: {param.name}"


def test_every_example_returns_rows(store: KnowledgeStore) -> None:
    for query in list_queries():
        words = shlex.split(query.example or "")
        params = dict(words[i + 1].split("=", 1) for i, word in enumerate(words)
                      if word in ("--param", "-p"))
        assert rows(store, query.name, params), f"{query.example} gives no rows"


def test_seed_license_is_a_warf_to_cellectar_edge(store: KnowledgeStore) -> None:
    edges = [dict(zip(VARIABLES["deal-network"], row, strict=True))
             for row in rows(store, "deal-network", {"kind": "license"})]
    [edge] = [edge for edge in edges if edge["target"] == CELLECTAR]
    assert edge == {
        "source": WARF, "sourceName": WARF_NAME, "target": CELLECTAR,
        "targetName": CELLECTAR_NAME, "deal": SEED_LICENSE, "kind": "license",
        "sourceRole": "licensor", "targetRole": "licensee", "date": "2017-03-08", "isNew": "true",
        "evidence": SAID_LICENSE,
    }


def test_deal_network_ends_are_iris(store: KnowledgeStore) -> None:
    # Graph views are built from these rows, so the ends must be IRIs and the names literals.
    solutions = list(store.query(load_query("deal-network").text))
    assert len(solutions) == len(EDGES)
    for solution in solutions:
        assert isinstance(solution["source"], ox.NamedNode)
        assert isinstance(solution["target"], ox.NamedNode)
        assert isinstance(solution["sourceName"], ox.Literal)
        assert isinstance(solution["targetName"], ox.Literal)


# --- facts that several graphs state -------------------------------------------------------------

# The queries that read each fact inside the graph holding it and name every node once: when
# more graphs restate the names, people, titles and products (as every filing or release
# naming them does), their rows must stay the same, neither repeated nor multiplied.
RESTATED_QUERIES = ("people", "people-by-company", "deals", "deal-network", "license-history",
                    "licensors-of", "licensees-of")
_RESTATED_CLASSES = ("https://w3id.org/edgar-kg/ontology#Organization",
                     "https://w3id.org/edgar-kg/ontology#Product",
                     "https://w3id.org/edgar-kg/ontology#Indication",
                     "https://schema.org/Person", "http://www.w3.org/ns/org#Membership",
                     "http://www.w3.org/ns/org#Role")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@pytest.fixture(scope="module")
def restated_store() -> Iterator[KnowledgeStore]:
    """The seed and the fixture, plus three graphs restating every organization, product,
    indication, person, membership and role (not the deals nor the evidence)."""
    kg = KnowledgeStore(None)
    assert not extract_paths([str(SEED)], kg).failures
    kg.load_file(FIXTURE)
    subjects = {quad.subject for cls in _RESTATED_CLASSES
                for quad in kg.store.quads_for_pattern(None, RDF_TYPE, ox.NamedNode(cls))}
    triples = {(quad.subject, quad.predicate, quad.object) for subject in subjects
               for quad in kg.store.quads_for_pattern(subject, None, None)}
    kg.store.extend([ox.Quad(s, p, o, ox.NamedNode(f"https://example.org/graph/restated/{i}"))
                     for i in range(3) for s, p, o in triples])
    yield kg
    kg.close()


RESTATED_CASES = [case for case in CASES if case[0] in RESTATED_QUERIES]


@pytest.mark.parametrize("case", RESTATED_CASES, ids=[_case_id(case) for case in RESTATED_CASES])
def test_restated_facts_change_no_rows(restated_store: KnowledgeStore,
                                       case: tuple[str, dict[str, str], list[Row]]) -> None:
    name, params, expected = case
    assert rows(restated_store, name, params) == expected


# A license of two products between an organization no graph names and Arbor; one product
# is labelled differently by a second graph.
NAMELESS = ID + "org/nameless-licensor"
TWO_ASSET_DEAL = ID + "deal/ffffffffffffffffffff"
TWO_ASSETS = f"""
@prefix ekg: <https://w3id.org/edgar-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://example.org/graph/two-assets> {{
  <{TWO_ASSET_DEAL}> a ekg:Deal , ekg:LicenseAgreement ;
    ekg:dealKind "license" ; ekg:isNew false ;
    ekg:licensor <{NAMELESS}> ; ekg:licensee <{ARBOR}> ;
    ekg:party <{NAMELESS}> , <{ARBOR}> ;
    ekg:asset <{ID}product/zeta-9> , <{ID}product/alpha-1> .
  <{ID}product/zeta-9> a ekg:Product ; rdfs:label "zeta-9" .
  <{ID}product/alpha-1> a ekg:Product ; rdfs:label "ALPHA-1" .
}}
<https://example.org/graph/another-release> {{
  <{ID}product/zeta-9> a ekg:Product ; rdfs:label "ZETA-9" .
}}
"""


def test_assets_sorted_and_nameless_party_shown_by_iri() -> None:
    with KnowledgeStore(None) as kg:
        kg.load_file(FIXTURE)
        kg.store.load(TWO_ASSETS.encode(), format=ox.RdfFormat.TRIG)
        deal_rows = [row for row in rows(kg, "deals", {}) if row[0] == TWO_ASSET_DEAL]
        # An asset's name is its least label; the names are sorted before they are joined.
        assert deal_rows == [
            (TWO_ASSET_DEAL, "license", "licensor", NAMELESS, "ALPHA-1|ZETA-9", None, None,
             None, None, "false", None),
            (TWO_ASSET_DEAL, "license", "licensee", ARBOR_NAME, "ALPHA-1|ZETA-9", None, None,
             None, None, "false", None),
        ]
        # Arbor is the licensee here: its own license to Birch is still the only row there.
        assert rows(kg, "licensees-of", {"cik": "900001"}) == [
            (ARBOR_NAME, BIRCH_NAME, BIRCH, *LICENSED_TO_BIRCH, ARBOR, "0000900001", None)]
        assert rows(kg, "licensors-of", {"cik": "900001"}) == [
            (ARBOR_NAME, NAMELESS, NAMELESS, "license", "ALPHA-1|ZETA-9", None, "false", None,
             TWO_ASSET_DEAL, ARBOR, "0000900001", None),
        ]
        [history] = rows(kg, "license-history", {"company": NAMELESS})
        assert history == (NAMELESS, TWO_ASSET_DEAL, None, "license", "licensor", ARBOR_NAME,
                           "licensee", "ALPHA-1|ZETA-9", None, None, None, "false", None)
