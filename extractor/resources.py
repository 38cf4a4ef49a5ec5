"""Locate the data the package ships: ontology, SHACL shapes and named queries."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def data_dir(name: str) -> Path:
    """The folder `name` (ontology, shapes, queries): inside the installed package when built
    as a wheel, else the top-level folder of the source checkout (editable installs)."""
    packaged = resources.files("extractor") / name
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"edgar-kg data folder {name!r} is missing from the installation")
