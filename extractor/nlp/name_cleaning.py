"""Trimming a pattern's or recognizer's match to a plausible organization name, or refusing it."""

from __future__ import annotations

import re

from .name_keys import NOT_PARTIES, normalize_key, only_legal_form, strip_suffix
from .vocabularies import common_words

# Not names however they are capitalized: sentence adverbs that open a paragraph, and one
# generic business word with or without a legal suffix, what is left of a name the patterns
# cut short ("Group, Inc." of "Stockwalk.com Group, Inc.").
_NOT_NAMES = frozenset({
    "notably", "collectively", "importantly", "specifically", "ultimately", "similarly",
    "together", "currently", "overall", "finally", "consequently", "accordingly", "likewise",
    "subsequently", "additionally", "furthermore", "moreover", "meanwhile", "separately",
    "first", "second", "third", "fourth", "lastly", "next", "instead", "however", "indeed",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
    "group", "software", "solutions", "holdings", "partners", "technologies", "technology",
    "systems", "services", "capital", "corporation", "professional", "enterprises",
    "enterprise", "industries", "international", "global", "associates", "ventures",
    "management", "consulting", "networks", "network", "laboratories", "labs", "sciences",
    "pharmaceuticals", "therapeutics", "biosciences", "medical", "health", "healthcare",
    "pharma", "biotech", "biopharma", "biologics", "diagnostics", "oncology",
})
_LEADING_NOISE = re.compile(
    r"^(?:(?:The|A|An|Today|About|In|On|Under|With|By|Its|Our|This|That|These|As|And|For|"
    r"From|According|Both|Affiliate|Subsidiary|Partner|Through|Upon|Following|While|When|"
    r"After|Before|Additionally|Also|Meanwhile|Furthermore|Moreover|Recently|Previously|"
    r"Established|Founded|Based|Headquartered|Privately|Publicly|Clinical|Leading|Global|"
    r"Contact|Contacts|Media|Investors?|Source|SOURCE|Announces?|ANNOUNCES?|Agreement|"
    r"Exclusive|New(?!\s+(?:York|Jersey|Mexico|Zealand|Hampshire|England|Orleans|Delhi|"
    r"Brunswick|Haven|South\s+Wales))|Signs|Enters|Completes|Closes|Acquires|Partners|Expands|Extends|"
    r"Forms?|Launch(?:es)?|Receives|Grants|Inks|Execute[sd]?|Strategic|Definitive|"
    r"Dr|Mr|Ms|Mrs|Prof|Professor|CEO|CFO|COO|CSO|CMO|President|Chairman|Director|"
    r"(?:Co-?)?[Ff]ounder|(?:Title|Presenting|Platinum|Gold|Silver|Bronze)\s+Sponsor|"
    r"(?:Chief|Principal)(?:\s+\w+){1,2}\s+Officer|Board\s+of\s+Directors|"
    r"(?:Supervisory\s+|Advisory\s+|Management\s+|Executive\s+)?Board|Company\s+Secretary|"
    r"Compensation\s+Committee|"
    r"Audit\s+Committee|Committee|Stockholders|Shareholders|Press\s+Releases?|Reports?|"
    r"Exhibit|Transcripts?|Boards\s+of\s+Directors|At|"
    # An exhibit's title before the name of who gave it: "Opinion of Latham & Watkins LLP",
    # "Officer’s Certificate of Apple Inc." ("Opinion Research Corporation" is a name).
    r"(?:Consent|Opinion)\s+of|(?:Officer|Officers|Secretary)[’']s?\s+Certificate\s+of|"
    # A role or a document of an organization: "Agency of Record for X", "Restated Bylaws of X"
    r"Agency\s+of\s+Record|Emeritus|Vice\s+President|(?:Amended\s+and\s+)?Restated\s+"
    r"(?:Bylaws|By-Laws|Certificate\s+of\s+Incorporation)|Bylaws|By-Laws|"
    r"(?:Certificate|Articles)\s+of\s+(?:Incorporation|Association)|ABOUT|Follow|"
    # A financial statement's heading: "Pro Forma Condensed Consolidated Financial
    # Information of X"
    r"(?:Unaudited\s+)?Pro\s+Forma(?:\s+[A-Z][a-z]+){0,5})\.?"
    r"(?:\s+(?:of|for))?\s+"
    # A post's function before "of": "Senior Vice President, Global Sales of X"
    r"|(?:Sales|Marketing|Finance|Operations|Engineering|Communications)\s+(?:of|for)\s+"
    r"|[A-Z][\w.]*(?:[ -][A-Z][\w.]*){0,2}-based\s+)+"  # "San Diego-based Acme Bio"
)
# What a name with these words names is no organization: a person's post run into one
# ("Hoag Vice President, Research Administration"), a publication, a venue, a study, an
# event or an award.
_NOT_AN_ORGANIZATION = re.compile(
    r"\b(?:Vice\s+President|Chief\s+\w+\s+Officer|Journal|Awards?|Nominee|Honoree)\b"
    r"|^Fiscal\b"
    r"|\b(?:(?:Convention|Conference|Exhibition|Congress)\s+(?:Center|Centre)|Air\s+Force\s+Base"
    r"|Study|Trial|Platform|Suite|Management\s+System|Summit|Symposium|Expo|Competition|"
    r"Festival|Hackathon|Showcase)$")
# One word with an adverb's ending opens a sentence, it names nothing: "Presently,".
_ADVERB = re.compile(r"[A-Z][a-z]+(?:ally|ently|antly|ously|ively|fully|ately|edly|ingly|ibly"
                     r"|ably|ctly)")
# A degree after a person's name the recognizer may take for a name: "Howard McLeod, PharmD".
_DEGREE = re.compile(r"PharmD|Ph\.?D|M\.?D|MBA|DNP|DVM|DDS|DMD|MPH|MSc|JD|EdD|PsyD|FACP|FACC")
# Two everyday words joined by a slash: a category's heading ("Therapeutics/Pharmaceuticals
# Group", "Medical Device/Diagnostics"), not a name.
_SLASHED = re.compile(r"\b([A-Za-z]+)/([A-Za-z]+)\b")


def _is_category(name: str) -> bool:
    common = common_words()
    return any(left.casefold() in common and right.casefold() in common
               for left, right in _SLASHED.findall(name))


_TRAILING_JOINER = re.compile(r"(?:\s+(?:and|or|of|for|the|&))+$")
_TITLE_OPENER_END = re.compile(r"\s(?:Managing|Executive|Chief|Senior|Vice)$")
_GLUED_REPEAT = re.compile(r"[a-z](?=[A-Z])")
_INNER_THE = re.compile(r"^\S.*?(?<!\bof)(?<!\bfor)(?<!&)(?<!\bde)\s+The\s+(?=[A-Z])")

# Opening words that are a name's own when what follows them is everyday words: "New Brain
# Institute", "Global Manager Group" (but "Global Acme Therapeutics" is Acme Therapeutics).
_NAME_OPENERS = frozenset({"new", "global", "leading", "clinical", "strategic"})


_TRAILING_LOWER = re.compile(r"(?:\s+(?!(?:of|and|for|de|du|des|der|la|le|los|las|von|e|y|di|"
                             r"plc|inc|ltd|llc|gmbh|ag|sa|spa|srl|bv|nv|oy|ab|as)\b)"
                             r"[a-z][a-z\-]+)+$")


def _plain_rest(whole: str, name: str) -> bool:
    """Whether the noise taken off `whole` was one name opener before words in everyday use."""
    dropped = whole[:len(whole) - len(name)].split() if whole.endswith(name) else []
    words = [w.casefold() for w in name.split()]
    return (len(dropped) == 1 and dropped[0].casefold() in _NAME_OPENERS and len(words) >= 2
            and all(w in common_words() for w in words[:-1]))


_PERSON_BEFORE = re.compile(r"[A-Z][a-z]+\s+[A-Z]\.\s+[A-Z][a-z]+\s+(?=[A-Z])")
_PLAIN_COMPANY = re.compile(r"(\w+)\s+(?:Company|Co\.?)")


def clean_name(candidate: str) -> str | None:
    """Trim a pattern match to a plausible organization name, or None."""
    whole = candidate.strip(" ,;:-–—\"“”'’()")
    name = _LEADING_NOISE.sub("", whole).strip()
    if name != whole and not only_legal_form(whole) and (
            only_legal_form(name)
            or normalize_key(name) in _NOT_NAMES and strip_suffix(whole) != whole
            or _plain_rest(whole, name)):
        # Only the legal form, or one generic word and the legal form, was left: the opening
        # words were the name ("Global Partners LP", "Leading BioSciences, Inc."), not
        # headline or sentence words before one.
        name = whole
    name = name.rstrip("’'").removesuffix("’s").removesuffix("'s").strip()
    # A recognizer's span can run on into lower-case words: "University of Alberta spinoff".
    trailing = _TRAILING_LOWER.search(name)
    if trailing and name[:trailing.start()].split()[-1][:1].isupper():
        name = name[:trailing.start()]
    # A heading run into its paragraph ("About X" then "X is ...") gives the name twice,
    # with a space between or none ("Acme TherapeuticsAcme Therapeutics, Inc.").
    words = name.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        name = " ".join(words[:half])
    else:  # or its first words given again: "SS Innovations SS Innovations International"
        bare = [w.strip(",.") for w in words]
        repeated = next((k for k in range(1, half + 1) if bare[:k] == bare[k:2 * k]), 0)
        name = " ".join(words[repeated:])
    # An inner "The" starts the name a heading or an acronym ran into: "NC3 The National
    # Coalition for Community Capital" (but "Bank of The West" is one name).
    inner = _INNER_THE.search(name)
    if inner:
        name = name[inner.end():]
    for glue in _GLUED_REPEAT.finditer(name):
        if name.startswith(name[:glue.start() + 1], glue.start() + 1):
            name = name[glue.start() + 1:]
            break
    # A contact line run together: "Kirin M. Smith PCG Advisory, Inc." is Smith's firm.
    person = _PERSON_BEFORE.match(name)
    if person and strip_suffix(name) != name:
        name = name[person.end():]
    # One everyday word and "Company" is a phrase: "Featured Company", "Portfolio Company".
    plain = _PLAIN_COMPANY.fullmatch(name)
    if plain and (plain.group(1).casefold() in common_words() or plain.group(1) == "Shell"):
        return None
    if len(name) < 2 or not any(ch.isupper() for ch in name[:1] + name[1:2]) \
            or only_legal_form(name):
        return None  # "LLC" alone is the end of a name, not one
    if _NOT_AN_ORGANIZATION.search(name) or _ADVERB.fullmatch(name) \
            or _DEGREE.fullmatch(name) or _is_category(name):
        return None
    # A name does not end in a joining word ("Ovanova PET and") or the first word of a
    # title ("Vensana Managing" of "Vensana Managing Partner"), and one everyday word alone
    # ("Immunotherapies", "Research") is no name: in the judged samples all such were junk.
    name = _TRAILING_JOINER.sub("", name)
    if _TITLE_OPENER_END.search(name) or (" " not in name and not name.isupper()
                                          and name.casefold() in common_words()):
        return None
    key = normalize_key(name)
    if not key or key in NOT_PARTIES or key in _NOT_NAMES or key.isdigit() or len(key) < 2:
        return None
    return name
