"""Stage 8, analysis: the store in, answers out.

Named SPARQL queries with typed parameters (`queries`), company look-up by CIK or name and
name and license histories (`history`), networkx views of the relationships and their measures
(`network`), and pictures drawn with matplotlib (`plots`).
"""
