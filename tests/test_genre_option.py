"""Saying what a file is: `extract --kind` (genre= in Python) reads it as that genre."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from extraction_checks import BASE, WHEN, extract_validated, violations
from rdflib import Graph

from extractor.cli import cli
from extractor.errors import InputError
from extractor.extract import extract_source
from extractor.rdf.vocab import EKG
from extractor.read.source import Source

SEED = Path(__file__).parent / "data" / "seed_8k_cellectar.txt"

# A news story: no dateline, no "announced", no ticker, nothing a release shows.
ARTICLE = b"""Drugmaker bets on antibodies

Beta Pharma Ltd. has agreed to license an oncology antibody from Acme Therapeutics, Inc. for
China, in a deal worth up to $200 million.

Analysts said the move deepens Beta Pharma's pipeline.
"""


def test_an_undetected_file_is_refused_with_the_way_to_say_what_it_is() -> None:
    with pytest.raises(InputError) as caught:
        extract_source(Source("story.txt", ARTICLE))
    assert "--kind" in caught.value.reason and "genre=" in caught.value.reason


def test_a_news_article_is_read_when_the_user_says_so() -> None:
    result = extract_source(Source("story.txt", ARTICLE), when=WHEN, genre="news-article")
    [facts] = result.releases
    [deal] = facts.deals
    roles = {p.role: facts.name_of(p.organization) for p in deal.parties}
    assert deal.kind == "license"
    assert roles == {"licensor": "Acme Therapeutics, Inc.", "licensee": "Beta Pharma Ltd."}
    graph = result.graphs[0][1].to_rdflib()
    assert set(graph.objects(None, EKG.genre)) == {EKG.NewsArticleGenre}


def test_an_unknown_genre_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown genre 'memo'"):
        extract_source(Source("story.txt", ARTICLE), genre="memo")


def test_a_submission_keeps_its_own_genres_and_says_the_option_did_not_apply() -> None:
    plain = extract_validated("seed.txt", SEED.read_bytes())
    forced = extract_source(Source("seed.txt", SEED.read_bytes()), when=WHEN,
                            genre="agreement")
    assert forced.triples == plain.triples
    assert any("--kind agreement applies to files without an SEC header" in w
               for w in forced.warnings)


def test_an_8k_main_document_read_as_form_items(eight_k: Path) -> None:
    name = "1002517_8K_2021_0001193125-21-113796.htm"
    result = extract_validated(name, (eight_k / name).read_bytes())
    forced = extract_source(Source(name, (eight_k / name).read_bytes()), when=WHEN,
                            genre="form-items")
    assert violations(result) == []
    assert [d.kind for f in forced.form_items for d in f.deals] == ["acquisition"]
    assert forced.triples == result.triples  # detection had told the same genre


def test_cli_kind_reads_a_story_and_writes_its_deal(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_bytes(ARTICLE)
    output = tmp_path / "out.ttl"
    runner = CliRunner()
    refused = runner.invoke(cli, ["extract", str(story), "-o", str(output)])
    assert refused.exit_code == 1 and "--kind" in refused.output
    read = runner.invoke(cli, ["extract", "--kind", "news-article", str(story), "-o",
                               str(output), "--base", BASE])
    assert read.exit_code == 0, read.output
    graph = Graph().parse(output)
    assert len(set(graph.subjects(EKG.licensor, None))) == 1
    unknown = runner.invoke(cli, ["extract", "--kind", "memo", str(story)])
    assert unknown.exit_code == 2 and "memo" in unknown.output
