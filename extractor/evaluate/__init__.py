"""Stage 9, evaluate: predictions and hand-made gold in, precision and recall out.

Gold lines follow `eval/GOLD_FORMAT.md`; deals, products, people, indications and tickers are
matched and scored per field (`scoring`). Document genres are scored against a labelled sample
as a confusion table with precision and recall per genre (`genres`).
"""
