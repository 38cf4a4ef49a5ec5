"""Samples extracted organizations and people from texts nobody annotated, for judging by reading.

Reads the unlabeled releases of ../shared/corpus/unlabeled-releases and the 8-Ks of
../shared/corpus/8k that are neither in training/ nor in a gold file, with the default
pipeline (or `--model`), and writes a seeded random sample of the organizations and people
extracted to a TSV with an empty `junk` column. Fill it in (y where the string is not an
organization, or not a person) and run again with `--count-judged FILE` for the junk rates.
`--all` writes every name extracted from all those texts instead of a sample (a census, as in
results/junk-judged-census.tsv), leaving out names already judged in results/.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path

from extractor.batch.pipeline import iter_extractions
from extractor.nlp import pipeline
from extractor.nlp.facts import ReleaseFacts
from extractor.rdf.vocab import Iris

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "corpus"
TRAINING = HERE.parent / "training" / "SOURCES.tsv"


def unannotated_inputs(releases: int | None, eight_ks: int | None, seed: int) -> list[Path]:
    """A seeded choice of texts that no training or gold line covers; None takes them all."""
    with TRAINING.open() as handle:
        annotated = {row["file"] for row in csv.DictReader(handle, delimiter="\t")}
    gold = {json.loads(line)["doc"] for line in (SHARED / "8k" / "gold.jsonl").open()
            if line.strip()}
    release_files = [p for p in sorted((SHARED / "unlabeled-releases").glob("u*"))
                     if p.name not in annotated]
    filings = [p for p in sorted((SHARED / "8k").iterdir()) if p.suffix in (".txt", ".htm")
               if p.name not in annotated and p.name not in gold]
    chooser = random.Random(seed)
    return (chooser.sample(release_files, min(releases or len(release_files), len(release_files)))
            + chooser.sample(filings, min(eight_ks or len(filings), len(filings))))


def extracted_names(paths: list[Path], jobs: int) -> tuple[list[list[str]], list[list[str]]]:
    """(doc, organization) and (doc, person, title) rows, each name once per document."""
    organizations: list[list[str]] = []
    people: list[list[str]] = []
    for result in iter_extractions([str(p) for p in paths], Iris().base, jobs):
        facts: list[ReleaseFacts] = getattr(result, "facts", None) or []
        doc = Path(result.source).name
        seen_orgs: set[str] = set()
        seen_people: set[str] = set()
        for release in facts:
            for organization in release.organizations.values():
                if organization.name not in seen_orgs:
                    seen_orgs.add(organization.name)
                    organizations.append([doc, organization.name])
            for person in release.people:
                if person.name not in seen_people:
                    seen_people.add(person.name)
                    people.append([doc, person.name, person.title or ""])
    return organizations, people


def judged_before() -> set[tuple[str, str, str]]:
    """(kind, doc, name) of every row judged in results/."""
    judged = set()
    for path in sorted((HERE / "results").glob("junk-judged-*.tsv")):
        with path.open() as handle:
            judged |= {(row["kind"], row["doc"], row["name"])
                       for row in csv.DictReader(handle, delimiter="\t")}
    return judged


def count_judged(path: Path) -> None:
    with path.open() as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for kind in ("organization", "person"):
        judged = [row for row in rows if row["kind"] == kind]
        junk = sum(row["junk"].strip().lower() == "y" for row in judged)
        share = junk / len(judged) if judged else 0.0
        print(f"{kind}: {junk} of {len(judged)} are not ({share:.1%})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=pipeline.DEFAULT,
                        help="spaCy model, 'edgar-kg-trained', or 'none' for rules only")
    parser.add_argument("--count", type=int, default=200, help="names of each kind")
    parser.add_argument("--releases", type=int, default=150)
    parser.add_argument("--eight-ks", type=int, default=100)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--output", type=Path, default=Path("junk-sample.tsv"))
    parser.add_argument("--count-judged", type=Path, help="a filled-in sample: print the rates")
    parser.add_argument("--all", action="store_true",
                        help="every name of every unannotated text, less those judged before")
    args = parser.parse_args()
    if args.count_judged:
        count_judged(args.count_judged)
        return 0
    if args.model != pipeline.DEFAULT:
        model = None if args.model == "none" else args.model
        pipeline.default_model = lambda: model  # type: ignore[assignment,return-value]
        args.jobs = 1  # worker processes are spawned and would load the default model
    paths = (unannotated_inputs(None, None, args.seed) if args.all
             else unannotated_inputs(args.releases, args.eight_ks, args.seed))
    organizations, people = extracted_names(paths, args.jobs)
    extracted = f"{len(organizations)} organizations, {len(people)} people"
    if args.all:
        judged = judged_before()
        organizations = [r for r in organizations if ("organization", *r) not in judged]
        people = [r for r in people if ("person", *r[:2]) not in judged]
    else:
        chooser = random.Random(args.seed)
        organizations = chooser.sample(organizations, min(args.count, len(organizations)))
        people = chooser.sample(people, min(args.count, len(people)))
    with args.output.open("w", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t")
        writer.writerow(["kind", "doc", "name", "title", "junk"])
        for row in organizations:
            writer.writerow(["organization", row[0], row[1], "", ""])
        for row in people:
            writer.writerow(["person", *row, ""])
    what = "every one not judged before" if args.all else f"a sample of {args.count} of each"
    print(f"{len(paths)} texts: {extracted}; {what} -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
