"""`edgar-kg train`: the entity recognizer and deal-sentence classifier rebuilt from the corpus."""

from __future__ import annotations

from pathlib import Path

import click

from .common import CommandError, library_errors
from .formatting import render


@click.command()
@click.option("--corpus", "corpus_dir", type=click.Path(exists=True, file_okay=False),
              default="training", show_default=True,
              help="The training corpus: annotations/ and texts/.")
@click.option("--output", type=click.Path(file_okay=False), default=None,
              help="Where the models go (default: the package's data/models).")
@click.option("--seed", type=int, default=15, show_default=True)
@click.option("--epochs", type=click.IntRange(1, 100), default=8, show_default=True)
@click.option("--fresh", is_flag=True,
              help="Train the recognizer from scratch, not from the English model's weights.")
@click.option("--cross-validate", "folds", type=click.IntRange(2, 20), default=None,
              help="Only measure: K-fold cross-validation by text, nothing saved.")
@library_errors
def train(corpus_dir: str, output: str | None, seed: int, epochs: int, fresh: bool,
          folds: int | None) -> None:
    """Train the pipeline's entity recognizer (ORG, PERSON, TITLE, PRODUCT, INDICATION) on the
    annotated corpus with a fixed seed; `--cross-validate K` measures it, the deal-sentence,
    new-versus-background and party-role classifiers by K-fold cross-validation instead.

    \b
    Examples:
      edgar-kg train
      edgar-kg train --cross-validate 5
      edgar-kg train --output my-models --epochs 12
    """
    from ..nlp.pipeline import MODEL
    from ..training.experiment import MODELS, cross_validate, load_corpus, train_models

    try:
        corpus = load_corpus(Path(corpus_dir))
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    base = None if fresh else MODEL
    if folds:
        scores = cross_validate(corpus, count=folds, seed=seed, base=base, epochs=epochs)
        rows = [[label, s.matched, s.predicted, s.gold, f"{s.precision:.3f}",
                 f"{s.recall:.3f}", f"{s.f1:.3f}"] for label, s in scores.entities.items()]
        d = scores.deal_sentences
        rows.append(["deal sentences", d.matched, d.predicted, d.gold, f"{d.precision:.3f}",
                     f"{d.recall:.3f}", f"{d.f1:.3f}"])
        click.echo(f"{folds}-fold cross-validation on {len(corpus)} texts (seed {seed}); "
                   f"deal kind right on {d.kind_accuracy:.3f} of the detected sentences")
        click.echo(render(["measure", "matched", "predicted", "gold", "precision", "recall",
                           "f1"], rows, "table"))
        r, b = scores.roles, scores.roles_baseline
        click.echo(f"party roles in deal sentences: {r.right} of {r.total} organizations right "
                   f"({r.accuracy:.3f}; every one the commonest role: {b.accuracy:.3f}); "
                   f"directed deal sentences with every role right: {r.directed_right} of "
                   f"{r.directed} ({r.direction:.3f})")
        right, total, new = scores.news
        click.echo(f"deal sentences told new from background: {right} of {total} "
                   f"({right / max(total, 1):.3f}; every one new: {new / max(total, 1):.3f})")
        return
    trained = train_models(corpus, Path(output) if output else MODELS, seed=seed, base=base,
                           epochs=epochs)
    click.echo(f"trained the recognizer on {trained['texts']} texts in "
               f"{trained['ner_seconds']}s -> {output or MODELS}")
