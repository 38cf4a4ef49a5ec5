"""Stage 4, rdf: typed records and facts into named graphs of RDF terms.

The vocabulary and every IRI the extractor mints (`vocab`); named graphs of terms, with their
N-Quads and content hashes (`named_graph`); the writers for filings, parties, companies and
name histories (`graph`); the writer for press
release facts with the evidence of each (`releases`); the writer for a form's item sections
with their span of the document (`sections`); the writer for subsidiaries, insiders, holdings
and beneficial owners (`relations`).
"""
