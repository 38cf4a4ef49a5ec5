"""Press-release reading speed: sentence-selective pipeline against the naive whole-text one."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import spacy

from extractor.evaluate.scoring import evaluate, load_gold
from extractor.nlp.facts import gold_style
from extractor.nlp.lexicon import default_lexicon
from extractor.nlp.pipeline import MODEL, load_pipeline
from extractor.nlp.release import read_release

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "press-releases"


def run(texts: dict[str, str], repeat: int, **options: object) -> tuple[float, dict[str, dict]]:
    """Best time over `repeat` runs for all texts, and the last run's predictions."""
    best = float("inf")
    predictions: dict[str, dict] = {}
    for _ in range(repeat):
        started = time.perf_counter()
        for name, text in texts.items():
            predictions[name] = gold_style(name, [read_release(text, **options)])
        best = min(best, time.perf_counter() - started)
    return best, predictions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS),
                        help="folder of press releases (default: ../shared/corpus/press-releases)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", dest="json_out", default=None, help="also write results here")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    files = sorted(p for p in corpus.glob("*") if p.suffix in (".txt", ".md", ".htm", ".html")
                   and not p.name.upper().startswith("README"))
    if not files:
        print(f"no press releases in {corpus}", file=sys.stderr)
        return 2
    texts = {p.name: p.read_text(encoding="utf-8", errors="replace") for p in files}
    size = sum(len(t) for t in texts.values())
    # Warm up: load the model and the vocabularies once, outside the timings.
    fast_nlp = load_pipeline()
    full_nlp = spacy.load(MODEL)
    for name in ("ekg_organizations", "ekg_people"):
        full_nlp.add_pipe(name)
    lexicon = default_lexicon()
    read_release(next(iter(texts.values())), nlp=fast_nlp, lexicon=lexicon)

    fast_seconds, fast = run(texts, args.repeat, nlp=fast_nlp, lexicon=lexicon)
    naive_seconds, naive = run(texts, 1, nlp=full_nlp, lexicon=lexicon, every_sentence=True)
    results = {
        "releases": len(texts), "characters": size,
        "selective_seconds": round(fast_seconds, 3),
        "selective_releases_per_second": round(len(texts) / fast_seconds, 1),
        "naive_seconds": round(naive_seconds, 3),
        "naive_releases_per_second": round(len(texts) / naive_seconds, 2),
        "speedup": round(naive_seconds / fast_seconds, 1),
        "pipeline": fast_nlp.pipe_names, "naive_pipeline": full_nlp.pipe_names,
    }
    gold_file = corpus / "gold.jsonl"
    if gold_file.exists():
        gold = load_gold(gold_file)
        for label, predictions in (("selective", fast), ("naive", naive)):
            scored = evaluate(gold, {k: v for k, v in predictions.items() if k in gold})
            results[f"{label}_deal_f1"] = scored.deals.f1
            results[f"{label}_people_f1"] = scored.people.f1
            results[f"{label}_products_f1"] = scored.products.f1
    print(f"{len(texts)} releases, {size / 1e6:.2f} MB, one process")
    print(f"selective pipeline {results['selective_releases_per_second']:>8} releases/s "
          f"({fast_nlp.pipe_names})")
    print(f"naive whole-text   {results['naive_releases_per_second']:>8} releases/s "
          f"({full_nlp.pipe_names})")
    print(f"ratio              {results['speedup']:>8}x")
    for key in sorted(k for k in results if k.endswith("_f1")):
        value = results[key]
        print(f"{key:<22} {value:.3f}" if isinstance(value, float) else f"{key:<22} {value}")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
