"""Stage 1, read: bytes in, sources of a known kind out.

Paths, folders, standard input and archives (zip, tar, gzip, zstd) become `Source`s whose kind
is told from their content (`inputs`); EDGAR submissions stream document by document without
ever being held whole (`submission`); decompression and per-document time stay within budgets
(`budget`); RDF/XML is refused when its DTD would expand without bound (`xml_safety`).
"""
