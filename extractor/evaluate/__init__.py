"""Stage 8, evaluate: predicted facts and hand-made gold in, precision and recall out.

Gold lines follow `eval/GOLD_FORMAT.md`; deals, products, people, indications and tickers are
matched and scored per field (`scoring`).
"""
