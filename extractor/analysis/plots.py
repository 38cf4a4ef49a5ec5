"""Pictures drawn with matplotlib: a company's name timeline and its deal neighbourhood."""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.dates as mdates
import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch

from ..edgar.names import NameRecord
from ..errors import StoreError
from ..nlp.facts import DEAL_KINDS
from .export import GraphFormatError
from .measures import neighborhood_graph

PICTURE_FORMATS = (".svg", ".png")
# SVG keeps text as <text> elements (searchable, and names stay names); a fixed hash salt and
# no date make the same picture give the same file every time.
_RC = {"svg.fonttype": "none", "svg.hashsalt": "edgar-kg"}
_SAVE_METADATA = {".svg": {"Date": None}, ".png": {}}

# One colour per deal kind, fixed so a kind keeps its colour from picture to picture.
_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
            "#17becf", "#7f7f7f", "#bcbd22")
KIND_COLORS: dict[str, str] = dict(zip(DEAL_KINDS, _PALETTE, strict=False))
# Relationships EDGAR states outright (the ownership view), in colours no deal kind uses.
KIND_COLORS.update({"subsidiary": "#276749", "insider": "#b7791f", "owner": "#553c9a"})
_OTHER_COLOR = _PALETTE[-1]

NODE_COLORS = {"company": "#4a5568", "organization": "#cbd5e0", "product": "#9ae6b4",
               "indication": "#fbb6ce", "person": "#faf089"}
NODE_LABELS = {"company": "company (EDGAR CIK)", "organization": "other organization",
               "product": "product", "indication": "indication", "person": "person"}

_KNOWN = "#2b6cb0"  # the name was in use
_UNSURE = "#a3bfe0"  # the change happened somewhere in this range, or the name may go on


def picture_format(path: str | os.PathLike[str]) -> str:
    """The picture format a file name asks for (".svg" or ".png"), or GraphFormatError."""
    suffix = Path(path).suffix.lower()
    if suffix not in PICTURE_FORMATS:
        raise GraphFormatError(f"{path}: unknown picture file extension {suffix!r}; "
                               f"use one of {', '.join(PICTURE_FORMATS)}")
    return suffix


def _save(figure: Figure, path: str | os.PathLike[str], suffix: str) -> None:
    FigureCanvasAgg(figure)  # Agg, whatever backend pyplot or a notebook has chosen
    try:
        figure.savefig(path, format=suffix[1:], dpi=150, bbox_inches="tight",
                       metadata=_SAVE_METADATA[suffix])
    except OSError as exc:
        raise StoreError(f"{path}: cannot write: {exc.strerror or exc}") from None


# --- name history ----------------------------------------------------------------------------


def _known_dates(records: Sequence[NameRecord]) -> list[dt.date]:
    dates: list[dt.date] = []
    for record in records:
        for bound in (record.start, record.end):
            if bound is not None:
                dates += [d for d in (bound.earliest, bound.latest) if d is not None]
        if record.seen is not None:
            dates.append(record.seen)
    return dates


def _span(records: Sequence[NameRecord]) -> tuple[float, float]:
    """The x range in matplotlib date numbers, with room for open ends on both sides."""
    dates = _known_dates(records) or [dt.date.today()]
    low, high = mdates.date2num(min(dates)), mdates.date2num(max(dates))
    width = max(high - low, 365.0)
    return low - 0.12 * width, high + 0.15 * width


def _bar(axes: Any, y: float, start: float, end: float, known: bool) -> None:
    if end <= start:
        # A name held for no time at all (its start and end fall on one day) is still a
        # name: a diamond marks the day, where a bar would have no width.
        axes.plot([start], [y], marker="D", markersize=7, color=_KNOWN if known else _UNSURE,
                  markeredgecolor=_KNOWN, zorder=3)
        return
    if known:
        axes.barh(y, end - start, left=start, height=0.5, color=_KNOWN, edgecolor=_KNOWN)
    else:
        axes.barh(y, end - start, left=start, height=0.5, color=_UNSURE, edgecolor=_KNOWN,
                  hatch="///", linewidth=0.6)


def _fade(axes: Any, y: float, start: float, end: float, rising: bool) -> None:
    """An open end: the bar fades out towards the edge (or in from it) in even steps."""
    if end <= start:
        return
    steps = 16
    width = (end - start) / steps
    for step in range(steps):
        share = (step + 0.5) / steps
        alpha = 0.85 * (share if rising else 1 - share)
        axes.barh(y, width, left=start + step * width, height=0.5, color=_KNOWN,
                  alpha=max(alpha, 0.04), linewidth=0)


def _interval_text(record: NameRecord) -> str:
    start = record.start.edtf() or "unknown"
    if record.end is None:
        end = f"current (seen {record.seen.isoformat()})" if record.seen else "current"
    else:
        end = record.end.edtf() or "unknown"
    return f"{start} → {end}"


def plot_name_history(records: Sequence[NameRecord], path: str | os.PathLike[str],
                      title: str | None = None) -> None:
    """Draw a company's names as horizontal bars over time to an .svg or .png file.

    Solid bars are the span a name was surely in use; hatched parts are spans where the change
    happened at some unknown day (a start or end known only to lie between two dates). A
    current name runs on to the right edge and ends in an arrow; a start known only as "on or
    before" (EDGAR's 1992 load date) fades in from the left edge with an open marker. Each bar
    is labelled with the name and its EDTF interval. The title defaults to the newest name
    and the CIK.
    """
    suffix = picture_format(path)
    left, right = _span(records)
    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=(9, 1.2 + 0.75 * max(len(records), 1)))
        axes = figure.add_subplot()
        count = len(records)
        for index, record in enumerate(records):
            y = count - 1 - index  # oldest name on top
            start = record.start
            known_from = None
            if not start.is_unknown:
                known_from = mdates.date2num(start.latest or start.earliest)
                if start.earliest is None:
                    _fade(axes, y, left, known_from, rising=True)
                elif not start.is_exact:
                    _bar(axes, y, mdates.date2num(start.earliest), known_from, known=False)
            if start.earliest is None:
                axes.plot([left], [y], marker="<", markersize=9, markerfacecolor="white",
                          markeredgecolor=_KNOWN, clip_on=False)
            end = record.end
            if end is None:
                if known_from is None:
                    _fade(axes, y, left, right, rising=True)
                else:
                    until = max(known_from, mdates.date2num(record.seen or dt.date.min))
                    _bar(axes, y, known_from, until, known=True)
                    _fade(axes, y, until, right, rising=False)
                axes.plot([right], [y], marker=">", markersize=9, color=_KNOWN, clip_on=False)
            elif end.is_unknown:
                # Known to have ended, but not when: an open marker where knowledge stops.
                stop = known_from if known_from is not None else left
                _fade(axes, y, stop, right, rising=False)
                axes.plot([right], [y], marker="o", markersize=7, markerfacecolor="white",
                          markeredgecolor=_KNOWN, clip_on=False)
            else:
                surely_until = mdates.date2num(end.earliest or end.latest)
                if known_from is None:
                    _fade(axes, y, left, surely_until, rising=True)
                else:
                    _bar(axes, y, known_from, surely_until, known=True)
                if end.latest is not None and not end.is_exact:
                    _bar(axes, y, surely_until, mdates.date2num(end.latest), known=False)
            axes.annotate(_interval_text(record), (left, y), xytext=(4, -14),
                          textcoords="offset points", fontsize=7.5, color="#444444",
                          va="top")
        if not records:
            axes.text(0.5, 0.5, "no names recorded", transform=axes.transAxes, ha="center")
        axes.set_yticks(range(count), [r.name for r in reversed(records)])
        axes.set_ylim(-0.9, max(count, 1) - 0.3)
        axes.set_xlim(left, right)
        locator = mdates.AutoDateLocator()
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        axes.tick_params(axis="y", length=0, pad=14)  # room for the open-start marker
        axes.grid(axis="x", color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
        for side in ("top", "right", "left"):
            axes.spines[side].set_visible(False)
        if title is None and records:
            title = f"Names of {records[-1].name} (CIK {records[-1].cik})"
        axes.set_title(title or "")
        marks = {"current": any(r.end is None for r in records),
                 "start unknown": any(r.start.earliest is None for r in records),
                 "end unknown": any(r.end is not None and r.end.is_unknown for r in records)}
        handles: list[Any] = [
            Patch(color=_KNOWN, label="name in use"),
            Patch(facecolor=_UNSURE, edgecolor=_KNOWN, hatch="///",
                  label="changed somewhere in this span"),
        ]
        if marks["current"]:
            handles.append(Line2D([], [], color=_KNOWN, marker=">", linestyle="none",
                                  label="still current (fades after last seen)"))
        if marks["start unknown"]:
            handles.append(Line2D([], [], marker="<", markerfacecolor="white",
                                  markeredgecolor=_KNOWN, linestyle="none",
                                  label="start unknown"))
        if marks["end unknown"]:
            handles.append(Line2D([], [], marker="o", markerfacecolor="white",
                                  markeredgecolor=_KNOWN, linestyle="none",
                                  label="ended, date unknown"))
        axes.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12),
                    ncol=len(handles), frameon=False, fontsize=8)
        _save(figure, path, suffix)


# --- deal neighbourhood ----------------------------------------------------------------------


def _radial_layout(graph: nx.Graph, center: str) -> dict[str, tuple[float, float]]:
    """The centre in the middle and each hop on the next ring out, every node in a wedge
    next to the node it is reached through, so the tree edges never cross."""
    simple = graph.to_undirected(as_view=True)

    def by_label(nodes: Any) -> list[str]:
        return sorted(nodes, key=lambda n: (str(graph.nodes[n].get("label", n)).lower(), n))

    children: dict[str, list[str]] = {node: [] for node in graph}
    for parent, child in nx.bfs_edges(simple, center, sort_neighbors=by_label):
        children[parent].append(child)
    leaves: dict[str, int] = {}

    def count(node: str) -> int:
        leaves[node] = sum(count(child) for child in children[node]) or 1
        return leaves[node]

    count(center)
    positions: dict[str, tuple[float, float]] = {center: (0.0, 0.0)}
    pending = [(center, 0, 0.0, 2 * math.pi)]
    while pending:
        node, ring, low, high = pending.pop()
        start = low
        for child in children[node]:
            width = (high - low) * leaves[child] / leaves[node]
            angle = start + width / 2
            positions[child] = ((ring + 1) * math.cos(angle + math.pi),
                                (ring + 1) * math.sin(angle + math.pi))
            pending.append((child, ring + 1, start, start + width))
            start += width
    return positions


def _edge_list(graph: nx.Graph) -> list[tuple[str, str, dict[str, Any]]]:
    return [(u, v, data) for u, v, _, data in _keyed_edges(graph)]


def draw_deal_neighbourhood(graph: nx.Graph, center: str, path: str | os.PathLike[str],
                            depth: int = 1, title: str | None = None,
                            background: bool = True) -> None:
    """Draw the deals within `depth` hops of node `center` to an .svg or .png file.

    The centre sits in the middle with each further hop on a ring around it; nodes are
    labelled with their names. Edges are coloured by deal kind and labelled with the kind
    and date; directed deals (licensor→licensee, acquirer→target, seller→acquirer,
    investor→investee) are arrows, partner deals plain lines, deals a text mentions as
    background (not its news) dashed, or left out with `background=False`; several deals
    between one pair curve apart. The legend sits below the drawing, never on it. Works on
    any view: edges without `directed` are drawn as lines.
    """
    suffix = picture_format(path)
    sub = neighborhood_graph(graph, center, depth)
    if not background:
        sub = _news_only(sub, center)
    positions = _radial_layout(sub, center)
    with matplotlib.rc_context(_RC):
        # The drawing is as large as its nodes reach, with room for the names under them, so
        # a one-deal picture is small and neither flat nor mostly empty.
        xs_all = [x for x, _ in positions.values()]
        ys_all = [y for _, y in positions.values()]
        low_x, high_x = min(xs_all) - 0.8, max(xs_all) + 0.8
        low_y, high_y = min(ys_all) - 0.6, max(ys_all) + 0.45
        if high_y - low_y < 1.6:
            middle = (low_y + high_y) / 2
            low_y, high_y = middle - 0.8, middle + 0.8
        scale = min(2.6 + 0.1 * len(sub), 24 / max(high_x - low_x, high_y - low_y))
        figure = Figure(figsize=(max(scale * (high_x - low_x), 4.5),
                                 scale * (high_y - low_y) + 1.2))
        axes = figure.add_subplot()
        axes.set_aspect("equal")
        axes.axis("off")
        axes.set_xlim(low_x, high_x)
        axes.set_ylim(low_y, high_y)
        # Parallel edges of a pair bend apart; the bend is measured along the pair's own
        # order so edges stored in opposite directions do not land on each other.
        pairs: dict[tuple[str, str], int] = {}
        edges = _edge_list(sub)
        totals: dict[tuple[str, str], int] = {}
        for u, v, _ in edges:
            pair = (u, v) if u <= v else (v, u)
            totals[pair] = totals.get(pair, 0) + 1
        kinds_drawn: set[str] = set()
        directions_drawn: set[bool] = set()
        backgrounds_drawn: set[bool] = set()
        for u, v, data in sorted(edges, key=lambda e: (e[0], e[1], str(e[2].get("kind")),
                                                       str(e[2].get("deal", "")))):
            pair = (u, v) if u <= v else (v, u)
            index = pairs.get(pair, 0)
            pairs[pair] = index + 1
            bend = 0.25 * (index - (totals[pair] - 1) / 2)
            if (u, v) != pair:
                bend = -bend
            kind = str(data.get("kind", "other"))
            directed = bool(data.get("directed", False))
            news = data.get("is_new", True) is not False
            kinds_drawn.add(kind)
            directions_drawn.add(directed)
            backgrounds_drawn.add(not news)
            color = KIND_COLORS.get(kind, _OTHER_COLOR)
            axes.add_patch(FancyArrowPatch(
                positions[u], positions[v], connectionstyle=f"arc3,rad={bend}",
                arrowstyle="-|>" if directed else "-", mutation_scale=16,
                color=color, linewidth=1.8, linestyle="-" if news else (0, (4, 3)),
                shrinkA=11, shrinkB=11, zorder=1,
            ))
            if len(edges) > _MAX_EDGE_LABELS:
                continue  # in a crowd of deals their labels would hide each other
            # The label sits where the arc bends to: the midpoint pushed sideways by the bend.
            (x1, y1), (x2, y2) = positions[u], positions[v]
            middle = ((x1 + x2) / 2 + bend * (y2 - y1) / 2, (y1 + y2) / 2 - bend * (x2 - x1) / 2)
            text = kind + (f" {data['date']}" if data.get("date") else "")
            axes.annotate(text, middle, ha="center", va="center", fontsize=7, color=color,
                          zorder=4, bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                                          "edgecolor": "none", "alpha": 0.85})
        nodes = list(sub.nodes)
        xs = [positions[n][0] for n in nodes]
        ys = [positions[n][1] for n in nodes]
        colors = ["#f6ad55" if n == center else
                  NODE_COLORS.get(str(sub.nodes[n].get("kind")), "#cbd5e0") for n in nodes]
        axes.scatter(xs, ys, s=[420 if n == center else 260 for n in nodes], c=colors,
                     edgecolors="#2d3748", linewidths=0.8, zorder=2)
        for node in nodes:
            # The centre's name under it; every other name outward, away from the centre, so
            # neighbours' names do not run into each other.
            x, y = positions[node]
            if node == center:
                offset, ha, va = (0.0, -16.0), "center", "top"
            else:
                length = math.hypot(x, y) or 1.0
                offset = (14 * x / length, 14 * y / length)
                # Centred only straight above or below: two names either side of the top of a
                # crowded ring then run away from each other instead of into each other.
                ha = "left" if x > 0.05 * length else "right" if x < -0.05 * length else "center"
                va = "bottom" if y > 0.2 * length else "top" if y < -0.2 * length else "center"
            axes.annotate(str(sub.nodes[node].get("label", node)), (x, y), xytext=offset,
                          textcoords="offset points", ha=ha, va=va, fontsize=9,
                          fontweight="bold" if node == center else "normal", zorder=3)
        label = sub.nodes[center].get("label", center)
        axes.set_title(title or f"Deals of {label}"
                       + (f" within {depth} hops" if depth > 1 else ""))
        handles: list[Any] = [Line2D([], [], color=KIND_COLORS.get(kind, _OTHER_COLOR),
                                     linewidth=2.5, label=kind)
                              for kind in sorted(kinds_drawn, key=_kind_order)]
        if True in directions_drawn:
            handles.append(Line2D([], [], color="#4a5568", marker=r"$\rightarrow$",
                                  markersize=14, linestyle="none",
                                  label="arrow: licensor→licensee, acquirer→target, "
                                        "seller→acquirer, investor→investee, "
                                        "parent→subsidiary, insider/holder→company"))
        if False in directions_drawn:
            handles.append(Line2D([], [], color="#4a5568", linewidth=1.5,
                                  label="line: partners (no direction)"))
        if True in backgrounds_drawn:
            handles.append(Line2D([], [], color="#4a5568", linewidth=1.5, linestyle=(0, (4, 3)),
                                  label="dashed: a deal mentioned as background, not news"))
        node_kinds = {str(sub.nodes[n].get("kind")) for n in nodes if n != center}
        handles += [Line2D([], [], marker="o", linestyle="none", markersize=9,
                           markerfacecolor=color, markeredgecolor="#2d3748",
                           label=NODE_LABELS[kind])
                    for kind, color in NODE_COLORS.items() if kind in node_kinds]
        axes.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02),
                    ncol=2, frameon=False, fontsize=8)
        _save(figure, path, suffix)


# Beyond this many deals in one picture, edges carry no labels: colour and legend tell kinds.
_MAX_EDGE_LABELS = 24


def _news_only(graph: nx.Graph, center: str) -> nx.Graph:
    """The graph without deals mentioned as background, and without the nodes only those
    reached (the centre stays)."""
    kept = graph.copy()
    kept.remove_edges_from([(u, v, key) if kept.is_multigraph() else (u, v)
                            for u, v, key, data in _keyed_edges(kept)
                            if data.get("is_new") is False])
    kept.remove_nodes_from([node for node in list(kept) if node != center
                            and kept.degree(node) == 0])
    return kept


def _keyed_edges(graph: nx.Graph) -> list[tuple[str, str, Any, dict[str, Any]]]:
    if graph.is_multigraph():
        return list(graph.edges(keys=True, data=True))
    return [(u, v, None, data) for u, v, data in graph.edges(data=True)]


def _kind_order(kind: str) -> tuple[int, str]:
    return (DEAL_KINDS.index(kind) if kind in DEAL_KINDS else len(DEAL_KINDS), kind)
