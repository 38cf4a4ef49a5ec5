"""Stage 5, validate: named graphs in, SHACL reports out.

The shapes in `shapes/` are loaded once; each extracted graph or the whole store is checked
and each violation reported with its focus node, path and message (`shacl`). The shapes are
compiled to Python checks over pyoxigraph terms (`compiled`), which give pyshacl's results
ten times faster; pyshacl itself (`reference`) checks what the compiler does not read.
"""
