"""The wheel carries ontology/, shapes/ and queries/ in the package for non-editable installs."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_ships_the_data_folders(tmp_path: Path) -> None:
    pytest.importorskip("hatchling", reason="hatchling (the build backend) is in the test extra")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
         "-w", str(tmp_path), "-q"],
        capture_output=True, text=True, check=False,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = tmp_path.glob("edgar_kg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ("extractor/ontology/edgar-kg.ttl", "extractor/ontology/alignment.ttl",
                     "extractor/shapes/filings.ttl", "extractor/shapes/releases.ttl",
                     "extractor/queries/name-history.rq",
                     "extractor/py.typed", "extractor/cli/__main__.py",
                     "extractor/data/lexicon/diseases.tsv", "extractor/text/plain.py",
                     # the trained recognizer, loaded from package data, never downloaded
                     "extractor/data/models/ner/meta.json",
                     "extractor/data/models/ner/ner/model", "extractor/data/models/trained.json"):
        assert expected in names, f"{expected} missing from {wheel.name}"


def test_installed_package_finds_its_data(tmp_path: Path) -> None:
    # Run from an empty folder so the import cannot pick up the source checkout by accident.
    probe = subprocess.run(
        [sys.executable, "-c",
         "import extractor, extractor.resources as r; print(extractor.__file__); "
         "print(r.data_dir('ontology')); print(r.data_dir('queries')); "
         "print(r.data_dir('shapes'))"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    )
    package_file, *folders = probe.stdout.split()
    package_dir = Path(package_file).parent
    if package_dir.parent == ROOT:
        pytest.skip("extractor is installed in editable mode: data comes from the checkout")
    for folder in folders:
        assert Path(folder).parent == package_dir, folder
    assert (package_dir / "ontology" / "edgar-kg.ttl").is_file()
    assert (package_dir / "queries" / "name-history.rq").is_file()
