"""`edgar-kg history`: a company's name history and its license history."""

from __future__ import annotations

import click

from ..analysis.history import (
    LICENSE_COLUMNS,
    history_rows,
    history_table_rows,
    license_history,
    resolve_company,
)
from ..analysis.plots import picture_format, plot_name_history
from .common import emit, format_option, library_errors, open_store, rows_options, store_option


@click.group()
def history() -> None:
    """Trace a company's history."""


@history.command("names")
@click.argument("company")
@store_option
@format_option()
@rows_options
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False), default=None,
              help="Also draw the names as a timeline to this .svg or .png file.")
@library_errors
def history_names(company: str, store_path: str | None, fmt: str, columns: tuple[str, ...],
                  limit: int | None, plot_path: str | None) -> None:
    """The ordered name history of COMPANY (a CIK, ticker, or any current or former name).

    \b
    Examples:
      edgar-kg history names 1279704
      edgar-kg history names Novelos --plot cellectar-names.svg
      edgar-kg history names CLRB --format csv
    """
    if plot_path:
        picture_format(plot_path)  # refuse a bad extension before doing the work
    with open_store(store_path, read_only=True) as store:
        cik = resolve_company(store, company)
        records = store.name_history(cik)
    if plot_path:
        plot_name_history(records, plot_path)
        click.echo(f"timeline of {len(records)} names -> {plot_path}", err=True)
    if fmt != "table":
        rows = history_rows(records)
        names = ["cik", "name", "start", "end", "source"]
        emit(names, [[row[c] for c in names] for row in rows], fmt)
        return
    rows = history_table_rows(records)
    click.echo(f"CIK {cik}")
    names = ["name", "start", "end", "source"]
    emit(names, [[row[c] for c in names] for row in rows], "table")


@history.command("licenses")
@click.argument("company")
@store_option
@format_option()
@rows_options
@library_errors
def history_licenses(company: str, store_path: str | None, fmt: str, columns: tuple[str, ...],
                     limit: int | None) -> None:
    """The license and option deals of COMPANY (a CIK, ticker, or any name a filing or release
    uses), including deals its counterparties announced under any of its names.

    \b
    Examples:
      edgar-kg history licenses Cellectar
      edgar-kg history licenses WARF --format json
    """
    with open_store(store_path, read_only=True) as store:
        history = license_history(store, company)
    if fmt != "table":
        rows = history.values if fmt in ("json", "jsonl") else history.rows
        emit(list(LICENSE_COLUMNS), [[row[c] for c in LICENSE_COLUMNS] for row in rows], fmt)
        return
    click.echo(f"{history.organization.name} <{history.organization.iri}>")
    names = ["date", "kind", "role", "counterparty", "assets", "indications", "status", "new",
             "evidence"]
    emit(names, [[row[c] for c in names] for row in history.rows], "table")
