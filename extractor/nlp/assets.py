"""What a deal is about: the products and the named or described technologies in its sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Nouns that make a phrase a deal's subject matter ("drug delivery technology", "Consensus
# Knee System", "HDSL products"), singular and plural.
_ASSET_HEADS = (
    r"platforms?|technolog(?:y|ies)|systems?|products?|product candidates?|devices?|portfolio|"
    r"programs?|programmes?|patents?|patent rights|patent portfolio|therap(?:y|ies)|vaccines?|"
    r"assays?|tests?|test kits?|kits?|solutions?|software|formulations?|compounds?|"
    r"antibod(?:y|ies)|drug candidates?|candidates?|molecules?|consumables|brands?|"
    r"trademarks?|marks?|divisions?|franchise|apps?|implants?|biosimilars?|treatments?|"
    r"diagnostics?|libraries|library")
# A head noun that a phrase may not end in: one that names a place, time or a party.
_HEAD = re.compile(rf"\b(?:{_ASSET_HEADS})\b", re.I)
# Words a modifier run stops at: function words, verbs of the deal, numbers and the words of
# praise that a release puts before a product and a reader leaves out of its name.
_STOP_WORDS = frozenset("""
a an the its their our his her this that these those such each any all both either other
of to for from in into on onto by with within without under over through across at as and or
nor but plus via per than is are was were be been being has have had will would may can could
should shall must it they we he she which who whom whose what where when while including
includes include included such also new novel proprietary innovative next-generation
cutting-edge leading advanced patented breakthrough state-of-the-art first-in-class
best-in-class revolutionary unique existing potential certain key lead lead's several
multiple various related exclusive non-exclusive worldwide global rights right license licence
licensed licenses option acquire acquires acquired acquiring acquisition purchase purchased
develop develops developed developing commercialize commercializes commercialized
commercializing commercialization manufacture manufactures market markets
sell sells selling sale distribute distributes distributing
supplies supplying use uses using integrate integrates integrating integration deploy
deploys deploying provide provides providing offer offers offering access own owns owned
agreement agreements deal transaction partnership collaboration terms company company's
companies subsidiary affiliate one two three four five first second third""".split())
# A name followed by what it is: "HeartEase, a cutting-edge AI-powered diagnostic platform".
_APPOSITIVE = re.compile(
    rf"(?<![\w.])([A-Z][\w®™-]*[A-Z0-9a-z®™](?:\s+[A-Z0-9][\w®™-]*){{0,3}}),\s+"
    rf"(?:a|an|the|its|our|their)\s+(?:[\w-]+\s+){{0,6}}?(?:{_ASSET_HEADS})\b")
_MARKS = re.compile(r"[®™]")
# A name right after a described head, set off by a comma or a dash.
_NAME_FOLLOWS = re.compile(r"\s*(?:,|--|—|–)\s*[A-Z][\w®™-]*(?:\s+\d[\w-]*)?\s*(?:,|\)|\.|$)")
# A clause that says what a party does, up to the end of its clause.
_DESCRIPTION = re.compile(
    r"\b(?:(?:company|leader|pioneer|provider|manufacturer|developer|maker|innovator|"
    r"specialist|firm|group|organization|business|player)\s+(?:in|of|for|focused on|developing|"
    r"behind|dedicated to|that\s+\w+|specializing in|committed to)|focused on|dedicated to|"
    r"speciali[sz](?:es|ing) in|committed to)\b[^,;:.()]*")
# A lowercase word in -s that is no modifier: a verb ("brings") or a plural ("rights").
_VERB_OR_PLURAL = re.compile(r"[^su]s$")
# Compound words of praise: "cost-effective", "industry-leading", "world-class".
_PRAISE = re.compile(r"-(?:effective|leading|class|winning|edge|art|quality|generation)$", re.I)
# Words kept before a head noun; a phrase needs at least one ("products" alone names nothing).
_MAX_MODIFIERS = 5
# The last word before a position, with the quotes a release may put around a name.
_LAST_WORD = re.compile(r"([“\"‘]?)([\w®™ȏ][\w®™ȏ.'’&/-]*?)[”\"’]?[ \t]+$")


def asset_phrases(text: str, skipped: Sequence[tuple[int, int]] = ()) -> list[str]:
    """Phrases in one sentence that name what a deal is about, each with at least one word
    before its head noun ("intranasal drug delivery technologies", "Lycogen platform"),
    except those that start inside a `skipped` span of the text."""
    phrases: list[str] = []
    described = list(skipped)
    for head in _HEAD.finditer(text):
        if any(start <= head.start() < end for start, end in described):
            continue
        if _NAME_FOLLOWS.match(text, head.end()):
            continue  # "its lead PDC compound, CLR 131": the name that follows is the asset
        if _continues_as_noun(text, head.end()):
            continue  # "product development", "platform company": the head is a modifier
        words = _modifiers_before(text, head.start())
        if not words:
            continue
        if words[0].islower() and _VERB_OR_PLURAL.search(words[0]):
            words = words[1:]  # a verb ("brings life-saving therapies"), not a modifier
        if not words or text[head.end():head.end() + 1] == ")" and "(" in text[
                max(0, head.start() - 60):head.start()]:
            continue  # a term spelled out in brackets, "CNS (central nervous systems)"
        phrase = _MARKS.sub("", " ".join(words + [head.group(0)]))
        if phrase not in phrases:
            phrases.append(phrase)
    descriptions = description_spans(text)
    for match in _APPOSITIVE.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in descriptions):
            continue  # "Voyageur, a company developing ... products": a party, described
        name = _MARKS.sub("", match.group(1))
        if name.casefold() not in _STOP_WORDS and name not in phrases:
            phrases.append(name)
    return phrases


def without_generic_variants(names: list[str]) -> list[str]:
    """The names less those that only add a generic noun to another ("Lycogen platform"
    beside "Lycogen")."""
    known = {name.casefold() for name in names}
    kept = []
    for name in names:
        words = name.split()
        if len(words) > 1 and all(w.islower() for w in words[1:]) and any(
                " ".join(words[:i]).casefold() in known for i in range(1, len(words))):
            continue
        kept.append(name)
    return kept


def description_spans(text: str) -> list[tuple[int, int]]:
    """Where a sentence says what a party does ("a company developing contrast media
    products"): such phrases describe a party, not a deal, unless the party is bought."""
    return [m.span() for m in _DESCRIPTION.finditer(text)]


def _continues_as_noun(text: str, end: int) -> bool:
    """Whether the noun at `end` is followed by another noun of the same phrase."""
    rest = re.match(r"[ \t]+([A-Za-z][\w-]*)", text[end:])
    if rest is None:
        return False
    word = rest.group(1)
    return word.islower() and (word in _NOUNS_AFTER_HEAD or _HEAD.fullmatch(word) is not None)


# Nouns that make a head word a modifier when they follow it.
_NOUNS_AFTER_HEAD = frozenset("""company companies business development developer developers
provider providers partner partners leader leaders revenue revenues sales launch candidate
candidates pipeline approach approaches strategy""".split())


def _modifiers_before(text: str, start: int) -> list[str]:
    """The words right before a head noun that belong to its phrase, left to right."""
    words: list[str] = []
    position = start
    while len(words) < _MAX_MODIFIERS:
        # Only the words just before: searching from the start made a long line quadratic.
        match = _LAST_WORD.search(text, max(0, position - 120), position)
        if match is None:
            break
        word = match.group(2).rstrip(".")
        if words and word.islower() and (not words[0].islower() or _VERB_OR_PLURAL.search(word)):
            break  # "covers HDSL products", "brings life-saving therapies": a verb, not a name
        if word.casefold() in _STOP_WORDS or _PRAISE.search(word) \
                or word.endswith(("'s", "’s")) \
                or any(ch.isdigit() for ch in word) and not _is_code(word):
            break
        words.insert(0, word)
        position = match.start()
        if match.group(1):
            break  # an opening quote starts the name
    return words


def _is_code(word: str) -> bool:
    """A product code ("TNX-4200", "AL001") rather than an amount or a year."""
    return bool(re.fullmatch(r"[A-Z]{1,6}-?\d{2,6}[A-Za-z]?", word))
