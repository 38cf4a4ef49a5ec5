"""Build extractor/data/lexicon/common_words.txt: the words the training texts use in lower case.

A name whose every word is such a word ("Regenerative Medicine", "Enterprise Solutions") is as
often a topic as an organization; the reader asks more of it. A word counts when it is written
in lower case at least 4 times in at least 3 of the texts. Run from the repository root:
python training/tools/common_words.py
"""

import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ROOT / "training" / "texts"
OUTPUT = ROOT / "extractor" / "data" / "lexicon" / "common_words.txt"
LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z'’-]*[a-z](?![\w-])")
MIN_USES, MIN_TEXTS = 4, 3


def main() -> None:
    uses: Counter[str] = Counter()
    texts: Counter[str] = Counter()
    for path in sorted(TEXTS.rglob("*.*")):
        words = LOWER_WORD.findall(path.read_text(encoding="utf-8", errors="replace"))
        uses.update(words)
        texts.update(set(words))
    common = sorted(w for w, n in uses.items() if n >= MIN_USES and texts[w] >= MIN_TEXTS)
    header = (f"# Words written in lower case at least {MIN_USES} times in at least {MIN_TEXTS}"
              " training texts; built by training/tools/common_words.py\n")
    OUTPUT.write_text(header + "\n".join(common) + "\n", encoding="utf-8")
    print(f"{len(common)} words -> {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
