"""edgar-kg: SEC EDGAR filings and press releases into an RDF knowledge graph."""

__version__ = "0.1.0"

# The public API: one import for what a notebook or a script needs; the stages' own modules
# (docs/architecture.md) hold the rest.
from .analysis.company import company_card  # noqa: E402
from .analysis.measures import network_stats, relationship_path, top_nodes  # noqa: E402
from .analysis.network import (  # noqa: E402
    build_view,
    company_products,
    deal_network,
    person_companies,
    product_indications,
    resolve_node,
)
from .analysis.queries import load_query, run_query  # noqa: E402
from .batch.pipeline import BatchSummary, extract_paths  # noqa: E402
from .edgar.filing import parse_submission  # noqa: E402
from .edgar.header import parse_header  # noqa: E402
from .edgar.names import NameRecord, merge_histories  # noqa: E402
from .errors import EdgarKgError, InputError  # noqa: E402
from .evaluate.scoring import evaluate, load_gold  # noqa: E402
from .extract import Extraction, extract_document, extract_source  # noqa: E402
from .linking import CompanyIndex, resolve  # noqa: E402
from .linking.store_links import company_index_of, link_pending  # noqa: E402
from .nlp.release import read_release  # noqa: E402
from .read.source import Source  # noqa: E402
from .store.embedded import KnowledgeStore  # noqa: E402

__all__ = [
    "__version__", "BatchSummary", "CompanyIndex", "EdgarKgError", "Extraction", "InputError",
    "KnowledgeStore", "NameRecord", "Source", "build_view", "company_card", "company_index_of",
    "company_products", "deal_network",
    "evaluate", "extract_document", "extract_paths", "extract_source", "link_pending",
    "load_gold", "load_query",
    "merge_histories", "network_stats", "parse_header", "parse_submission", "person_companies",
    "product_indications", "read_release", "relationship_path", "resolve", "resolve_node",
    "run_query",
    "top_nodes",
]
