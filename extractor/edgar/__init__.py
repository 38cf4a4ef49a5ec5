"""Stage 2, edgar: EDGAR structure into typed records.

SEC headers in the tab-indented and angle-bracket dialects, submissions JSON and filing bundles
become `Header`, `Party`, `Entity` and `Submission` records (`header`, `records`), a company's
submissions JSON its `Entity` (`submissions_json`); a submission's text or stream its header
and the bodies extraction reads, agreements by their head only (`filing`); the 8-K
items table maps item titles and codes both ways (`items`); header and JSON dates are parsed in
one place (`dates`); a company's names become dated name records, merged per CIK (`names`).
A primary document without its header (`primary`) names its filer in Inline XBRL dei facts,
read with their transforms from markup that may be broken or cut short (`ixbrl`), or on its
cover page (`cover`). The relationships EDGAR states outright: an Exhibit 21 becomes rows of
subsidiary, jurisdiction, share and parent (`subsidiaries`), a Form 3, 4 or 5's ownership XML
its issuer, owners with their relationships and holdings (`ownership`), a Schedule 13D or
13G's cover pages each reporting person's shares and percent of class (`beneficial`).
"""
