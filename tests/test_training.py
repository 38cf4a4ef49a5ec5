"""The training corpus tools: checks, entity spans, and a tiny training run end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.training.annotations import Annotation, Problems, check_annotation, load_annotations
from extractor.training.corpus import annotated_text, document_source
from extractor.training.deals import NO_DEAL, corpus_sentences, train_deal_classifier
from extractor.training.ner import corpus_pieces, score_recognizer, text_pieces, train_recognizer
from extractor.training.roles import (
    NO_ROLE,
    ROLE_LABELS,
    PartyInSentence,
    parties_in_sentences,
    score_roles,
    train_role_classifier,
)
from extractor.training.spans import entity_spans

TRAINING = Path(__file__).resolve().parent.parent / "training"
EXAMPLE = TRAINING / "annotations" / "EXAMPLE.jsonl"
TEXTS = TRAINING / "texts" / "releases"


def _example() -> tuple[Annotation, str]:
    [annotation] = load_annotations(EXAMPLE)
    return annotation, annotated_text(TEXTS / annotation.doc)


def test_the_longest_string_wins_and_words_are_whole() -> None:
    text = "Helix BioPharma Corp. (Helix) named Thomas Mehrling CEO; Helixes are not Helix."
    spans = entity_spans(text, {"ORG": ["Helix", "Helix BioPharma Corp."],
                                "PERSON": ["Thomas  Mehrling"], "TITLE": ["CEO"]})
    assert [(text[s:e], label) for s, e, label in spans] == [
        ("Helix BioPharma Corp.", "ORG"), ("Helix", "ORG"), ("Thomas Mehrling", "PERSON"),
        ("CEO", "TITLE"), ("Helix", "ORG")]


def test_the_example_line_passes_the_checks() -> None:
    annotation, text = _example()
    problems = Problems("EXAMPLE.jsonl")
    check_annotation(annotation, text, problems)
    assert problems.found == []


def test_the_checks_name_what_is_wrong() -> None:
    annotation, text = _example()
    line = json.loads(json.dumps(annotation.line))
    line["entities"]["ORG"].append("Globex Corporation")
    line["deals"] = [{"kind": "license", "roles": {"acquirer": ["Helix"]}, "status": "announced"}]
    line["people"].append({"name": "Jane Roe", "title": "CEO", "org": None})
    problems = Problems("x.jsonl")
    check_annotation(Annotation(line, 3), text, problems,
                     gold_docs=frozenset({annotation.doc}))
    found = "\n".join(problems.found)
    assert "a development-test (gold) file" in found
    assert "ORG 'Globex Corporation' is not in the text" in found
    assert "a license has no role 'acquirer'" in found
    assert "person 'Jane Roe' is not a PERSON entity" in found
    assert all(p.startswith("x.jsonl:3: ") for p in problems.found)


def test_an_8k_annotation_covers_the_main_document_only() -> None:
    raw = ("<DOCUMENT>\n<TYPE>8-K\n<TEXT>\nItem 8.01 Other Events.\n</TEXT>\n</DOCUMENT>\n"
           "<DOCUMENT>\n<TYPE>EX-99.1\n<TEXT>\nA release.\n</TEXT>\n</DOCUMENT>\n")
    assert document_source(raw).strip() == "Item 8.01 Other Events."


def test_pieces_keep_spans_whole_and_offsets_relative() -> None:
    annotation, text = _example()
    spans = entity_spans(text, annotation.entities)
    pieces = text_pieces(annotation.doc, text, spans)
    assert sum(len(p.spans) for p in pieces) == len(spans)
    for piece in pieces:
        for start, end, _ in piece.spans:
            assert piece.text[start:end].strip() == piece.text[start:end]


def test_each_party_of_a_deal_sentence_is_asked_about_with_the_others_masked() -> None:
    annotation, _ = _example()
    parties = parties_in_sentences(annotation)
    assert [(p.party, p.role) for p in parties] == [("Laevoroc Medical AG", "seller"),
                                                     ("Helix", "acquirer")]
    assert parties[0].masked.startswith("In 2019, he founded Partyco, a privately held")
    assert "asset acquisition by Otherco laid" in parties[0].masked
    assert "asset acquisition by Partyco laid" in parties[1].masked


def test_direction_counts_only_sentences_with_every_role_right() -> None:
    def party(mention: int, role: str) -> PartyInSentence:
        return PartyInSentence("d", mention, "", "", role)

    items = [party(0, "acquirer"), party(0, "target"), party(1, "licensor"),
             party(1, "licensee"), party(2, "partner"), party(2, NO_ROLE)]
    scores = score_roles(["acquirer", "target", "licensee", "licensee", "partner", "partner"],
                         items)
    assert (scores.right, scores.total) == (4, 6)
    assert (scores.directed_right, scores.directed) == (1, 2)


def test_a_tiny_training_run_works_end_to_end(tmp_path: Path) -> None:
    annotation, _ = _example()
    pieces = corpus_pieces([annotation], TEXTS)
    trained = train_recognizer(pieces, epochs=2)
    scores = score_recognizer(trained.nlp, pieces)
    assert scores["all"].gold == sum(len(p.spans) for p in pieces) > 50
    assert scores["all"].predicted > 0  # from the English model's weights, ORG and PERSON
    sentences = corpus_sentences([annotation], TEXTS)
    assert {s.kind for s in sentences} == {NO_DEAL, "acquisition"}
    classifier = train_deal_classifier(sentences, epochs=2)
    assert set(classifier.nlp.get_pipe("textcat").labels) >= {NO_DEAL, "license"}
    roles = train_role_classifier(parties_in_sentences(annotation), epochs=2)
    assert roles.nlp.get_pipe("textcat").labels == ROLE_LABELS
    # The same seed gives the same losses: training reproduces.
    assert train_recognizer(pieces, epochs=2).losses == trained.losses


def test_cli_train_measures_and_saves(tmp_path: Path) -> None:
    corpus = tmp_path / "training"
    (corpus / "annotations").mkdir(parents=True)
    (corpus / "texts" / "releases").mkdir(parents=True)
    [annotation] = load_annotations(EXAMPLE)
    (corpus / "annotations" / "releases.jsonl").write_text(EXAMPLE.read_text())
    (corpus / "texts" / "releases" / annotation.doc).write_bytes(
        (TEXTS / annotation.doc).read_bytes())
    runner = CliRunner()
    saved = runner.invoke(cli, ["train", "--corpus", str(corpus), "--output",
                                str(tmp_path / "models"), "--epochs", "1"])
    assert saved.exit_code == 0, saved.output
    assert (tmp_path / "models" / "ner" / "meta.json").is_file()
    assert json.loads((tmp_path / "models" / "trained.json").read_text())["texts"] == 1
    empty = runner.invoke(cli, ["train", "--corpus", str(tmp_path)])
    assert empty.exit_code == 1 and "no annotations under" in empty.output


def test_cli_cross_validation_prints_every_measure(tmp_path: Path) -> None:
    corpus = tmp_path / "training"
    (corpus / "annotations").mkdir(parents=True)
    (corpus / "texts" / "releases").mkdir(parents=True)
    second = "u0223_trident-maritime-systems-announces-strategic-divestiture-of-agi.md"
    lines = [EXAMPLE.read_text().strip()]
    lines += [line for line in (TRAINING / "annotations" / "releases.jsonl").read_text()
              .splitlines() if json.loads(line)["doc"] == second]
    (corpus / "annotations" / "releases.jsonl").write_text("\n".join(lines) + "\n")
    for annotation in load_annotations(corpus / "annotations" / "releases.jsonl"):
        (corpus / "texts" / "releases" / annotation.doc).write_bytes(
            (TEXTS / annotation.doc).read_bytes())
    result = CliRunner().invoke(cli, ["train", "--corpus", str(corpus), "--cross-validate", "2",
                                      "--epochs", "1"])
    assert result.exit_code == 0, result.output
    assert "2-fold cross-validation on 2 texts (seed 15)" in result.output
    for measure in ("ORG", "PERSON", "TITLE", "deal sentences", "party roles in deal sentences",
                    "told new from background"):
        assert measure in result.output
    assert not (tmp_path / "models").exists()


@pytest.mark.slow
@pytest.mark.parametrize("name", ["releases.jsonl", "8k.jsonl"])
def test_the_corpus_annotations_pass_their_checks(name: str) -> None:
    from extractor.training.annotations import check_file

    path = TRAINING / "annotations" / name
    if not path.is_file():
        pytest.skip(f"{name} is not annotated yet")
    folder = "releases" if name.startswith("releases") else "8k"
    assert check_file(path, TRAINING / "texts" / folder) == []


@pytest.mark.parametrize("name", ["releases.jsonl", "8k.jsonl"])
def test_a_sentence_stating_several_deals_is_one_mention(name: str) -> None:
    """GUIDELINES.md decision 19: copies of one sentence, each with one deal's roles, made an
    organization a party in one copy and no party in the next."""
    path = TRAINING / "annotations" / name
    if not path.is_file():
        pytest.skip(f"{name} is not annotated yet")
    repeated = []
    for annotation in load_annotations(path):
        sentences = [m.get("sentence") for m in annotation.deal_mentions]
        repeated += [(annotation.doc, s) for s in set(sentences) if sentences.count(s) > 1]
    assert repeated == []


def test_repeated_mentions_are_settled_into_one_with_every_role() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "settle", TRAINING / "tools" / "settle_repeated_mentions.py")
    assert spec is not None and spec.loader is not None
    settle = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(settle)
    one = "A signed with B and C."
    mentions = [
        {"sentence": "Earlier.", "deal": None, "kind": "other", "roles": {}, "new": False},
        {"sentence": one, "deal": 0, "kind": "supply", "roles": {"partners": ["A", "B"]},
         "new": False},
        {"sentence": one, "deal": 1, "kind": "collaboration", "roles": {"partners": ["A", "C"]},
         "new": True},
        {"sentence": one, "deal": 2, "kind": "collaboration", "roles": {"partners": ["A"]},
         "new": False},
    ]
    assert settle.settled(mentions) == [
        mentions[0],
        {"sentence": one, "deal": None, "kind": "collaboration",
         "roles": {"partners": ["A", "B", "C"]}, "new": True},
    ]
