"""Stage 8, batch: many inputs through `extract` into the store.

Inputs are streamed through worker processes, validated and written in batches; a bad file
becomes a `Failure` in the `BatchSummary` and never stops the run (`pipeline`). The same
per-document function runs on a Dask cluster for corpora beyond one machine (`distributed`).
"""
