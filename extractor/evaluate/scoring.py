"""Score press-release extraction against hand-made gold annotations (rules: GOLD_FORMAT.md)."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

# Legal suffixes dropped from the end of a name, written as they look once punctuation is gone
# ("L.L.C." -> "llc", "N.V." -> "nv", "S.A." -> "sa"). Exactly the list in GOLD_FORMAT.md.
LEGAL_SUFFIXES = frozenset({
    "inc", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "plc", "ag", "gmbh",
    "nv", "sa", "se",
})
# Marks deleted outright rather than turned into a space, so that "L.L.C." becomes "llc" and
# "Emory University's" becomes "emory universitys" instead of splitting into stray letters.
_DELETED_MARKS = frozenset(".'\u2019\u2018`\u00ae\u2122\u00a9")
# Small words an acronym may skip: "University of Queensland" ~ "UQ", "... and ..." ~ "BARDA".
_ACRONYM_SKIPPED = frozenset({"of", "and", "for", "the", "de", "du", "la", "et", "und"})

# Deal kinds that count as the same kind of deal when matching. Unknown kinds fall in "other".
_FAMILIES = {
    "license": "license", "option": "license",
    "acquisition": "acquisition", "merger": "acquisition",
    "investment": "investment",
}
# Directed kinds, and the side each directed role stands on. Target and seller are one side:
# both are what the acquirer takes over (a company, or an asset that a seller owned).
_DIRECTED_KINDS = frozenset({"license", "option", "acquisition", "investment"})
_SIDES = {
    "licensor": "licensor", "licensee": "licensee",
    "acquirer": "acquirer", "target": "target", "seller": "target",
    "investor": "investor", "investee": "investee",
}

_NO_ALIASES: Mapping[str, Iterable[str]] = MappingProxyType({})


# --------------------------------------------------------------------------------- loading

def load_gold(path: str | Path) -> dict[str, dict]:
    """Gold lines keyed by doc; blank lines are skipped, anything malformed is a ValueError."""
    path = Path(path)
    gold: dict[str, dict] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}, line {number}: not valid JSON ({err})") from err
            if not isinstance(record, dict):
                raise ValueError(f"{path}, line {number}: expected a JSON object")
            doc = record.get("doc")
            if not isinstance(doc, str) or not doc:
                raise ValueError(f'{path}, line {number}: missing "doc"')
            # Two lines for one document would silently shadow each other in the dict.
            if doc in gold:
                raise ValueError(f'{path}, line {number}: "doc" {doc!r} appears twice')
            gold[doc] = record
    return gold


# ------------------------------------------------------------------------------ name rules

def normalize_name(name: str) -> str:
    """Case-folded words of a name without punctuation, a leading "the" or legal suffixes."""
    # Compatibility decomposition folds odd forms (full-width letters, ligatures) and lets
    # accents go, so "Coté" and "Cote" agree; the rules do not mention accents either way.
    text = unicodedata.normalize("NFKD", name.casefold())
    chars = []
    for char in text:
        if unicodedata.combining(char) or char in _DELETED_MARKS:
            continue
        category = unicodedata.category(char)
        # Any other punctuation or symbol (comma, hyphen, slash, ampersand, ...) separates words.
        chars.append(" " if category[0] in "PSZ" else char)
    words = "".join(chars).split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    # Suffixes can stack ("Co., Ltd."); keep at least one word so "The Company" stays a name.
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def _acronyms(words: Sequence[str]) -> set[str]:
    """Initials of a multi-word name, with and without the small words."""
    if len(words) < 2:
        return set()
    found = {"".join(w[0] for w in words)}
    content = [w for w in words if w not in _ACRONYM_SKIPPED]
    if len(content) >= 2:
        found.add("".join(w[0] for w in content))
    return found


def _basic_match(a: str, b: str) -> bool:
    """Equality, acronym or leading words between two normalized names."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    short_words, long_words = short.split(), long.split()
    # "Cellectar" ~ "Cellectar Biosciences": whole leading words, never part of a word.
    if long_words[:len(short_words)] == short_words:
        return True
    # "WARF" ~ "Wisconsin Alumni Research Foundation"; "J&J" normalizes to "j j", so an
    # acronym written with separators is joined back up when its words are single letters.
    if len(short_words) == 1 or all(len(w) == 1 for w in short_words):
        letters = "".join(short_words)
        if len(letters) >= 2 and letters in _acronyms(long_words):
            return True
    return False


class _AliasIndex:
    """Alias groups by normalized name, so each spelling can stand in for any other."""

    def __init__(self, aliases: Mapping[str, Iterable[str]]) -> None:
        # Union-find over normalized spellings: gold and prediction tables are merged, and a
        # spelling listed under two keys joins their groups (aliases are the same party).
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            parent.setdefault(x, x)
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for key, others in aliases.items():
            names = [key, *([others] if isinstance(others, str) else others)]
            forms = [f for f in (normalize_name(n) for n in names if isinstance(n, str)) if f]
            for form in forms[1:]:
                parent[find(form)] = find(forms[0])
        groups: dict[str, set[str]] = {}
        for form in parent:
            groups.setdefault(find(form), set()).add(form)
        self._group = {form: groups[find(form)] for form in parent}

    def forms(self, normalized: str) -> set[str]:
        return self._group.get(normalized, {normalized})

    def match(self, a: str, b: str) -> bool:
        na, nb = normalize_name(a), normalize_name(b)
        if not na or not nb:
            return False
        if _basic_match(na, nb):
            return True
        # Any spelling of one against any spelling of the other: being aliases is the case of
        # shared spellings, and e.g. an acronym of a listed short name is still the same party.
        group_a, group_b = self.forms(na), self.forms(nb)
        if group_a & group_b:
            return True
        return any(_basic_match(x, y) for x in group_a for y in group_b)


def names_match(a: str, b: str, aliases: Mapping[str, Iterable[str]] = _NO_ALIASES) -> bool:
    """Whether two party names denote the same party under the GOLD_FORMAT.md name rules."""
    return _AliasIndex(aliases).match(a, b)


def _contains(a: str, b: str) -> bool:
    """Normalized equality, or one normalized name inside the other on word boundaries."""
    na, nb = normalize_name(a), normalize_name(b)
    if not na or not nb:
        return False
    short, long = sorted((na, nb), key=len)
    # Word boundaries: a plain substring test would let "all" (the leukemia) sit inside "small
    # cell lung cancer". This is the only reading of "containment" the rules leave open.
    return f" {short} " in f" {long} "


# --------------------------------------------------------------------------------- results

@dataclass
class Metric:
    """Matched items against predicted and gold counts."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float | None:
        return self.matched / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        # 2m/(p+g) is the harmonic mean of precision and recall when both exist, and is still
        # 0.0 (not None) for a system that predicted nothing where gold has items.
        total = self.predicted + self.gold
        return 2 * self.matched / total if total else None

    def add(self, other: Metric) -> None:
        self.matched += other.matched
        self.predicted += other.predicted
        self.gold += other.gold


@dataclass
class Accuracy:
    """Correct decisions out of those judged (deal direction)."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass
class Recall:
    """Gold items found out of all gold items (assets and indications of matched deals)."""

    found: int = 0
    total: int = 0

    @property
    def recall(self) -> float | None:
        return self.found / self.total if self.total else None


@dataclass
class Miss:
    """One scoring error, for the report: which document, what kind, and what."""

    doc: str
    category: str
    detail: str


@dataclass
class Evaluation:
    """Micro-averaged scores over all gold documents, and every miss behind them."""

    deals: Metric = field(default_factory=Metric)
    direction: Accuracy = field(default_factory=Accuracy)
    assets: Recall = field(default_factory=Recall)
    deal_indications: Recall = field(default_factory=Recall)
    products: Metric = field(default_factory=Metric)
    people: Metric = field(default_factory=Metric)
    indications: Metric = field(default_factory=Metric)
    tickers: Metric = field(default_factory=Metric)
    documents: int = 0
    missing_predictions: list[str] = field(default_factory=list)
    # Predictions for documents the gold file does not cover: not scored, only listed.
    extra_predictions: list[str] = field(default_factory=list)
    # Predicted deals left out of the deal counts because they are background deals in gold.
    excluded_deals: int = 0
    misses: list[Miss] = field(default_factory=list)

    def rows(self) -> list[dict]:
        """One row per measure with the same keys, for a table or JSON."""
        rows = [_metric_row("deals", self.deals)]
        # Every matched directed deal is one direction decision, right or wrong, so precision,
        # recall and F1 of direction all equal its accuracy.
        acc = self.direction.accuracy
        rows.append({"measure": "deal direction", "matched": self.direction.correct,
                     "predicted": self.direction.total, "gold": self.direction.total,
                     "precision": acc, "recall": acc, "f1": acc})
        for name, recall in (("deal assets", self.assets),
                             ("deal indications", self.deal_indications)):
            # Only recall is defined: predicted assets beyond the gold ones are not judged.
            rows.append({"measure": name, "matched": recall.found, "predicted": None,
                         "gold": recall.total, "precision": None, "recall": recall.recall,
                         "f1": None})
        for name, metric in (("products", self.products), ("people", self.people),
                             ("indications", self.indications), ("tickers", self.tickers)):
            rows.append(_metric_row(name, metric))
        return rows

    def to_dict(self) -> dict:
        return {
            "documents": self.documents,
            "missing_predictions": list(self.missing_predictions),
            "extra_predictions": list(self.extra_predictions),
            "excluded_deals": self.excluded_deals,
            "measures": self.rows(),
            "misses": [asdict(miss) for miss in self.misses],
        }


def _metric_row(name: str, metric: Metric) -> dict:
    return {"measure": name, "matched": metric.matched, "predicted": metric.predicted,
            "gold": metric.gold, "precision": metric.precision, "recall": metric.recall,
            "f1": metric.f1}


# ------------------------------------------------------------------------------- deal rules

def _names(value: Any) -> list[str]:
    """A list of non-empty strings from a list (or, leniently, one string) in a prediction."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        return []
    return [v for v in value if isinstance(v, str) and v.strip()]


def _roles(deal: Mapping) -> dict[str, list[str]]:
    roles = deal.get("roles")
    if not isinstance(roles, Mapping):
        return {}
    return {str(role).casefold(): _names(names) for role, names in roles.items()}


def _parties(deal: Mapping) -> list[str]:
    return [name for names in _roles(deal).values() for name in names]


def _kind(deal: Mapping) -> str:
    kind = deal.get("kind")
    return kind.strip().casefold() if isinstance(kind, str) else ""


def _family(deal: Mapping) -> str:
    return _FAMILIES.get(_kind(deal), "other")


def _deal_matches(gold: Mapping, pred: Mapping, index: _AliasIndex) -> bool:
    """Same family, and every gold party (any role) is among the predicted parties (any role)."""
    if _family(gold) != _family(pred):
        return False
    pred_parties = _parties(pred)
    # A gold deal with no named party is matched by any predicted deal of its family: the rule
    # only asks that the gold parties be found, and there are none (none in the gold file).
    return all(any(index.match(g, p) for p in pred_parties) for g in _parties(gold))


def _found(gold_items: list[str], pred_items: list[str], index: _AliasIndex) -> list[bool]:
    """For each gold asset/indication: found among the predicted ones?"""
    # Lenient on purpose: besides the name rules, a predicted "CLR 131 injection" finds gold
    # "CLR 131" and vice versa (containment of normalized names, on word boundaries), because
    # asset names in text carry dosage forms and descriptors that annotators trim differently.
    return [any(index.match(g, p) or _contains(g, p) for p in pred_items) for g in gold_items]


def _pair_score(gold: Mapping, pred: Mapping, index: _AliasIndex) -> tuple:
    """How well a matching pair fits, to choose among rival pairs: higher is better."""
    gold_parties = _parties(gold)
    pred_parties = _parties(pred)
    extra = sum(not any(index.match(g, p) for g in gold_parties) for p in pred_parties)
    assets = sum(_found(_names(gold.get("assets")), _names(pred.get("assets")), index))
    return (_kind(gold) == _kind(pred), -extra, assets)


def _match_deals(gold_deals: list[Mapping], pred_deals: list[Mapping],
                 index: _AliasIndex) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), greedily best pair first."""
    # Every candidate pair already satisfies the rule, so rivalry only arises when the same
    # parties recur (duplicate predictions, or two deals between the same companies). Taking the
    # best-fitting pair first (exact kind, fewest extra parties, most shared assets; ties in
    # document order) pairs the most specific prediction with each gold deal; an optimal
    # assignment would differ only in contrived cases at this size.
    candidates = [
        (_pair_score(g, p, index), gi, pi)
        for gi, g in enumerate(gold_deals) for pi, p in enumerate(pred_deals)
        if _deal_matches(g, p, index)
    ]
    candidates.sort(key=lambda c: (tuple(-x for x in c[0]), c[1], c[2]))
    pairs: list[tuple[int, int]] = []
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def _sides(deal: Mapping) -> dict[str, list[str]]:
    sides: dict[str, list[str]] = {}
    for role, names in _roles(deal).items():
        if role in _SIDES and names:
            sides.setdefault(_SIDES[role], []).extend(names)
    return sides


def _direction_right(gold: Mapping, pred: Mapping, index: _AliasIndex) -> bool | None:
    """Right, wrong, or None when gold names nobody on a directed side (nothing to judge)."""
    if _kind(gold) not in _DIRECTED_KINDS:
        return None
    gold_sides = _sides(gold)
    if not gold_sides:
        return None
    pred_sides = _sides(pred)
    # An undirected prediction (partners, parties) has no sides at all and fails here.
    for side, names in gold_sides.items():
        if not all(any(index.match(g, p) for p in pred_sides.get(side, [])) for g in names):
            return False
    # The rules are silent on a party put on both sides. Listing everyone everywhere would
    # pass the check above, so a predicted party that matches gold parties only on the other
    # side is wrong; one that also matches a gold party on its own side is fine (parent and
    # subsidiary names like "BioCorRx" vs "BioCorRx Pharmaceuticals" match each other).
    for side, names in pred_sides.items():
        for p in names:
            own = any(index.match(g, p) for g in gold_sides.get(side, []))
            other = any(index.match(g, p) for s, gs in gold_sides.items() if s != side
                        for g in gs)
            if other and not own:
                return False
    return True


def _describe(deal: Mapping) -> str:
    roles = "; ".join(f"{role}={names}" for role, names in _roles(deal).items() if names)
    return f"{_kind(deal) or '?'} ({roles or 'no parties'})"


# ----------------------------------------------------------------------------- entity sets

def _distinct(items: Iterable[str]) -> list[str]:
    """Items without normalized duplicates (first spelling kept), so repeats count once."""
    seen: set[str] = set()
    kept = []
    for item in items:
        key = normalize_name(item)
        if key and key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def _match_sets(gold_items: list[str], pred_items: list[str],
                same: Callable[[str, str], bool]) -> tuple[int, list[str], list[str]]:
    """One-to-one matching: (matched, gold left over, predicted left over)."""
    gold_left = _distinct(gold_items)
    pred_left = _distinct(pred_items)
    matched = 0
    # Exact normalized equality first, so a lenient match never takes an item that has an
    # exact partner ("TearScan" must pair with "TearScan", not "TearScan IgE Diagnostic Test").
    for rule in (lambda a, b: normalize_name(a) == normalize_name(b), same):
        for g in list(gold_left):
            partner = next((p for p in pred_left if rule(g, p)), None)
            if partner is not None:
                gold_left.remove(g)
                pred_left.remove(partner)
                matched += 1
    return matched, gold_left, pred_left


def _person_names(value: Any) -> list[str]:
    """People are objects with a name; a bare string is taken as the name."""
    if not isinstance(value, list):
        return []
    names = [p.get("name") if isinstance(p, Mapping) else p for p in value]
    return _names(names)


def _symbols(value: Any) -> list[str]:
    """Ticker symbols, upper-cased; the exchange and owner are not scored."""
    if not isinstance(value, list):
        return []
    symbols = [t.get("symbol") if isinstance(t, Mapping) else t for t in value]
    return sorted({s.strip().upper() for s in _names(symbols)})


# ------------------------------------------------------------------------------- evaluation

def _merged_aliases(*lines: Mapping) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for line in lines:
        aliases = line.get("aliases")
        if isinstance(aliases, Mapping):
            for key, others in aliases.items():
                merged.setdefault(str(key), []).extend(_names(others))
    return merged


def _deals(line: Mapping, key: str) -> list[Mapping]:
    deals = line.get(key)
    return [d for d in deals if isinstance(d, Mapping)] if isinstance(deals, list) else []


def _score_deals(doc: str, gold: Mapping, pred: Mapping, index: _AliasIndex,
                 result: Evaluation) -> None:
    gold_deals = _deals(gold, "deals")
    # The prediction's own "mentioned_deals" are background by its own account: never scored.
    pred_deals = _deals(pred, "deals")
    pairs = _match_deals(gold_deals, pred_deals, index)
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    mentioned = _deals(gold, "mentioned_deals")

    counted = 0
    for pi, deal in enumerate(pred_deals):
        if pi in matched_pred:
            counted += 1
        elif any(_deal_matches(m, deal, index) for m in mentioned):
            # "Does not match a gold deal" is read after one-to-one pairing: a duplicate of a
            # gold deal that also fits a background deal is excused, like any background hit.
            result.excluded_deals += 1
        else:
            counted += 1
            result.misses.append(Miss(doc, "deal-spurious", _describe(deal)))
    result.deals.add(Metric(len(pairs), counted, len(gold_deals)))

    for gi, deal in enumerate(gold_deals):
        if gi not in matched_gold:
            result.misses.append(Miss(doc, "deal-missed", _describe(deal)))

    for gi, pi in pairs:
        g, p = gold_deals[gi], pred_deals[pi]
        right = _direction_right(g, p, index)
        if right is not None:
            result.direction.total += 1
            result.direction.correct += right
            if not right:
                result.misses.append(Miss(doc, "direction-wrong",
                                          f"gold {_describe(g)}; predicted {_describe(p)}"))
        for key, recall, category in (("assets", result.assets, "asset-missed"),
                                      ("indications", result.deal_indications,
                                       "deal-indication-missed")):
            gold_items = _distinct(_names(g.get(key)))
            found = _found(gold_items, _names(p.get(key)), index)
            recall.total += len(gold_items)
            recall.found += sum(found)
            for item, ok in zip(gold_items, found, strict=True):
                if not ok:
                    result.misses.append(Miss(doc, category, f"{item} in {_describe(g)}"))


def _score_sets(doc: str, gold: Mapping, pred: Mapping, result: Evaluation) -> None:
    def symbol_same(a: str, b: str) -> bool:
        return a.strip().upper() == b.strip().upper()

    measures = (
        ("product", result.products, _names(gold.get("products")),
         _names(pred.get("products")), _contains),
        # People count as matched by name alone; titles and organisations are not compared.
        ("person", result.people, _person_names(gold.get("people")),
         _person_names(pred.get("people")), names_match),
        ("indication", result.indications, _names(gold.get("indications")),
         _names(pred.get("indications")), _contains),
        ("ticker", result.tickers, _symbols(gold.get("tickers")),
         _symbols(pred.get("tickers")), symbol_same),
    )
    for name, metric, gold_items, pred_items, same in measures:
        matched, gold_left, pred_left = _match_sets(gold_items, pred_items, same)
        metric.add(Metric(matched, matched + len(pred_left), matched + len(gold_left)))
        result.misses.extend(Miss(doc, f"{name}-missed", item) for item in gold_left)
        result.misses.extend(Miss(doc, f"{name}-spurious", item) for item in pred_left)


def evaluate(gold: Mapping[str, dict], predicted: Mapping[str, dict]) -> Evaluation:
    """Score predictions against gold, both doc -> line; counts are summed over documents."""
    result = Evaluation()
    for doc in sorted(gold):
        gold_line = gold[doc]
        pred_line = predicted.get(doc)
        result.documents += 1
        if pred_line is None:
            # Scored as an empty prediction: its gold items all count as missed.
            result.missing_predictions.append(doc)
            result.misses.append(Miss(doc, "prediction-missing", "no prediction for this doc"))
            pred_line = {}
        index = _AliasIndex(_merged_aliases(gold_line, pred_line))
        _score_deals(doc, gold_line, pred_line, index, result)
        _score_sets(doc, gold_line, pred_line, result)
    result.extra_predictions = sorted(doc for doc in predicted if doc not in gold)
    return result
