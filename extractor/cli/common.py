"""Options and error handling shared by the edgar-kg command groups."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..errors import AmbiguousCompany, EdgarKgError, StoreUnavailable, WorkerError
from ..store.embedded import KnowledgeStore, default_store_path
from .formatting import FORMATS, render, select_columns


def store_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--store DIR, shared by every command that reads or writes the store."""
    return click.option(
        "--store", "store_path", type=click.Path(file_okay=False), default=None,
        help="Store folder [default: $EDGAR_KG_STORE or ./edgar-kg.db].",
    )(fn)


def format_option(choices: tuple[str, ...] = FORMATS) -> Callable[..., Any]:
    """--format, shared by every command that prints rows."""
    return click.option("--format", "fmt", type=click.Choice(choices), default="table",
                        show_default=True, help="Output format.")


def _split_columns(ctx: click.Context, param: click.Parameter,
                   value: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name.strip() for item in value for name in item.split(",") if name.strip())


def rows_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--columns and --limit, shared by commands that print rows."""
    fn = click.option("--limit", type=click.IntRange(0, None), default=None,
                      help="Print at most this many rows.")(fn)
    return click.option("--columns", "-c", multiple=True, callback=_split_columns,
                        metavar="NAME[,NAME...]",
                        help="Print only these columns, in this order.")(fn)


def emit(columns: list[str], rows: list[list[Any]], fmt: str) -> None:
    """Print rows in `fmt`, cut to the command's --columns and --limit when it has them."""
    ctx = click.get_current_context(silent=True)
    params = ctx.params if ctx is not None else {}
    try:
        shown, kept = select_columns(columns, rows, params.get("columns") or None,
                                     params.get("limit"))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--columns") from None
    text = render(shown, kept, fmt)
    if text:  # no rows as JSON lines is no output at all, not an empty line
        click.echo(text)


# Exit statuses, the same for every command (click itself exits 2 on a usage error).
EXIT_FAILED = 1  # the command ran and found a problem: a bad input, a violation, no such company
EXIT_STOPPED = 3  # the command could not go on: store in use or unwritable, a worker died


class CommandError(click.ClickException):
    """A command's error, printed the one way every command prints them: `error: ...`."""

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


class Stopped(CommandError):
    """A run that stopped partway: work committed before it is kept, running it again
    finishes."""

    exit_code = EXIT_STOPPED


def library_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the library's own exceptions into one-line messages, never tracebacks."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (StoreUnavailable, WorkerError) as exc:
            raise Stopped(str(exc)) from None
        except AmbiguousCompany as exc:
            raise CommandError(_candidates_table(exc)) from None
        except EdgarKgError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(f"{exc.filename or ''}: {exc.strerror or exc}") from None

    return wrapper


_SHOWN_CANDIDATES = 20


def _candidates_table(exc: AmbiguousCompany) -> str:
    """The companies an ambiguous name fits, one per line (the first 20), and what to do."""
    shown = exc.candidates[:_SHOWN_CANDIDATES]
    more = len(exc.candidates) - len(shown)
    table = render(["cik", "name"], [list(row) for row in shown], "table").rsplit("\n", 1)[0]
    tail = f"\n... and {more} more" if more else ""
    return (f"{exc.query!r} matches {len(exc.candidates)} companies; {exc.hint}:\n"
            f"{table}{tail}")


def open_store(store_path: str | None, must_exist: bool = True,
               read_only: bool = False) -> KnowledgeStore:
    """The store at --store (or the default), with a clear message when there is none."""
    path = store_path or default_store_path()
    if must_exist and not Path(path).is_dir():
        raise CommandError(
            f"no store at {path}: run `edgar-kg extract PATH...` first, or give --store")
    return KnowledgeStore(path, read_only=read_only)
