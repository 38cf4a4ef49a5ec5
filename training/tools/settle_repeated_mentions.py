"""One pass over the annotation parts: a sentence stating several deals becomes one mention.

Some annotators repeated such a sentence once per deal, each copy with that deal's index and
roles; GUIDELINES.md (decisions 15 and 19) keeps it once, with `deal: null`, every role it
names, the commonest kind of its copies (the first on a tie) and `new` if any copy was news.
The copies contradicted each other for training: an organization was a partner in one and
no party in the next. Run from the repository root, then `python -m extractor.training
merge training`: python training/tools/settle_repeated_mentions.py
"""

import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def settled(mentions: list[dict]) -> list[dict]:
    """The mentions with each repeated sentence's copies made one, at the first's place."""
    copies: dict[str, list[dict]] = {}
    for mention in mentions:
        copies.setdefault(mention.get("sentence") or "", []).append(mention)
    kept = []
    for mention in mentions:
        group = copies[mention.get("sentence") or ""]
        if len(group) == 1:
            kept.append(mention)
        elif mention is group[0]:
            roles: dict[str, list[str]] = {}
            for copy in group:
                for role, names in (copy.get("roles") or {}).items():
                    roles[role] = list(dict.fromkeys([*roles.get(role, []), *names]))
            # most_common keeps first-seen order among equal counts: the first kind on a tie
            kind = Counter(copy.get("kind") for copy in group).most_common(1)[0][0]
            kept.append({"sentence": mention["sentence"], "deal": None, "kind": kind,
                         "roles": roles, "new": any(copy.get("new") for copy in group)})
    return kept


def main() -> None:
    for part in sorted((ROOT / "annotations" / "parts").glob("*.jsonl")):
        lines, merged = [], 0
        for text in part.read_text(encoding="utf-8").splitlines():
            if not text.strip():
                continue
            line = json.loads(text)
            before = line.get("deal_mentions") or []
            after = settled(before)
            merged += len(before) - len(after)
            line["deal_mentions"] = after
            lines.append(json.dumps(line, ensure_ascii=False))
        part.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{part.name}: {merged} repeated mentions merged")


if __name__ == "__main__":
    main()
