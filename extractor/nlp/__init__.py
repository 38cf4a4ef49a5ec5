"""Stage 3, nlp: plain text into typed facts.

In: one press release (HTML, markdown or text, made plain by the text stage), with the filer's
companies when known.
Out: `ReleaseFacts` (`facts`): organizations, deals with party roles, products, indications,
people, tickers, each with its evidence.

The spaCy pipeline with our registered components (`pipeline`) finds organizations
(`organizations`, and those a list names: `name_lists`; each name trimmed or refused by
`name_cleaning`, told from events, places, departments and people by `name_shapes`, and
keyed by `name_keys`) and people. The lexicon (`lexicon`)
finds diseases, drugs, product codes, clinical phases, regulatory designations and agencies;
its name dictionaries (`dictionaries`, which also fold text for matching) are built from the
shipped vocabularies (`vocabularies`).
The release reader (`release`) splits the release into sentences (`sentences`) and reads its
deals (`deals`, found by their wording in `deal_cues`, rounds and investors by
`investment_wording`, with what each is about from `assets`), people (`people`), products
and indications (`products`) and tickers (`tickers`).
A form's own Items (an 8-K's main document) are read by the Item reader (`form_items`), with
the registrant as issuer, into the same facts: the deals Items 1.01, 1.02, 2.01, 3.02, 7.01
and 8.01 report, the officers Item 5.02 appoints or sees depart, and the directors Item 5.07's
vote names (`votes`).
An agreement exhibit is read by its preamble only (`agreements`): title, date, parties and
the roles its defined terms give them. Both read agreement titles and role wording alike
(`agreement_terms`). A filing's exhibits go to the reader of their genre (`exhibits`).
Extraction calls these readers through `readers`, which imports each on its first call, so
a run over headers alone never loads spaCy.
"""
