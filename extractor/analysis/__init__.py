"""Stage 9, analysis: the store in, answers out.

Named SPARQL queries with typed parameters (`queries`), run on the store or on a remote SPARQL
endpoint (`endpoint`); company look-up by CIK or name and name and license histories
(`history`); a company's card of names, tickers, filings, deals and people (`company`);
networkx views of the relationships (`network`), their measures, paths, neighbours and
communities (`measures`), written as GraphML, GEXF or JSON files (`export`); and pictures
drawn with matplotlib (`plots`).
"""
