"""Mutation fuzzer: hostile variants of real EDGAR files and press releases through the extractor.

Every case takes one real file, applies one mutator (a small pure function of the bytes and a
seeded random.Random), reads the result as the pipeline does (archives opened) and extracts
each source with `extract_document` under a time budget, measuring peak memory. An outcome is
an extraction, a documented per-file error (InputError of a known stage), or a BUG: an
"unexpected ..." reason, an exception escaping, an unknown stage, the budget exceeded, or
memory beyond the bound. Everything is deterministic given the seed.

CI runs 2000 cases with the megabyte mutators scaled to a quarter (tests/test_fuzz.py). The
long run, at full size (about an hour on two cores):

    python tests/fuzzing.py --cases 20000 --seed 7 --jobs 2 --releases-share 0.2

and one case again, by the id the report prints (--dump writes its bytes to a file):

    python tests/fuzzing.py --replay 'truncate@seed_8k_cellectar.txt#7:12'
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import random
import re
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __name__ == "__main__":  # run as a script from anywhere: make the package importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractor.errors import InputError
from extractor.extract import Extraction, extract_document
from extractor.rdf.vocab import Iris
from extractor.read.archives import sources_from_bytes
from extractor.read.source import Source

REPO = Path(__file__).resolve().parents[1]
SEED_FILE = REPO / "tests" / "data" / "seed_8k_cellectar.txt"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
NOT_INPUTS = frozenset({"MANIFEST.tsv", "README.md"})

BASE = Iris().base
WHEN = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
# Stages an InputError may legitimately carry (extractor.errors, extract.py, pipeline.py).
DOCUMENTED_STAGES = frozenset({"read", "detect", "header", "parse", "extract", "validate"})
# A case's budget: real files take well under a second here, so 20 s only catches a hang
# (quadratic or exponential behaviour), while keeping a stuck case from stalling CI.
CASE_BUDGET = 20.0
# tracemalloc hooks every allocation: measured 3.2 times slower over a campaign, so a case
# whose memory is traced gets that much more time before it counts as a hang.
TRACING_SLOWDOWN = 3.5
# Memory bound for one case, tracemalloc peak. Text is held as a str of up to 4 bytes a
# character (one astral character widens the whole string), and the extractor keeps a few
# views of it at once (decoded text, document bodies, plain text, offset maps, sentences),
# so 40 times the input covers ten full copies at the widest width; 64 MB covers the fixed
# part (spaCy docs and vocabularies touched by a sentence, RDF graphs, regex state).
MEMORY_PER_INPUT_BYTE = 40
MEMORY_FIXED = 64 * 1024 * 1024

# Python's own error messages: a "parse" error quoting one is a crash in the extractor that
# a broad `except ValueError` turned into a per-file error, not a verdict on the file.
LEAKED_INTERNAL_ERROR = re.compile(
    r"invalid literal for int\(\)|object has no attribute|index out of range|not subscriptable"
    r"|unhashable type|unsupported operand|object is not iterable|NoneType|Invalid IRI"
    r"|positional argument|must be str|must be an? |not supported between")

Mutator = Callable[[bytes, random.Random], bytes]


# --- structural points ------------------------------------------------------------------------

STRUCTURAL_MARKERS = (
    b"<SEC-DOCUMENT>", b"<SEC-HEADER>", b"</SEC-HEADER>", b"<IMS-HEADER>", b"</IMS-HEADER>",
    b"<SUBMISSION>", b"</SUBMISSION>", b"<ACCESSION-NUMBER>", b"<DOCUMENT>", b"</DOCUMENT>",
    b"<TEXT>", b"</TEXT>", b"<TYPE>", b"<FILER>", b"</FILER>", b"<COMPANY-DATA>",
    b"</COMPANY-DATA>", b"ACCESSION NUMBER:", b"FILER:", b"COMPANY DATA:",
)
# Lines of the header region (where a truncation changes what is known of the filing).
HEADER_REGION = 16384


def structural_points(data: bytes) -> list[int]:
    """Offsets worth cutting at: before, inside and after every marker, and in header lines."""
    points: set[int] = {0, len(data)}
    for marker in STRUCTURAL_MARKERS:
        position = data.find(marker)
        while position >= 0:
            points.update((position, position + len(marker) // 2, position + len(marker)))
            position = data.find(marker, position + 1)
    header_end = data.find(b"</SEC-HEADER>")
    if header_end < 0:
        header_end = data.find(b"<DOCUMENT>")
    region = min(header_end if header_end >= 0 else len(data), HEADER_REGION)
    line_start = 0
    while line_start < region:
        line_end = data.find(b"\n", line_start, region)
        if line_end < 0:
            line_end = region
        # the line boundary, and the middle of the line (mid-key or mid-value)
        points.update((line_start, (line_start + line_end) // 2, line_end))
        line_start = line_end + 1
    return sorted(p for p in points if 0 <= p <= len(data))


# --- mutators ---------------------------------------------------------------------------------

def _header_biased_offset(data: bytes, rng: random.Random) -> int:
    # Half the edits land in the header region, which decides whether a file is a filing.
    if data and rng.random() < 0.5:
        return rng.randrange(min(len(data), HEADER_REGION) + 1)
    return rng.randrange(len(data) + 1)


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def _header_biased_line(lines: Sequence[bytes], rng: random.Random) -> int:
    if rng.random() < 0.5:
        return rng.randrange(min(len(lines), 120))
    return rng.randrange(len(lines))


def truncate(data: bytes, rng: random.Random) -> bytes:
    """Cut the file at a structural point (a marker, inside a tag, a header line), or near one."""
    point = rng.choice(structural_points(data))
    if rng.random() < 0.25:
        point = min(max(point + rng.randint(-3, 3), 0), len(data))
    return data[:point]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    """Flip random bits in 1 to 32 random bytes."""
    if not data:
        return bytes([rng.randrange(256)])
    out = bytearray(data)
    for _ in range(rng.randint(1, 32)):
        offset = min(_header_biased_offset(data, rng), len(out) - 1)
        out[offset] ^= 1 << rng.randrange(8) if rng.random() < 0.7 else rng.randrange(1, 256)
    return bytes(out)


def delete_lines(data: bytes, rng: random.Random) -> bytes:
    """Delete 1 to 20 lines, or one run of up to 50 lines."""
    lines = _lines(data)
    if rng.random() < 0.3:
        start = _header_biased_line(lines, rng)
        del lines[start:start + rng.randint(1, 50)]
    else:
        for _ in range(min(rng.randint(1, 20), len(lines))):
            del lines[_header_biased_line(lines, rng)]
            if not lines:
                break
    return b"".join(lines)


def duplicate_lines(data: bytes, rng: random.Random) -> bytes:
    """Repeat some lines (an ACCESSION NUMBER line twice, a <DOCUMENT> line ten times)."""
    lines = _lines(data)
    for _ in range(rng.randint(1, 10)):
        index = _header_biased_line(lines, rng)
        lines[index:index] = [lines[index]] * rng.choice((1, 2, 10, 1000))
    return b"".join(lines)


def insert_nul(data: bytes, rng: random.Random) -> bytes:
    """NUL bytes: a few scattered, a run of them, or every byte of the file replaced."""
    choice = rng.random()
    if choice < 0.1:
        return b"\x00" * len(data)
    out = bytearray(data)
    if choice < 0.4:
        offset = rng.randrange(len(out) + 1)
        out[offset:offset] = b"\x00" * rng.choice((1, 100, 10000))
        return bytes(out)
    for _ in range(rng.randint(1, 20)):
        offset = rng.randrange(len(out) + 1)
        out[offset:offset] = b"\x00"
    return bytes(out)


# Text beyond ASCII, so that a re-encoding changes bytes (the corpus is mostly ASCII).
_FOREIGN = ("Société Générale", "Müller & Söhne GmbH", "“Zürich” — Ωmega ’s", "€ 1.000,00",
            "日本電信電話株式会社", "Ærøskøbing ApS", "naïve café", "😀 emoji Inc")


def _decoded(data: bytes) -> str:
    return data.decode("utf-8", errors="surrogateescape")


def _with_foreign_text(text: str, rng: random.Random) -> str:
    # Put non-ASCII words into a few header values and body lines.
    lines = text.splitlines(keepends=True) or [""]
    for _ in range(rng.randint(1, 6)):
        index = rng.randrange(min(len(lines), 120)) if rng.random() < 0.6 else rng.randrange(
            len(lines))
        line = lines[index]
        cut = rng.randrange(len(line) + 1)
        lines[index] = line[:cut] + rng.choice(_FOREIGN) + line[cut:]
    return "".join(lines)


def reencode(data: bytes, rng: random.Random) -> bytes:
    """Re-encode to cp1252, latin-1, UTF-16 (with BOM, either order, or without) or UTF-8-BOM."""
    text = _with_foreign_text(_decoded(data), rng)
    encoding = rng.choice(("cp1252", "latin-1", "utf-16", "utf-16-le-bom", "utf-16-be-bom",
                           "utf-16-le", "utf-8-sig"))
    if encoding == "utf-16-le-bom":
        return b"\xff\xfe" + text.encode("utf-16-le", errors="replace")
    if encoding == "utf-16-be-bom":
        return b"\xfe\xff" + text.encode("utf-16-be", errors="replace")
    return text.encode(encoding, errors="replace")


_INVALID_UTF8 = (b"\xff", b"\xfe", b"\xc3\x28", b"\xa0\xa1", b"\xe2\x28\xa1", b"\xe2\x82",
                 b"\xf0\x28\x8c\xbc", b"\xf8\xa1\xa1\xa1\xa1", b"\xc0\xaf", b"\xed\xa0\x80",
                 b"\xf4\x90\x80\x80", b"\x80", b"\xef\xbb\xbf")


def invalid_utf8(data: bytes, rng: random.Random) -> bytes:
    """Splice invalid UTF-8 (lone continuations, overlongs, surrogates, > U+10FFFF) into it."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        offset = _header_biased_offset(bytes(out), rng)
        out[offset:offset] = rng.choice(_INVALID_UTF8)
    return bytes(out)


def mixed_encodings(data: bytes, rng: random.Random) -> bytes:
    """One <DOCUMENT> (or one half of the file) in another encoding than the rest."""
    text = _with_foreign_text(_decoded(data), rng)
    starts = [m.start() for m in re.finditer("<DOCUMENT>", text)]
    if starts:
        start = rng.choice(starts)
        end = text.find("</DOCUMENT>", start)
        end = len(text) if end < 0 else end + len("</DOCUMENT>")
    else:
        start, end = len(text) // 2, len(text)
    encoding = rng.choice(("cp1252", "latin-1", "utf-16", "utf-16-be"))
    inner = text[start:end].encode(encoding, errors="replace")
    return (text[:start].encode("utf-8", errors="surrogateescape") + inner
            + text[end:].encode("utf-8", errors="surrogateescape"))


_LONG_LINE_UNITS = (b"A", b" ", b"<", b"&", b"9", b"word ", b"<b>", b"-", b"\t", b"Inc. ",
                    b"\xc3\xa9", b".")


def long_line(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    """Insert one line of 1 to 6 MB (times `scale`), in the header or in a document."""
    unit = rng.choice(_LONG_LINE_UNITS)
    size = int(rng.randint(1, 6) * 1024 * 1024 * scale)
    line = unit * (size // len(unit))
    lines = _lines(data)
    index = _header_biased_line(lines, rng)
    if rng.random() < 0.3:
        # as the value of a header field, where the header parser reads it
        line = b"COMPANY CONFORMED NAME:\t" + line
    lines.insert(index, line + b"\n")
    return b"".join(lines)


_CLOSING = re.compile(rb"</[A-Za-z0-9_-]+>")


def unclose_tags(data: bytes, rng: random.Random) -> bytes:
    """Drop closing tags: all of them, one kind (</DOCUMENT>, </TEXT>...), or a random share."""
    choice = rng.random()
    if choice < 0.3:
        return _CLOSING.sub(b"", data)
    if choice < 0.7:
        kinds = sorted(set(_CLOSING.findall(data))) or [b"</DOCUMENT>"]
        return data.replace(rng.choice(kinds), b"")
    share = rng.random()
    return _CLOSING.sub(lambda m: b"" if rng.random() < share else m.group(0), data)


def _body_offset(data: bytes, rng: random.Random) -> int:
    # Just after a <TEXT> (inside a document body), else anywhere.
    starts = [m.end() for m in re.finditer(rb"<TEXT>", data)]
    return rng.choice(starts) if starts else rng.randrange(len(data) + 1)


def deep_nesting(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    """50k to 200k (times `scale`) nested <div>/<b>/<table>, closed or not, in a body."""
    depth = int(rng.randint(50_000, 200_000) * scale)
    opener, closer = rng.choice(((b"<div>", b"</div>"), (b"<b>", b"</b>"),
                                 (b"<table><tr><td>", b"</td></tr></table>"),
                                 (b"<p><font size=2>", b"</font></p>"), (b"<ul><li>", b"")))
    nested = opener * depth + b"deep text. Acme Corp announced a license." + (
        closer * depth if rng.random() < 0.5 else b"")
    offset = _body_offset(data, rng)
    return data[:offset] + nested + data[offset:]


def entity_expansion(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    """Billion-laughs DOCTYPE, huge runs (times `scale`) of &amp; and numeric entities, and
    invalid code points."""
    choice = rng.randrange(4)
    if choice == 0:
        entities = [b'<!ENTITY a0 "lol">']
        entities += [b'<!ENTITY a%d "%s">' % (i, b"&a%d;" % (i - 1) * 10) for i in range(1, 10)]
        payload = (b"<!DOCTYPE x [" + b"".join(entities) + b"]>" + b"<p>&a9;&a9;</p>")
    elif choice == 1:
        payload = rng.choice((b"&amp;", b"&nbsp;", b"&#160;", b"&lt;b&gt;", b"&amp;amp;")) * int(
            rng.randint(100_000, 500_000) * scale)
    elif choice == 2:
        points = (b"&#x10FFFF;", b"&#xD800;", b"&#xDFFF;", b"&#0;", b"&#99999999999;",
                  b"&#x110000;", b"&#xFFFE;", b"&#1;", b"&#x;", b"&#;", b"&#65", b"&unknown;")
        payload = b"".join(rng.choice(points) for _ in range(int(rng.randint(1, 50_000) * scale)))
    else:
        payload = (b"&" * int(rng.randint(100_000, 1_000_000) * scale) + b"#x"
                   + b"f" * int(100_000 * scale) + b";")
    offset = _body_offset(data, rng) if rng.random() < 0.8 else _header_biased_offset(data, rng)
    return data[:offset] + payload + data[offset:]


MUTATORS: dict[str, Mutator] = {
    "truncate": truncate,
    "flip-bytes": flip_bytes,
    "delete-lines": delete_lines,
    "duplicate-lines": duplicate_lines,
    "nul": insert_nul,
    "reencode": reencode,
    "invalid-utf8": invalid_utf8,
    "mixed-encodings": mixed_encodings,
    "long-line": long_line,
    "unclosed-tags": unclose_tags,
    "deep-nesting": deep_nesting,
    "entity-expansion": entity_expansion,
}
# Mutators cheap enough to stack: the large ones (MB lines, 200k nesting) stay single.
_STACKABLE = ("truncate", "flip-bytes", "delete-lines", "duplicate-lines", "nul", "reencode",
              "invalid-utf8", "mixed-encodings", "unclosed-tags")


def combined(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    """Two to four stackable mutators in a row, then maybe one large one."""
    for name in rng.sample(_STACKABLE, rng.randint(2, 4)):
        data = MUTATORS[name](data, rng)
    if rng.random() < 0.2:
        data = SCALABLE[rng.choice(sorted(SCALABLE))](data, rng, scale)
    return data


MUTATORS["combined"] = combined
# Mutators whose size can be scaled down for a quick campaign (CI): they build megabytes.
SCALABLE: dict[str, Callable[[bytes, random.Random, float], bytes]] = {
    "long-line": long_line, "deep-nesting": deep_nesting, "entity-expansion": entity_expansion,
}


# --- seeds and cases --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SeedFile:
    """A real input the fuzzer starts from."""

    name: str
    data: bytes

    @property
    def has_release(self) -> bool:
        """A press release itself, or a filing with an EX-99 exhibit (read with spaCy)."""
        return not self.data.lstrip().startswith((b"<SEC", b"<SUBMISSION", b"<IMS")) or (
            b"<TYPE>EX-99" in self.data)


def load_seed_files(corpus: Path | None = SHARED_CORPUS) -> list[SeedFile]:
    """The seed filing of the repo, plus the shared corpus (EDGAR files, press releases)."""
    seeds = [SeedFile(SEED_FILE.name, SEED_FILE.read_bytes())]
    if corpus is not None:
        edgar, releases = corpus / "edgar", corpus / "press-releases"
        if edgar.is_dir():
            seeds += [SeedFile(p.name, p.read_bytes()) for p in sorted(edgar.iterdir())
                      if p.is_file() and p.name not in NOT_INPUTS]
        if releases.is_dir():
            seeds += [SeedFile(p.name, p.read_bytes()) for p in sorted(releases.glob("*.txt"))]
    return seeds


@dataclass(frozen=True, slots=True)
class Case:
    """One fuzz case: which file, which mutator, read releases or not, and its seed."""

    seed: int
    index: int
    mutator: str
    file: str
    read_releases: bool
    # size factor of the mutators that build megabytes (SCALABLE); 1 in the long run
    scale: float = 1.0

    @property
    def id(self) -> str:
        """The replay key: mutator@file#seed:index, with +releases when releases are read and
        *scale when the large mutators are scaled."""
        suffix = "+releases" if self.read_releases else ""
        if self.scale != 1.0:
            suffix += f"*{self.scale:g}"
        return f"{self.mutator}@{self.file}#{self.seed}:{self.index}{suffix}"

    @classmethod
    def parse(cls, key: str) -> Case:
        match = re.fullmatch(r"(?P<m>[\w-]+)@(?P<f>.+)#(?P<s>-?\d+):(?P<i>\d+)"
                             r"(?P<r>\+releases)?(?:\*(?P<x>[\d.e-]+))?", key)
        if not match:
            raise ValueError(f"not a case id: {key!r} (expected mutator@file#seed:index)")
        return cls(int(match["s"]), int(match["i"]), match["m"], match["f"], bool(match["r"]),
                   float(match["x"] or 1.0))

    def rng(self) -> random.Random:
        # Seeded from a string: stable across runs and Python processes (no hash salt).
        return random.Random(f"{self.seed}:{self.index}:{self.mutator}:{self.file}")


def plan_cases(seeds: Sequence[SeedFile], count: int, seed: int = 7,
               releases_share: float = 0.2, mutators: Sequence[str] | None = None,
               start: int = 0, scale: float = 1.0) -> list[Case]:
    """`count` cases dealt round-robin over the files; `releases_share` of them read releases.

    Headers-only cases go over every file, release cases over press releases and filings with
    an EX-99 exhibit. Files are dealt in turn (in an order shuffled by the seed), so each gets
    its share of the cases and every file is touched by construction once the headers-only
    cases number at least the files, whatever the corpus size; the total stays `count`. Each
    file goes through the mutators in its own seeded order, so the mutators are spread evenly
    over every file and over the campaign while which file meets which mutator first varies.
    """
    names = list(mutators or MUTATORS)
    order = random.Random(f"files:{seed}")
    all_files = [s.name for s in seeds]
    release_files = [s.name for s in seeds if s.has_release] or all_files
    order.shuffle(all_files)
    order.shuffle(release_files)
    mutator_orders: dict[tuple[bool, str], list[str]] = {}
    cases = []
    for index in range(start, start + count):
        # Case i reads releases when floor(share * i) steps up: an even spread, by index alone.
        releases_before = int(index * releases_share)
        is_release = int((index + 1) * releases_share) > releases_before
        position = releases_before if is_release else index - releases_before
        files = release_files if is_release else all_files
        file = files[position % len(files)]
        mutator_order = mutator_orders.get((is_release, file))
        if mutator_order is None:
            mutator_order = random.Random(f"mutators:{seed}:{is_release}:{file}").sample(
                names, len(names))
            mutator_orders[is_release, file] = mutator_order
        mutator = mutator_order[(position // len(files)) % len(names)]
        cases.append(Case(seed, index, mutator, file, is_release, scale))
    return cases


# --- running ----------------------------------------------------------------------------------

@dataclass(slots=True)
class Outcome:
    """What one case did."""

    case_id: str
    mutator: str
    file: str
    input_bytes: int
    # "extracted", "error" (a documented InputError) or "bug"
    verdict: str
    stage: str = ""
    reason: str = ""
    seconds: float = 0.0
    peak_bytes: int = 0

    @property
    def memory_ratio(self) -> float:
        return self.peak_bytes / max(self.input_bytes, 1)


def memory_bound(input_bytes: int) -> int:
    """The most memory (tracemalloc peak) one case may take."""
    return MEMORY_PER_INPUT_BYTE * input_bytes + MEMORY_FIXED


def classify(result: Extraction | InputError) -> tuple[str, str, str]:
    """(verdict, stage, reason) of one extract_document result."""
    if isinstance(result, Extraction):
        if not result.graphs:
            return "bug", "extract", "an extraction without any graph"
        return "extracted", "", ""
    if not isinstance(result, InputError):
        return "bug", "extract", f"returned {type(result).__name__}, not an Extraction or error"
    if result.reason.startswith("unexpected"):
        return "bug", result.stage, result.reason
    if result.stage == "budget":
        return "bug", "budget", f"hang: {result.reason}"
    if result.stage not in DOCUMENTED_STAGES:
        return "bug", result.stage, f"undocumented stage {result.stage!r}: {result.reason}"
    if LEAKED_INTERNAL_ERROR.search(result.reason):
        return "bug", result.stage, f"internal error reported as a file error: {result.reason}"
    return "error", result.stage, result.reason


def mutate(case: Case, seeds_by_name: dict[str, SeedFile]) -> bytes:
    """The bytes of one case: its file with its mutator applied."""
    data, rng = seeds_by_name[case.file].data, case.rng()
    if case.mutator == "combined":
        return combined(data, rng, case.scale)
    if case.mutator in SCALABLE:
        return SCALABLE[case.mutator](data, rng, case.scale)
    return MUTATORS[case.mutator](data, rng)


def run_case(case: Case, seeds_by_name: dict[str, SeedFile],
             budget: float = CASE_BUDGET) -> Outcome:
    """Mutate, read as the pipeline reads, extract each source; the worst outcome counts."""
    data = mutate(case, seeds_by_name)
    outcome = Outcome(case.id, case.mutator, case.file, len(data), "extracted")
    tracing = tracemalloc.is_tracing()
    if tracing:
        tracemalloc.reset_peak()
        baseline = tracemalloc.get_traced_memory()[0]
    started = time.perf_counter()
    try:
        for source in sources_from_bytes(case.file, data):
            result = extract_document(source, BASE, WHEN, case.read_releases,
                                      time_budget=budget)
            verdict, stage, reason = classify(result)
            if verdict == "bug" or (verdict == "error" and outcome.verdict == "extracted"):
                outcome.verdict, outcome.stage, outcome.reason = verdict, stage, reason
            if verdict == "bug":
                break
    except BaseException as exc:  # noqa: BLE001 - anything escaping is what we hunt for
        if isinstance(exc, KeyboardInterrupt):
            raise
        outcome.verdict, outcome.stage = "bug", "escaped"
        outcome.reason = f"{type(exc).__name__} escaped extract_document: {exc}"[:500]
    outcome.seconds = time.perf_counter() - started
    if tracing:
        outcome.peak_bytes = max(tracemalloc.get_traced_memory()[1] - baseline, 0)
        if outcome.peak_bytes > memory_bound(len(data)) and outcome.verdict != "bug":
            outcome.verdict, outcome.stage = "bug", "memory"
            outcome.reason = (f"peak {outcome.peak_bytes / 2**20:.0f} MB for"
                              f" {len(data) / 2**20:.1f} MB of input")
    return outcome


def warm_up(seeds_by_name: dict[str, SeedFile]) -> None:
    """Load the spaCy pipeline and vocabularies once, before memory is measured."""
    seed = seeds_by_name[SEED_FILE.name]
    extract_document(Source(seed.name, seed.data), BASE, WHEN, read_releases=True)


@dataclass(slots=True)
class Report:
    """The figures of a campaign."""

    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def bugs(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.verdict == "bug"]

    def slowest(self) -> Outcome | None:
        return max(self.outcomes, key=lambda o: o.seconds, default=None)

    def hungriest(self) -> Outcome | None:
        """The case with the highest peak memory per input byte, among inputs of 64 KB or
        more (for a tiny input the fixed cost makes the ratio meaningless)."""
        sized = [o for o in self.outcomes if o.input_bytes >= 65536]
        return max(sized, key=lambda o: o.memory_ratio, default=None)

    def closest_to_memory_bound(self) -> Outcome | None:
        return max(self.outcomes, key=lambda o: o.peak_bytes / memory_bound(o.input_bytes),
                   default=None)

    def summary(self) -> str:
        """The printed report: counts by mutator and stage, bugs with replay ids, extremes."""
        lines = [f"cases run: {len(self.outcomes)} in {self.seconds:.1f} s;"
                 f" bugs: {len(self.bugs)}"]
        by_mutator: dict[str, Counter[str]] = {}
        seconds: Counter[str] = Counter()
        for o in self.outcomes:
            by_mutator.setdefault(o.mutator, Counter())[o.verdict] += 1
            seconds[o.mutator] += o.seconds
        lines.append("by mutator: extracted / error / bug, seconds")
        for name in sorted(by_mutator):
            c = by_mutator[name]
            lines.append(f"  {name:18} {c['extracted']:6} {c['error']:6} {c['bug']:4}"
                         f" {seconds[name]:8.1f}")
        stages = Counter(o.stage or "extracted" for o in self.outcomes if o.verdict != "bug")
        lines.append("outcomes by stage: " + ", ".join(f"{k} {v}" for k, v in
                                                       sorted(stages.items())))
        reasons = Counter(f"{o.stage}: {_reason_shape(o.reason)}" for o in self.outcomes
                          if o.verdict == "error")
        lines.append("most frequent documented errors:")
        lines += [f"  {n:6} {r}" for r, n in reasons.most_common(12)]
        slowest, hungriest = self.slowest(), self.hungriest()
        if slowest:
            lines.append(f"slowest case: {slowest.seconds:.2f} s {slowest.case_id}"
                         f" ({slowest.input_bytes} bytes)")
        if hungriest and hungriest.peak_bytes:
            lines.append(f"peak memory ratio (inputs >= 64 KB): {hungriest.memory_ratio:.1f}x"
                         f" input ({hungriest.peak_bytes / 2**20:.1f} MB of"
                         f" {hungriest.input_bytes / 2**20:.1f} MB) {hungriest.case_id}")
        closest = self.closest_to_memory_bound()
        if closest and closest.peak_bytes:
            share = closest.peak_bytes / memory_bound(closest.input_bytes)
            lines.append(f"closest to the memory bound: {share:.0%} of it"
                         f" ({closest.peak_bytes / 2**20:.1f} MB) {closest.case_id}")
        for bug in self.bugs:
            lines.append(f"BUG {bug.case_id} [{bug.stage}] {bug.reason[:300]}")
            lines.append(f"    replay: python tests/fuzzing.py --replay '{bug.case_id}'")
        return "\n".join(lines)


def _reason_shape(reason: str) -> str:
    # Group reasons that differ only in numbers or quoted values.
    return re.sub(r"\d+", "N", re.sub(r"'[^']*'", "'…'", reason))[:100]


def run_cases(cases: Iterable[Case], seeds: Sequence[SeedFile], measure_memory: bool = True,
              budget: float = CASE_BUDGET) -> list[Outcome]:
    """Run cases one after another in this process (its main thread, so budgets hold)."""
    seeds_by_name = {s.name: s for s in seeds}
    warm_up(seeds_by_name)
    if measure_memory:
        budget *= TRACING_SLOWDOWN
        tracemalloc.start()
    try:
        return [run_case(case, seeds_by_name, budget) for case in cases]
    finally:
        if measure_memory:
            tracemalloc.stop()


_WORKER_SEEDS: list[SeedFile] = []


def _worker_init(corpus: str | None) -> None:
    _WORKER_SEEDS[:] = load_seed_files(Path(corpus) if corpus else None)


def _worker_run(args: tuple[list[Case], bool, float]) -> list[Outcome]:
    cases, measure_memory, budget = args
    return run_cases(cases, _WORKER_SEEDS, measure_memory, budget)


def campaign(cases: Sequence[Case], seeds: Sequence[SeedFile], jobs: int = 1,
             measure_memory: bool = True, budget: float = CASE_BUDGET,
             corpus: Path | None = SHARED_CORPUS) -> Report:
    """Run every case (in `jobs` processes) and gather the report."""
    started = time.perf_counter()
    if jobs <= 1:
        outcomes = run_cases(cases, seeds, measure_memory, budget)
    else:
        # Cases are dealt out in chunks; each worker runs them in its main thread.
        chunks = [list(cases[i:i + 50]) for i in range(0, len(cases), 50)]
        context = multiprocessing.get_context("spawn")
        with context.Pool(jobs, _worker_init, (str(corpus) if corpus else None,)) as pool:
            outcomes = [o for chunk in pool.imap(_worker_run, [(c, measure_memory, budget)
                                                               for c in chunks]) for o in chunk]
    return Report(outcomes, time.perf_counter() - started)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=3000, help="number of cases to run")
    parser.add_argument("--seed", type=int, default=7, help="campaign seed (deterministic)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    parser.add_argument("--releases-share", type=float, default=0.2,
                        help="share of cases that read press releases with spaCy")
    parser.add_argument("--budget", type=float, default=CASE_BUDGET,
                        help="seconds one case may take before it counts as a hang")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="size factor of the megabyte mutators (CI runs 0.25)")
    parser.add_argument("--no-memory", action="store_true",
                        help="do not trace memory (faster; no memory bound checked)")
    parser.add_argument("--seed-only", action="store_true",
                        help="fuzz only the seed filing kept in the repo")
    parser.add_argument("--replay", metavar="CASE_ID", help="run one case again, by its id")
    parser.add_argument("--dump", metavar="PATH", help="with --replay: write its bytes there")
    args = parser.parse_args(argv)
    corpus = None if args.seed_only else SHARED_CORPUS
    seeds = load_seed_files(corpus)
    if args.replay:
        case = Case.parse(args.replay)
        if args.dump:
            Path(args.dump).write_bytes(mutate(case, {s.name: s for s in seeds}))
        report = campaign([case], seeds, measure_memory=not args.no_memory, budget=args.budget)
    else:
        cases = plan_cases(seeds, args.cases, args.seed, args.releases_share,
                           scale=args.scale)
        report = campaign(cases, seeds, args.jobs, not args.no_memory, args.budget, corpus)
    print(report.summary())
    return 1 if report.bugs else 0


if __name__ == "__main__":
    sys.exit(main())
