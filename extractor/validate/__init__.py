"""Stage 5, validate: named graphs in, SHACL reports out.

The shapes in `shapes/` are loaded once and run with pyshacl on each extracted graph or on the
whole store; each violation is reported with its focus node, path and message (`shacl`).
"""
