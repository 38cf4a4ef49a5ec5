"""Stage 1, read: bytes in, sources of a known kind out.

Paths, folders and standard input are found and read (`inputs`), archives and compressed files
(zip, tar, gzip, zstd) opened within a decompression budget (`archives`); each input becomes a
`Source` (`source`) whose kind is told from its content (`kinds`), read through stream wrappers
that hash, replay and re-encode (`streams`). EDGAR submissions stream document by document
without ever being held whole (`submission`); per-document time stays within a budget
(`budget`); RDF/XML is refused when its DTD would expand without bound (`xml_safety`).
"""
