"""A submission's text or stream parsed into its header and the document bodies extraction reads."""

from __future__ import annotations

from ..read.streams import Readable
from ..read.submission import KeepText, iter_documents, split_header, stream_submission
from .header import parse_header
from .records import Submission

# Bytes of an agreement exhibit's body kept: its preamble is read from the head (the title,
# the parties, their defined roles), never its clauses, so a 10 MB merger agreement costs
# what its first 2 MB do (the agreement reader's own limit, nlp.agreements.MAX_SOURCE_CHARS).
AGREEMENT_HEAD_BYTES = 2_000_000
# Exhibit types that hold agreements: plans of acquisition (EX-2) and material contracts
# (EX-10); an EX-99 may be one as well, and is kept whole to tell.
_AGREEMENT_TYPES = ("EX-2", "EX-10")


def parse_submission(text: str) -> Submission:
    """Split a submission's text into its parsed header and its documents."""
    header_text, body_start = split_header(text)
    header = parse_header(header_text)
    return Submission(header, list(iter_documents(text, body_start)))


def bodies_read(read_releases: bool) -> KeepText:
    """Which document bodies a submission's extraction needs: with facts read, the main
    document (its Items and signers, an ownership form's XML, a schedule's cover pages), the
    EX-99 and EX-21 exhibits, and the head of every EX-2 and EX-10 (agreements, read by
    their preamble); otherwise none."""
    seen_main = False

    def keep(doc_type: str | None, filename: str | None) -> bool | int:
        nonlocal seen_main
        if not read_releases:
            return False
        upper = (doc_type or "").upper()
        if upper.startswith("EX-99") or upper == "EX-21" or upper.startswith("EX-21."):
            return True  # releases; the list of subsidiaries
        if upper.startswith(_AGREEMENT_TYPES) and upper[len("EX-"):].split(".")[0] in (
                "2", "10"):
            return AGREEMENT_HEAD_BYTES
        if not seen_main:
            seen_main = True
            return True
        return False

    return keep


def read_submission_stream(stream: Readable, read_releases: bool = True) -> Submission:
    """Parse a submission as it streams past: only the bodies extraction reads are kept."""
    header_text, documents = stream_submission(stream, bodies_read(read_releases))
    header = parse_header(header_text)
    return Submission(header, list(documents))
