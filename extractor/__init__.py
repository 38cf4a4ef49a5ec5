"""edgar-kg: SEC EDGAR filings and press releases into an RDF knowledge graph."""

__version__ = "0.1.0"

from .batch.pipeline import BatchSummary, extract_paths  # noqa: E402
from .edgar.header import parse_header  # noqa: E402
from .edgar.names import NameRecord, merge_histories  # noqa: E402
from .errors import EdgarKgError, InputError  # noqa: E402
from .extract import Extraction, extract_source, parse_submission  # noqa: E402
from .store.embedded import KnowledgeStore  # noqa: E402

__all__ = [
    "__version__", "BatchSummary", "EdgarKgError", "Extraction", "InputError",
    "KnowledgeStore", "NameRecord", "extract_paths", "extract_source", "merge_histories",
    "parse_header", "parse_submission",
]
