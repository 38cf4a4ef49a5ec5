"""Stage 3, nlp: plain text into typed facts.

In: one press release (HTML, markdown or text, made plain by the text stage), with the filer's
companies when known.
Out: `ReleaseFacts` (`facts`): organizations, deals with party roles, products, indications,
people, tickers, each with its evidence.

The spaCy pipeline with our registered components (`pipeline`) finds organizations
(`organizations`) and people. The lexicon (`lexicon`) finds diseases, drugs, product codes,
clinical phases, regulatory designations and agencies; its name dictionaries (`dictionaries`,
which also fold text for matching) are built from the shipped vocabularies (`vocabularies`).
The release reader (`release`) splits the release into sentences (`sentences`) and reads its
deals (`deals`), people (`people`), products and indications (`products`) and tickers
(`tickers`).
"""
