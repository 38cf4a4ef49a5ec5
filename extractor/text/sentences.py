"""Sentence spans inside plain text, cut at stops that do not end an abbreviation."""

from __future__ import annotations

import re

# A longer "sentence" is cut at its last space, so one pathological run stays bounded.
MAX_SENTENCE = 2000

_ABBREVIATIONS = frozenset(
    """Inc. Corp. Co. Ltd. Dr. Mr. Ms. Mrs. Prof. No. Nos. vs. v. St. Jr. Sr. Mt. Ft. Gen.
    Gov. Sen. Rep. Rev. Hon. Capt. Col. Lt. Maj. Sgt. Ave. Blvd. Rd. Ste. Dept. Univ. Assn.
    Bros. Intl. Hldgs. Pty. Cie. Fig. Figs. Vol. Ref. approx. Approx. est. ca. cf. al. Nr.
    Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec.
    Ala. Ariz. Ark. Calif. Cal. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Kans. Ky. La. Md.
    Mass. Mich. Minn. Miss. Mo. Mont. Neb. Nebr. Nev. Okla. Ore. Pa. Penn. Tenn. Tex. Va.
    Vt. Wash. Wis. Wisc. Wyo. Ont. Que. Alta.""".split()
)
_DOTTED = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}\.|[A-Z]\.")
# A stop, then closing quotes or brackets, then a space and what may open a sentence; or a
# newline. It opens with a character class so that re skips plain text fast. A run of stops
# is only tried from its first stop, and taken whole (possessive): each later stop would
# reach the same end of the run, so retrying from each was quadratic in a run of dots.
_BOUNDARY = re.compile(
    r"[.!?\n](?:(?<=\n)|(?<![.!?].)[.!?]*+[\"'”’)\]]*+(?=\s+[\"'“‘(\[$]?[A-Z0-9]))")
_OPENERS = "\"'“‘(["
# A heading run into its paragraph with no space, as scraped pages often have it ("Contact
# DetailsFor more", "About BioUtahBioUtah is", "Bullish TakeThe U.S."): a lower-case word
# glued to a capitalized word that opens sentences. "In" and "At" are left out, for LinkedIn.
_GLUED = re.compile(
    r"(?<=[a-z]{3})[TOFAW](?:he|his|hese|ur|or|bout|ith|ounded)(?= )"
    # A contact block scraped without its line breaks ("David ShapiroChief Executive
    # OfficerB2i Digital, Inc.", "Judy Krandel, CFONephros, Inc."): a name glued to a
    # title, and a title glued to the company after it.
    r"|(?<=[a-z]{3})(?:Chief|President|Vice President|Senior Vice|Director|Head of|Founder"
    r"|Managing)\b"
    r"|(?<=\b(?:CEO|CFO|COO|CMO|CSO|CTO|CBO))[A-Z](?=[a-z0-9])"
    r"|(?:(?<=Officer)|(?<=Director)|(?<=Relations)|(?<=Manager)|(?<=Details)|(?<=Contact)"
    r"|(?<=President))[A-Z](?=[a-z0-9]|[A-Z]{1,5}\s+[A-Z])"
    # A surname glued to a company in capitals: "Kirin M. SmithPCG Advisory, Inc.".
    r"|(?<=[a-z]{3})[A-Z]{3,6}(?=\s+[A-Z][a-z]+,?\s+(?:Inc|LLC|Ltd|Corp|Group)\b)")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end], trimmed of whitespace.

    A newline is always a boundary: PlainText.text has one between blocks and none inside.
    """
    # Bounds as a slice reads them (negative from the end, clamped to the text), so an
    # out-of-range pair gives fewer sentences, never an index error.
    start, end, _ = slice(start, end).indices(len(text))
    end = max(end, start)
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for m in _BOUNDARY.finditer(text, start, end):
        ms, me = m.span()
        if text[ms] == "\n":
            _add_sentence(text, sentence_start, ms, spans)
            sentence_start = me
            continue
        if me - ms == 1 and text[ms] == "." and _abbreviation(text, sentence_start, ms):
            continue
        _add_sentence(text, sentence_start, me, spans)
        sentence_start = me
    _add_sentence(text, sentence_start, end, spans)
    return _unglued(text, spans)


def _unglued(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans split where a heading is glued to the sentence after it."""
    result: list[tuple[int, int]] = []
    for start, end in spans:
        for glue in _GLUED.finditer(text, start, end):
            if glue.start() - start >= 3:  # the glued word lies inside this span
                result.append((start, glue.start()))
                start = glue.start()
        result.append((start, end))
    return result


def _abbreviation(text: str, lower: int, dot: int) -> bool:
    i = dot
    limit = max(lower, dot - 12)
    while i > limit and not text[i - 1].isspace():
        i -= 1
    if i == limit and limit > lower and not text[i - 1].isspace():
        return False  # a long token: not an abbreviation
    while i < dot and text[i] in _OPENERS:
        i += 1
    word = text[i:dot + 1]
    return word in _ABBREVIATIONS or _DOTTED.fullmatch(word) is not None


def _add_sentence(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while True:
        while start < end and text[start].isspace():
            start += 1
        piece_end = end if end - start <= MAX_SENTENCE else text.rfind(
            " ", start + 1, start + MAX_SENTENCE)
        if piece_end < 0:
            piece_end = start + MAX_SENTENCE  # no space to cut at: cut anyway
        cut = piece_end
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            spans.append((start, piece_end))
        if cut >= end:
            return
        start = cut
