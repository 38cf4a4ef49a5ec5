"""Each exhibit of a filing read by the reader of its genre: press releases and agreements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..edgar.records import Entity, Submission
from ..read.submission import Document
from ..text.conversion import plain_text
from ..text.genres import AGREEMENT, PRESS_RELEASE
from .agreements import read_agreement
from .facts import ReleaseFacts
from .people import signature_people
from .release import read_release


def read_agreement_exhibits(documents: list[Document], companies: Sequence[Entity],
                            filed: dt.date | None, warnings: list[str]
                            ) -> list[tuple[int, ReleaseFacts]]:
    """The facts of each document of genre agreement, read by its preamble, by document
    sequence; what kept a preamble from giving a deal is said in `warnings`."""
    read = []
    for position, document in enumerate(documents, start=1):
        if document.genre != AGREEMENT or not document.text or document.is_binary:
            continue
        sequence = document.sequence if document.sequence is not None else position
        facts = read_agreement(document.text, companies=companies, filing_date=filed)
        name = document.type or f"document {sequence}"
        if document.truncated:
            warnings.append(f"{name}: an agreement of {document.size} bytes, read by the head "
                            "of its body (its preamble) only")
        warnings.extend(f"{name}: {warning}" for warning in facts.warnings)
        read.append((sequence, facts))
    return read


def read_release_exhibits(submission: Submission, companies: list[Entity],
                          add_signers: bool = True) -> list[tuple[int, ReleaseFacts]]:
    """Facts of each press-release exhibit (EX-99.x with a text body), by document sequence,
    with the signers of the filing's main document added to the first (unless the main
    document's own reader has them)."""
    header = submission.header
    assert header is not None
    releases = []
    for position, document in enumerate(submission.documents, start=1):
        # Only exhibits that are press releases: an EX-99 may as well be a merger agreement,
        # financial statements or a court order, whose clauses are no announcements.
        if document.text and not document.is_binary and document.genre == PRESS_RELEASE \
                and (document.type or "").upper().startswith("EX-99"):
            # The same numbering as the filing's document nodes (rdf._add_document).
            sequence = document.sequence if document.sequence is not None else position
            releases.append((sequence, read_release(document.text, companies=companies,
                                                    filing_date=header.filed)))
    if releases and add_signers:
        main = next((d for d in submission.documents if d.text and not d.is_binary), None)
        signers = signature_people(plain_text(main.text or "").text) if main else []
        first = releases[0][1]
        filer = next((o.key for o in first.organizations.values() if o.cik), first.issuer)
        known = {person.name for person in first.people}
        for person in signers:
            if person.name not in known:
                person.organization = filer
                first.people.append(person)
    return releases
