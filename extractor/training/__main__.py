"""`python -m extractor.training show FILE | check ANNOTATIONS TEXTS [GOLD...] | merge ROOT`."""

from __future__ import annotations

import sys
from pathlib import Path

from .annotations import check_file, load_annotations
from .corpus import annotated_text


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "show":
        for path in argv[1:]:
            print(annotated_text(path))
        return 0
    if len(argv) >= 3 and argv[0] == "check":
        gold = frozenset(a.doc for path in argv[3:] for a in load_annotations(path))
        found = check_file(argv[1], Path(argv[2]), gold)
        for problem in found:
            print(problem)
        print(f"{len(found)} problems", file=sys.stderr)
        return 1 if found else 0
    if len(argv) == 2 and argv[0] == "merge":
        from .corpus import merge_parts

        for name, count in merge_parts(Path(argv[1])).items():
            print(f"{name}: {count} annotations")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
