"""Stage 6, store: named graphs in, a queryable corpus out.

The embedded pyoxigraph store keeps one named graph per input, the merged name histories and
its own bookkeeping; it loads, removes, exports and answers SPARQL (`embedded`), and is opened
by `opening`, which retries a reader while a writer merges the store's files. RDF files are
loaded and exported in the format their extension names (`formats`), and merged name histories
are read back from the stored facts as records (`histories`): their statements come from the
graphs the run just wrote while it has them, else from the store (`statements`). Its graphs
can be pushed to a remote SPARQL Graph Store (`remote`). Marks written with a batch tell the
linker which graphs to link and which companies' names to index (`link_marks`). Stored
documents are found by accession number, input file or graph IRI (`documents`).
"""
