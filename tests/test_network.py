"""The networkx views on the seed 8-K, their analysis, export round trips and the graph CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import click
import networkx as nx
import pytest
from click.testing import CliRunner
from seed_facts import (
    CELLECTAR,
    ID,
    INVESTMENT_DEAL,
    INVESTMENT_SENTENCE,
    LICENSE_DEAL,
    LICENSE_SENTENCE,
    WARF,
)

from extractor.analysis.export import GraphFormatError, export_graph
from extractor.analysis.measures import (
    NoPath,
    communities,
    neighbors,
    network_stats,
    relationship_path,
    top_nodes,
)
from extractor.analysis.network import (
    NotInGraph,
    UnknownView,
    build_view,
    company_products,
    deal_network,
    person_companies,
    product_indications,
    resolve_node,
)
from extractor.batch.pipeline import extract_paths
from extractor.cli.graph import graph
from extractor.errors import UnknownCompany
from extractor.store.embedded import KnowledgeStore

BASE = ID


@pytest.fixture(scope="module")
def store(seed_path: Path) -> Iterator[KnowledgeStore]:
    with KnowledgeStore(None) as memory:
        summary = extract_paths([str(seed_path)], memory)
        assert summary.ok
        yield memory


@pytest.fixture(scope="module")
def deals(store: KnowledgeStore) -> nx.MultiDiGraph:
    return deal_network(store)


# --- the views on the seed -------------------------------------------------------------------


def test_warf_licenses_to_cellectar(deals: nx.MultiDiGraph) -> None:
    assert deals.has_edge(WARF, CELLECTAR, key=LICENSE_DEAL)
    assert deals.edges[WARF, CELLECTAR, LICENSE_DEAL] == {
        "kind": "license", "source_role": "licensor", "target_role": "licensee",
        "directed": True, "is_new": True, "deal": LICENSE_DEAL, "date": "2017-03-08",
        "evidence": LICENSE_SENTENCE,
    }
    # WARF's stake is reported as background: an old investment, so it has no deal date.
    assert deals.edges[WARF, CELLECTAR, INVESTMENT_DEAL] == {
        "kind": "investment", "source_role": "investor", "target_role": "investee",
        "directed": True, "is_new": False, "deal": INVESTMENT_DEAL,
        "evidence": INVESTMENT_SENTENCE,
    }
    assert not deals.has_edge(CELLECTAR, WARF)
    assert dict(deals.nodes(data=True)) == {
        WARF: {"label": "Wisconsin Alumni Research Foundation", "kind": "organization"},
        CELLECTAR: {"label": "Cellectar Biosciences, Inc.", "kind": "company",
                    "cik": "0001279704"},
    }
    assert deals.graph == {"view": "deals", "kind": "all"}


def test_deal_kind_filter(store: KnowledgeStore) -> None:
    licenses = deal_network(store, "license")
    assert list(licenses.edges(keys=True)) == [(WARF, CELLECTAR, LICENSE_DEAL)]
    assert deal_network(store, "merger").number_of_nodes() == 0
    with pytest.raises(UnknownView, match="unknown deal kind 'licence'; kinds: license, option"):
        deal_network(store, "licence")
    with pytest.raises(UnknownView, match="only applies to the deals view"):
        build_view(store, "people", "license")
    with pytest.raises(UnknownView, match="views: deals, ownership, products, indications, people"):
        build_view(store, "filings")


def test_products_view(store: KnowledgeStore) -> None:
    products = company_products(store)
    clr_131 = BASE + "product/clr-131"
    assert products.nodes[clr_131] == {"label": "CLR 131", "kind": "product", "bipartite": 1}
    assert products.nodes[CELLECTAR]["bipartite"] == 0
    assert dict(products[clr_131]) == {
        CELLECTAR: {"kind": "deal asset", "roles": "licensee", "deals": 1},
        WARF: {"kind": "deal asset", "roles": "licensor", "deals": 1},
    }
    # CLR 1602-PTX and paclitaxel are only mentioned: no owner, no deal, so not linked.
    assert products.number_of_nodes() == 3


def test_indications_view(store: KnowledgeStore) -> None:
    indications = product_indications(store)
    labels = {indications.nodes[n]["label"] for n in indications[BASE + "product/clr-131"]}
    assert labels == {"multiple myeloma", "hematologic malignancies"}
    assert {kind for _, kind in indications.nodes(data="kind")} == {"product", "indication"}


def test_people_view(store: KnowledgeStore) -> None:
    people = person_companies(store)
    titles = {(people.nodes[person]["label"], people.nodes[organization]["label"], title)
              for person, organization, title in people.edges(data="title")}
    named = {frozenset((a, b)): t for a, b, t in titles}
    assert named == {
        frozenset(("Jim Caruso", "Cellectar Biosciences, Inc.")): "president and CEO",
        frozenset(("Chad J. Kolean", "Cellectar Biosciences, Inc.")):
            "Vice President and Chief Financial Officer",
        frozenset(("Carrie Thome", "Wisconsin Alumni Research Foundation")):
            "director of investments",
    }
    stats = network_stats(people)
    assert (stats.nodes, stats.edges, stats.components, stats.largest_component) == (5, 3, 2, 3)


# --- analysis on the seed --------------------------------------------------------------------


def test_stats(deals: nx.MultiDiGraph) -> None:
    stats = network_stats(deals)
    assert (stats.view, stats.nodes, stats.edges, stats.components,
            stats.largest_component, stats.density) == ("deals", 2, 2, 1, 2, 1.0)
    assert stats.node_kinds == {"company": 1, "organization": 1}
    assert stats.edge_kinds == {"investment": 1, "license": 1}
    assert stats.degree_distribution == {2: 2}
    assert ("edges[license]", 1) in stats.rows()


def test_top(deals: nx.MultiDiGraph) -> None:
    by_degree = top_nodes(deals, "degree")
    assert [(r.label, r.score) for r in by_degree] == [
        ("Cellectar Biosciences, Inc.", 2), ("Wisconsin Alumni Research Foundation", 2)]
    by_pagerank = top_nodes(deals, "pagerank", n=1)
    assert len(by_pagerank) == 1 and by_pagerank[0].score == pytest.approx(0.5)
    with pytest.raises(UnknownView, match="rankings: pagerank, degree, betweenness"):
        top_nodes(deals, "closeness")


@pytest.mark.parametrize("name, node", [
    ("WARF", WARF), ("wisconsin alumni research foundation", WARF), ("1279704", CELLECTAR),
    ("Novelos", CELLECTAR), ("Common Horizons Inc", CELLECTAR), (CELLECTAR, CELLECTAR),
])
def test_names_resolve_to_nodes(store: KnowledgeStore, deals: nx.MultiDiGraph, name: str,
                                node: str) -> None:
    assert resolve_node(store, deals, name) == node


def test_names_that_are_not_nodes(store: KnowledgeStore, deals: nx.MultiDiGraph) -> None:
    with pytest.raises(NotInGraph,
                       match=r"National Institute of Health \(.*\) is party to no deal"):
        resolve_node(store, deals, "National Institute of Health")
    with pytest.raises(UnknownCompany, match="no company or organization named 'Pfizer'"):
        resolve_node(store, deals, "Pfizer")
    # Products, indications and people are found by their label in their own views.
    products = company_products(store)
    assert resolve_node(store, products, "clr 131") == BASE + "product/clr-131"


def test_path_from_warf_to_cellectar(store: KnowledgeStore, deals: nx.MultiDiGraph) -> None:
    hops = relationship_path(deals, resolve_node(store, deals, "WARF"),
                             resolve_node(store, deals, "Novelos Therapeutics"))
    assert len(hops) == 1
    hop = hops[0]
    assert (hop.source_label, hop.source_role, hop.kind, hop.target_role, hop.target_label,
            hop.date, hop.deal, hop.edges) == (
        "Wisconsin Alumni Research Foundation", "licensor", "license", "licensee",
        "Cellectar Biosciences, Inc.", "2017-03-08", LICENSE_DEAL, 2)
    assert hop.evidence == LICENSE_SENTENCE
    back = relationship_path(deals, CELLECTAR, WARF)[0]
    assert (back.source, back.source_role, back.target_role) == (CELLECTAR, "licensee",
                                                                 "licensor")
    assert relationship_path(deals, WARF, WARF) == []


def test_neighbors(deals: nx.MultiDiGraph) -> None:
    (near,) = neighbors(deals, CELLECTAR)
    assert (near.node, near.distance, near.via, near.relations) == (
        WARF, 1, CELLECTAR, ("investment (investor)", "license (licensor)"))
    assert neighbors(deals, WARF, depth=3)[0].relations == ("investment (investee)",
                                                            "license (licensee)")


def test_communities(store: KnowledgeStore, deals: nx.MultiDiGraph) -> None:
    assert communities(deals) == [[CELLECTAR, WARF]]
    people = person_companies(store)
    labels = [[people.nodes[n]["label"] for n in group] for group in communities(people)]
    assert labels == [["Cellectar Biosciences, Inc.", "Chad J. Kolean", "Jim Caruso"],
                      ["Carrie Thome", "Wisconsin Alumni Research Foundation"]]


# --- a small graph whose figures can be checked by hand --------------------------------------


def _hand_graph() -> nx.MultiDiGraph:
    """A licenses to and invests in B, B acquires C, C and D collaborate; E and F too."""
    g = nx.MultiDiGraph(view="deals")
    for node in "ABCDEF":
        g.add_node(node, label=f"Org {node}", kind="organization")

    def deal(u: str, v: str, key: str, kind: str, roles: tuple[str, str],
             date: str | None) -> None:
        g.add_edge(u, v, key=key, kind=kind, source_role=roles[0], target_role=roles[1],
                   directed=roles[0] != "partner", date=date, deal=key,
                   evidence=f"{u} and {v}: {kind}.")

    deal("A", "B", "d1", "license", ("licensor", "licensee"), "2020-01-01")
    deal("A", "B", "d2", "investment", ("investor", "investee"), "2021-05-05")
    deal("B", "C", "d3", "acquisition", ("acquirer", "target"), "2022-02-02")
    deal("C", "D", "d4", "collaboration", ("partner", "partner"), None)
    deal("E", "F", "d5", "collaboration", ("partner", "partner"), None)
    return g


def test_hand_graph_stats_and_top() -> None:
    g = _hand_graph()
    stats = network_stats(g)
    assert (stats.nodes, stats.edges, stats.components, stats.largest_component) == (6, 5, 2, 4)
    # Degrees A 2, B 3, C 2, D 1, E 1, F 1: the two A-B deals both count.
    assert stats.degree_distribution == {1: 3, 2: 2, 3: 1}
    assert [(r.node, r.score) for r in top_nodes(g, "degree", 3)] == [
        ("B", 3), ("A", 2), ("C", 2)]
    # Normalised betweenness: B sits on A-C and A-D, C on A-D and B-D; 2 of the 10 pairs of
    # the five other nodes each, so 2 / 10 = 0.2.
    between = top_nodes(g, "betweenness", 3)
    assert [(r.node, r.score) for r in between] == [
        ("B", pytest.approx(0.2)), ("C", pytest.approx(0.2)), ("A", 0.0)]
    ranks = top_nodes(g, "pagerank", 6)
    assert ranks[0].node == "B"
    assert sum(r.score for r in ranks) == pytest.approx(1.0)


def test_hand_graph_path() -> None:
    hops = relationship_path(_hand_graph(), "A", "D")
    assert [(h.source, h.source_role, h.kind, h.target_role, h.target, h.directed, h.date,
             h.edges) for h in hops] == [
        # Of the two A-B deals the newest dated one is shown.
        ("A", "investor", "investment", "investee", "B", True, "2021-05-05", 2),
        ("B", "acquirer", "acquisition", "target", "C", True, "2022-02-02", 1),
        ("C", "partner", "collaboration", "partner", "D", False, None, 1),
    ]
    assert hops[1].evidence == "B and C: acquisition."
    back = relationship_path(_hand_graph(), "D", "A")
    assert [(h.source, h.source_role, h.target_role) for h in back] == [
        ("D", "partner", "partner"), ("C", "target", "acquirer"), ("B", "investee", "investor")]
    with pytest.raises(NoPath, match=r"no chain of deals connects Org A \(A\) and Org E"):
        relationship_path(_hand_graph(), "A", "E")
    with pytest.raises(NotInGraph, match="Z is not a node of the deals view"):
        relationship_path(_hand_graph(), "A", "Z")


def test_hand_graph_neighbors_and_communities() -> None:
    g = _hand_graph()
    assert [(n.node, n.distance, n.via, n.relations) for n in neighbors(g, "A", depth=2)] == [
        ("B", 1, "A", ("investment (investee)", "license (licensee)")),
        ("C", 2, "B", ("acquisition (target)",)),
    ]
    # Modularity with weights A-B 2, B-C 1, C-D 1, E-F 1 (m = 5): {A,B} {C,D} {E,F} scores
    # (0.4 - 0.25) + (0.2 - 0.09) + (0.2 - 0.04) = 0.42, above {A,B,C,D} {E,F} at 0.32.
    assert communities(g, seed=0) == [["A", "B"], ["C", "D"], ["E", "F"]]
    assert communities(g, seed=7) == communities(g, seed=7)


# --- export ----------------------------------------------------------------------------------


def _read_back(path: Path) -> nx.Graph:
    if path.suffix == ".graphml":
        return nx.read_graphml(path)
    if path.suffix == ".gexf":
        return nx.read_gexf(path)
    return nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".json"])
def test_export_round_trip(deals: nx.MultiDiGraph, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"deals{suffix}"
    export_graph(deals, path)
    back = _read_back(path)
    assert back.is_directed() and back.is_multigraph()
    assert set(back.nodes) == {WARF, CELLECTAR}
    assert back.number_of_edges() == 2
    assert back.nodes[CELLECTAR]["label"] == "Cellectar Biosciences, Inc."
    assert back.nodes[CELLECTAR]["cik"] == "0001279704"  # leading zeros kept: a string
    assert back.nodes[WARF]["kind"] == "organization"
    edges = {data["deal"]: data for _, _, data in back.edges(data=True)}
    license_edge = edges[LICENSE_DEAL]
    assert (license_edge["kind"], license_edge["source_role"], license_edge["target_role"],
            license_edge["directed"], license_edge["is_new"], license_edge["date"]) == (
        "license", "licensor", "licensee", True, True, "2017-03-08")
    assert license_edge["evidence"] == LICENSE_SENTENCE
    # The investment has no date: the attribute is left out, never written as "None".
    assert "date" not in edges[INVESTMENT_DEAL]
    assert "None" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".json"])
def test_export_makes_attributes_safe(tmp_path: Path, suffix: str) -> None:
    g = _hand_graph()
    g.nodes["A"]["aliases"] = ["Alpha", "A Corp"]  # GraphML and GEXF take no lists
    path = tmp_path / f"hand{suffix}"
    export_graph(g, path)
    back = _read_back(path)
    assert back.nodes["A"]["aliases"] == "A Corp|Alpha"
    dates = {data["deal"]: data.get("date") for _, _, data in back.edges(data=True)}
    assert dates == {"d1": "2020-01-01", "d2": "2021-05-05", "d3": "2022-02-02",
                     "d4": None, "d5": None}
    assert g.nodes["A"]["aliases"] == ["Alpha", "A Corp"]  # the caller's graph is untouched


def test_export_refuses_unknown_extensions(deals: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(GraphFormatError, match=r"unknown graph file extension '\.csv'; use "
                                               r"one of \.graphml, \.gexf, \.json"):
        export_graph(deals, tmp_path / "deals.csv")
    assert not (tmp_path / "deals.csv").exists()


# --- the CLI ---------------------------------------------------------------------------------


@click.group()
def cli() -> None:
    """Stands in for the edgar-kg group until cli.py adds `graph`."""


cli.add_command(graph)


@pytest.fixture(scope="module")
def store_dir(seed_path: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("graph") / "kg.db"
    with KnowledgeStore(path) as disk:
        assert extract_paths([str(seed_path)], disk).ok
    return str(path)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["graph", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_every_graph_command_has_help() -> None:
    for name, command in graph.commands.items():
        assert command.help and command.help.strip(), name
    assert set(graph.commands) == {"stats", "top", "path", "neighbors", "communities",
                                   "export", "draw"}


def test_cli_stats_and_top(store_dir: str) -> None:
    code, output = run("stats", "--store", store_dir, "--format", "json")
    assert code == 0, output
    figures = json.loads(output)
    assert (figures["nodes"], figures["edges"], figures["components"]) == (2, 2, 1)
    assert figures["edge_kinds"] == {"investment": 1, "license": 1}
    code, output = run("top", "--by", "degree", "-n", "1", "--store", store_dir,
                       "--format", "csv")
    assert code == 0, output
    assert output.splitlines() == ["rank,name,kind,degree,node",
                                   f'1,"Cellectar Biosciences, Inc.",company,2,{CELLECTAR}']
    code, output = run("stats", "--view", "people", "--store", store_dir)
    assert code == 0 and "nodes[person]        3" in output


def test_cli_path_with_evidence(store_dir: str) -> None:
    code, output = run("path", "WARF", "Cellectar", "--store", store_dir, "--format", "json")
    assert code == 0, output
    assert json.loads(output) == [{
        "hop": 1, "from": "Wisconsin Alumni Research Foundation", "from_role": "licensor",
        "kind": "license", "to_role": "licensee", "to": "Cellectar Biosciences, Inc.",
        "date": "2017-03-08", "evidence": LICENSE_SENTENCE,
    }]


def test_cli_neighbors_and_communities(store_dir: str) -> None:
    code, output = run("neighbors", "0001279704", "--store", store_dir, "--format", "csv")
    assert code == 0, output
    assert output.splitlines()[1] == (
        "1,Wisconsin Alumni Research Foundation,organization,"
        "investment (investor)|license (licensor),\"Cellectar Biosciences, Inc.\"," + WARF)
    code, output = run("neighbors", "0001279704", "--store", store_dir, "--format", "json")
    assert json.loads(output)[0]["relations"] == ["investment (investor)", "license (licensor)"]
    code, output = run("communities", "--view", "people", "--store", store_dir,
                       "--format", "json")
    assert code == 0, output
    groups = json.loads(output)
    assert [row["size"] for row in groups] == [3, 2]
    assert all(len(row["members"]) == row["size"] for row in groups)


def test_cli_export_and_draw(store_dir: str, tmp_path: Path) -> None:
    target = tmp_path / "deals.graphml"
    code, output = run("export", "-o", str(target), "--store", store_dir)
    assert code == 0, output
    assert output.strip() == f"2 nodes, 2 edges (deals) -> {target} (graphml)"
    assert set(nx.read_graphml(target).nodes) == {WARF, CELLECTAR}
    picture = tmp_path / "cellectar.svg"
    code, output = run("draw", "Cellectar", "-o", str(picture), "--store", store_dir)
    assert code == 0, output
    assert "Wisconsin Alumni Research Foundation" in picture.read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    (("path", "WARF", "Acme Widgets"),
     "error: no company or organization named 'Acme Widgets' in the store"),
    (("neighbors", "National Institute of Health"), "National Institute of Health (" + BASE
     + "org/national-institute-of-health) is party to no deal"),
    (("export", "-o", "deals.csv"), "unknown graph file extension '.csv'"),
    (("draw", "WARF", "-o", "warf.pdf"), "unknown picture file extension '.pdf'; use one of "
                                         ".svg, .png"),
    (("stats", "--view", "people", "--kind", "license"), "only applies to the deals view"),
])
def test_cli_errors_are_messages(store_dir: str, args: tuple[str, ...], message: str) -> None:
    code, output = run(*args, "--store", store_dir)
    assert code == 1
    assert message in output
