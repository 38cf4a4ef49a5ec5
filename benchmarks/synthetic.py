"""Generate synthetic EDGAR full submissions for scale benchmarks only, never accuracy claims."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
FILES_PER_FOLDER = 1000
FIRST_DAY = dt.date(1996, 1, 2)
LAST_DAY = dt.date(2025, 12, 31)
# EDGAR's load date: the oldest names of companies already on record then carry this date.
EDGAR_LOAD_DAY = dt.date(1992, 7, 3)
# The 8-K items were renumbered on this day; older filings use the old titles.
ITEM_RENUMBERING = dt.date(2004, 8, 23)
# Synthetic CIK ranges, far above the CIKs EDGAR has assigned, so no synthetic company can be
# mistaken for a real one (or for the seed filing's company).
COMPANY_CIK_BASE = 3_100_000
PERSON_CIK_BASE = 40_000_000
AGENT_CIK_BASE = 9_900_000
MAX_NAMES = 8  # name periods per company; company 0 always has this many
LONG_HISTORY_INDEX = 0
GENERATOR_VERSION = 1

HELP_NOTE = ("Synthetic data for scale and speed runs only: the text is composed from templates "
             "and made-up names, so extraction results on it say nothing about accuracy.")

# --- vocabularies (composed here; nothing is taken from real filings) --------------------------

SYLLABLES = (
    "ka", "vel", "lor", "zen", "mi", "tra", "qui", "nor", "dex", "sa", "ri", "ton", "vo", "lu",
    "mar", "ix", "an", "te", "ro", "ber", "cy", "len", "pha", "ga", "ly", "sen", "or", "ze",
    "tha", "ni", "ven", "cor", "al", "bi", "dra", "el", "fi", "gen", "hal", "ju", "ke", "lam",
    "mo", "ne", "pol", "ru", "sy", "va",
)
PLACE_ENDINGS = ("ton", "field", "ford", "bury", "dale", "mont", "wick", "haven")

HEADS = {
    "biotech": ("Therapeutics", "Pharmaceuticals", "Biosciences", "Oncology", "Genomics",
                "Biologics", "Bio", "Medicines", "Biopharma", "Biotherapeutics"),
    "operating": ("Technologies", "Systems", "Industries", "Energy", "Networks", "Foods",
                  "Materials", "Holdings", "Bancorp", "Financial", "Software", "Instruments"),
    "investor": ("Capital Management", "Partners", "Advisors", "Ventures",
                 "Investment Management", "Asset Management", "Capital"),
    "foreign": ("Pharma", "Holdings", "Technologies", "Telecom", "Biotech", "Mining"),
}
# (display suffix, conformed suffix)
SUFFIXES = {
    "biotech": (("Inc.", "INC"), ("Inc.", "INC"), ("Corp.", "CORP"), ("Corporation", "CORP")),
    "operating": (("Inc.", "INC"), ("Corp.", "CORP"), ("Co.", "CO"), ("Corporation", "CORP"),
                  ("Inc.", "INC")),
    "investor": (("LLC", "LLC"), ("L.P.", "L.P."), ("LP", "LP"), ("Inc.", "INC")),
    "foreign": (("Ltd.", "LTD"), ("plc", "PLC"), ("N.V.", "N.V."), ("AG", "AG"),
                ("Limited", "LTD")),
}
SICS = {
    "biotech": ((2834, "PHARMACEUTICAL PREPARATIONS"),
                (2836, "BIOLOGICAL PRODUCTS, (NO DIAGNOSTIC SUBSTANCES)"),
                (8731, "SERVICES-COMMERCIAL PHYSICAL & BIOLOGICAL RESEARCH"),
                (2835, "IN VITRO & IN VIVO DIAGNOSTIC SUBSTANCES"),
                (3841, "SURGICAL & MEDICAL INSTRUMENTS & APPARATUS")),
    "operating": ((7372, "SERVICES-PREPACKAGED SOFTWARE"),
                  (3674, "SEMICONDUCTORS & RELATED DEVICES"),
                  (6022, "STATE COMMERCIAL BANKS"), (1311, "CRUDE PETROLEUM & NATURAL GAS"),
                  (4911, "ELECTRIC SERVICES"), (5812, "RETAIL-EATING PLACES"),
                  (6798, "REAL ESTATE INVESTMENT TRUSTS"),
                  (7370, "SERVICES-COMPUTER PROGRAMMING, DATA PROCESSING, ETC.")),
    "investor": ((6282, "INVESTMENT ADVICE"),
                 (6211, "SECURITY BROKERS, DEALERS & FLOTATION COMPANIES")),
    "foreign": ((2834, "PHARMACEUTICAL PREPARATIONS"),
                (3674, "SEMICONDUCTORS & RELATED DEVICES"),
                (4813, "TELEPHONE COMMUNICATIONS (NO RADIOTELEPHONE)"),
                (1000, "METAL MINING")),
}
OFFICES = {"biotech": "03 Life Sciences", "operating": "06 Technology",
           "investor": "02 Finance", "foreign": "07 Trade & Services"}
# (header city, state code, zip prefix, AP style state, city as written in prose)
US_CITIES = (
    ("CAMBRIDGE", "MA", "021", "Mass."), ("BOSTON", "MA", "022", "Mass."),
    ("WALTHAM", "MA", "024", "Mass."), ("SAN DIEGO", "CA", "921", "Calif."),
    ("SOUTH SAN FRANCISCO", "CA", "940", "Calif."), ("PALO ALTO", "CA", "943", "Calif."),
    ("NEW YORK", "NY", "100", "N.Y."), ("PRINCETON", "NJ", "085", "N.J."),
    ("SEATTLE", "WA", "981", "Wash."), ("DURHAM", "NC", "277", "N.C."),
    ("AUSTIN", "TX", "787", "Texas"), ("HOUSTON", "TX", "770", "Texas"),
    ("CHICAGO", "IL", "606", "Ill."), ("MADISON", "WI", "537", "Wis."),
    ("DENVER", "CO", "802", "Colo."), ("MIAMI", "FL", "331", "Fla."),
    ("PHILADELPHIA", "PA", "191", "Pa."), ("BALTIMORE", "MD", "212", "Md."),
    ("GAITHERSBURG", "MD", "208", "Md."), ("SALT LAKE CITY", "UT", "841", "Utah"),
    ("MINNEAPOLIS", "MN", "554", "Minn."), ("ATLANTA", "GA", "303", "Ga."),
    ("LAS VEGAS", "NV", "891", "Nev."), ("NASHVILLE", "TN", "372", "Tenn."),
)
# (header city, EDGAR country code, postal code pattern, country as written in prose)
FOREIGN_CITIES = (
    ("LONDON", "X0", "EC2A {d}AB", "United Kingdom"), ("TEL AVIV", "L3", "6{d}{d}{d}{d}{d}",
                                                         "Israel"),
    ("TORONTO", "A6", "M5H {d}A{d}", "Canada"), ("GEORGE TOWN", "E9", "KY1-{d}{d}{d}{d}",
                                                    "Cayman Islands"),
    ("HAMILTON", "D0", "HM {d}{d}", "Bermuda"), ("ZUG", "V8", "63{d}{d}", "Switzerland"),
    ("AMSTERDAM", "P7", "10{d}{d} AB", "the Netherlands"), ("SHANGHAI", "F4", "2000{d}{d}",
                                                             "China"),
    ("SINGAPORE", "U0", "0{d}{d}{d}{d}{d}", "Singapore"), ("TOKYO", "M0", "10{d}-00{d}{d}",
                                                           "Japan"),
)
STREET_WORDS = ("Oak", "Harbor", "Commerce", "Research", "Innovation", "Park", "Main", "Market",
                "Summit", "Lake", "River", "Technology", "Science", "Enterprise", "Cedar",
                "Franklin", "Granite", "Meadow")
STREET_KINDS = ("Drive", "Street", "Avenue", "Boulevard", "Parkway", "Road", "Way", "Place")
INCORPORATION = {"biotech": ("DE",) * 8 + ("NV", "MA", "CA", "WA"),
                 "operating": ("DE",) * 5 + ("NV", "NY", "MD", "CA", "TX", "FL", "OH", "PA")}
FISCAL_YEAR_ENDS = ("1231",) * 6 + ("0630", "0930", "0331", "0131", "0531")
FIRST_NAMES = (
    "James", "Maria", "Robert", "Linda", "Michael", "Susan", "David", "Karen", "Thomas", "Nancy",
    "Daniel", "Laura", "Matthew", "Emily", "Andrew", "Rachel", "Steven", "Angela", "Kevin",
    "Helen", "Brian", "Julia", "Gregory", "Sonia", "Patrick", "Diane", "Raymond", "Claire",
    "Samuel", "Teresa", "Victor", "Naomi", "Howard", "Priya", "Martin", "Grace", "Oliver", "Ines",
    "Peter", "Lena", "Carlos", "Mei", "Frank", "Alicia", "Henry", "Ruth", "Walter", "Erin",
)
LAST_NAMES = (
    "Abernathy", "Bellweather", "Castellano", "Dunmore", "Ellingson", "Fairbanks", "Galloway",
    "Hargrove", "Iverson", "Jablonski", "Kettering", "Lindqvist", "Marchetti", "Northcott",
    "Okonkwo", "Pemberton", "Quintero", "Rasmussen", "Sorensen", "Thackeray", "Underhill",
    "Valdivia", "Whitcombe", "Yamaguchi", "Zielinski", "Ashdown", "Brannigan", "Corrigan",
    "Delacroix", "Everly", "Fitzgerald", "Greenleaf", "Holloway", "Imbert", "Kowalczyk",
    "Lockhart", "Mendelsohn", "Nakamura", "Oyelaran", "Prescott", "Redfield", "Stanhope",
    "Tremblay", "Vandermeer", "Westbrook", "Albright", "Blackwood", "Chandrasekar",
)
# Insider slots: index 0 quotes the news, index 1 signs the 8-K.
INSIDER_TITLES = ("President and Chief Executive Officer", "Chief Financial Officer",
                  "Chief Scientific Officer", "Chief Medical Officer",
                  "General Counsel and Secretary", "Chairman of the Board")
INDICATIONS = (
    "multiple myeloma", "non-small cell lung cancer", "acute myeloid leukemia",
    "idiopathic pulmonary fibrosis", "Duchenne muscular dystrophy", "psoriasis",
    "ulcerative colitis", "glioblastoma", "pancreatic cancer", "type 2 diabetes",
    "Parkinson's disease", "amyotrophic lateral sclerosis", "hepatocellular carcinoma",
    "sickle cell disease", "cystic fibrosis", "rheumatoid arthritis", "atopic dermatitis",
    "migraine", "major depressive disorder", "Huntington's disease", "ovarian cancer",
    "prostate cancer", "melanoma", "Crohn's disease", "hemophilia A", "lupus",
    "nonalcoholic steatohepatitis", "chronic kidney disease", "heart failure", "schizophrenia",
)
COMBINATION_DRUGS = ("pembrolizumab", "paclitaxel", "rituximab", "docetaxel", "nivolumab",
                     "metformin", "gemcitabine", "cisplatin", "lenalidomide", "dexamethasone")
AREAS = ("oncology", "rare genetic diseases", "immunology and inflammation",
         "neurodegenerative disorders", "cardiometabolic disease", "infectious diseases",
         "fibrotic diseases", "hematology")
MODALITIES = ("small-molecule therapies", "antibody-drug conjugates", "gene therapies",
              "cell therapies", "RNA-based medicines", "precision medicines",
              "bispecific antibodies")
TERRITORIES = ("worldwide", "in Greater China", "in Japan", "in Europe", "in the United States",
               "in North America", "in Latin America", "in South Korea", "in Asia")
EXCHANGES = ("Nasdaq", "NASDAQ", "Nasdaq", "NYSE", "NYSE American", "OTCQB")
NEWSWIRES = ("/PRNewswire/", "(BUSINESS WIRE)", "(GLOBE NEWSWIRE)", "/ACCESSWIRE/", "")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
             "Nov.", "Dec.")

# 8-K item titles as headers print them, new (2004 on) and old numbering.
ITEMS_NEW = {
    "1.01": "Entry into a Material Definitive Agreement",
    "2.01": "Completion of Acquisition or Disposition of Assets",
    "2.02": "Results of Operations and Financial Condition",
    "2.03": "Creation of a Direct Financial Obligation or an Obligation under an Off-Balance "
            "Sheet Arrangement of a Registrant",
    "3.02": "Unregistered Sales of Equity Securities",
    "5.02": "Departure of Directors or Certain Officers; Election of Directors; Appointment of "
            "Certain Officers; Compensatory Arrangements of Certain Officers",
    "5.03": "Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year",
    "5.07": "Submission of Matters to a Vote of Security Holders",
    "7.01": "Regulation FD Disclosure",
    "8.01": "Other Events",
    "9.01": "Financial Statements and Exhibits",
}
ITEMS_OLD = {
    "1.01": "Other Events", "2.01": "Acquisition or Disposition of Assets",
    "2.02": "Results of Operations and Financial Condition", "2.03": "Other Events",
    "3.02": "Other Events", "5.02": "Resignations of Registrant's Directors",
    "5.03": "Change in Fiscal Year", "5.07": "Other Events", "7.01": "Regulation FD Disclosure",
    "8.01": "Other Events", "9.01": "Financial Statements and Exhibits",
}
ITEM_CODES_OLD = {"Other Events": "5", "Acquisition or Disposition of Assets": "2",
                  "Results of Operations and Financial Condition": "12",
                  "Resignations of Registrant's Directors": "6", "Change in Fiscal Year": "8",
                  "Regulation FD Disclosure": "9", "Financial Statements and Exhibits": "7"}

# Form types: (form, weight, who files). "issuer": a domestic company; "foreign": a foreign
# private issuer; "insider": a person reporting on an issuer; "holder": an investor reporting a
# stake in a subject company.
FORMS = (
    ("8-K", 30.0, "issuer"), ("10-Q", 14.0, "issuer"), ("10-K", 7.0, "issuer"),
    ("4", 17.0, "insider"), ("3", 2.0, "insider"), ("SC 13G", 5.0, "holder"),
    ("SC 13G/A", 3.0, "holder"), ("SC 13D", 2.0, "holder"), ("SC 13D/A", 1.0, "holder"),
    ("S-1", 1.5, "issuer"), ("S-3", 1.5, "issuer"), ("424B5", 1.5, "issuer"),
    ("DEF 14A", 4.0, "issuer"), ("6-K", 3.5, "foreign"), ("20-F", 1.0, "foreign"),
    ("8-K/A", 1.0, "issuer"), ("10-K/A", 0.5, "issuer"), ("S-8", 1.0, "issuer"),
)
FORM_NAMES = tuple(f[0] for f in FORMS)
FORM_WEIGHTS = tuple(f[1] for f in FORMS)
FORM_FILERS = {f[0]: f[2] for f in FORMS}

ANGLE_FRACTION = 0.08  # filings written in the angle-bracket (.hdr.sgml / .nc) dialect
MULTI_FILER_FRACTION = 0.06  # issuer filings with co-registrants: several FILER blocks


def _load_code_stoplist() -> frozenset[str]:
    """The words the extractor refuses as drug-code prefixes, so generated codes avoid them."""
    path = REPO_ROOT / "extractor" / "data" / "lexicon" / "code_prefixes.txt"
    if not path.is_file():
        return frozenset({"FY", "USD", "SEC", "ISO", "CEO", "INC", "LLC"})
    return frozenset(line.strip().upper() for line in path.read_text().splitlines()
                     if line.strip() and not line.startswith("#"))


CODE_STOPLIST = _load_code_stoplist()


# --- the company pool ---------------------------------------------------------------------------

@dataclass(slots=True, frozen=True)
class NamePeriod:
    """One name of a company and the day it began."""

    display: str  # as a press release writes it
    conformed: str  # as EDGAR headers print it
    brand: str  # the short name releases use after the first mention
    ticker: str
    exchange: str
    start: dt.date

    def change_date_text(self) -> str:
        # Names already in use when EDGAR loaded its records carry the load date.
        day = max(self.start, EDGAR_LOAD_DAY)
        return day.strftime("%Y%m%d")


@dataclass(slots=True, frozen=True)
class Address:
    street1: str
    street2: str | None
    city: str
    state: str
    zip: str
    prose_city: str
    prose_state: str


@dataclass(slots=True)
class Company:
    index: int
    cik: str
    kind: str
    names: tuple[NamePeriod, ...]
    sic: tuple[int, str] | None
    irs: str | None
    incorporated: str | None
    fiscal_year_end: str
    business: Address
    mail: Address
    phone: str
    file_number: str
    descriptor: str
    products: tuple[str, ...]
    insiders: tuple[Person, ...] = field(default_factory=tuple)

    def period_at(self, day: dt.date) -> int:
        """Which name was in use on `day` (the newest one that had begun)."""
        current = 0
        for position, name in enumerate(self.names):
            if name.start <= day:
                current = position
        return current

    def name_at(self, day: dt.date) -> NamePeriod:
        return self.names[self.period_at(day)]

    def first_day(self) -> dt.date:
        return max(FIRST_DAY, self.names[0].start + dt.timedelta(days=30))


@dataclass(slots=True, frozen=True)
class Person:
    cik: str
    first: str
    middle: str
    last: str
    title: str
    conformed: str

    @property
    def display(self) -> str:
        return f"{self.first} {self.middle}. {self.last}"


def _scrambled(unique: int, salt: int) -> int:
    """A bijection on [0, 48**3) (per block of that size), so neighbouring ids give unlike
    brands while every id keeps its own syllables."""
    block = len(SYLLABLES) ** 3
    low, high = unique % block, unique // block
    return high * block + (low * 7919 + salt * 104_729) % block


def brand_for(unique: int, salt: int) -> str:
    """A made-up brand word for an id under one salt. Ids map to syllable sequences one to
    one, but two sequences can spell one word (ka-zen-or, ka-ze-nor): about 1 id in
    1,000 shares its brand with another, which the head word and suffix usually tell apart."""
    value = _scrambled(unique, salt)
    size = len(SYLLABLES)
    parts = [SYLLABLES[value % size], SYLLABLES[(value // size) % size],
             SYLLABLES[(value // size ** 2) % size]]
    high = value // size ** 3
    while high:
        parts.append(SYLLABLES[high % size])
        high //= size
    word = "".join(parts)
    return word[0].upper() + word[1:]


def _conformed(display: str, brand: str, head: str, suffix: str, style: str,
               incorporated: str | None) -> str:
    if style == "display":
        return display
    if style == "upper-punct":
        return display.upper()
    plain = f"{brand} {head} {suffix}".upper()
    if style == "upper-state" and incorporated and incorporated.isalpha():
        return f"{plain} /{incorporated}/"
    return plain


def _ticker(brand: str, rng: random.Random) -> str:
    letters = [c for c in brand.upper() if c.isalpha()]
    size = rng.choice((3, 4, 4))
    return "".join(letters[:size]) if len(letters) >= size else brand.upper()[:4]


def _code_prefix(brand: str, rng: random.Random) -> str:
    """A drug-code prefix from the brand's letters, as companies name their candidates."""
    consonants = [c for c in brand.upper()[1:] if c.isalpha() and c not in "AEIOU"] or ["X"]
    for _ in range(10):
        prefix = brand[0].upper() + "".join(rng.choice(consonants)
                                            for _ in range(rng.choice((1, 2, 2, 3))))
        if prefix not in CODE_STOPLIST:
            return prefix
    return "QZX"


def _address(rng: random.Random, kind: str) -> Address:
    number = rng.randint(1, 9999)
    street = f"{number} {rng.choice(STREET_WORDS)} {rng.choice(STREET_KINDS)}".upper()
    street2 = f"SUITE {rng.randint(1, 30) * 100}" if rng.random() < 0.4 else None
    if kind == "foreign":
        city, code, pattern, country = rng.choice(FOREIGN_CITIES)
        postal = "".join(str(rng.randint(0, 9)) if ch == "{" else ch
                         for ch in pattern.replace("{d}", "{"))
        return Address(street, street2, city, code, postal, city.title(), country)
    city, state, prefix, ap_state = rng.choice(US_CITIES)
    return Address(street, street2, city, state, f"{prefix}{rng.randint(0, 99):02d}",
                   city.title(), ap_state)


def _phone(rng: random.Random) -> str:
    area, line = rng.randint(201, 989), rng.randint(100, 199)
    return rng.choice((f"{area}-555-0{line}", f"({area}) 555-0{line}", f"{area}5550{line}",
                       f"{area}.555.0{line}"))


def _name_starts(rng: random.Random, count: int) -> list[dt.date]:
    """The day each name began: the first between 1985 and 2018, later ones in order.

    Renames all fall after EDGAR's load date, so only the first name can carry that date.
    """
    first = dt.date(1985, 1, 1) + dt.timedelta(days=rng.randint(0, 33 * 365))
    if count == 1:
        return [first]
    base = max(first, EDGAR_LOAD_DAY) + dt.timedelta(days=120)
    span = (dt.date(2025, 6, 30) - base).days
    offsets = sorted(rng.sample(range(max(span, count * 70)), count - 1))
    # Keep changes at least 60 days apart, so no two names begin on one day.
    days = [first]
    for offset in offsets:
        day = base + dt.timedelta(days=offset)
        days.append(max(day, days[-1] + dt.timedelta(days=60)))
    return days


class Pool:
    """M companies and their insiders, each rebuilt on demand from (seed, index): the pool
    never lives in memory as a whole, so generation stays in constant memory."""

    def __init__(self, seed: int, size: int) -> None:
        self.seed = seed
        self.size = max(size, 1)

    def kind_of(self, index: int) -> str:
        return self.company(index).kind

    @lru_cache(maxsize=4096)  # noqa: B019 - one Pool per run; the cache bounds memory
    def company(self, index: int) -> Company:
        rng = random.Random(f"{self.seed}/company/{index}")
        roll = rng.random()
        kind = ("biotech" if roll < 0.5 else "operating" if roll < 0.75
                else "investor" if roll < 0.88 else "foreign")
        if index == LONG_HISTORY_INDEX:
            kind = "biotech"
        if index == LONG_HISTORY_INDEX:
            count = MAX_NAMES
        else:
            count = rng.choices((1, 2, 3, 4, 5, 6), weights=(55, 25, 10, 5, 3, 2))[0]
        starts = _name_starts(rng, count)
        incorporated = (rng.choice(INCORPORATION.get(kind, ("DE",)))
                        if kind in INCORPORATION else None)
        business = _address(rng, kind)
        names: list[NamePeriod] = []
        brand = head = ""
        for position, start in enumerate(starts):
            # A quarter of renames keep the brand and change the rest ("X Pharmaceuticals
            # Corp" becomes "X Therapeutics, Inc."); the others take a new brand.
            if position == 0 or rng.random() >= 0.25:
                brand = brand_for(index * MAX_NAMES + position, self.seed)
            head = rng.choice([h for h in HEADS[kind] if h != head] or HEADS[kind])
            suffix, suffix_conformed = rng.choice(SUFFIXES[kind])
            comma = "," if suffix in ("Inc.", "LLC", "L.P.", "Ltd.") and rng.random() < 0.7 else ""
            display = f"{brand} {head}{comma} {suffix}"
            if start.year < 2008:
                style = rng.choices(("upper", "upper-state", "upper-punct"), (70, 15, 15))[0]
            else:
                style = rng.choices(("display", "upper", "upper-punct"), (50, 25, 25))[0]
            conformed = _conformed(display, brand, head, suffix_conformed, style, incorporated)
            if names and conformed == names[-1].conformed:
                conformed = f"{conformed} /NEW/"
            names.append(NamePeriod(display, conformed, f"{brand} {head}"
                                    if kind == "investor" else brand, _ticker(brand, rng),
                                    rng.choice(EXCHANGES), start))
        sic = rng.choice(SICS[kind]) if kind != "investor" or rng.random() < 0.5 else None
        irs: str | None = f"{rng.randint(10, 98)}{rng.randint(0, 10**7 - 1):07d}"
        if kind == "foreign" and rng.random() < 0.7:
            irs = None  # foreign private issuers often have no IRS number
        elif rng.random() < 0.03:
            irs = "000000000"  # as EDGAR prints an unknown one
        mail = business if rng.random() < 0.8 else Address(
            f"PO BOX {rng.randint(100, 99999)}", None, business.city, business.state,
            business.zip, business.prose_city, business.prose_state)
        prefix = _code_prefix(names[-1].brand, rng)
        products = tuple(_product_code(prefix, rng) for _ in range(rng.randint(2, 4)))
        descriptor = _descriptor(kind, rng)
        company = Company(
            index=index, cik=f"{COMPANY_CIK_BASE + index * 97 + index % 89:010d}", kind=kind,
            names=tuple(names), sic=sic, irs=irs, incorporated=incorporated,
            fiscal_year_end=rng.choice(FISCAL_YEAR_ENDS), business=business, mail=mail,
            phone=_phone(rng),
            file_number=f"{rng.choice(('001', '000'))}-{rng.randint(10000, 41999)}",
            descriptor=descriptor, products=products)
        company.insiders = tuple(self._person(index, slot, rng) for slot in range(6))
        return company

    def _person(self, index: int, slot: int, rng: random.Random) -> Person:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        middle = rng.choice("ABCDEFGHJKLMNPRSTW")
        conformed = (f"{last.upper()} {first.upper()} {middle}" if rng.random() < 0.6
                     else f"{last} {first} {middle}.")
        return Person(f"{PERSON_CIK_BASE + index * 8 + slot:010d}", first, middle, last,
                      INSIDER_TITLES[slot], conformed)

    def pick(self, rng: random.Random, kinds: tuple[str, ...], avoid: set[int] | None = None
             ) -> Company | None:
        """A company of one of `kinds`, low indices far more often (big filers file a lot)."""
        for _ in range(200):
            index = int(self.size * rng.random() ** 2)
            if avoid and index in avoid:
                continue
            company = self.company(index)
            if company.kind in kinds:
                return company
        return None


def _product_code(prefix: str, rng: random.Random) -> str:
    number = rng.randint(100, 989)
    style = rng.random()
    if style < 0.7:
        return f"{prefix}-{number}"
    if style < 0.85 and 2 <= len(prefix) <= 5:
        return f"{prefix} {number}"
    return f"{prefix}{number}"


def _descriptor(kind: str, rng: random.Random) -> str:
    if kind == "biotech":
        return rng.choice((
            f"a clinical-stage biopharmaceutical company focused on {rng.choice(AREAS)}",
            f"a biotechnology company developing {rng.choice(MODALITIES)} for "
            f"{rng.choice(AREAS)}",
            f"a commercial-stage pharmaceutical company specializing in {rng.choice(AREAS)}",
        ))
    if kind == "investor":
        return "an investment firm"
    return rng.choice(("a technology company", "a diversified industrial company",
                       "a provider of enterprise software", "an energy infrastructure company",
                       "a regional financial services company"))


# --- filings ----------------------------------------------------------------------------------

@dataclass(slots=True)
class Party:
    role: str  # FILER, SUBJECT COMPANY, FILED BY, REPORTING-OWNER, ISSUER
    company: Company | None = None
    person: Person | None = None
    issuer: Company | None = None  # for an insider: whose mail address they use
    form: str | None = None


@dataclass(slots=True)
class Document:
    type: str
    filename: str
    description: str | None
    body: str


@dataclass(slots=True)
class Filing:
    accession: str
    form: str
    filed: dt.date
    period: dt.date | None
    parties: list[Party]
    documents: list[Document]
    items: list[str] = field(default_factory=list)
    group_members: list[str] = field(default_factory=list)
    acceptance: str | None = None
    dialect: str = "tab"
    release_kind: str | None = None


def _business_day(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


class Generator:
    """Filings one at a time from one random stream; only small counters persist."""

    def __init__(self, seed: int, filings: int, companies: int, releases_fraction: float
                 ) -> None:
        self.rng = random.Random(seed)
        self.pool = Pool(seed, companies)
        self.filings = filings
        self.releases_fraction = releases_fraction
        self.sequence: Counter[int] = Counter()  # accession sequence per year: unique numbers
        self.stats: Counter[str] = Counter()

    # -- common pieces ---------------------------------------------------------------------

    def _accession(self, filed: dt.date, filer: Company | None) -> str:
        rng = self.rng
        year = filed.year % 100
        # Sequence numbers are unique within a year across every prefix, so the accession
        # number is unique whichever agent files; steps vary so numbers look uneven.
        self.sequence[year] += rng.randint(1, 3)
        if self.sequence[year] > 999_999:
            raise SystemExit(f"too many filings in {filed.year} for 6-digit accession sequences")
        if filer is not None and rng.random() < 0.3:
            prefix = int(filer.cik)  # filed by the company itself
        else:
            prefix = AGENT_CIK_BASE + rng.randint(0, 24)  # a filing agent
        return f"{prefix:010d}-{year:02d}-{self.sequence[year]:06d}"

    def _date_for(self, companies: list[Company]) -> dt.date:
        """A business day on which every one of `companies` was already on EDGAR."""
        earliest = max(c.first_day() for c in companies)
        span = (LAST_DAY - earliest).days
        day = _business_day(earliest + dt.timedelta(days=self.rng.randint(0, max(span, 0))))
        return min(day, LAST_DAY)

    def _acceptance(self, filed: dt.date) -> str | None:
        if filed.year < 2001 and self.rng.random() < 0.7:
            return None  # older headers often have no acceptance time
        return (f"{filed:%Y%m%d}{self.rng.randint(6, 21):02d}{self.rng.randint(0, 59):02d}"
                f"{self.rng.randint(0, 59):02d}")

    # -- one filing ------------------------------------------------------------------------

    def next_filing(self) -> Filing:
        rng = self.rng
        for _ in range(20):
            form = rng.choices(FORM_NAMES, FORM_WEIGHTS)[0]
            filing = self._compose(form)
            if filing is not None:
                return filing
        raise SystemExit("the company pool is too small to compose filings; raise --companies")

    def _compose(self, form: str) -> Filing | None:
        rng = self.rng
        who = FORM_FILERS[form]
        if who == "insider":
            issuer = self.pool.pick(rng, ("biotech", "operating"))
            if issuer is None:
                return None
            person = rng.choice(issuer.insiders)
            filed = self._date_for([issuer])
            parties = [Party("REPORTING-OWNER", person=person, issuer=issuer, form=form),
                       Party("ISSUER", company=issuer, form=form)]
            docs = [Document(form, "primary_doc.xml", None,
                             self._ownership_xml(form, issuer, person, filed))]
            return self._finish(form, filed, parties, docs, period=filed - dt.timedelta(
                days=rng.randint(0, 3)), main=issuer)
        if who == "holder":
            subject = self.pool.pick(rng, ("biotech", "operating", "foreign"))
            holder = self.pool.pick(rng, ("investor",))
            if subject is None or holder is None or subject.cik == holder.cik:
                return None
            filed = self._date_for([subject, holder])
            if filed >= dt.date(2024, 12, 18):
                filed = _business_day(dt.date(2024, 1, 2) + dt.timedelta(
                    days=rng.randint(0, 300)))  # Schedule 13D/G forms as named before 2025
                if filed < max(subject.first_day(), holder.first_day()):
                    return None
            parties = [Party("SUBJECT COMPANY", company=subject, form=form),
                       Party("FILED BY", company=holder, form=form)]
            members = []
            if rng.random() < 0.35:
                for person in rng.sample(holder.insiders, rng.randint(1, 3)):
                    members.append(f"{person.first} {person.middle}. {person.last}".upper())
                members.append(holder.name_at(filed).conformed.upper())
            docs = [Document(form, f"sc13{'d' if 'D' in form else 'g'}.htm", None,
                             self._schedule_13(form, subject, holder, filed))]
            filing = self._finish(form, filed, parties, docs, period=None, main=holder)
            filing.group_members = sorted(set(members))
            return filing
        kinds = ("foreign",) if who == "foreign" else ("biotech", "operating")
        company = self.pool.pick(rng, kinds)
        if company is None:
            return None
        co_filers: list[Company] = []
        if form in ("10-K", "10-Q", "S-3", "424B5", "8-K", "S-1") and (
                rng.random() < MULTI_FILER_FRACTION):
            for _ in range(rng.randint(1, 3)):
                other = self.pool.pick(rng, ("operating", "biotech", "investor"),
                                       avoid={company.index} | {c.index for c in co_filers})
                if other is not None:
                    co_filers.append(other)
        filed = self._date_for([company, *co_filers])
        parties = [Party("FILER", company=c, form=form) for c in [company, *co_filers]]
        if form in ("8-K", "8-K/A"):
            return self._eight_k(form, company, filed, parties)
        docs = self._periodic_documents(form, company, filed)
        period = None
        if form in ("10-K", "10-K/A", "20-F"):
            period = dt.date(filed.year - 1, 12, 31)
        elif form == "10-Q":
            month = ((filed.month - 2) // 3) * 3 + 3 if filed.month > 2 else 12
            year = filed.year if filed.month > 2 else filed.year - 1
            period = dt.date(year, month, 30 if month in (6, 9) else 31)
        elif form == "6-K":
            period = dt.date(filed.year, filed.month, 1)
        return self._finish(form, filed, parties, docs, period=period, main=company)

    def _finish(self, form: str, filed: dt.date, parties: list[Party], docs: list[Document],
                period: dt.date | None, main: Company) -> Filing:
        rng = self.rng
        angle = filed.year >= 2001 and rng.random() < ANGLE_FRACTION
        accession = self._accession(filed, main)
        filing = Filing(accession=accession, form=form, filed=filed, period=period,
                        parties=parties, documents=docs, acceptance=self._acceptance(filed),
                        dialect="angle" if angle else "tab")
        if form == "10-K" and filed < dt.date(2003, 1, 1) and rng.random() < 0.15:
            # The 10-K405 variant existed until 2002.
            filing.form = docs[0].type = "10-K405"
            for party in parties:
                party.form = "10-K405"
        return filing

    # -- 8-K and its press release ---------------------------------------------------------

    def _eight_k(self, form: str, company: Company, filed: dt.date, parties: list[Party]
                 ) -> Filing:
        rng = self.rng
        release = None
        kind = None
        if form == "8-K" and rng.random() < self.releases_fraction:
            kind, release, items = compose_release(rng, self.pool, company, filed)
        else:
            items = rng.sample(("5.02", "5.07", "1.01", "8.01", "2.03", "3.02", "5.03"),
                               rng.randint(1, 2))
            if rng.random() < 0.4:
                items.append("9.01")
        if release is not None and "9.01" not in items:
            items.append("9.01")
        titles = _item_titles(items, filed)
        docs = [Document(form, f"{company.name_at(filed).brand.lower()}-8k_{filed:%Y%m%d}.htm",
                         form.upper(), eight_k_html(rng, company, filed, titles,
                                                    release is not None))]
        if release is not None:
            docs.append(Document("EX-99.1", f"ex99-1_{filed:%Y%m%d}.htm", "EXHIBIT 99.1",
                                 release))
        elif "9.01" in items and rng.random() < 0.5:
            docs.append(Document("EX-10.1", "ex10-1.htm", "EXHIBIT 10.1",
                                 _html_paragraphs(rng, rng.randint(6, 20))))
        filing = self._finish(form, filed, parties, docs,
                              period=filed - dt.timedelta(days=rng.randint(0, 4)), main=company)
        filing.items = titles
        filing.release_kind = kind
        return filing

    # -- other documents -------------------------------------------------------------------

    def _periodic_documents(self, form: str, company: Company, filed: dt.date) -> list[Document]:
        rng = self.rng
        size = {"10-K": (40, 140), "10-K/A": (8, 30), "10-Q": (20, 60), "S-1": (50, 150),
                "S-3": (15, 40), "424B5": (20, 60), "DEF 14A": (25, 80), "6-K": (3, 12),
                "20-F": (40, 120), "S-8": (6, 15)}.get(form, (5, 20))
        brand = company.name_at(filed).brand.lower().replace(" ", "")
        main = Document(form, f"{brand}-{form.lower().replace(' ', '').replace('/', '')}"
                              f"_{filed:%Y%m%d}.htm", form,
                        _html_paragraphs(rng, rng.randint(*size), company.name_at(filed)
                                         .display))
        docs = [main]
        if form in ("10-K", "10-Q", "10-K/A", "20-F"):
            docs.append(Document("EX-31.1", "ex31-1.htm", "CERTIFICATION",
                                 _certification(rng, company, filed)))
            docs.append(Document("EX-32.1", "ex32-1.htm", "CERTIFICATION",
                                 _certification(rng, company, filed)))
        if form in ("S-1", "S-3", "S-8"):
            docs.append(Document("EX-23.1", "ex23-1.htm", "CONSENT",
                                 _html_paragraphs(rng, 2)))
        if form in ("10-K", "S-1", "DEF 14A", "20-F") and rng.random() < 0.3:
            docs.append(Document("GRAPHIC", "logo.jpg", None, _uuencoded(rng)))
        return docs

    def _ownership_xml(self, form: str, issuer: Company, person: Person, filed: dt.date
                       ) -> str:
        rng = self.rng
        name = issuer.name_at(filed)
        shares = rng.randint(1, 500) * 100
        price = f"{rng.uniform(0.5, 250):.2f}"
        code = rng.choice("PSAMF")
        officer = "1" if person.title != "Chairman of the Board" else "0"
        return (
            "\n<XML>\n<?xml version=\"1.0\"?>\n<ownershipDocument>\n"
            f"<schemaVersion>X0508</schemaVersion>\n<documentType>{form}</documentType>\n"
            f"<periodOfReport>{filed.isoformat()}</periodOfReport>\n"
            f"<issuer><issuerCik>{issuer.cik}</issuerCik><issuerName>{_xml(name.display)}"
            f"</issuerName><issuerTradingSymbol>{name.ticker}</issuerTradingSymbol></issuer>\n"
            f"<reportingOwner><reportingOwnerId><rptOwnerCik>{person.cik}</rptOwnerCik>"
            f"<rptOwnerName>{_xml(person.conformed)}</rptOwnerName></reportingOwnerId>"
            f"<reportingOwnerRelationship><isDirector>{1 - int(officer)}</isDirector>"
            f"<isOfficer>{officer}</isOfficer><officerTitle>{person.title}</officerTitle>"
            "</reportingOwnerRelationship></reportingOwner>\n"
            "<nonDerivativeTable><nonDerivativeTransaction><securityTitle><value>Common Stock"
            f"</value></securityTitle><transactionDate><value>{filed.isoformat()}</value>"
            f"</transactionDate><transactionCoding><transactionCode>{code}</transactionCode>"
            "</transactionCoding><transactionAmounts><transactionShares><value>"
            f"{shares}</value></transactionShares><transactionPricePerShare><value>{price}"
            "</value></transactionPricePerShare></transactionAmounts>"
            "</nonDerivativeTransaction></nonDerivativeTable>\n"
            f"<ownerSignature><signatureName>/s/ {person.display}</signatureName>"
            f"<signatureDate>{filed.isoformat()}</signatureDate></ownerSignature>\n"
            "</ownershipDocument>\n</XML>\n")

    def _schedule_13(self, form: str, subject: Company, holder: Company, filed: dt.date) -> str:
        rng = self.rng
        percent = f"{rng.uniform(5.0, 19.9):.1f}"
        cusip = f"{rng.randint(10000, 99999)}{rng.choice('ABCDEFGH')}{rng.randint(100, 999)}"
        return (
            "<HTML><BODY>\n<P ALIGN=\"center\"><B>SECURITIES AND EXCHANGE COMMISSION</B><BR>"
            "Washington, D.C. 20549</P>\n"
            f"<P ALIGN=\"center\"><B>SCHEDULE {form.removeprefix('SC ')}</B></P>\n"
            f"<P ALIGN=\"center\">{_xml(subject.name_at(filed).display)}<BR>(Name of Issuer)"
            "</P>\n<P ALIGN=\"center\">Common Stock, par value $0.001 per share<BR>"
            f"(Title of Class of Securities)</P>\n<P ALIGN=\"center\">{cusip}<BR>(CUSIP Number)"
            "</P>\n"
            f"<P>1. Names of reporting persons: {_xml(holder.name_at(filed).display)}</P>\n"
            f"<P>11. Percent of class represented by amount in row 9: {percent}%</P>\n"
            "<P>12. Type of reporting person: IA</P>\n"
            + _html_paragraphs(rng, rng.randint(3, 8), with_wrapper=False)
            + "</BODY></HTML>\n")


# --- text pieces ------------------------------------------------------------------------------

FILLER_SUBJECTS = ("The Company", "Management", "The Board of Directors", "Our business",
                   "The registrant", "Each segment", "The audit committee", "Our operations")
FILLER_VERBS = ("continues to evaluate", "has reviewed", "expects to maintain", "reported",
                "may be affected by", "intends to monitor", "recognized", "depends on")
FILLER_OBJECTS = ("its liquidity and capital resources", "changes in interest rates",
                  "the adequacy of its internal controls", "the timing of revenue recognition",
                  "general economic conditions", "the availability of qualified personnel",
                  "its obligations under outstanding indebtedness",
                  "the carrying value of long-lived assets", "competitive pressures",
                  "regulatory requirements in each jurisdiction where it operates")
FILLER_TAILS = ("during the period.", "for the foreseeable future.", "as described below.",
                "in accordance with applicable accounting standards.",
                "and no material changes were identified.", "on a quarterly basis.")


def _filler_sentence(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return (f"As of the end of the period, the balance was ${rng.randint(1, 999):,}."
                f"{rng.randint(0, 9)} million compared with ${rng.randint(1, 999):,}."
                f"{rng.randint(0, 9)} million a year earlier.")
    return (f"{rng.choice(FILLER_SUBJECTS)} {rng.choice(FILLER_VERBS)} "
            f"{rng.choice(FILLER_OBJECTS)} {rng.choice(FILLER_TAILS)}")


def _html_paragraphs(rng: random.Random, paragraphs: int, title: str | None = None,
                     with_wrapper: bool = True) -> str:
    """Paragraphs of plain business filler; about 1 KB each."""
    parts = []
    if title:
        parts.append(f"<P STYLE=\"text-align: center\"><B>{_xml(title.upper())}</B></P>\n")
    for number in range(paragraphs):
        if number % 6 == 0:
            parts.append(f"<P><B>Section {number // 6 + 1}</B></P>\n")
        sentences = " ".join(_filler_sentence(rng) for _ in range(rng.randint(6, 10)))
        parts.append(f"<P STYLE=\"font: 10pt Times New Roman\">{sentences}</P>\n")
    body = "".join(parts)
    return f"<HTML>\n<BODY>\n{body}</BODY>\n</HTML>\n" if with_wrapper else body


def _certification(rng: random.Random, company: Company, filed: dt.date) -> str:
    officer = company.insiders[rng.choice((0, 1))]
    return ("<HTML><BODY>\n<P>CERTIFICATION</P>\n"
            f"<P>I, {officer.display}, certify that I have reviewed this report of "
            f"{_xml(company.name_at(filed).display)}.</P>\n"
            f"<P>Date: {_long_date(filed)}</P>\n<P>/s/ {officer.display}<BR>{officer.title}"
            "</P>\n</BODY></HTML>\n")


def _uuencoded(rng: random.Random) -> str:
    lines = ["begin 644 logo.jpg"]
    alphabet = "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_"
    for _ in range(rng.randint(20, 120)):
        lines.append("M" + "".join(rng.choice(alphabet) for _ in range(60)))
    lines.extend(["`", "end"])
    return "\n" + "\n".join(lines) + "\n"


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _long_date(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _item_titles(codes: list[str], filed: dt.date) -> list[str]:
    table = ITEMS_NEW if filed >= ITEM_RENUMBERING else ITEMS_OLD
    titles: list[str] = []
    for code in sorted(set(codes)):
        title = table[code]
        if title not in titles:
            titles.append(title)
    return titles


def eight_k_html(rng: random.Random, company: Company, filed: dt.date, titles: list[str],
                 has_release: bool) -> str:
    name = company.name_at(filed)
    signer = company.insiders[1]
    address = company.business
    items = []
    for title in titles:
        code = (next((c for c, t in ITEMS_NEW.items() if t == title), "")
                if filed >= ITEM_RENUMBERING else ITEM_CODES_OLD.get(title, ""))
        text = " ".join(_filler_sentence(rng) for _ in range(rng.randint(2, 5)))
        if title.startswith("Financial Statements") and has_release:
            text = ("(d) Exhibits. Exhibit 99.1: Press release issued by the registrant on "
                    f"{_long_date(filed)}.")
        elif title.startswith("Regulation FD") and has_release:
            text = (f"On {_long_date(filed)}, the registrant issued a press release, a copy of "
                    "which is furnished as Exhibit 99.1 to this report. The information in this "
                    "item shall not be deemed filed for purposes of Section 18 of the Exchange "
                    "Act.")
        items.append(f"<P><B>Item {code}. {_xml(title)}</B></P>\n<P>{text}</P>\n")
    return (
        "<HTML>\n<HEAD><TITLE></TITLE></HEAD>\n<BODY>\n"
        "<P STYLE=\"text-align: center\"><B>UNITED STATES<BR>SECURITIES AND EXCHANGE COMMISSION"
        "</B><BR>Washington, D.C. 20549</P>\n"
        "<P STYLE=\"text-align: center\"><B>FORM 8-K</B></P>\n"
        "<P STYLE=\"text-align: center\"><B>CURRENT REPORT</B><BR>Pursuant to Section 13 or "
        "15(d) of the Securities Exchange Act of 1934</P>\n"
        f"<P STYLE=\"text-align: center\">Date of Report: {_long_date(filed)}</P>\n"
        f"<P STYLE=\"text-align: center\"><B>{_xml(name.display.upper())}</B><BR>(Exact name "
        "of registrant as specified in its charter)</P>\n"
        f"<TABLE><TR><TD>{company.incorporated or ''}</TD><TD>{company.file_number}</TD>"
        f"<TD>{(company.irs or '')[:2]}-{(company.irs or '')[2:]}</TD></TR></TABLE>\n"
        f"<P STYLE=\"text-align: center\">{address.street1.title()}<BR>{address.prose_city}, "
        f"{address.state} {address.zip}<BR>(Address of principal executive offices)</P>\n"
        f"<P STYLE=\"text-align: center\">{company.phone}<BR>(Registrant's telephone number)"
        "</P>\n" + "".join(items)
        + "<P STYLE=\"text-align: center\">SIGNATURE</P>\n"
        "<P>Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant "
        "has duly caused this report to be signed on its behalf by the undersigned hereunto duly "
        "authorized.</P>\n"
        f"<TABLE><TR><TD>Dated: {_long_date(filed)}</TD><TD>{_xml(name.display.upper())}</TD>"
        "</TR>\n"
        f"<TR><TD>By:</TD><TD>/s/ {signer.display}</TD></TR>\n"
        f"<TR><TD></TD><TD>Name: {signer.display}</TD></TR>\n"
        f"<TR><TD></TD><TD>Title: {signer.title}</TD></TR></TABLE>\n</BODY>\n</HTML>\n")


# --- press releases ---------------------------------------------------------------------------

@dataclass(slots=True)
class Counterparty:
    """The other side of a deal: a company of the pool, or a made-up private organization."""

    name: str
    short: str
    kind: str  # institution, company
    ticker: str | None = None
    exchange: str | None = None
    person: str | None = None
    person_title: str | None = None


def _made_up_counterparty(rng: random.Random, seed_word: int, institution: bool
                          ) -> Counterparty:
    brand = brand_for(seed_word % len(SYLLABLES) ** 3, 7777)
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    person = f"{rng.choice(('', 'Dr. '))}{first} {last}"
    if institution:
        place = brand[:-1] + rng.choice(PLACE_ENDINGS) if len(brand) > 4 else brand + "ton"
        name, short = rng.choice((
            (f"University of {place}", f"the University of {place}"),
            (f"{brand} Research Foundation", f"{brand} Foundation"),
            (f"{place} Institute for Medical Research", f"the {place} Institute"),
            (f"{brand} Institute", f"{brand} Institute"),
        ))
        title = rng.choice(("Director of Technology Licensing", "Executive Director",
                            "Vice President of Innovation Partnerships"))
        return Counterparty(name, short, "institution", person=person, person_title=title)
    head = rng.choice(("Biologics", "Pharma", "Therapeutics", "Biosciences", "Bio"))
    suffix = rng.choice(("Ltd.", "AG", "Inc.", "Co., Ltd.", "GmbH", "S.A."))
    title = rng.choice(("Chief Executive Officer", "Chief Business Officer", "President"))
    return Counterparty(f"{brand} {head} {suffix}", brand, "company", person=person,
                        person_title=title)


def _pool_counterparty(pool: Pool, rng: random.Random, issuer: Company, filed: dt.date,
                       kinds: tuple[str, ...]) -> Counterparty | None:
    other = pool.pick(rng, kinds, avoid={issuer.index})
    if other is None or other.names[0].start > filed:
        return None
    name = other.name_at(filed)
    ceo = other.insiders[0]
    return Counterparty(name.display, name.brand, "company", name.ticker, name.exchange,
                        ceo.display, ceo.title)


def _quote(rng: random.Random, topic: str) -> tuple[str, str]:
    first = rng.choice((
        f"We are very pleased to {topic}",
        f"This agreement allows us to {topic}",
        f"Today marks an important step as we {topic}",
        f"We believe this transaction will help us {topic}",
    ))
    second = rng.choice((
        "We look forward to working closely together to bring new options to patients.",
        "We remain focused on disciplined execution across our pipeline.",
        "Our team has worked hard to reach this milestone, and we are excited by what comes "
        "next.",
        "We expect to share further updates over the coming months.",
    ))
    return first, second


def _dateline(rng: random.Random, company: Company, day: dt.date) -> str:
    place = company.business
    wire = rng.choice(NEWSWIRES)
    city = place.prose_city.upper() if rng.random() < 0.6 else place.prose_city
    month = AP_MONTHS[day.month - 1] if rng.random() < 0.5 else MONTHS[day.month - 1]
    when = f"{month} {day.day}, {day.year}"
    style = rng.random()
    if style < 0.55:
        return f"{city}, {place.prose_state}, {when} {wire} --".replace("  ", " ")
    if style < 0.8:
        return f"{city}, {place.prose_state} ({when}) --"
    return f"{city}, {place.prose_state}--({wire.strip('/()') or 'BUSINESS WIRE'})--{when}--"


def _ticker_text(name: NamePeriod, rng: random.Random) -> str:
    return f"({name.exchange}: {name.ticker})" if rng.random() < 0.9 else ""


RELEASE_KINDS = ("license-in", "license-out", "license-open", "option", "collaboration",
                 "acquisition", "acquired", "investment", "clinical", "earnings", "appointment")
RELEASE_WEIGHTS = (14, 10, 4, 8, 12, 10, 3, 8, 12, 12, 7)


def compose_release(rng: random.Random, pool: Pool, company: Company, filed: dt.date
                    ) -> tuple[str, str, list[str]]:
    """A press release (HTML exhibit) for `company` on or just before `filed`: its kind, the
    HTML, and the 8-K items that fit it."""
    kind = rng.choices(RELEASE_KINDS, RELEASE_WEIGHTS)[0]
    if company.kind != "biotech" and kind in ("license-in", "license-out", "license-open",
                                              "option", "clinical"):
        kind = rng.choice(("acquisition", "investment", "collaboration", "earnings"))
    day = filed - dt.timedelta(days=rng.choice((0, 0, 0, 1, 2)))
    name = company.name_at(filed)
    issuer_full = name.display
    short = name.brand
    ceo = company.insiders[0]
    asset = rng.choice(company.products)
    indication = rng.choice(INDICATIONS)
    territory = rng.choice(TERRITORIES)
    exclusive = rng.random() < 0.8
    excl = "an exclusive" if exclusive else "a non-exclusive"
    ticker = _ticker_text(name, rng)
    lead_subject = f"{issuer_full} {ticker}".strip()
    descriptor = company.descriptor
    partner: Counterparty | None = None
    if kind in ("license-in", "option") and rng.random() < 0.6:
        partner = _made_up_counterparty(rng, rng.randint(0, 10**6), institution=True)
    elif kind in ("license-in", "license-out", "license-open", "option", "collaboration",
                  "acquisition", "acquired"):
        partner = _pool_counterparty(pool, rng, company, filed,
                                     ("biotech",) if company.kind == "biotech"
                                     else ("operating", "biotech"))
    elif kind == "investment":
        partner = _pool_counterparty(pool, rng, company, filed, ("investor",))
    if partner is None and kind not in ("clinical", "earnings", "appointment"):
        partner = _made_up_counterparty(rng, rng.randint(0, 10**6),
                                        institution=kind in ("license-in", "option"))
    partner_ticker = (f" ({partner.exchange}: {partner.ticker})"
                      if partner is not None and partner.ticker and rng.random() < 0.5 else "")
    p_name = partner.name if partner else ""
    p_short = partner.short if partner else ""
    amount = rng.choice((5, 10, 15, 25, 40, 50, 75, 100, 150, 250, 400))
    items = ["7.01"]
    # Headline, lead (dateline paragraph), terms, quotes.
    if kind == "license-in":
        headline = rng.choice((
            f"{short} Enters into {'Exclusive ' if exclusive else ''}License Agreement with "
            f"{p_name} for {asset}",
            f"{short} In-Licenses {asset} from {p_name}",
        ))
        lead = rng.choice((
            f"{lead_subject}, {descriptor}, today announced that it has entered into {excl} "
            f"license agreement with {p_name}{partner_ticker} under which {short} obtained "
            f"{'exclusive ' if exclusive else ''}rights to develop and commercialize {asset} "
            f"{territory} for the treatment of {indication}.",
            f"{lead_subject}, {descriptor}, today announced that {p_name}{partner_ticker} has "
            f"granted the company {excl} license to develop and commercialize {asset} "
            f"{territory} for {indication}.",
            f"{lead_subject} today announced that it has in-licensed {asset}, a novel "
            f"candidate for {indication}, from {p_name} under {excl} agreement covering rights "
            f"{territory}.",
        ))
        terms = (f"Under the terms of the agreement, {short} will make an upfront payment of "
                 f"${amount} million to {p_short} and will be responsible for development of "
                 f"{asset} {territory}.")
        items = ["1.01", "7.01"]
        topic = f"add {asset} to our pipeline"
    elif kind == "license-out":
        headline = f"{short} Grants {p_short} {'Exclusive ' if exclusive else ''}License to {asset}"
        lead = (f"{lead_subject}, {descriptor}, today announced that it has granted "
                f"{p_name}{partner_ticker} {excl} license to develop and commercialize {asset} "
                f"{territory} for the treatment of {indication}.")
        terms = (f"{short} will receive an upfront payment of ${amount} million from {p_short} "
                 f"and is eligible for development and sales milestones. {p_short} will be "
                 f"responsible for all development and commercialization {territory}.")
        items = ["1.01", "7.01"]
        topic = f"extend the reach of {asset} to more patients"
    elif kind == "license-open":
        headline = f"{short} and {p_short} Sign License Agreement"
        lead = (f"{lead_subject} and {p_name}{partner_ticker} today announced that they have "
                f"signed {excl} cross-license agreement covering {asset} and related "
                f"technology for {indication}.")
        terms = "Financial terms of the agreement were not disclosed."
        topic = "combine our capabilities"
    elif kind == "option":
        headline = f"{short} Secures Exclusive Option to License {asset} from {p_name}"
        lead = rng.choice((
            f"{lead_subject}, {descriptor}, today announced that {p_name} has granted {short} "
            f"an exclusive option to license {asset} for {indication} {territory}.",
            f"{lead_subject} today announced that it has entered into an option agreement with "
            f"{p_name} for {short} to acquire exclusive rights to {asset} in {indication}.",
        ))
        terms = (f"{short} may exercise the option within {rng.choice((6, 12, 18))} months "
                 f"following the completion of a Phase {rng.choice(('1', '2', '1b'))} study.")
        items = ["1.01", "7.01"]
        topic = f"evaluate {asset} on a defined timeline"
    elif kind == "collaboration":
        headline = f"{short} and {p_short} Announce Strategic Research Collaboration"
        if company.kind == "biotech":
            lead = rng.choice((
                f"{lead_subject} and {p_name}{partner_ticker} today announced a research "
                f"collaboration to co-develop {asset} for the treatment of {indication}.",
                f"{lead_subject}, {descriptor}, today announced that it has entered into a "
                f"collaboration agreement with {p_name} to evaluate {asset} in combination "
                f"with {rng.choice(COMBINATION_DRUGS)} in patients with {indication}.",
            ))
        else:
            lead = (f"{lead_subject}, {descriptor}, today announced a strategic partnership "
                    f"with {p_name}{partner_ticker} to jointly develop and market new "
                    f"products {territory}.")
        terms = (f"The companies will share development costs equally, and {short} will lead "
                 "regulatory interactions.")
        topic = "accelerate development"
    elif kind == "acquisition":
        status = rng.random() < 0.5
        headline = (f"{short} Completes Acquisition of {p_short}" if status
                    else f"{short} to Acquire {p_short}")
        lead = (f"{lead_subject}, {descriptor}, today announced that it has completed its "
                f"acquisition of {p_name}, a privately held company, for ${amount} million in "
                "cash and stock." if status else
                f"{lead_subject}, {descriptor}, today announced that it has entered into a "
                f"definitive agreement to acquire {p_name}{partner_ticker} for approximately "
                f"${amount} million in cash.")
        terms = ("The transaction has been approved by the boards of directors of both "
                 "companies." if status else
                 "The transaction is expected to close in the next quarter, subject to "
                 "customary closing conditions.")
        items = ["2.01" if status else "1.01", "7.01"]
        topic = "expand our portfolio and capabilities"
    elif kind == "acquired":
        headline = f"{p_short} to Acquire {short}"
        lead = (f"{lead_subject} today announced that it has entered into a definitive merger "
                f"agreement under which {p_name} will acquire {short} for ${rng.randint(2, 60)}"
                f".{rng.randint(10, 99)} per share in cash.")
        terms = ("The merger is subject to approval by stockholders of the company and "
                 "other customary conditions.")
        items = ["1.01", "8.01"]
        topic = "deliver value to our stockholders"
    elif kind == "investment":
        headline = f"{p_short} Makes ${amount} Million Strategic Investment in {short}"
        lead = rng.choice((
            f"{lead_subject}, {descriptor}, today announced that {p_name} has agreed to invest "
            f"${amount} million in {short} through a private placement of common stock.",
            f"{lead_subject} today announced that {p_name} will invest up to ${amount} million "
            f"in the company to support the development of "
            f"{asset if company.kind == 'biotech' else 'its next-generation products'}.",
        ))
        terms = ("Proceeds will be used to fund ongoing programs and for general corporate "
                 "purposes.")
        items = ["3.02", "7.01"]
        topic = "strengthen our balance sheet"
    elif kind == "clinical":
        phase = rng.choice(("Phase 1", "Phase 2", "Phase 3", "Phase 1/2", "Phase 2b", "Phase III"))
        headline = f"{short} Announces Positive Topline Data from {phase} Trial of {asset}"
        lead = (f"{lead_subject}, {descriptor}, today announced positive topline results from "
                f"its {phase} clinical trial of {asset} in patients with {indication}.")
        terms = (f"The trial met its primary endpoint, and {asset} was generally well tolerated "
                 "with no new safety signals observed.")
        items = ["8.01"]
        topic = f"advance {asset} into the next stage of development"
    elif kind == "earnings":
        quarter = rng.choice(("first", "second", "third", "fourth"))
        headline = f"{short} Reports {quarter.title()} Quarter {filed.year} Financial Results"
        lead = (f"{lead_subject}, {descriptor}, today reported financial results for the "
                f"{quarter} quarter ended {rng.choice(('March 31', 'June 30', 'September 30'))}"
                f", {filed.year}.")
        terms = (f"Revenue for the quarter was ${rng.randint(1, 900)}.{rng.randint(0, 9)} "
                 f"million, and cash and equivalents were ${rng.randint(10, 900)} million at "
                 "quarter end.")
        items = ["2.02"]
        topic = "deliver steady growth"
    else:  # appointment
        hire = company.insiders[rng.choice((2, 3))]
        headline = f"{short} Appoints {hire.display} as {hire.title}"
        lead = (f"{lead_subject}, {descriptor}, today announced the appointment of "
                f"{hire.display} as {hire.title}, effective immediately.")
        terms = (f"{hire.first} {hire.last} brings more than {rng.randint(12, 30)} years of "
                 "industry experience to the role.")
        items = ["5.02", "7.01"]
        topic = "welcome a leader of this caliber"

    quote1, quote2 = _quote(rng, topic)
    open_q, close_q = rng.choice((("&ldquo;", "&rdquo;"), ("\u201c", "\u201d"), ('"', '"')))
    paragraphs = [f"{_dateline(rng, company, day)} {lead}"]
    if rng.random() < 0.85:
        paragraphs.append(terms)
    paragraphs.append(f"{open_q}{quote1},{close_q} said {ceo.display}, {ceo.title} of {short}. "
                      f"{open_q}{quote2}{close_q}")
    if partner is not None and partner.person and rng.random() < 0.6:
        paragraphs.append(f"{open_q}We are excited to work with {short},{close_q} said "
                          f"{partner.person}, {partner.person_title} of {p_short}.")
    if company.kind == "biotech":
        phase = rng.choice(("Phase 1", "Phase 2", "Phase 3", "Phase 1b", "Phase 2a", "Phase II"))
        science = [f"{asset} is currently being evaluated in a {phase} clinical trial in "
                   f"patients with {indication}."]
        if rng.random() < 0.4:
            designation = rng.choice((
                f"The U.S. Food and Drug Administration (FDA) has granted Orphan Drug "
                f"Designation to {asset} for the treatment of {indication}.",
                f"{asset} has received Fast Track designation from the FDA for {indication}.",
                f"The FDA granted Breakthrough Therapy Designation to {asset} in "
                f"{rng.randint(2000, 2025)}.",
                f"The European Medicines Agency (EMA) has granted PRIME designation to {asset}.",
                f"{asset} has received Rare Pediatric Disease designation from the FDA.",
            ))
            science.append(designation)
        paragraphs.append(f"<B>About {asset}</B><BR>{' '.join(science)}")
    paragraphs.append(f"<B>About {issuer_full}</B><BR>{issuer_full} is {descriptor}. The "
                      f"company is headquartered in {company.business.prose_city}, "
                      f"{company.business.prose_state}.")
    if partner is not None and rng.random() < 0.5:
        paragraphs.append(f"<B>About {partner.name}</B><BR>{partner.name} is "
                          + ("a research institution dedicated to translating discoveries into "
                             "new medicines." if partner.kind == "institution" else
                             "a company developing new products for unmet needs."))
    paragraphs.append(
        "<B>Forward-Looking Statements</B><BR>This press release contains forward-looking "
        "statements that involve risks and uncertainties. Actual results may differ materially "
        "from those expressed or implied by these statements, and the company undertakes no "
        "obligation to update them except as required by law.")
    contact = company.insiders[rng.choice((1, 4))]
    paragraphs.append(f"<B>Contact:</B><BR>{contact.first} {contact.last}<BR>Investor "
                      f"Relations<BR>{company.phone}<BR>ir@{short.lower().replace(' ', '')}"
                      ".example.com")
    style = rng.choice(("P", "P", "DIV"))
    body = "\n".join(f"<{style} STYLE=\"margin: 0pt 0\">{p}</{style}>\n<P>&nbsp;</P>"
                     for p in paragraphs)
    html = ("<HTML>\n<HEAD><TITLE></TITLE></HEAD>\n<BODY>\n<P><B>Exhibit 99.1</B></P>\n"
            f"<P><B>{headline}</B></P>\n<P>&nbsp;</P>\n{body}\n</BODY>\n</HTML>\n")
    return kind, html, items


# --- writing the header in both dialects ------------------------------------------------------

def _tab(indent: int, key: str, value: str, width: int = 3) -> str:
    tabs = "\t" * max(1, width - (len(key) + 1) // 8)
    return f"{chr(9) * indent}{key}:{tabs}{value}\n"


def _company_block_tab(party: Party, filing: Filing, rng: random.Random) -> str:
    company = party.company
    assert company is not None
    name = company.name_at(filing.filed)
    lines = [f"{party.role}:\n\n", "\tCOMPANY DATA:\t\n",
             _tab(2, "COMPANY CONFORMED NAME", name.conformed, 4),
             _tab(2, "CENTRAL INDEX KEY", company.cik, 4)]
    if company.sic:
        lines.append(_tab(2, "STANDARD INDUSTRIAL CLASSIFICATION",
                          f"{company.sic[1]} [{company.sic[0]}]", 5))
    if filing.filed.year >= 2019:
        lines.append(_tab(2, "ORGANIZATION NAME", OFFICES[company.kind], 4))
    if company.irs:
        lines.append(_tab(2, "IRS NUMBER", company.irs, 4))
    if company.incorporated:
        lines.append(_tab(2, "STATE OF INCORPORATION", company.incorporated, 4))
    lines.append(_tab(2, "FISCAL YEAR END", company.fiscal_year_end, 4))
    lines.append("\n\tFILING VALUES:\n")
    lines.append(_tab(2, "FORM TYPE", party.form or filing.form, 2))
    act, file_number = _act_and_file(party, filing, company, rng)
    if act:
        lines.append(_tab(2, "SEC ACT", act, 2))
        lines.append(_tab(2, "SEC FILE NUMBER", file_number, 2))
        lines.append(_tab(2, "FILM NUMBER", _film(filing, rng), 2))
    lines.append(_address_tab("BUSINESS ADDRESS", company.business, company.phone))
    lines.append(_address_tab("MAIL ADDRESS", company.mail, None))
    for former in reversed(company.names[:company.period_at(filing.filed)]):
        lines.append("\n\tFORMER COMPANY:\t\n")
        lines.append(_tab(2, "FORMER CONFORMED NAME", former.conformed, 2))
        lines.append(_tab(2, "DATE OF NAME CHANGE", former.change_date_text(), 2))
    return "".join(lines) + "\n"


def _owner_block_tab(party: Party, filing: Filing, rng: random.Random) -> str:
    person, issuer = party.person, party.issuer
    assert person is not None and issuer is not None
    address = issuer.business
    issuer_name = issuer.name_at(filing.filed).conformed
    lines = [f"{party.role}:\n\n", "\tOWNER DATA:\t\n",
             _tab(2, "COMPANY CONFORMED NAME", person.conformed, 4),
             _tab(2, "CENTRAL INDEX KEY", person.cik, 4),
             "\n\tFILING VALUES:\n", _tab(2, "FORM TYPE", filing.form, 2),
             _tab(2, "SEC ACT", "1934 Act", 2),
             _tab(2, "SEC FILE NUMBER", issuer.file_number, 2),
             _tab(2, "FILM NUMBER", _film(filing, rng), 2),
             "\n\tMAIL ADDRESS:\t\n", _tab(2, "STREET 1", f"C/O {issuer_name}", 2),
             _tab(2, "STREET 2", address.street1, 2), _tab(2, "CITY", address.city, 2),
             _tab(2, "STATE", address.state, 2), _tab(2, "ZIP", address.zip, 2)]
    return "".join(lines) + "\n"


def _address_tab(label: str, address: Address, phone: str | None) -> str:
    lines = [f"\n\t{label}:\t\n", _tab(2, "STREET 1", address.street1, 2)]
    if address.street2:
        lines.append(_tab(2, "STREET 2", address.street2, 2))
    lines += [_tab(2, "CITY", address.city, 2), _tab(2, "STATE", address.state, 2),
              _tab(2, "ZIP", address.zip, 2)]
    if phone:
        lines.append(_tab(2, "BUSINESS PHONE", phone, 2))
    return "".join(lines)


def _act_and_file(party: Party, filing: Filing, company: Company, rng: random.Random
                  ) -> tuple[str | None, str]:
    form = filing.form
    if party.role == "FILED BY":
        return None, ""
    if party.role == "SUBJECT COMPANY":
        return "1934 Act", f"005-{company.file_number[-5:]}"
    if form in ("S-1", "S-3", "424B5", "S-8"):
        return "1933 Act", f"333-{rng.randint(100000, 289999)}"
    return "1934 Act", company.file_number


def _film(filing: Filing, rng: random.Random) -> str:
    return f"{filing.filed.year % 100:02d}{rng.randint(0, 999_999):06d}"


def header_tab(filing: Filing, rng: random.Random) -> str:
    day = f"{filing.filed:%Y%m%d}"
    lines = [f"<SEC-DOCUMENT>{filing.accession}.txt : {day}\n",
             f"<SEC-HEADER>{filing.accession}.hdr.sgml : {day}\n"]
    if filing.acceptance:
        lines.append(f"<ACCEPTANCE-DATETIME>{filing.acceptance}\n")
    lines += [_tab(0, "ACCESSION NUMBER", filing.accession, 3),
              _tab(0, "CONFORMED SUBMISSION TYPE", filing.form, 1),
              _tab(0, "PUBLIC DOCUMENT COUNT", str(len(filing.documents)), 3)]
    if filing.period:
        lines.append(_tab(0, "CONFORMED PERIOD OF REPORT", f"{filing.period:%Y%m%d}", 1))
    for title in filing.items:
        lines.append(_tab(0, "ITEM INFORMATION", title, 3))
    lines.append(_tab(0, "FILED AS OF DATE", day, 3))
    if filing.acceptance:
        lines.append(_tab(0, "DATE AS OF CHANGE", day, 3))
    for member in filing.group_members:
        lines.append(_tab(0, "GROUP MEMBERS", member, 3))
    lines.append("\n")
    for party in filing.parties:
        if party.person is not None:
            lines.append(_owner_block_tab(party, filing, rng))
        else:
            lines.append(_company_block_tab(party, filing, rng))
    lines.append("</SEC-HEADER>\n")
    return "".join(lines)


def header_angle(filing: Filing, rng: random.Random) -> tuple[str, str]:
    """The angle dialect: one tag a line (.hdr.sgml) or all on one line (.nc); returns the
    opening (header) and the closing tag of the submission."""
    tags: list[str] = [f"<ACCESSION-NUMBER>{filing.accession}", f"<TYPE>{filing.form}",
                       f"<PUBLIC-DOCUMENT-COUNT>{len(filing.documents)}"]
    if filing.period:
        tags.append(f"<PERIOD>{filing.period:%Y%m%d}")
    codes = []
    for title in filing.items:
        table = ITEMS_NEW if filing.filed >= ITEM_RENUMBERING else None
        code = (next((c for c, t in table.items() if t == title), None) if table
                else ITEM_CODES_OLD.get(title))
        if code:
            codes.append(code)
    tags += [f"<ITEMS>{code}" for code in codes]
    tags += [f"<FILING-DATE>{filing.filed:%Y%m%d}",
             f"<DATE-OF-FILING-DATE-CHANGE>{filing.filed:%Y%m%d}"]
    tags += [f"<GROUP-MEMBERS>{member}" for member in filing.group_members]
    for party in filing.parties:
        tag = party.role.replace(" ", "-")
        tags.append(f"<{tag}>")
        if party.person is not None and party.issuer is not None:
            person, issuer = party.person, party.issuer
            tags += ["<OWNER-DATA>", f"<CONFORMED-NAME>{person.conformed}",
                     f"<CIK>{person.cik}", "</OWNER-DATA>", "<FILING-VALUES>",
                     f"<FORM-TYPE>{filing.form}", "<ACT>34",
                     f"<FILE-NUMBER>{issuer.file_number}", f"<FILM-NUMBER>{_film(filing, rng)}",
                     "</FILING-VALUES>", "<MAIL-ADDRESS>",
                     f"<STREET1>{issuer.business.street1}", f"<CITY>{issuer.business.city}",
                     f"<STATE>{issuer.business.state}", f"<ZIP>{issuer.business.zip}",
                     "</MAIL-ADDRESS>"]
        else:
            company = party.company
            assert company is not None
            tags += ["<COMPANY-DATA>",
                     f"<CONFORMED-NAME>{company.name_at(filing.filed).conformed}",
                     f"<CIK>{company.cik}"]
            if company.sic:
                tags.append(f"<ASSIGNED-SIC>{company.sic[0]}")
            if company.irs:
                tags.append(f"<IRS-NUMBER>{company.irs}")
            if company.incorporated:
                tags.append(f"<STATE-OF-INCORPORATION>{company.incorporated}")
            tags += [f"<FISCAL-YEAR-END>{company.fiscal_year_end}", "</COMPANY-DATA>",
                     "<FILING-VALUES>", f"<FORM-TYPE>{party.form or filing.form}"]
            act, file_number = _act_and_file(party, filing, company, rng)
            if act:
                tags += [f"<ACT>{act[2:4]}", f"<FILE-NUMBER>{file_number}",
                         f"<FILM-NUMBER>{_film(filing, rng)}"]
            tags.append("</FILING-VALUES>")
            for label, address, phone in (("BUSINESS-ADDRESS", company.business, company.phone),
                                          ("MAIL-ADDRESS", company.mail, None)):
                tags += [f"<{label}>", f"<STREET1>{address.street1}"]
                if address.street2:
                    tags.append(f"<STREET2>{address.street2}")
                tags += [f"<CITY>{address.city}", f"<STATE>{address.state}",
                         f"<ZIP>{address.zip}"]
                if phone:
                    tags.append(f"<PHONE>{phone}")
                tags.append(f"</{label}>")
            for former in reversed(company.names[:company.period_at(filing.filed)]):
                tags += ["<FORMER-COMPANY>", f"<FORMER-CONFORMED-NAME>{former.conformed}",
                         f"<DATE-CHANGED>{former.change_date_text()}", "</FORMER-COMPANY>"]
        tags.append(f"</{tag}>")
    one_line = rng.random() < 0.5
    joiner = "" if one_line else "\n"
    return "<SUBMISSION>\n" + joiner.join(tags) + "\n", "</SUBMISSION>\n"


def render(filing: Filing, rng: random.Random) -> str:
    """The whole submission text."""
    docs = []
    for sequence, doc in enumerate(filing.documents, start=1):
        meta = [f"<TYPE>{doc.type}", f"<SEQUENCE>{sequence}", f"<FILENAME>{doc.filename}"]
        if doc.description:
            meta.append(f"<DESCRIPTION>{doc.description}")
        docs.append("<DOCUMENT>\n" + "\n".join(meta) + f"\n<TEXT>\n{doc.body}</TEXT>\n"
                    "</DOCUMENT>\n")
    if filing.dialect == "angle":
        opening, closing = header_angle(filing, rng)
        return opening + "".join(docs) + closing
    return header_tab(filing, rng) + "".join(docs) + "</SEC-DOCUMENT>\n"


# --- driver -------------------------------------------------------------------------------------

def generate(out_dir: Path, filings: int, seed: int = 1, companies: int | None = None,
             releases_fraction: float = 0.3,
             progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Write `filings` submissions under `out_dir` (1,000 a folder); returns a summary."""
    started = time.perf_counter()
    companies = companies or max(10, filings // 5)
    generator = Generator(seed, filings, companies, releases_fraction)
    stats: Counter[str] = Counter()
    total_bytes = 0
    long_history_filings = 0
    long_cik = generator.pool.company(LONG_HISTORY_INDEX).cik
    folder: Path | None = None
    for number, filing in enumerate(_stream(generator, filings)):
        if number % FILES_PER_FOLDER == 0:
            folder = out_dir / f"part-{number // FILES_PER_FOLDER:05d}"
            folder.mkdir(parents=True, exist_ok=True)
        assert folder is not None
        data = render(filing, generator.rng).encode("utf-8")
        (folder / f"{filing.accession}.txt").write_bytes(data)
        total_bytes += len(data)
        stats[f"form {filing.form}"] += 1
        stats[f"dialect {filing.dialect}"] += 1
        if len(filing.parties) > 2 or sum(p.role == "FILER" for p in filing.parties) > 1:
            stats["multiple filers"] += 1
        if filing.release_kind:
            stats["releases"] += 1
            stats[f"release {filing.release_kind}"] += 1
        if any(p.company is not None and p.company.cik == long_cik for p in filing.parties):
            long_history_filings += 1
        if progress is not None and (number + 1) % 1000 == 0:
            progress(number + 1)
    long_company = generator.pool.company(LONG_HISTORY_INDEX)
    return {
        "generator": "benchmarks/synthetic.py", "version": GENERATOR_VERSION,
        "note": HELP_NOTE, "filings": filings, "seed": seed, "companies": companies,
        "releases_fraction": releases_fraction, "bytes": total_bytes,
        "seconds": time.perf_counter() - started,
        "counts": dict(sorted(stats.items())),
        "long_history": {"cik": long_cik, "names": [n.conformed for n in long_company.names],
                         "filings": long_history_filings},
    }


def _stream(generator: Generator, count: int) -> Iterator[Filing]:
    for _ in range(count):
        yield generator.next_filing()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=f"{__doc__} {HELP_NOTE}")
    parser.add_argument("out_dir", type=Path, help="folder to write into (sub-folders of "
                                                   f"{FILES_PER_FOLDER:,} files are made)")
    parser.add_argument("--filings", type=int, required=True, metavar="N",
                        help="how many submissions to write")
    parser.add_argument("--releases-fraction", type=float, default=0.3, metavar="F",
                        help="share of 8-Ks that carry an EX-99.1 press release (default 0.3)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--companies", type=int, default=None, metavar="M",
                        help="size of the company pool (default N/5, at least 10)")
    parser.add_argument("--manifest", type=Path, default=None, metavar="FILE",
                        help="also write the summary as JSON here (keep it outside OUT_DIR, "
                             "which should hold only submissions)")
    args = parser.parse_args(argv)
    if args.filings < 1:
        parser.error("--filings must be at least 1")
    if not 0.0 <= args.releases_fraction <= 1.0:
        parser.error("--releases-fraction must be between 0 and 1")
    if args.companies is not None and args.companies < 1:
        parser.error("--companies must be at least 1")
    summary = generate(args.out_dir, args.filings, args.seed, args.companies,
                       args.releases_fraction,
                       progress=lambda n: print(f"\r{n:,} filings", end="", file=sys.stderr))
    print("", file=sys.stderr)
    print(f"{summary['filings']:,} synthetic filings ({summary['bytes'] / 1e6:.1f} MB) of "
          f"{summary['companies']:,} companies -> {args.out_dir} in {summary['seconds']:.1f}s")
    for key, value in summary["counts"].items():
        print(f"  {key}: {value:,}")
    long = summary["long_history"]
    print(f"  longest name history: CIK {long['cik']}, {len(long['names'])} names, "
          f"{long['filings']} filings")
    if args.manifest:
        args.manifest.parent.mkdir(parents=True, exist_ok=True)
        args.manifest.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
