"""Stage 3, nlp: plain text into typed facts.

The spaCy pipeline with our registered components (`pipeline`) finds organizations
(`organizations`) and vocabulary terms for diseases, drugs, product codes, clinical phases and
regulatory designations (`lexicon`); the release reader (`release`) turns one press release into
`ReleaseFacts`: organizations, deals with party roles, products, people, tickers (`facts`).
"""
