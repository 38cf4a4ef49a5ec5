"""The `edgar-kg` command group: every command registered under one name, loaded when used."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from .. import __version__
from .common import EXIT_FAILED

# Each command's module and the one-line help `edgar-kg --help` lists: a command's module is
# imported only when that command runs (or asks for its own help), so the list comes at once
# instead of after spaCy, pyshacl and matplotlib have loaded. A test checks that each name is
# the command its module defines.
COMMANDS: dict[str, tuple[str, str]] = {
    "company": ("link", "A card of COMPANY: names over time, tickers, filings, deals, people, "
                        "subsidiaries, insiders, owners."),
    "download": ("download", "Fetch filings from SEC EDGAR into a folder laid out as EDGAR's "
                             "paths."),
    "evaluate": ("evaluate", "Score extraction of PATHS against GOLD annotations."),
    "export": ("store", "Write the whole store as RDF, to a file or standard output."),
    "extract": ("extract", "Extract PATHS (files, folders, archives, - for stdin) into the "
                           "store or an RDF file."),
    "graph": ("graph", "Analyse the store as networks: deals between organizations, products, "
                       "people."),
    "history": ("history", "Trace a company's history."),
    "link": ("link", "Link the store's organizations to EDGAR companies by the name valid on "
                     "each document's date."),
    "push": ("remote", "Send the store's named graphs to a SPARQL endpoint, one HTTP PUT per "
                       "graph."),
    "query": ("query", "Run a query over the store (or -i files) and print its rows."),
    "remove": ("store", "Remove stored documents by accession, file name or graph IRI."),
    "sync": ("download", "Fetch what is new for COMPANY... and extract it into the store."),
    "stats": ("store", "Counts of filings, companies, deals, people, graphs and quads."),
    "train": ("train", "Train the pipeline's entity recognizer on the annotated corpus."),
    "validate": ("validate", "Check the store (or -i files) against the SHACL shapes."),
}


class _Group(click.Group):
    """The command group: commands loaded on first use, and every error printed one way,
    `error: ...` on standard error."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(f".{COMMANDS[cmd_name][0]}", __package__)
        return getattr(module, cmd_name)

    @property
    def all_commands(self) -> dict[str, click.Command]:
        """Every command, loaded (for tests and documentation)."""
        return {name: self.get_command(click.Context(self), name) for name in COMMANDS}

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, short) for name, (_, short) in sorted(COMMANDS.items())])

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
    """Turn SEC EDGAR filings and press releases into an RDF knowledge graph.

    \b
    Start with:
      edgar-kg extract examples/            # read filings and releases into ./edgar-kg.db
      edgar-kg history names 1279704        # a company's names over time
      edgar-kg history licenses Cellectar   # its license deals, whoever announced them
    """


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="edgar-kg")
