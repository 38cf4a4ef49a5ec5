"""edgar-kg: SEC EDGAR filings and press releases into an RDF knowledge graph."""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# The public API: one import for what a notebook or a script needs; the stages' own modules
# (docs/architecture.md) hold the rest. Each name is imported on first use, so `import
# extractor` (and `edgar-kg --help`) does not load spaCy, pyshacl and the rest up front.
_EXPORTS: dict[str, str] = {
    "company_card": ".analysis.company",
    "network_stats": ".analysis.measures", "relationship_path": ".analysis.measures",
    "top_nodes": ".analysis.measures",
    "build_view": ".analysis.network", "company_products": ".analysis.network",
    "deal_network": ".analysis.network", "person_companies": ".analysis.network",
    "product_indications": ".analysis.network", "resolve_node": ".analysis.network",
    "load_query": ".analysis.queries", "run_query": ".analysis.queries",
    "BatchSummary": ".batch.pipeline", "extract_paths": ".batch.pipeline",
    "SecClient": ".download", "download_company": ".download", "download_daily": ".download",
    "download_index": ".download", "download_names": ".download", "sync": ".download",
    "parse_submission": ".edgar.filing", "parse_header": ".edgar.header",
    "NameRecord": ".edgar.names", "merge_histories": ".edgar.names",
    "EdgarKgError": ".errors", "InputError": ".errors",
    "evaluate": ".evaluate.scoring", "load_gold": ".evaluate.scoring",
    "Extraction": ".extract", "extract_document": ".extract", "extract_source": ".extract",
    "CompanyIndex": ".linking", "resolve": ".linking",
    "company_index_of": ".linking.store_links", "link_pending": ".linking.store_links",
    "read_release": ".nlp.release", "Source": ".read.source",
    "KnowledgeStore": ".store.embedded",
}
__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'extractor' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later lookups find it directly
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
