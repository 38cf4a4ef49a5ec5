"""`python -m extractor`: the edgar-kg command line."""

from .cli import main

main()
