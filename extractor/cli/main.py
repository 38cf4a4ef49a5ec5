"""The `edgar-kg` command group: every command registered under one name."""

from __future__ import annotations

import sys
from typing import Any

import click

from .. import __version__
from .common import EXIT_FAILED
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


class _Group(click.Group):
    """The command group, printing every error one way: `error: ...` on standard error."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("error: interrupted", err=True)
            sys.exit(EXIT_FAILED)
        except click.ClickException as exc:
            if isinstance(exc, click.UsageError) and exc.ctx is not None:
                click.echo(exc.ctx.get_usage(), err=True)
                click.echo(f"Try '{exc.ctx.command_path} -h' for help.\n", err=True)
            click.echo(f"error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="edgar-kg")
def cli() -> None:
    """Turn SEC EDGAR filings and press releases into an RDF knowledge graph."""


for command in (extract, query, history, export, stats, remove, validate, evaluate, graph, push,
                train, link, company):
    cli.add_command(command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="edgar-kg")
