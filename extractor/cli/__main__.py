"""`python -m extractor.cli`: the edgar-kg command line."""

from . import main

main()
