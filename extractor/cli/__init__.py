"""Stage 10, cli: the `edgar-kg` command line, the only package that imports click.

Each command parses its options, makes one library call and turns the library's errors into
messages. One module per command group: `extract`, `query`, `history`, `validate`,
`evaluate`, the store as a whole (`store`: export, stats, remove), relationship networks
(`graph`), pushing to a remote store (`remote`), training the recognizer (`train`), and
linking organizations to EDGAR companies with a company card (`link`), fetching from EDGAR and
keeping a store in sync (`download`); `main` registers them
under one group.
Shared options and error handling live in `common`, table, JSON and CSV output in
`formatting`, progress bars in `progress`.
"""

from .main import cli, main

__all__ = ["cli", "main"]
