"""An 8-K's agreement exhibits read by their preambles and joined to the deal its Items report."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from extraction_checks import BASE, WHEN, violations
from rdflib import Graph

from extractor.cli import cli
from extractor.extract import extract_source
from extractor.nlp.agreements import read_agreement
from extractor.nlp.facts import ReleaseFacts
from extractor.rdf.vocab import EKG
from extractor.read.source import Source

SEED = Path(__file__).parent / "data" / "seed_8k_cellectar.txt"

# The seed's header (Cellectar Biosciences, CIK 1279704) above an invented merger: an 8-K
# whose Item 1.01 reports the agreement and an EX-2.1 that is the agreement itself.
HEADER = SEED.read_text()[:SEED.read_text().index("</SEC-HEADER>") + len("</SEC-HEADER>")]
ITEMS = """<html><body>
<p>Item 1.01 Entry into a Material Definitive Agreement.</p>
<p>On March 7, 2017, Cellectar Biosciences, Inc. (the &#8220;Company&#8221;) entered into an
Agreement and Plan of Merger (the &#8220;Merger Agreement&#8221;) with Northwind Holdings, Inc.
(&#8220;Parent&#8221;) and Northwind Merger Sub, Inc. (&#8220;Merger Sub&#8221;), under which
Merger Sub will merge with and into the Company, and the Company will survive as a wholly owned
subsidiary of Parent.</p>
<p>Item 9.01 Financial Statements and Exhibits.</p>
<p>2.1 Agreement and Plan of Merger, dated as of March 7, 2017.</p>
<p>SIGNATURES</p>
<p>CELLECTAR BIOSCIENCES, INC.</p>
<p>By: /s/ Chad J. Kolean</p><p>Name: Chad J. Kolean</p>
<p>Title: Vice President and Chief Financial Officer</p>
</body></html>"""
AGREEMENT = """AGREEMENT AND PLAN OF MERGER

This AGREEMENT AND PLAN OF MERGER (this "Agreement"), dated as of March 7, 2017, is entered
into by and among Northwind Holdings, Inc., a Delaware corporation ("Parent"), Northwind Merger
Sub, Inc., a Delaware corporation and a wholly owned subsidiary of Parent ("Merger Sub"), and
Cellectar Biosciences, Inc., a Delaware corporation (the "Company").

WHEREAS, the boards of directors of Parent, Merger Sub and the Company have approved the merger
of Merger Sub with and into the Company;

NOW, THEREFORE, the parties agree as follows:

ARTICLE I
THE MERGER

Section 1.01 The Merger. Merger Sub shall be merged with and into the Company.

Section 9.04 Assignment. Neither this Agreement nor any of the rights, interests or obligations
hereunder shall be assigned by any party, and Parent may not acquire any of the rights of the
Company hereunder.
"""
# A clause, repeated, makes the agreement about 3.4 MB: over the 2 MB head that is kept.
LONG_AGREEMENT = AGREEMENT + "Section 9.99 Cooperation. The parties shall cooperate. " * 62_000


def _document(sequence: int, kind: str, body: str, filename: str) -> str:
    return (f"<DOCUMENT>\n<TYPE>{kind}\n<SEQUENCE>{sequence}\n<FILENAME>{filename}\n<TEXT>\n"
            f"{body}\n</TEXT>\n</DOCUMENT>\n")


def _submission(agreement: str) -> bytes:
    return (f"<SEC-DOCUMENT>merger.txt\n{HEADER}\n" + _document(1, "8-K", ITEMS, "f8k.htm")
            + _document(2, "EX-2.1", agreement, "ex2-1.txt") + "</SEC-DOCUMENT>\n").encode()


def _roles(facts: ReleaseFacts) -> dict[str, set[str]]:
    [deal] = facts.deals
    roles: dict[str, set[str]] = {}
    for party in deal.parties:
        roles.setdefault(party.role, set()).add(facts.name_of(party.organization) or "")
    return roles


def test_the_agreement_read_alone_is_one_directed_deal_and_no_clause() -> None:
    facts = read_agreement(AGREEMENT)
    [deal] = facts.deals
    assert deal.kind == "acquisition" and deal.directed
    assert _roles(facts) == {"acquirer": {"Northwind Holdings, Inc.", "Northwind Merger Sub, Inc."},
                             "target": {"Cellectar Biosciences, Inc."}}
    # Its evidence is the preamble; the assignment clause that says "acquire" is never read.
    assert all("Neither this Agreement" not in e.sentence for e in deal.evidence)


def test_the_item_and_its_agreement_exhibit_are_one_deal_with_evidence_in_both() -> None:
    result = extract_source(Source("merger.txt", _submission(AGREEMENT)), when=WHEN)
    assert violations(result) == []
    [items] = result.form_items
    [deal] = items.deals
    assert _roles(items) == {"acquirer": {"Northwind Holdings, Inc.", "Northwind Merger Sub, Inc."},
                             "target": {"Cellectar Biosciences, Inc."}}
    # The Item's own sentence, then the agreement's preamble in the EX-2.1 (document 2).
    assert deal.evidence[0].document is None and "Item" not in deal.evidence[0].sentence
    assert deal.evidence[-1].document.endswith("/filing/0001144204-17-013452/document/2")
    assert "by and among" in deal.evidence[-1].sentence
    # The agreement's deal went into the Item's: no second copy.
    assert [d for facts in result.agreements for d in facts.deals] == []
    graph = result.graphs[0][1].to_rdflib()
    assert len(set(graph.subjects(EKG.acquirer, None))) == 1
    assert EKG.AgreementGenre in set(graph.objects(None, EKG.genre))


def test_a_long_agreement_is_read_by_its_head_and_says_so() -> None:
    result = extract_source(Source("merger.txt", _submission(LONG_AGREEMENT)), when=WHEN)
    [items] = result.form_items
    [deal] = items.deals
    assert len(deal.evidence) == 2  # the preamble still joined the Item's deal
    assert any("EX-2.1: an agreement of" in w and "read by the head of its body" in w
               for w in result.warnings)


def test_cli_kind_agreement_reads_a_contract_file(tmp_path: Path) -> None:
    contract = tmp_path / "merger-agreement.txt"
    contract.write_text(AGREEMENT)
    output = tmp_path / "out.ttl"
    read = CliRunner().invoke(cli, ["extract", "--kind", "agreement", str(contract), "-o",
                                    str(output), "--base", BASE])
    assert read.exit_code == 0, read.output
    graph = Graph().parse(output)
    assert len(set(graph.objects(None, EKG.acquirer))) == 2
    assert len(set(graph.objects(None, EKG.target))) == 1
    assert EKG.AgreementGenre in set(graph.objects(None, EKG.genre))
