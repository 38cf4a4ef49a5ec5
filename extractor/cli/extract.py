"""`edgar-kg extract`: inputs into the store or an RDF file, with a running count and a summary."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import click

from ..batch.pipeline import BatchSummary, extract_paths
from ..errors import InputError
from ..extract import DOCUMENT_TIME_BUDGET, Extraction
from ..rdf.vocab import BASE_ENV, default_base
from ..read.kinds import NAME_LIST
from ..store.embedded import KnowledgeStore, default_store_path
from ..store.formats import format_for
from ..text.genres import GENRES
from .common import CommandError, library_errors, store_option
from .progress import progress_bar


class _Progress:
    """A bar of the inputs read, with rate and time left, shown only on a terminal.

    Its total is the number of files under the paths (an archive counts once, though its
    documents are read one by one, so the total grows when one is opened)."""

    def __init__(self, total: int | None) -> None:
        self.bar = progress_bar(total, "inputs", "extracting")
        self.failed = self.filings = 0

    def __call__(self, result: Extraction | InputError) -> None:
        if isinstance(result, InputError):
            self.failed += 1
        else:
            self.filings += result.filings
        if self.bar.total is not None and self.bar.n >= self.bar.total:
            self.bar.total = self.bar.n + 1
        self.bar.set_postfix(filings=self.filings, failed=self.failed, refresh=False)
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()


def _files_under(path: str) -> int:
    if not os.path.isdir(path):
        return 1
    return sum(len(files) for _, _, files in os.walk(path))


def _count_inputs(paths: tuple[str, ...]) -> int | None:
    """The files under the paths (None when standard input is one of them), refusing missing
    paths and folders without a file before anything (a store) is made."""
    missing = [path for path in paths if path != "-" and not os.path.exists(path)]
    if missing:
        raise CommandError("no such file or folder: " + ", ".join(missing)
                           + "; nothing was extracted and no store was made")
    if "-" in paths:
        return None
    total = sum(_files_under(path) for path in paths)
    if total == 0:
        raise CommandError(f"no files under {', '.join(paths)}; nothing to extract")
    return total


def _print_summary(summary: BatchSummary, target: str) -> None:
    for failure in summary.failures:
        click.echo(f"error: {failure.line()}", err=True)
    lists = [skip for skip in summary.skipped if skip.stage == NAME_LIST]
    unknown = [skip for skip in summary.skipped if skip.stage != NAME_LIST]
    for skip in lists:
        click.echo(f"skipped {skip.line()}", err=True)
    if unknown:
        click.echo(f"skipped {len(unknown)} inputs that are no filing or press release "
                   f"(--skip-unknown), e.g. {unknown[0].line()}", err=True)
    for source, warning in summary.warnings:
        click.echo(f"warning: {source}: {warning}", err=True)
    checked = ""
    if summary.validation is not None:
        for result in summary.validation.violations:
            click.echo(f"shape violation: {result.line()}", err=True)
        checked = (f"; shapes: {len(summary.validation.violations)} violations, "
                   f"{len(summary.validation.warnings)} warnings")
    kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(summary.kinds.items()))
    if summary.skipped:
        kinds = f"{kinds}, {len(summary.skipped)} skipped" if kinds else (
            f"{len(summary.skipped)} skipped")
    linked = ""
    if summary.links:
        linked = (f", {summary.links.get('linked', 0)} of {sum(summary.links.values())} "
                  "organizations linked to EDGAR companies")
    click.echo(
        f"{summary.inputs} inputs ({kinds or 'none readable'}): {summary.filings} filings, "
        f"{summary.triples} triples, {summary.name_histories} name histories{linked} -> {target} "
        f"in {summary.seconds:.2f}s; {len(summary.failures)} failed{checked}"
    )


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write an RDF file instead of loading the store; the format follows the "
                   "extension: .ttl .trig .nq .nt .jsonld")
@store_option
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Worker processes.")
@click.option("--base", default=None, help=f"Base IRI for minted resources [default: ${BASE_ENV} "
                                           f"or {default_base()}].")
@click.option("--errors", "errors_file", type=click.Path(dir_okay=False), default=None,
              help="Also write every failed input as a JSON line (source, stage, reason).")
@click.option("--kind", "genre", type=click.Choice(GENRES), default=None,
              help="Read every file without an SEC header as this genre instead of telling it "
                   "from its content: a release without a dateline, a news article, an 8-K's "
                   "main document (form-items) or an agreement.")
@click.option("--headers-only", is_flag=True,
              help="Skip reading press releases for deals, products and people (faster).")
@click.option("--strict", is_flag=True,
              help="Leave out every graph that violates a SHACL shape and count it as failed.")
@click.option("--no-validate", "no_validate", is_flag=True,
              help="Skip SHACL validation of each graph (faster bulk loads; see `validate`).")
@click.option("--document-timeout", type=click.FloatRange(0, None), metavar="SECONDS",
              default=DOCUMENT_TIME_BUDGET, show_default=True,
              help="Skip (and list as failed) any one document that takes longer; 0 waits for "
                   "every document. Enforced in worker processes, not on Dask threads.")
@click.option("--dask", "dask_scheduler", metavar="ADDRESS", default=None,
              help="Extract on a Dask cluster: a scheduler address (tcp://host:8786), or "
                   "'local' for one worker process per core. Needs the `dask` extra.")
@click.option("--shards", "shards_dir", type=click.Path(file_okay=False), default=None,
              help="With --dask: keep the workers' N-Quads shards in DIR (a folder every "
                   "worker can write) [default: a temporary folder, removed after loading].")
@click.option("--partitions", type=click.IntRange(1, None), default=None,
              help="With --dask: tasks (and shards) to split the inputs into "
                   "[default: one per 200 files, at least two per worker].")
@click.option("--skip-unknown", is_flag=True,
              help="Count files that are no filing or press release (a README, a manifest, "
                   "an empty file) as skipped instead of failed.")
@library_errors
def extract(paths: tuple[str, ...], output: str | None, store_path: str | None, jobs: int,
            base: str | None, errors_file: str | None, genre: str | None, headers_only: bool,
            strict: bool,
            no_validate: bool, document_timeout: float, dask_scheduler: str | None,
            shards_dir: str | None, partitions: int | None, skip_unknown: bool) -> None:
    """Extract PATHS (files, folders, archives, - for stdin) into the store or an RDF file.

    Each filing's graph is checked against the SHACL shapes; violations are listed (file,
    focus node, path, message) and, unless --strict, still loaded. Bad inputs are reported one
    line each and never stop the batch; the exit status is 1 if any input failed.

    \b
    Examples:
      edgar-kg extract examples/
      edgar-kg extract filings/ releases.zip --jobs 4 --skip-unknown
      edgar-kg extract 8k-folder/ -o corpus.trig
    """
    if strict and no_validate:
        raise click.UsageError("--strict needs validation; drop --no-validate")
    total = _count_inputs(paths)
    if (shards_dir or partitions) and not dask_scheduler:
        raise click.UsageError("--shards and --partitions go with --dask")
    if dask_scheduler and jobs > 1:
        raise click.UsageError("--jobs runs local processes; with --dask the workers do")
    progress = _Progress(total)

    def run(store: KnowledgeStore) -> BatchSummary:
        if dask_scheduler:
            from ..batch.distributed import extract_into_store

            return extract_into_store(paths, store, dask_scheduler, shards_dir, partitions,
                                      read_releases=not headers_only,
                                      validate=not no_validate, strict=strict, genre=genre)
        return extract_paths(paths, store, jobs=jobs, on_result=progress,
                             read_releases=not headers_only, validate=not no_validate,
                             strict=strict, time_budget=document_timeout or None,
                             genre=genre)
    if output:
        format_for(output)  # refuse an unknown extension before doing the work
        scratch = tempfile.mkdtemp(prefix="edgar-kg-")
        try:
            with KnowledgeStore(Path(scratch) / "store", base=base) as store:
                summary = run(store)
                progress.close()
                store.export(output)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        target = output
    else:
        target = store_path or default_store_path()
        with KnowledgeStore(target, base=base) as store:
            summary = run(store)
        progress.close()
    if skip_unknown:
        summary.skip_unrecognized()
    if errors_file:
        with open(errors_file, "w", encoding="utf-8") as handle:
            for failure in summary.failures:
                handle.write(json.dumps({"source": failure.source, "stage": failure.stage,
                                         "reason": failure.reason}) + "\n")
    _print_summary(summary, target)
    if not summary.ok:
        sys.exit(1)
