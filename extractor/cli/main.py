"""The `edgar-kg` command group: every command registered under one name."""

from __future__ import annotations

import click

from .. import __version__
from .evaluate import evaluate
from .extract import extract
from .graph import graph
from .history import history
from .link import company, link
from .query import query
from .remote import push
from .store import export, remove, stats
from .train import train
from .validate import validate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="edgar-kg")
def cli() -> None:
    """Turn SEC EDGAR filings and press releases into an RDF knowledge graph."""


for command in (extract, query, history, export, stats, remove, validate, evaluate, graph, push,
                train, link, company):
    cli.add_command(command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="edgar-kg")
