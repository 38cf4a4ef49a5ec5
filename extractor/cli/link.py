"""`edgar-kg link` and `edgar-kg company`: organizations linked to EDGAR companies, and a card."""

from __future__ import annotations

import json

import click

from ..analysis.company import company_card
from ..edgar.dates import parse_date
from ..errors import InputError
from ..linking.explain import explain
from ..linking.store_links import company_index_of, mark_everything, relink_after_names
from .common import EXIT_FAILED, format_option, library_errors, open_store, store_option
from .formatting import render


@click.command()
@click.argument("name_files", nargs=-1, type=click.Path(dir_okay=False))
@store_option
@click.option("--all", "relink_all", is_flag=True,
              help="Link every organization of the store again, not only those whose names "
                   "could have changed.")
@click.option("--explain", "explain_name", default=None, metavar="NAME",
              help="Show how NAME resolves (candidates, dates, method) and change nothing.")
@click.option("--date", "on_date", default=None, metavar="YYYY-MM-DD",
              help="With --explain: the date the name must have been valid on.")
@library_errors
def link(name_files: tuple[str, ...], store_path: str | None, relink_all: bool,
         explain_name: str | None, on_date: str | None) -> None:
    """Link the store's organizations to EDGAR companies, by the name valid on each document's
    date, tickers and aliases.

    NAME_FILES are SEC's bulk name lists, read into the store's company index first:
    cik-lookup-data.txt (every entity name with its CIK, former names included),
    company_tickers.json and company_tickers_exchange.json. Malformed lines are skipped and
    counted. Extraction links new documents by itself; run this after adding name lists.

    \b
    Examples:
      edgar-kg link cik-lookup-data.txt company_tickers_exchange.json
      edgar-kg link --explain "Novelos Therapeutics" --date 2006-05-01
      edgar-kg link --all
    """
    day = None
    if on_date is not None:
        day = parse_date(on_date)
        if day is None:
            raise click.BadParameter(f"{on_date!r} is not a date (YYYY-MM-DD)", param_hint="--date")
    with open_store(store_path, read_only=explain_name is not None) as store:
        index = company_index_of(store)
        if explain_name is not None:
            click.echo(explain(index, explain_name, day))
            return
        failed = 0
        loaded = False
        for path in name_files:
            try:
                report = index.load_file(path)
            except InputError as exc:
                click.echo(f"error: {exc}", err=True)
                failed += 1
                continue
            loaded = True
            click.echo(report.summary(), err=True)
            for example in report.examples:
                click.echo(f"  skipped {example}", err=True)
        if relink_all or not index.counts()["names"]:
            mark_everything(store)
        summary = relink_after_names(store, index, loaded)
        counts = index.counts()
        outcomes = ", ".join(f"{count} {outcome}"
                             for outcome, count in sorted(summary.outcomes.items())) or "none"
        click.echo(f"company index: {counts['companies']} companies, {counts['names']} names, "
                   f"{counts['tickers']} tickers; {summary.graphs} graphs linked; "
                   f"organizations: {outcomes}")
    if failed:
        raise SystemExit(EXIT_FAILED)


@click.command()
@click.argument("company")
@store_option
@format_option(("table", "json"))
@library_errors
def company(company: str, store_path: str | None, fmt: str) -> None:
    """A card of COMPANY (a CIK, ticker, or any current or former name): names over time,
    tickers, filings by form, deals by role with counterparties, people, subsidiaries,
    insiders, owners over 5 %, and the names documents used.

    \b
    Examples:
      edgar-kg company 1279704
      edgar-kg company Novelos --format json
    """
    with open_store(store_path, read_only=True) as store:
        card = company_card(store, company)
    if fmt == "json":
        click.echo(json.dumps(card, indent=2, ensure_ascii=False))
        return
    current = next((row["name"] for row in card["names"] if row["end"] is None), "")
    click.echo(f"{current} (CIK {card['cik']}) <{card['iri']}>")
    sections = [
        ("Names", ["name", "start", "end"], card["names"]),
        ("Tickers", ["ticker", "exchange"], card["tickers"]),
        ("Filings by form", ["form", "filings"],
         [{"form": form, "filings": count} for form, count in card["filings_by_form"].items()]),
        ("Deals", ["date", "kind", "role", "counterparty", "counterparty_role"], card["deals"]),
        ("People", ["person", "title"], card["people"]),
        ("Subsidiaries (newest Exhibit 21)", ["subsidiary", "jurisdiction", "percent", "parent"],
         card["subsidiaries"]),
        ("Insiders (Forms 3, 4, 5)", ["insider", "roles", "title", "period"], card["insiders"]),
        ("Owners over 5% (Schedules 13D, 13G)", ["holder", "percent", "shares", "event_date"],
         card["owners"]),
        ("Mentioned as", ["name", "method", "documents"], card["mentioned_as"]),
    ]
    for title, columns, rows in sections:
        click.echo(f"\n{title} ({len(rows)})")
        if rows:
            click.echo(render(columns, [[row.get(c) for c in columns] for row in rows], "table"))
