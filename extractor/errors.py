"""Domain exceptions; each message names the input and what was wrong with it."""

from __future__ import annotations


class EdgarKgError(Exception):
    """Base class for every error the library raises on purpose."""


class InputError(EdgarKgError):
    """An input file could not be used: its message says which file and why."""

    def __init__(self, source: str, reason: str, stage: str = "read") -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
        self.stage = stage

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, str]]:
        # Worker processes send failures back pickled; the default reduce would call
        # __init__ with the formatted message alone and fail in the parent.
        return (InputError, (self.source, self.reason, self.stage))


class HeaderError(EdgarKgError):
    """An SEC header is present but lacks something every header must have."""


class UnknownCompany(EdgarKgError):
    """No company in the store matches what the user asked for."""


class AmbiguousCompany(EdgarKgError):
    """A company name matches several CIKs; the message lists them."""

    def __init__(self, query: str, candidates: list[tuple[str, str]],
                 hint: str = "give a CIK instead") -> None:
        listed = "; ".join(f"{cik} {name}" for cik, name in candidates)
        super().__init__(f"{query!r} matches {len(candidates)} companies: {listed}; {hint}")
        self.query = query
        self.candidates = candidates
        self.hint = hint


class NoDeals(EdgarKgError):
    """The company is known but is party to no deal of the kind asked for."""


class QueryError(EdgarKgError):
    """A named query is unknown, malformed, or given a bad parameter."""


class StoreError(EdgarKgError):
    """The store could not be opened or written, or an RDF file could not be used."""


class StoreUnavailable(StoreError):
    """The store cannot be opened (in use, not a store) or written (disk full): the command
    stopped, and running it again once the cause is gone finishes the work."""


class WorkerError(EdgarKgError):
    """A worker process died (killed, or out of memory); earlier batches are committed."""
