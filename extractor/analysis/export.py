"""Writing a network view to a file: GraphML and GEXF for Gephi and Cytoscape, or JSON."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import StoreError

GRAPH_FORMATS = {".graphml": "graphml", ".gexf": "gexf", ".json": "node-link JSON"}


class GraphFormatError(StoreError):
    """An output file's extension names no format the writer knows."""


def graph_format(path: str | os.PathLike[str]) -> str:
    """The export format a file name asks for, or GraphFormatError listing the known ones."""
    suffix = Path(path).suffix.lower()
    if suffix not in GRAPH_FORMATS:
        known = ", ".join(GRAPH_FORMATS)
        raise GraphFormatError(f"{path}: unknown graph file extension {suffix!r}; "
                               f"use one of {known}")
    return suffix


def _scalar(value: Any) -> str | int | float | bool | None:
    if value is None:
        return None
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return "|".join(sorted(str(item) for item in value))
    return str(value)


def _clean(attributes: dict[str, Any]) -> dict[str, Any]:
    cleaned = {}
    for key, value in attributes.items():
        scalar = _scalar(value)
        if scalar is not None:
            cleaned[str(key)] = scalar
    return cleaned


def export_safe(graph: nx.Graph) -> nx.Graph:
    """A copy whose graph, node and edge attributes are all scalars, with no None values.

    GraphML and GEXF accept only strings, numbers and booleans, and Gephi and Cytoscape
    reject files whose attributes say "None"; lists become "|"-joined strings.
    """
    safe = graph.__class__()
    safe.graph.update(_clean(graph.graph))
    safe.add_nodes_from((node, _clean(data)) for node, data in graph.nodes(data=True))
    if graph.is_multigraph():
        safe.add_edges_from((u, v, key, _clean(data))
                            for u, v, key, data in graph.edges(keys=True, data=True))
    else:
        safe.add_edges_from((u, v, _clean(data)) for u, v, data in graph.edges(data=True))
    return safe


def export_graph(graph: nx.Graph, path: str | os.PathLike[str]) -> str:
    """Write `graph` as .graphml, .gexf or .json (networkx node-link); returns the format.

    The files open in Gephi and Cytoscape (GraphML, GEXF) and in d3 or networkx (JSON, read
    back with `nx.node_link_graph(data, edges="edges")`).
    """
    suffix = graph_format(path)
    safe = export_safe(graph)
    try:
        if suffix == ".graphml":
            nx.write_graphml(safe, path)
        elif suffix == ".gexf":
            nx.write_gexf(safe, path)
        else:
            data = nx.node_link_data(safe, edges="edges")
            Path(path).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n",
                                  encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return GRAPH_FORMATS[suffix]
