"""Pictures of the seed: Cellectar's name timeline and its deals with WARF, as SVG and PNG."""

from __future__ import annotations

import datetime as dt
import struct
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import matplotlib
import networkx as nx
import pytest

from extractor.analysis.export import GraphFormatError
from extractor.analysis.network import NotInGraph, deal_network
from extractor.analysis.plots import draw_deal_neighbourhood, picture_format, plot_name_history
from extractor.batch.pipeline import extract_paths
from extractor.edgar.names import DateBound, NameRecord
from extractor.store.embedded import KnowledgeStore

CELLECTAR = "https://w3id.org/edgar-kg/id/cik/0001279704"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def store(seed_path: Path) -> Iterator[KnowledgeStore]:
    with KnowledgeStore(None) as memory:
        assert extract_paths([str(seed_path)], memory).ok
        yield memory


@pytest.fixture(scope="module")
def names(store: KnowledgeStore) -> list[NameRecord]:
    return store.name_history("0001279704")


def svg_texts(path: Path) -> list[str]:
    """The text of every <text> element: with svg.fonttype none, labels stay text."""
    root = ET.parse(path).getroot()
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_seed_has_three_names(names: list[NameRecord]) -> None:
    assert [record.name for record in names] == [
        "COMMON HORIZONS INC", "NOVELOS THERAPEUTICS, INC.", "Cellectar Biosciences, Inc."]


def test_name_timeline_svg(names: list[NameRecord], tmp_path: Path) -> None:
    path = tmp_path / "names.svg"
    plot_name_history(names, path, "Cellectar Biosciences (CIK 0001279704)")
    texts = svg_texts(path)
    for name in ("COMMON HORIZONS INC", "NOVELOS THERAPEUTICS, INC.",
                 "Cellectar Biosciences, Inc.", "Cellectar Biosciences (CIK 0001279704)"):
        assert name in texts
    # Each bar's interval in EDTF: Novelos ended, and Cellectar began, between two dates.
    assert "2004-02-11 → 2005-06-17" in texts
    assert "2005-06-17 → [2005-06-17..2017-03-08]" in texts
    assert "[2005-06-17..2017-03-08] → current (seen 2017-03-08)" in texts
    assert "still current (fades after last seen)" in texts
    assert "start unknown" not in texts  # every start is at least bounded on both sides


def test_name_timeline_png(names: list[NameRecord], tmp_path: Path) -> None:
    path = tmp_path / "names.png"
    plot_name_history(names, path)
    width, height = png_size(path)
    assert width > height > 0


def test_default_title_and_repeatable_svg(names: list[NameRecord], tmp_path: Path) -> None:
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    plot_name_history(names, first)
    plot_name_history(names, second)
    assert "Names of Cellectar Biosciences, Inc. (CIK 0001279704)" in svg_texts(first)
    assert first.read_bytes() == second.read_bytes()


def test_open_ended_and_unknown_bounds(tmp_path: Path) -> None:
    # EDGAR's 1992 load date only bounds a start from above; the last name has no known end.
    records = [
        NameRecord("0000318306", "CHEMEX PHARMACEUTICALS INC",
                   DateBound(None, dt.date(1992, 7, 3)),
                   DateBound.exact(dt.date(1996, 2, 9)), ("a",)),
        NameRecord("0000318306", "ACCESS PHARMACEUTICALS INC",
                   DateBound.exact(dt.date(1996, 2, 9)), DateBound(), ("a",)),
        NameRecord("0000318306", "ABEONA THERAPEUTICS INC.", DateBound(), None, ("a",)),
    ]
    path = tmp_path / "open.svg"
    plot_name_history(records, path, "Abeona")
    texts = svg_texts(path)
    assert "[..1992-07-03] → 1996-02-09" in texts
    assert "1996-02-09 → unknown" in texts
    assert "unknown → current" in texts
    assert {"start unknown", "ended, date unknown", "still current (fades after last seen)"
            } <= set(texts)


def test_deal_neighbourhood_svg(store: KnowledgeStore, tmp_path: Path) -> None:
    path = tmp_path / "deals.svg"
    draw_deal_neighbourhood(deal_network(store), CELLECTAR, path)
    texts = svg_texts(path)
    for label in ("Cellectar Biosciences, Inc.", "Wisconsin Alumni Research Foundation",
                  "Deals of Cellectar Biosciences, Inc.", "license", "investment",
                  "other organization"):
        assert label in texts
    # Both deals run WARF → Cellectar: the legend explains arrows, and no partner line.
    assert any(text.startswith("arrow: licensor→licensee") for text in texts)
    assert not any(text.startswith("line: partners") for text in texts)


def test_deal_neighbourhood_png(store: KnowledgeStore, tmp_path: Path) -> None:
    path = tmp_path / "deals.png"
    draw_deal_neighbourhood(deal_network(store), CELLECTAR, path, depth=2)
    width, height = png_size(path)
    assert width > 0 and height > 0


def test_mixed_directions_in_a_bigger_neighbourhood(tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    for node in "ABCD":
        g.add_node(node, label=f"Org {node}", kind="company" if node == "A" else "organization")
    g.add_edge("A", "B", kind="license", directed=True)
    g.add_edge("B", "C", kind="acquisition", directed=True)
    g.add_edge("C", "D", kind="collaboration", directed=False)
    one, two = tmp_path / "one.svg", tmp_path / "two.svg"
    draw_deal_neighbourhood(g, "A", one, depth=1)
    draw_deal_neighbourhood(g, "A", two, depth=2, title="Around A")
    assert {"Org A", "Org B"} <= set(svg_texts(one))
    assert "Org C" not in svg_texts(one)
    texts = set(svg_texts(two))
    assert {"Around A", "Org A", "Org B", "Org C", "acquisition"} <= texts
    assert "Org D" not in texts  # three hops away
    g.add_edge("A", "D", kind="collaboration", directed=False)
    draw_deal_neighbourhood(g, "A", one)
    assert "line: partners (no direction)" in svg_texts(one)


def test_pictures_leave_matplotlib_settings_alone(names: list[NameRecord],
                                                  tmp_path: Path) -> None:
    backend = matplotlib.get_backend()
    fonttype = matplotlib.rcParams["svg.fonttype"]
    plot_name_history(names, tmp_path / "names.svg")
    assert matplotlib.get_backend() == backend
    assert matplotlib.rcParams["svg.fonttype"] == fonttype


def test_bad_extensions_and_centres(store: KnowledgeStore, names: list[NameRecord],
                                    tmp_path: Path) -> None:
    assert picture_format("x.PNG") == ".png"
    with pytest.raises(GraphFormatError, match=r"unknown picture file extension '\.pdf'; "
                                               r"use one of \.svg, \.png"):
        plot_name_history(names, tmp_path / "names.pdf")
    with pytest.raises(GraphFormatError):
        draw_deal_neighbourhood(deal_network(store), CELLECTAR, tmp_path / "deals.jpg")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(NotInGraph):
        draw_deal_neighbourhood(deal_network(store), "https://example.org/x",
                                tmp_path / "x.svg")


def test_a_one_deal_picture_is_neither_flat_nor_covered_by_its_legend(tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    g.add_node("A", label="ANGLE PLC", kind="company")
    g.add_node("B", label="ASTRAZENECA PLC", kind="company")
    g.add_edge("A", "B", kind="collaboration", directed=False, date="2024-05-08")
    path = tmp_path / "one.png"
    draw_deal_neighbourhood(g, "A", path)
    width, height = png_size(path)
    assert height > width / 3  # it was 960×125 before, the legend on the nodes
    svg = tmp_path / "one.svg"
    draw_deal_neighbourhood(g, "A", svg)
    assert "collaboration 2024-05-08" in svg_texts(svg)  # the edge says its kind and date


def test_background_deals_are_dashed_or_left_out(store: KnowledgeStore, tmp_path: Path) -> None:
    network = deal_network(store)
    kept, left_out = tmp_path / "all.svg", tmp_path / "news.svg"
    draw_deal_neighbourhood(network, CELLECTAR, kept)
    draw_deal_neighbourhood(network, CELLECTAR, left_out, background=False)
    # The seed's investment is told as background ("one of our largest shareholders").
    assert "dashed: a deal mentioned as background, not news" in svg_texts(kept)
    assert "investment" in svg_texts(kept)
    texts = svg_texts(left_out)
    assert "investment" not in texts and "license 2017-03-08" in texts


def test_a_name_held_for_no_time_is_a_visible_mark(tmp_path: Path) -> None:
    day = DateBound.exact(dt.date(2005, 3, 1))
    records = [NameRecord("1", "OLD INC", DateBound.exact(dt.date(2001, 1, 1)), day, ("a",)),
               NameRecord("1", "ONE DAY INC", day, day, ("a",)),
               NameRecord("1", "NEW INC", day, None, ("a",), seen=dt.date(2010, 1, 1))]
    def marks(chosen: list[NameRecord], name: str) -> int:
        path = tmp_path / name
        plot_name_history(chosen, path)
        return sum(1 for element in ET.parse(path).getroot().iter()
                   if element.tag.endswith("}use"))  # markers are drawn as <use> of a shape

    # Without a bar it would leave no trace; with the diamond it adds one mark to the picture.
    assert marks(records, "all.svg") == marks([records[0], records[2]], "two.svg") + 1
