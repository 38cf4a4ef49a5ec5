"""Stage 9, cli: the `edgar-kg` command line, the only package that imports click.

Each command parses its options, makes one library call and turns the library's errors into
messages: extraction, queries, histories, export and the store (`commands`), relationship
networks (`graph`), pushing to a remote store (`remote`); shared options and error handling
(`common`) and table, JSON and CSV output (`formatting`).
"""

from .commands import cli, main

__all__ = ["cli", "main"]
