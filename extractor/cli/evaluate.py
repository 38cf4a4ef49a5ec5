"""`edgar-kg evaluate`: extraction scored against hand-made gold annotations."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from ..batch.pipeline import predict_paths
from ..evaluate.scoring import evaluate as evaluate_predictions
from ..evaluate.scoring import load_gold
from ..read.source import base_name
from .common import EXIT_FAILED, CommandError, emit, format_option, library_errors, rows_options
from .progress import progress_bar


@click.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("paths", nargs=-1, required=True)
@format_option()
@click.option("--verbose", "-v", is_flag=True, help="Also list every miss, document by document.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Worker processes.")
@rows_options
@library_errors
def evaluate(gold: str, paths: tuple[str, ...], fmt: str, verbose: bool, jobs: int,
             columns: tuple[str, ...], limit: int | None) -> None:
    """Score extraction of PATHS against GOLD annotations (JSON lines, one per file).

    Deal precision, recall and F1, direction accuracy, asset and indication recall, and
    product, people, indication and ticker precision and recall; the gold format and its
    matching rules are in the README.

    \b
    Examples:
      edgar-kg evaluate gold.jsonl press-releases/
      edgar-kg evaluate gold.jsonl press-releases/ --jobs 4 --format json -v
    """
    try:
        gold_lines = load_gold(gold)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    # The gold lines are the most documents that can be read (a file without one is skipped).
    bar = progress_bar(len(gold_lines), "documents", "scoring")
    try:
        predictions, failures = predict_paths(paths, jobs, only=set(gold_lines),
                                              on_result=lambda _: bar.update(1))
    finally:
        bar.close()
    scored = {doc: line for doc, line in predictions.items() if doc in gold_lines}
    # Only the gold lines of the documents given are scored: a file that failed counts as
    # predicting nothing, a file not given is no miss.
    given = set(scored) | {base_name(f.source) for f in failures}
    gold_lines = {doc: line for doc, line in gold_lines.items() if doc in given}
    if not gold_lines:
        raise CommandError(f"none of the files given has a line in {gold}")
    result = evaluate_predictions(gold_lines, scored)
    for failure in failures:
        click.echo(f"error: {failure.line()}", err=True)
    if fmt == "json":
        report = result.to_dict()
        if not verbose:
            report.pop("misses", None)
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        _exit_if_failed(failures)
        return
    names = ["measure", "matched", "predicted", "gold", "precision", "recall", "f1"]
    if fmt != "table":
        emit(names, [[row.get(c) for c in names] for row in result.rows()], fmt)
        _exit_if_failed(failures)
        return
    rows = [[_figure(row.get(c)) for c in names] for row in result.rows()]
    click.echo(f"{len(scored)} documents scored against {len(gold_lines)} gold lines")
    emit(names, rows, "table")
    if result.missing_predictions:
        click.echo(f"no prediction for: {', '.join(result.missing_predictions)}")
    if verbose:
        for miss in result.misses:
            click.echo(f"{miss.doc}: {miss.category}: {miss.detail}")
    _exit_if_failed(failures)


def _exit_if_failed(failures: list) -> None:
    """Inputs that could not be read are scored as predicting nothing, and fail the run."""
    if failures:
        click.echo(f"{len(failures)} inputs failed (scored as predicting nothing)", err=True)
        sys.exit(EXIT_FAILED)


def _figure(value: Any) -> Any:
    return f"{value:.3f}" if isinstance(value, float) else value
