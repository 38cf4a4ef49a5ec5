"""People in a press release: names, titles and organizations, from quotes and signatures."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .facts import Person
from .organizations import is_generic_name, shaped_like_a_person
from .pipeline import PEOPLE
from .sentences import ISSUER_WORDS, Sentence, SentenceReader

# Words that attribute speech: they choose the sentences the model reads for quoted people.
PERSON_CUE = re.compile(
    r"\b(?:said|says|stated|states|commented|comments|added|adds|noted|notes|explained|"
    r"remarked|concluded|continued|according to|joins?|joined|expressed|emphasized|"
    r"highlighted|shares|shared)\b")
# "Jane Roe, Chief Executive Officer" or "Jane Roe, care navigator, ReferWell": a name then
# a title, as lists of speakers, finalists and contacts give them; such a sentence goes to
# the recognizer even without a speech word.
NAME_THEN_TITLE = re.compile(
    r"\b[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][A-Za-z’'\-]+,\s+(?:[A-Za-z&\-.]+,?\s+){0,4}?"
    r"(?:Chief|CEO|CFO|COO|CMO|CSO|CTO|Chair\w*|Officer|Vice|VP|SVP|EVP|"
    r"Co-Founder|Head|Managing|Partner|Dean|[Dd]irector|[Mm]anager|[Pp]rofessor|[Pp]resident|"
    r"[Ff]ounder|Leader|Member|Principal|Scientist|Physician|Investigator|Counsel|Secretary|"
    r"Treasurer|Trustee|Chancellor|Editor|MBA|Ph\.?D|M\.?D)\b")
# "Dr. Ellen Kim of the University of Pennsylvania": an honorific before a name says a person
# is named, whatever words follow.
_HONORIFIC_WORD = r"(?:Dr|Mr|Mrs|Ms|Prof)\.?"  # every pattern below that knows honorifics
HONORIFIC_NAME = re.compile(rf"\b{_HONORIFIC_WORD}\s+[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z]")
# "CEO Mary Marcus", "Aclarion’s CEO, Brent Ness", "Professor Itay Mayrose": a title then a
# name, which also sends a sentence to the recognizer.
TITLE_THEN_NAME = re.compile(
    r"\b(?:CEO|CFO|COO|CMO|CSO|CTO|President|Chair(?:man|woman)?|[Ff]ounder|Director|"
    r"Professor|Chief [A-Z][a-z]+ Officer),?\s+(?:Dr\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z]\.)?"
    r"\s+[A-Z][A-Za-z’'\-]+")
# Words of appointments, departures and roles (8-K Items, agreements' parties): with the
# speech words, they admit a name the model found without a title beside it.
_ROLE_CUE = re.compile(
    r"\b(?:appointed|appointing|elected|named|retired|retires|resign\w*|step(?:s|ped)? down|"
    r"became|"
    r"serv(?:e|es|ed|ing) as|representative|trustee|sole (?:stock|share)holders?|"
    r"(?:employment|separation|consulting|retention) agreements?|age \d\d)\b")
# Appointment wording, which sends a sentence to the recognizer ("will serve as" of a person;
# "serves as" alone is as often said of a product).
APPOINTMENT_CUE = re.compile(
    r"\b(?:appoint(?:ed|ing|ment)|elected|named|promoted|hired|resign\w*|retir(?:es|ed|ing)|"
    r"step(?:s|ped)? down|will serve as|(?:has|have) joined)\b")
TITLE_WORD = re.compile(
    r"\b(?:Chief|CEO|CFO|COO|CMO|CSO|CTO|CBO|CCO|CIO|CHRO|CPO|CDO|CAO|CLO|CRO|CNO|CCSO|"
    r"President|Chair\w*|Director|Officer|"
    r"Vice|VP|SVP|EVP|Founder|Co-Founder|Head|Managing|Partner|Counsel|Secretary|Treasurer|"
    r"Principal|Professor|Scientist|Lead|Manager|Member|Executive|Trustee|Dean|Chancellor|"
    r"Physician|Investigator|Analyst|Editor|Reporter|Host)\b", re.I)
# What follows a span that is only the head of a longer capitalized name.
_RUNS_ON = re.compile(r"[ \t]+(?:[A-Z][a-z]+\b(?!\s+(?:said|says|stated|added|noted))|&|Inc\b|"
                      r"Corp\b|LLC\b|Ltd\b)")
# Title words, "&" among them ("Chairman & CEO").
_TITLE = (r"(?:(?:&|(?:[Cc]o-)?[A-Za-z][A-Za-z\-’']*\.?)(?:\s+|,\s+(?=[A-Za-z]))){0,9}?"
          r"(?:[A-Za-z][A-Za-z\-]*)")
# Degrees and honours between a name and its title: "Jane Roe, Ed.D., PHR, Director".
_DEGREE = (r"(?:Ph\.?D|M\.?D|MBA|J\.?D|Ed\.?D|Pharm\.?D|D\.?O|DVM|R\.?N|PHR|SPHR|CPA|CGMA|"
           r"CFA|MPH|MSc|M\.?S|FACS|FACC|FACP|FRCP|DrPH|MBE|OBE|CBE|Esq)\.?")
_TITLE_AFTER = re.compile(
    rf"\s*(?:,?\s*{_DEGREE}(?![A-Za-z])\s*)*,\s*(?P<title>{_TITLE})(?<!\bSr)(?<!\bAsst)"
    r"(?<!\bExec)"
    r"(?:\s*(?:,\s*|\s+)(?:of|at|for|from)\s+(?:the\s+)?(?P<org>[^,.;“”\"]{2,80}))?"
    r"(?=\s*[,.;“”\"]|\s+(?:said|says|stated|states|commented|comments|added|adds|noted|"
    r"notes|explained|explains|shared|shares|remarked|emphasized|joins?|has|have|had|was|will|"
    r"is|who)\b|$"
    # A contact block flattened into one line ends a title at the next "Name Name," or at
    # a phone number.
    r"|\s+[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z]+,|\s+\(?\d{3}[).\-\s]+\d{3})")
# An announced appointment: "the appointment of NAME as Executive Vice President, Sales",
# "has named NAME to its Board of Directors".
_APPOINTED_BEFORE = re.compile(
    r"\b(?:appoint(?:s|ed|ment of)|elect(?:s|ed|ion of)|nam(?:es|ed)|hir(?:es|ed|ing of)|"
    r"promot(?:es|ed|ion of)|welcom(?:es|ed)|add(?:s|ed|ition of))\s+(?:Dr\.?\s+)?$",
    re.IGNORECASE)  # a headline's "Appoints" and "Names" too
# The words between "as" and a title: "as its new Chief Operating Officer".
_DETERMINER = r"(?:(?:its|the|our|their|a|an)\s+)?(?:new\s+)?"
_APPOINTED_AS = re.compile(
    rf"(?:,?\s*{_DEGREE}(?![A-Za-z]))*,?\s+(?:(?:as|to the (?:position|role|post) of)\s+"
    rf"{_DETERMINER}(?P<title>{_TITLE})"
    r"(?=\s*[,.;(]|\s+(?:at|for|to|effective|on|from|beginning|starting)\b|$)"
    r"|to\s+(?:its|the|our|their)\s+(?P<board>Board(?: of Directors)?))")
_TITLE_BEFORE = re.compile(
    r"(?:(?P<org>[A-Z][\w&.\-’' ]{1,60}?)(?:’s|'s)?\s+)?(?P<title>"
    r"(?:[Cc]hief [Ee]xecutive(?: [Oo]fficer)?|CEO|CFO|COO|CMO|CSO|President(?: and CEO)?|"
    r"[Cc]hairman|[Ff]ounder|[Dd]irector|[Mm]anaging [Dd]irector|[Cc]hief [A-Za-z]+ "
    r"[Oo]fficer|[Vv]ice [Pp]resident(?: of [A-Z][a-z]+)?|[Pp]rofessor))"
    r"(?:\s+(?:Dr\.?|Mr\.?|Ms\.?))?,?\s*$")
_SIGNATURE = re.compile(
    r"(?:By:\s*/s/\s*(?P<signed>[^\n]{2,60}?)\s+)?Name:\s*(?P<name>[A-Z][^\n:]{2,60}?)\s+"
    r"Title:\s*(?P<title>[A-Z][^\n:]{2,100}?)(?=\s*(?:Date|Dated|By|Name|$|\n|<))",
    re.M)


_AS = re.compile(rf"^as\s+{_DETERMINER}")
# An honorific at a name ("Dr. Ellen Kim") or right before it: a person, title or not.
_HONORIFIC = re.compile(rf"{_HONORIFIC_WORD}\s")
_HONORIFIC_BEFORE = re.compile(rf"\b{_HONORIFIC_WORD}\s+$")
# A person's role or calling named right before the name ("attorney Sidney Lewellen"),
# grouped by first letter: every sentence is searched for it, and the flat alternation took
# three times as long.
_ROLE_WORDS = (
    r"(?:[Aa](?:ttorney|uthor|ctor|ctress|llergist|gent|rtist|ssociates?)|[Ll]awyer|"
    r"[Ss](?:inger|enator|urgeon|cientist|tylist|pokes(?:person|man|woman))|"
    r"[Cc](?:ongress(?:man|woman)|ommissioner|ardiologist|oach|hief [Ee]xecutive)|"
    r"[Gg]overnor|[Mm]ayor|[Pp](?:sychologist|sychiatrist|hysician|harmacist)|"
    r"[Oo]ncologist|[Nn](?:eurologist|urse)|[Dd]entist|[Ii]nvestigator|[Rr]esearcher|"
    r"[Ee]ntrepreneur|[Vv]eterans?)")
# A comma between them only before an honorific ("Pediatric Allergist, Dr. Douglas Mack"):
# "Author, Studio Etica" and "its transfer agent, Vstock Transfer" list or name others.
_ROLE_GAP = rf"(?:,?\s+{_HONORIFIC_WORD})?\s+"
_ROLE_BEFORE = re.compile(rf"\b(?P<role>(?:[A-Z][a-z]+\s+)?{_ROLE_WORDS}){_ROLE_GAP}$")
# The same before a name's shape: such a sentence goes to the recognizer too.
ROLE_THEN_NAME = re.compile(rf"\b{_ROLE_WORDS}{_ROLE_GAP}[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z]")


class PeopleReader(SentenceReader):
    """People the model finds in quotes and attributions, with their titles and organizations;
    and people in signature blocks."""

    def people(self, analysed: list[tuple[Sentence, object]]) -> list[Person]:
        people: dict[str, Person] = {}
        for sentence, doc in analysed:
            recognized = {(e.start, e.end) for e in doc.ents}  # type: ignore[attr-defined]
            for span in [*doc.spans.get(PEOPLE, []),  # type: ignore[attr-defined]
                         *_people_read_as_organizations(doc)]:
                person = self._person_at(sentence, doc.text, span.start_char, span.end_char)
                if person is None:
                    continue
                if person.title is None and ((span.start, span.end) not in recognized
                                             or is_generic_name(person.name)
                                             or self.names.resolve(person.name) is not None):
                    # Without a title, only a name the recognizer itself read as a person's,
                    # and neither one of everyday words ("Platinum Equity", "Genetic Testing")
                    # nor a known organization's, is taken: capitalized pairs alone gave
                    # companies and headline words.
                    continue
                known = people.get(person.name)
                if known is None or (known.title is None and person.title):
                    people[person.name] = person
        for person in signature_people(self.text):
            people.setdefault(person.name, person)
        for sentence in self.sentences:
            if sentence.role == "contact" or _CONTACT_CUE.search(sentence.text):
                for name, title in contact_people(sentence.text):
                    if not self._short_for_organization(name):
                        people.setdefault(name, Person(name=name, title=title,
                                                       organization=None,
                                                       evidence=self.evidence(sentence)))
        return list(people.values())

    def _person_at(self, sentence: Sentence, text: str, start: int,
                   end: int) -> Person | None:
        name = clean_person(text[start:end])
        if name is None or self._short_for_organization(name):
            return None
        after = text[end:end + 160]
        if _RUNS_ON.match(after):
            return None  # the first words of a longer name: "Miller Johnson Steichen Kinnard"
        before = text[max(0, start - 120):start]
        title = org = None
        match = _TITLE_AFTER.match(after)
        if match and not TITLE_WORD.search(match.group("title")):
            match = None  # ", will present at ...": no title after the name; one may be before
        if match:
            # "Jane Roe, MBA, as Chief Financial Officer": the appointment's "as" is no title.
            title = _AS.sub("", match.group("title").strip(" ,"))
            org_text = match.group("org")
            org = self._org_in(org_text) if org_text else None
            if org is None and org_text:
                # "director of investments": the words after "of" were part of the title.
                title = after[match.start("title"):match.end("org")].strip(" ,")
            if org is None:
                org = self._org_in(match.group("title"))
                if org:
                    title = _strip_org_words(title, self.names.names.get(org, ""),
                                             self.names.aliases.get(org, []))
        elif _APPOINTED_BEFORE.search(before[-40:]) and (
                appointed := _APPOINTED_AS.match(after)):
            title = appointed.group("title") or "member of the Board of Directors"
            org = self.issuer
        else:
            match = _TITLE_BEFORE.search(before)
            if match:
                title = match.group("title").strip(" ,")
                org = self._org_in(match.group("org") or "") or self._org_in(before[-80:])
        # Without a title a name counts only near a speaking word: a long run-on sentence
        # (a flattened headline block) holds "continued" far from capitalized headline words.
        near = before[-100:] + " " + after[:100]
        cued = PERSON_CUE.search(near) or _ROLE_CUE.search(near) or _HONORIFIC.match(
            text, start) or _HONORIFIC_BEFORE.search(before[-8:])
        if title is None and (role := _ROLE_BEFORE.search(before[-60:])):
            # "attorney Sidney Lewellen", "sports psychologist Dr. Michael Gervais": a role
            # named right before the name says it is a person's.
            cued = True
            title = role.group("role")
        if title is None:
            if not cued:
                return None
            org = None
        title = title or None
        if title and not TITLE_WORD.search(title):
            title = None
            if not cued:
                return None
        if org is None and title and ISSUER_WORDS.search(after[:60] + before[-40:]):
            org = self.issuer
        return Person(name=name, title=title, organization=org,
                      evidence=self.evidence(sentence))

    def _short_for_organization(self, name: str) -> bool:
        """Whether a "name" is the short form of an organization the text names in full
        ("Voice Signal" of Voice Signal Technologies, Inc.). A name that is only the whole
        of an organization's name may be a person taken for an organization, and is kept."""
        key = self.names.resolve(name)
        return key is not None and len(self.names.names[key]) > len(name)

    def _org_in(self, text: str) -> str | None:
        mentions = self.names.mentions(text)
        return mentions[-1][2] if mentions else None


def _people_read_as_organizations(doc: Doc) -> list[Span]:
    """The recognizer's organizations shaped like a person's name that open a speaker's
    attribution ("said Stephanie Papes Strong, Co-Founder and CEO of Boulder Care")."""
    return [entity for entity in doc.ents
            if entity.label_ == "ORG" and shaped_like_a_person(entity.text)
            and _speaker_with_title(doc.text, entity.start_char, entity.end_char)]


def introduced_as_person(text: str, start: int, end: int) -> bool:
    """Whether a person-shaped name is introduced as a person's: a role right before it
    ("industry veteran Larry Mills"), a title right after it ("Vera Cherepanova, Ethics
    Advocate, Consultant"), or a lawsuit named after them ("Marie Salem v. Methode")."""
    return shaped_like_a_person(text[start:end]) and (
        _ROLE_BEFORE.search(text, max(0, start - 60), start) is not None
        or _speaker_with_title(text, start, end) or _CASE_PARTY.match(text, end) is not None)


# A plaintiff's name, the first of a lawsuit's: "Marie Salem v. Methode Electronics Inc.".
_CASE_PARTY = re.compile(r"\s+vs?\.\s+[A-Z]")


def _speaker_with_title(text: str, start: int, end: int) -> bool:
    """Whether a name opens a speaker's attribution: a title right after it, and no list or
    title before it ("Director, Johns Hopkins, and Professor" is a post's place)."""
    match = _TITLE_AFTER.match(text, end)
    # A post one held is a person's in a list too: "Olivier Waridel, former CEO of Biosafe,
    # Caroline Boudousquié, former Head of Process Development".
    return match is not None and TITLE_WORD.search(match.group("title")) is not None \
        and (_LISTED_BEFORE.search(text, max(0, start - 12), start) is None
             or match.group("title").casefold().startswith("former "))


_LISTED_BEFORE = re.compile(r"(?:,|\b(?:and|at|of|with|from|by|for))\s*$")


def signature_people(text: str) -> list[Person]:
    """People in signature blocks: "Name: Chad J. Kolean  Title: Vice President and CFO", and
    a form's "By: /s/ James R. Arnold, Jr." with the name and title on the lines below."""
    people: dict[str, Person] = {}
    for match in _SIGNATURE.finditer(text):
        name = " ".join(match.group("name").split())
        title = " ".join(match.group("title").split())
        if title.endswith((",", "-", " and")):
            # The title runs on to the next line.
            title = f"{title} {text[match.end():match.end() + 100].strip().split(chr(10))[0]}"
        title = _TITLE_END.sub("", title).strip(" ,")
        if TITLE_WORD.search(title) and len(name.split()) >= 2:
            people.setdefault(name, Person(name=name, title=title, organization=None))
    for match in _SIGNED.finditer(text):
        name = " ".join(match.group("name").split()).strip(" ,")
        if len(name.split()) < 2 or name in people:
            continue
        title = _title_below(text[match.end():match.end() + 300], name)
        if title:
            people[name] = Person(name=name, title=title, organization=None)
    return list(people.values())


# A contact line: "Media Contact: Eileen Day Chief Marketing Officer", "Lena Rose - Marketing
# & PR Manager", "Kirin Smith, President": a first and last name, then a title.
_CONTACT_PERSON = re.compile(
    r"(?<![\w.])(?<![\w.] )(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?)"
    r"\s*(?:,|[-–—]|\s)\s*(?P<title>(?:(?:[A-Z][A-Za-z]*|&|of|and)\s+){0,4}?"
    r"(?:Officer|President|Director|Manager|CEO|CFO|COO|Founder|Partner|Head of [A-Z]\w+|"
    r"Relations|Communications|Vice President))(?![a-z])")
# A contact line inside a paragraph: "For more information, please contact: Jane Roe ...".
_CONTACT_CUE = re.compile(r"\b(?:[Cc]ontacts?|CONTACTS?)\s*:|\bplease contact\b")
_NOT_NAME_WORDS = frozenset({
    "Media", "Investor", "Investors", "Press", "Contact", "Contacts", "Public", "Corporate",
    "Chief", "Executive", "Senior", "Vice", "General", "Managing", "Global", "Head",
    "Business", "Marketing", "Sales", "For", "The", "Email", "Phone", "Tel", "Source",
    "Chairman", "Chairwoman", "President", "Officer", "Director", "Manager", "Founder",
    "Support", "Team", "Office", "Department", "Relations", "Communications", "Inc", "Group"})


def contact_people(text: str) -> list[tuple[str, str]]:
    """(name, title) pairs of a contact block's lines."""
    found = []
    for match in _CONTACT_PERSON.finditer(text):
        name = match.group("name")
        words = name.replace("-", " ").split()
        if any(word in _NOT_NAME_WORDS for word in words):
            continue
        found.append((name, match.group("title")))
    return found


# "/s/ James R. Arnold, Jr." (the conformed signature of an EDGAR filing).
# "By /s/ Allan Wein, its president" gives the title on the same line; "s/" and "/S/" occur.
_SIGNED = re.compile(r"(?:[/\\][sS][/\\]|(?<![\w/])s/)\s*(?P<name>[A-Z][A-Za-z.’'\- ]{2,50}?"
                     r"(?:,\s*(?:Jr|Sr)\.?|\s+(?:II|III|IV))?)[ \t]*"
                     r"(?=\n|-{3,}|_{3,}|\s+Name:|\s+Title:|\s+Dat|$|,\s*(?:its\s+)?(?:[a-z]|"
                     r"(?:President|Chief|Vice|Executive|Senior|Secretary|Treasurer|Director|"
                     r"Chairman|General|Managing|CEO|CFO)\b))")
# Where a title under a signature ends when the text runs on: a heading in capitals, a page
# number, or the next label.
_TITLE_END = re.compile(r"\s+(?:[A-Z]{2,}[A-Z’',.\-]*\s+){1,}[A-Z]{2,}\b.*|\s+\d{1,3}\b.*|"
                        r"\s+(?:Date|Dated|By|EXHIBIT|Exhibit|INDEX)\b.*")


def _title_below(rest: str, name: str) -> str | None:
    """The title under a conformed signature: after "Title:", or on the lines below the
    name, a line ending in "-" or "," running on to the next. Rules of dashes or underscores
    count as line ends (1990s text filings run a signature block onto one line)."""
    rest = re.sub(r"-{3,}|_{3,}", "\n", rest)
    labelled = re.search(r"Title:\s*(?P<title>[^\n]{2,100})(?:\n(?P<more>[^\n:]{2,60}))?", rest)
    if labelled:
        title = labelled.group("title").strip()
        more = labelled.group("more")
        if title.startswith(name):  # "Name:" left empty and the name put under "Title:"
            title = title[len(name):].strip(" ,")
        if more and (not title or title.endswith((",", "-", " and"))) and not re.match(
                r"\s*(?:Date|Dated|By|EXHIBIT|Exhibit|INDEX)\b", more):
            title = f"{title} {more.strip()}".strip()
            if title.endswith(" and") and labelled.end() < len(rest):
                title = f"{title} {rest[labelled.end():].strip().split(chr(10))[0]}"
        title = _TITLE_END.sub("", title).strip(" ,")
        return title if TITLE_WORD.search(title) else None
    lines = [line.strip(" -_") if not line.rstrip().endswith("-") else line.strip(" _")
             for line in rest.split("\n")[:6]]
    lines = [line for line in lines if line]
    while lines and (lines[0] == name or lines[0].startswith(("Name:", name))):
        if lines[0].startswith(name) and lines[0] != name:
            lines[0] = lines[0][len(name):].strip(" ,")
            if lines[0]:
                break
        lines.pop(0)
    if not lines:
        return None
    title = re.sub(r"^[,\s]*(?:(?:[Ii]ts|Title):?\s*)?", "", lines[0])  # "Title" lost its colon
    if title.endswith(("-", ",", " and")) and len(lines) > 1:
        title = f"{title} {lines[1]}"
    title = " ".join(_TITLE_END.sub("", title).split()).strip(" ,")
    if not TITLE_WORD.search(title) or len(title) > 100:
        return None
    return title


def clean_person(name: str) -> str | None:
    name = re.sub(r"[’']s$", "", name.strip(" ,.’'"))
    name = re.sub(rf"^{_HONORIFIC_WORD}\s+", "", name.strip(" ,.’'"))
    name = re.sub(r"[’']s$", "", name).strip()
    words = name.split()
    if len(words) < 2 or len(words) > 5 or not words[-1][:1].isupper() or not all(
            w[:1].isupper() or w in _SURNAME_PARTICLES for w in words):
        return None
    if any(ch.isdigit() for ch in name) or re.search(r"[’']s\s", name):
        return None  # "Vensana’s Klein": an organization's surname, not a whole name
    if words[0] in _NOT_A_FIRST_NAME or any(word.strip(",.") in _NOT_IN_A_NAME for word in words):
        return None
    return name


# Lower-case words inside a surname: "Lynn Forester de Rothschild", "Frank van Asch".
_SURNAME_PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "di", "du", "la", "le",
                                "del", "dos", "bin", "al"})
# Words the model takes for names that no person's name holds: an organization's or a
# defined term's words, and the openers of dates and clauses ("On June", "Beginning August").
_NOT_IN_A_NAME = frozenset(
    "Association Services Management Development Representative Sub Merger Holdings Partners "
    "Capital Group Bank Trust Fund Company Corporation Corp Inc LLC Ltd Stockholder "
    "Stockholders Shareholder Agreement Committee Board Vessels Products Systems Technologies "
    "Pharmaceuticals Therapeutics Securities Investments Exchange Commission Secretary "
    "Officer Director President Chairman Chairwoman Treasurer Counsel AG GmbH PLC SA NV BV "
    "Pharma Biotech Laboratories".split())
_NOT_A_FIRST_NAME = frozenset(
    "On In At As By For From During Beginning Effective Since Under Upon With Pursuant "
    "Following Prior After Before The This Each".split())


def _strip_org_words(title: str, org_name: str, aliases: list[str]) -> str:
    for spelling in sorted([org_name, *aliases], key=len, reverse=True):
        if spelling and spelling in title:
            title = title.replace(spelling, "").strip(" ,")
    return " ".join(title.split())
