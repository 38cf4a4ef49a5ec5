"""People in a press release: names, titles and organizations, from quotes and signatures."""

from __future__ import annotations

import re

from .facts import Person
from .pipeline import PEOPLE
from .sentences import ISSUER_WORDS, Sentence, SentenceReader

PERSON_CUE = re.compile(
    r"\b(?:said|says|stated|states|commented|comments|added|adds|noted|notes|explained|"
    r"remarked|concluded|continued|according to|joins?|joined|expressed|emphasized|"
    r"highlighted)\b")
TITLE_WORD = re.compile(
    r"\b(?:Chief|CEO|CFO|COO|CMO|CSO|CTO|CBO|CCO|President|Chair\w*|Director|Officer|"
    r"Vice|VP|SVP|EVP|Founder|Co-Founder|Head|Managing|Partner|Counsel|Secretary|Treasurer|"
    r"Principal|Professor|Scientist|Lead|Manager|Member|Executive|Trustee|Dean|Chancellor|"
    r"Physician|Investigator|Analyst|Editor|Reporter|Host)\b", re.I)
_TITLE = (r"(?:(?:[Cc]o-)?[A-Za-z][A-Za-z\-]*\.?(?:\s+|,\s+(?=[A-Za-z]))){0,9}?"
          r"(?:[A-Za-z][A-Za-z\-]*)")
_TITLE_AFTER = re.compile(
    rf"\s*(?:,\s*(?:Ph\.?D\.?|M\.?D\.?|MBA|J\.?D\.?)\s*)*,\s*(?P<title>{_TITLE})"
    r"(?:\s*(?:,\s*|\s+)(?:of|at|for|from)\s+(?:the\s+)?(?P<org>[^,.;“”\"]{2,80}))?"
    r"(?=\s*[,.;“”\"]|\s+(?:said|says|stated|commented|added|noted|explained|joins?)\b|$)")
_TITLE_BEFORE = re.compile(
    r"(?:(?P<org>[A-Z][\w&.\-’' ]{1,60}?)(?:’s|'s)?\s+)?(?P<title>"
    r"(?:[Cc]hief [Ee]xecutive(?: [Oo]fficer)?|CEO|CFO|COO|CMO|CSO|President(?: and CEO)?|"
    r"[Cc]hairman|[Ff]ounder|[Dd]irector|[Mm]anaging [Dd]irector|[Cc]hief [A-Za-z]+ "
    r"[Oo]fficer|[Vv]ice [Pp]resident(?: of [A-Z][a-z]+)?))(?:\s+(?:Dr\.?|Mr\.?|Ms\.?))?"
    r"\s*$")
_SIGNATURE = re.compile(
    r"(?:By:\s*/s/\s*(?P<signed>[^\n]{2,60}?)\s+)?Name:\s*(?P<name>[A-Z][^\n:]{2,60}?)\s+"
    r"Title:\s*(?P<title>[A-Z][^\n:]{2,100}?)(?=\s*(?:Date|Dated|By|Name|$|\n|<))",
    re.M)


class PeopleReader(SentenceReader):
    """People the model finds in quotes and attributions, with their titles and organizations;
    and people in signature blocks."""

    def people(self, analysed: list[tuple[Sentence, object]]) -> list[Person]:
        people: dict[str, Person] = {}
        for sentence, doc in analysed:
            for span in doc.spans.get(PEOPLE, []):  # type: ignore[attr-defined]
                person = self._person_at(sentence, doc.text, span.start_char, span.end_char)
                if person is None:
                    continue
                known = people.get(person.name)
                if known is None or (known.title is None and person.title):
                    people[person.name] = person
        for person in signature_people(self.text):
            people.setdefault(person.name, person)
        return list(people.values())

    def _person_at(self, sentence: Sentence, text: str, start: int,
                   end: int) -> Person | None:
        name = _clean_person(text[start:end])
        if name is None:
            return None
        after = text[end:end + 160]
        before = text[max(0, start - 120):start]
        title = org = None
        match = _TITLE_AFTER.match(after)
        if match:
            title = match.group("title").strip(" ,")
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
        else:
            match = _TITLE_BEFORE.search(before)
            if match:
                title = match.group("title").strip(" ,")
                org = self._org_in(match.group("org") or "") or self._org_in(before[-80:])
        if title is None:
            if not PERSON_CUE.search(sentence.text):
                return None
            org = None
        title = title or None
        if title and not TITLE_WORD.search(title):
            title = None
            if not PERSON_CUE.search(sentence.text):
                return None
        if org is None and title and ISSUER_WORDS.search(after[:60] + before[-40:]):
            org = self.issuer
        return Person(name=name, title=title, organization=org,
                      evidence=self.evidence(sentence))

    def _org_in(self, text: str) -> str | None:
        mentions = self.names.mentions(text)
        return mentions[-1][2] if mentions else None


def signature_people(text: str) -> list[Person]:
    """People in signature blocks: "Name: Chad J. Kolean  Title: Vice President and CFO"."""
    people = []
    for match in _SIGNATURE.finditer(text):
        name = " ".join(match.group("name").split())
        title = " ".join(match.group("title").split())
        if TITLE_WORD.search(title) and len(name.split()) >= 2:
            people.append(Person(name=name, title=title, organization=None))
    return people


def _clean_person(name: str) -> str | None:
    name = re.sub(r"^(?:Dr|Mr|Ms|Mrs|Prof)\.?\s+", "", name.strip(" ,.’'s"))
    name = re.sub(r"[’']s$", "", name).strip()
    words = name.split()
    if len(words) < 2 or len(words) > 5 or not all(w[:1].isupper() for w in words):
        return None
    if any(ch.isdigit() for ch in name):
        return None
    return name


def _strip_org_words(title: str, org_name: str, aliases: list[str]) -> str:
    for spelling in sorted([org_name, *aliases], key=len, reverse=True):
        if spelling and spelling in title:
            title = title.replace(spelling, "").strip(" ,")
    return " ".join(title.split())
