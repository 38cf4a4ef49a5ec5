"""Shared fixtures: the seed filing kept in the repo, and the real EDGAR corpus kept beside it.

The corpus lives outside the repository, in ``../shared/corpus/edgar`` relative to the repo
root. Tests that need it skip (with the reason) when it is not there, so the suite still runs
from a bare checkout.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.batch.pipeline import extract_paths
from extractor.cli import cli
from extractor.edgar.filing import parse_submission
from extractor.edgar.records import Submission
from extractor.read.kinds import decode
from extractor.store.embedded import KnowledgeStore

SEED = Path(__file__).parent / "data" / "seed_8k_cellectar.txt"
SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"
EDGAR_CORPUS = SHARED_DIR / "corpus" / "edgar"
# Files in the corpus folder that describe it and are not inputs.
CORPUS_NOT_INPUTS = frozenset({"MANIFEST.tsv", "README.md"})

_NO_SHARED = f"shared folder {SHARED_DIR} is absent (the corpus is kept outside the repo)"
_NO_CORPUS = f"EDGAR corpus {EDGAR_CORPUS} is absent"


def corpus_input_names() -> list[str]:
    """Names of every input file in the corpus folder, sorted; empty if it is absent."""
    if not EDGAR_CORPUS.is_dir():
        return []
    return sorted(
        path.name for path in EDGAR_CORPUS.iterdir()
        if path.is_file() and path.name not in CORPUS_NOT_INPUTS and not path.name.startswith(".")
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # A test asking for `corpus_file_name` runs once per corpus input, or is skipped (with
    # the reason) when the corpus is absent.
    if "corpus_file_name" in metafunc.fixturenames:
        names = corpus_input_names()
        if names:
            metafunc.parametrize("corpus_file_name", names, ids=names)
        else:
            metafunc.parametrize(
                "corpus_file_name",
                [pytest.param(None, marks=pytest.mark.skip(reason=_NO_CORPUS), id="no-corpus")],
            )


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder next to the repo, or skip."""
    if not SHARED_DIR.is_dir():
        pytest.skip(_NO_SHARED)
    return SHARED_DIR


@pytest.fixture(scope="session")
def eight_k(shared_dir: Path) -> Path:
    """The folder of real 8-K main documents (../shared/corpus/8k), or skip."""
    folder = shared_dir / "corpus" / "8k"
    if not folder.is_dir():
        pytest.skip(f"8-K corpus {folder} is absent")
    return folder


@pytest.fixture(scope="session")
def edgar_corpus(shared_dir: Path) -> Path:
    """The folder of real EDGAR files (../shared/corpus/edgar), or skip."""
    corpus = shared_dir / "corpus" / "edgar"
    if not corpus.is_dir():
        pytest.skip(_NO_CORPUS)
    return corpus


@pytest.fixture(scope="session")
def parse_file(edgar_corpus: Path) -> Callable[[str], Submission]:
    """parse_file(name): the parsed Submission of one corpus file (EDGAR bytes, decoded)."""

    def parse(name: str) -> Submission:
        path = edgar_corpus / name
        if not path.is_file():
            pytest.fail(f"corpus file {name} is missing from {edgar_corpus}")
        return parse_submission(decode(path.read_bytes()))

    return parse


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed 8-K (Cellectar, 2017) kept in the repo; always present."""
    return Path(__file__).parent / "data" / "seed_8k_cellectar.txt"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def store(tmp_path: Path, runner: CliRunner) -> str:
    """A store folder holding the seed filing, extracted by the command line."""
    path = str(tmp_path / "kg.db")
    result = runner.invoke(cli, ["extract", str(SEED), "--store", path])
    assert result.exit_code == 0, result.output
    return path


QUERY_FIXTURE = Path(__file__).parent / "data" / "query_fixture.trig"


@pytest.fixture(scope="module")
def seed_and_fixture_store() -> Iterator[KnowledgeStore]:
    """The seed 8-K as the extractor writes it, plus the hand-written query fixture graphs."""
    kg = KnowledgeStore(None)
    summary = extract_paths([str(SEED)], kg)
    assert not summary.failures
    kg.load_file(QUERY_FIXTURE)
    yield kg
    kg.close()
