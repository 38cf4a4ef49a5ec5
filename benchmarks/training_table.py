"""Trained pipeline against the rule-only and English-model readers: dev test, CV, speed.

Prints one table. Dev test: ../shared/corpus/press-releases and ../shared/corpus/8k scored
together against their gold (never trained on), for the reader with rules alone, with the
English model's recognizer and with the trained one. Cross-validation (`--folds K`, slow): the
recognizer and deal-sentence classifier trained on K-1 folds of training/ and scored on the
other, by text; its ORG and PERSON rows are the organizations and people measures the gold
lines cannot give (they list parties, not every organization named). Speed: releases read per
second on one core by each reader, and by the naive full English pipeline (every component
over the whole text) in the same run, and each model's load time.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from extractor.batch.pipeline import predict_paths
from extractor.evaluate.scoring import evaluate, load_gold
from extractor.nlp import pipeline
from extractor.nlp.release import read_release

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "corpus"
MEASURES = ("deals", "deal direction", "deal assets", "deal indications", "products", "people",
            "indications", "tickers")


RULES_ONLY = "rules only"


def _use(model: str | None) -> None:
    """Make `model` the readers' default for the rest of this process."""
    pipeline.load_pipeline.cache_clear()
    pipeline.default_model = lambda: model  # type: ignore[assignment]


def dev_test(model: str | None) -> dict[str, dict]:
    _use(model)
    gold: dict[str, dict] = {}
    predicted: dict[str, dict] = {}
    for folder in ("press-releases", "8k"):
        lines = load_gold(SHARED / folder / "gold.jsonl")
        found, _ = predict_paths([str(SHARED / folder)], 1, only=set(lines))
        gold.update(lines)
        predicted.update(found)
    return {row["measure"]: row for row in evaluate(gold, predicted).rows()}


def speed(model: str | None, texts: list[str]) -> tuple[float, float]:
    """Seconds to load the model, and releases read per second."""
    _use(model)
    started = time.perf_counter()
    nlp = pipeline.load_pipeline()
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    for text in texts:
        read_release(text, nlp=nlp)
    return loaded, len(texts) / (time.perf_counter() - started)


def naive_speed(texts: list[str]) -> tuple[float, float]:
    """The same for the English model's full pipeline run over each whole text."""
    import spacy

    started = time.perf_counter()
    nlp = spacy.load(pipeline.MODEL)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    for text in texts:
        nlp(text)
    return loaded, len(texts) / (time.perf_counter() - started)


def _cell(row: dict) -> str:
    if row["measure"] in ("deal assets", "deal indications"):
        return f"R {row['recall']:.3f}" if row["recall"] is not None else "-"
    if row["measure"] == "deal direction":
        return f"{row['f1']:.3f}" if row["f1"] is not None else "-"
    p, r, f = row["precision"], row["recall"], row["f1"]
    return "-" if f is None else f"P {p:.3f} R {r:.3f} F1 {f:.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folds", type=int, default=0, help="also cross-validate (slow)")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs; the best is kept")
    args = parser.parse_args()
    models: list[str | None] = [None, pipeline.MODEL]
    if (pipeline.TRAINED_DIR / "ner" / "meta.json").is_file():
        models.append(pipeline.TRAINED)
    names = [model or RULES_ONLY for model in models]
    results = {name: dev_test(model) for name, model in zip(names, models, strict=True)}
    print("dev test: 74 releases + 50 8-Ks, scored together")
    print(f"{'measure':18}" + "".join(f"{name:>34}" for name in names))
    for measure in MEASURES:
        print(f"{measure:18}" + "".join(f"{_cell(results[n][measure]):>34}" for n in names))
    texts = [p.read_text(errors="replace") for p in sorted((SHARED / "press-releases").glob("*"))
             if p.suffix in (".txt", ".md", ".html", ".htm")]
    # Each reader is timed `--repeat` times, in turns, and its best run kept: on a shared
    # machine the slower runs measure the neighbours.
    timings: dict[str, tuple[float, float]] = {}
    for _ in range(args.repeat):
        runs = {name: speed(model, texts) for name, model in zip(names, models, strict=True)}
        runs["naive full English pipeline"] = naive_speed(texts)
        for name, (loaded, rate) in runs.items():
            best = timings.get(name)
            timings[name] = (min(loaded, best[0]), max(rate, best[1])) if best else (loaded, rate)
    reference = timings["naive full English pipeline"][1]
    for name, (loaded, rate) in timings.items():
        print(f"{name}: model load {loaded:.2f}s, {rate:.1f} releases/s on one core "
              f"({rate / reference:.1f}x the naive pipeline)")
    if args.folds:
        from extractor.training.experiment import cross_validate, load_corpus

        scores = cross_validate(load_corpus(HERE.parent / "training"), count=args.folds)
        print(f"{args.folds}-fold cross-validation on training/ (entities: exact spans)")
        for label, score in scores.entities.items():
            print(f"  {label:12} P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}")
        d = scores.deal_sentences
        print(f"  deal sentences P {d.precision:.3f} R {d.recall:.3f} F1 {d.f1:.3f}, "
              f"kind right {d.kind_accuracy:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
