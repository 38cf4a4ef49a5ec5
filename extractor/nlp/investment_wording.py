"""Investment wording on sentences whose organizations are ⟦n⟧ tokens: rounds and investors."""

from __future__ import annotations

import re

# An organization's mention in a masked sentence, and its number.
TOKEN = r"⟦(\d+)⟧"
ORG_TOKEN = re.compile(TOKEN)

# Words one of the two investor wordings needs; the masked sentence keeps them.
HOLDER_WORDS = re.compile(r"shareholder|stockholder|investor|owner|backed")
BACKED_BY = re.compile(rf"{TOKEN}\s+(?:is|are|was|has been|have been)\s+(?:\w+\s+)?backed\s+"
                       rf"by\s+((?:the\s+)?{TOKEN}(?:(?:,\s*|,?\s+and\s+)(?:the\s+)?{TOKEN})*)")


# Who puts money into a financing round: "led by ⟦1⟧, with participation from ⟦2⟧ and ⟦3⟧",
# "from new and existing investors including ⟦4⟧".
ROUND_INVESTORS = re.compile(
    r"\bled by\b|\bparticipation (?:from|of|by)\b|\binvestors?,? (?:including|such as)\b"
    r"|\bco-led by\b|\b(?:financing|funding) (?:from|through)\b|\bbackers,? including\b"
    r"|\binvestments? from\b|\bbacked by\b", re.I)


# Who invests, by the wording of the investment itself.
# "an investment of $5 million by ⟦1⟧", "an investment in its business, made by ⟦1⟧".
INVESTMENT_BY = re.compile(rf"\binvestment\s+(?:(?:of|in)\s+[^⟦.]{{0,40}}?)?(?:made\s+)?"
                           rf"(?:by|from)\s+(?:the\s+)?{TOKEN}", re.I)
# The subject's own act of investing; "investors" and "investor demand" name the others.
INVESTS = re.compile(r"\binvest(?:s|ed|ing)?\b", re.I)
ROUND_WORDING = re.compile(r"\bround\b|\bseed\b|\bseries [A-F]\b|\brais(?:es|ed|ing)\b"
                           r"|\b(?:financing|funding)\b|\bprivate placement\b", re.I)


def round_investors(skeleton: str, keys: list[str], investee: str | None) -> list[str]:
    """The investors a financing round's sentence names after its wording for them."""
    wording = ROUND_INVESTORS.search(skeleton)
    if wording is None or investee is None:
        return []
    return list(dict.fromkeys(
        keys[int(m.group(1))] for m in ORG_TOKEN.finditer(skeleton, wording.start())
        if keys[int(m.group(1))] != investee))
