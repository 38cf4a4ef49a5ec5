"""Stage 9, training: the annotated corpus in, a trained entity recognizer and its scores out.

Annotations follow `eval/GOLD_FORMAT.md` plus entity strings and deal sentences
(`annotations`, checked against their texts); `corpus` gives the plain text an annotation
covers and gathers the annotators' parts; `spans` turns entity strings into labelled spans;
`ner` trains and scores the recognizer, `deals` the deal-sentence and new-versus-background
classifiers, `roles` the classifier of each organization's role in a deal sentence;
`experiment` runs cross-validation by text and trains the shipped model. `__main__` is the
annotators' command line (show a text, check a file, merge the parts).
"""
