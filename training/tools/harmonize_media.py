"""One pass over the annotation parts: media outlets are ORG, newswire credit tags are not.

Annotators decided this differently (GUIDELINES.md, decision 18 records the rule); the pass
adds each outlet name that occurs in a text to its ORG strings and removes newswire names,
and says what it changed. Run from the repository root: python training/tools/harmonize_media.py
"""

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from extractor.training.corpus import annotated_text  # noqa: E402

OUTLETS = ["Benzinga", "Proactive", "Proactive Investors", "Proactive North America", "IBN",
           "InvestorBrandNetwork", "Wall Street Wire", "citybiz", "Market News Alerts",
           "Wall Street Reporter"]
NEWSWIRES = {"News Direct", "NEWMEDIAWIRE", "NewMediaWire", "Business Wire", "BUSINESS WIRE",
             "PR Newswire", "GlobeNewswire", "GLOBE NEWSWIRE", "24-7PressRelease",
             "Newsworthy.ai", "ACCESSWIRE", "ACCESS Newswire"}
ROOT = Path(__file__).resolve().parents[1]

for part in sorted((ROOT / "annotations" / "parts").glob("*.jsonl")):
    folder = ROOT / "texts" / ("8k" if part.name.startswith("8k") else "releases")
    lines, changed = [], 0
    for text in part.read_text(encoding="utf-8").splitlines():
        line = json.loads(text)
        plain = annotated_text(folder / line["doc"])
        orgs = line["entities"].setdefault("ORG", [])
        parties = {n for d in line["deals"] + line["mentioned_deals"]
                   for names in d.get("roles", {}).values() for n in names}
        before = list(orgs)
        orgs[:] = [o for o in orgs if o not in NEWSWIRES or o in parties]
        for outlet in OUTLETS:
            if outlet not in orgs and re.search(rf"(?<!\w){re.escape(outlet)}(?!\w)", plain):
                orgs.append(outlet)
        changed += orgs != before
        lines.append(json.dumps(line, ensure_ascii=False))
    part.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{part.name}: {changed} lines changed")
