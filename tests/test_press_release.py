"""Press-release reading on the real seed filing, the shared corpus and hostile input."""

from __future__ import annotations

import html
import re
import time
import warnings
from pathlib import Path

import pytest
import spacy

from extractor.edgar.filing import parse_submission
from extractor.errors import InputError
from extractor.evaluate.scoring import evaluate, load_gold
from extractor.extract import extract_source
from extractor.nlp.facts import ReleaseFacts, gold_style
from extractor.nlp.name_lists import listed_names
from extractor.nlp.organizations import (
    OrganizationNames,
    clean_name,
    is_generic_name,
    organization_candidates,
)
from extractor.nlp.people import clean_person, signature_people
from extractor.nlp.pipeline import ORGANIZATIONS, PEOPLE, ModelMissing, load_pipeline
from extractor.nlp.products import named_products
from extractor.nlp.release import read_release
from extractor.read.source import Source

SEED = Path(__file__).parent / "data" / "seed_8k_cellectar.txt"


@pytest.fixture(scope="module")
def seed_facts() -> ReleaseFacts:
    """The seed's EX-99.1 read by the release reader with the filing's companies (in the
    whole extraction its license is the Item 1.01 deal's, with this release as evidence)."""
    submission = parse_submission(SEED.read_text(encoding="latin-1"))
    assert submission.header is not None
    exhibit = next(d for d in submission.documents if d.type == "EX-99.1")
    return read_release(exhibit.text or "",
                        companies=[party.entity for party in submission.header.parties],
                        filing_date=submission.header.filed)


def _name(facts: ReleaseFacts, key: str | None) -> str | None:
    return facts.name_of(key)


def test_seed_license_is_read_exactly(seed_facts: ReleaseFacts) -> None:
    new = [d for d in seed_facts.deals if d.new]
    assert len(new) == 1
    deal = new[0]
    assert deal.kind == "license" and deal.directed
    roles = {(p.role, _name(seed_facts, p.organization)) for p in deal.parties}
    assert roles == {("licensor", "Wisconsin Alumni Research Foundation"),
                     ("licensee", "Cellectar Biosciences, Inc.")}
    assert deal.assets == ["CLR 131"]
    assert deal.indications == ["multiple myeloma"]
    assert deal.exclusive is True
    assert deal.date is not None and deal.date.isoformat() == "2017-03-08"
    assert "licensing agreement with the Wisconsin Alumni Research Foundation" in (
        deal.evidence[0].sentence)


def test_seed_evidence_offsets_point_into_the_exhibit_html(seed_facts: ReleaseFacts) -> None:
    submission = parse_submission(SEED.read_text(encoding="latin-1"))
    exhibit = next(d for d in submission.documents if d.type == "EX-99.1")
    evidence = seed_facts.deals[0].evidence[0]
    raw = html.unescape(re.sub(r"<[^>]+>", "", (exhibit.text or "")[evidence.start:evidence.end]))
    # The raw span, once its markup is dropped, holds the sentence word for word.
    assert " ".join(raw.split()) == evidence.sentence


def test_seed_background_investment_and_organizations(seed_facts: ReleaseFacts) -> None:
    background = [d for d in seed_facts.deals if not d.new]
    assert [(d.kind, [(p.role, _name(seed_facts, p.organization)) for p in d.parties])
            for d in background] == [
        ("investment", [("investor", "Wisconsin Alumni Research Foundation"),
                        ("investee", "Cellectar Biosciences, Inc.")])]
    assert any("largest shareholders" in e.sentence for e in background[0].evidence)
    warf = seed_facts.organizations["wisconsin alumni research foundation"]
    assert "WARF" in warf.aliases and warf.cik is None
    cellectar = seed_facts.organizations[seed_facts.issuer or ""]
    assert cellectar.cik == "0001279704" and cellectar.is_issuer


def test_seed_people_tickers_products(seed_facts: ReleaseFacts) -> None:
    people = {(p.name, p.title, _name(seed_facts, p.organization)) for p in seed_facts.people}
    assert people == {
        ("Carrie Thome", "director of investments", "Wisconsin Alumni Research Foundation"),
        ("Jim Caruso", "president and CEO", "Cellectar Biosciences, Inc."),
    }
    # The 8-K's signer is read with its Items, for the registrant.
    items = extract_source(Source(SEED.name, SEED.read_bytes())).form_items[0]
    assert [(p.name, p.title, _name(items, p.organization)) for p in items.people] == [
        ("Chad J. Kolean", "Vice President and Chief Financial Officer",
         "Cellectar Biosciences, Inc.")]
    assert [(t.exchange, t.symbol, _name(seed_facts, t.organization))
            for t in seed_facts.tickers] == [("Nasdaq", "CLRB", "Cellectar Biosciences, Inc.")]
    products = {p.name: p for p in seed_facts.products}
    clr131 = products["CLR 131"]
    assert "Phase 1" in clr131.phases
    assert [(d.kind, d.agency) for d in clr131.designations] == [("orphan drug", "FDA")]
    assert "CLR 1602-PTX" in products
    myeloma = next(i for i in seed_facts.indications if i.name == "multiple myeloma")
    assert "DOID:9538" in myeloma.ids and "ICD10CM:C90.0" in myeloma.ids


def test_signature_blocks() -> None:
    block = "SIGNATURE\nBy: /s/ Jane Q. Doe\nName: Jane Q. Doe\nTitle: Chief Executive Officer\n"
    assert [(p.name, p.title) for p in signature_people(block)] == [
        ("Jane Q. Doe", "Chief Executive Officer")]


def test_direction_from_wording_and_left_open_without_it() -> None:
    granted = read_release(
        "Alpha Grants License to Beta\n\n"
        "Alpha Therapeutics, Inc. (NASDAQ: ALPH) today announced that it has granted Beta "
        "Pharma Ltd. an exclusive license to develop AB-101 in Japan for psoriasis.")
    deal = granted.deals[0]
    assert {(p.role, granted.name_of(p.organization)) for p in deal.parties} == {
        ("licensor", "Alpha Therapeutics, Inc."), ("licensee", "Beta Pharma Ltd.")}
    assert deal.territory == ["Japan"] and deal.exclusive is True
    assert deal.assets == ["AB-101"]
    undirected = read_release(
        "Gamma and Delta Sign Agreement\n\n"
        "Gamma Biosciences, Inc. (NASDAQ: GMMA) today announced a license agreement with "
        "Delta Pharmaceuticals, Inc. covering oncology programs.")
    deal = undirected.deals[0]
    assert deal.kind == "license" and not deal.directed
    assert {p.role for p in deal.parties} == {"partner"}


def test_acquisition_roles() -> None:
    facts = read_release(
        "Omega to Acquire Sigma\n\n"
        "Omega Health Inc. (NYSE: OMG) today announced it has entered into a definitive "
        "agreement to acquire Sigma Diagnostics, Inc., a maker of rapid tests.")
    roles = {(p.role, facts.name_of(p.organization)) for p in facts.deals[0].parties}
    assert roles == {("acquirer", "Omega Health Inc."), ("target", "Sigma Diagnostics, Inc.")}


def test_pipeline_components_are_listed_and_can_be_disabled() -> None:
    nlp = load_pipeline()
    assert nlp.pipe_names == ["ner", "ekg_organizations", "ekg_people"]
    with nlp.select_pipes(disable=["ner"]):
        doc = nlp("Jim Caruso, president and CEO of Cellectar, spoke.")
        assert doc.spans["ekg_people"]  # the rule fallback still finds the person


def test_rule_only_fallback_warns_and_still_reads_the_deal() -> None:
    load_pipeline.cache_clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nlp = load_pipeline("no_such_model_package")
    assert any(issubclass(w.category, ModelMissing) for w in caught)
    assert nlp.pipe_names == ["ekg_organizations", "ekg_people"]
    text = SEED.read_text(encoding="latin-1")
    exhibit = text[text.index("<TYPE>EX-99.1"):]
    facts = read_release(exhibit, nlp=nlp)
    assert [d.kind for d in facts.deals if d.new] == ["license"]
    load_pipeline.cache_clear()


@pytest.mark.parametrize("text", [
    "",
    "\x00\x01\x02\xff" * 1000,
    "Das Unternehmen gab heute eine Lizenzvereinbarung bekannt. " * 50,
    "<div>" * 100_000 + "Acme Inc. announced a license agreement with Beta Corp." + "</div>" * 5,
    "word " * 200_000 + ".",
])
def test_hostile_text_is_read_in_bounded_time(text: str) -> None:
    started = time.perf_counter()
    facts = read_release(text)
    assert isinstance(facts, ReleaseFacts)
    # Generous: the point is "finishes", not a speed target (that is the benchmark's job).
    assert time.perf_counter() - started < 60


@pytest.mark.slow
def test_twenty_megabyte_release_finishes() -> None:
    text = ("Acme Therapeutics, Inc. reported results for the quarter. " * 10 + "\n\n") * 35_000
    assert len(text) > 20_000_000
    facts = read_release(text)
    assert facts.deals == []


@pytest.mark.slow
def test_corpus_holds_the_deal_floors(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus" / "press-releases"
    gold = load_gold(corpus / "gold.jsonl")
    predictions = {}
    refused = []
    for path in sorted(corpus.glob("*.txt")):
        try:
            result = extract_source(Source(path.name, path.read_bytes()))
        except InputError:
            # Not read as a press release: scored as an empty prediction (all its gold missed).
            refused.append(path.name)
            continue
        predictions[path.name] = gold_style(path.name, result.facts)
    seed = extract_source(Source(SEED.name, SEED.read_bytes()))
    seed_doc = next(doc for doc in gold if doc.startswith("004_"))
    predictions[seed_doc] = gold_style(seed_doc, seed.facts)
    scored = evaluate(gold, predictions)
    assert scored.documents == len(gold) == 75 and scored.missing_predictions == refused
    # A regression floor, not the targets (deal precision 0.9, recall 0.8, direction 0.9).
    # Measured on 2026-12-06 with the trained recognizer on all 74 releases and the seed's
    # gold line (one release, 210_vizia-..., refused as not a press release): deal precision
    # 0.969 (31/32), recall 0.633 (31/49), direction 1.000 (14/14).
    assert len(refused) <= 1, refused
    assert scored.deals.precision is not None and scored.deals.precision >= 0.90
    assert scored.deals.recall is not None and scored.deals.recall >= 0.60
    assert scored.direction.accuracy is not None and scored.direction.accuracy >= 0.95


def test_head_word_names_stand_only_where_the_recognizer_reads_an_organization() -> None:
    # A stand-in recognizer that knows two organizations: a name found only by its head word
    # ("Big Pharma", "Regenerative Medicine") is dropped unless the recognizer reads it as
    # one, and a longer organization it reads around one is taken instead.
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", name="ner")
    ruler.add_patterns([{"label": "ORG", "pattern": "Mayo Clinic"},  # type: ignore[attr-defined]
                        {"label": "ORG", "pattern": "REALTORS Charitable Foundation"}])
    nlp.add_pipe(ORGANIZATIONS, config={"patterns": False})
    nlp.add_pipe(PEOPLE)
    text = ("Acme Therapeutics Signs License Agreement with Mayo Clinic\n\n"
            "BOSTON, March 3, 2025 /PRNewswire/ -- Acme Therapeutics, Inc. (Nasdaq: ACME) today "
            "announced an exclusive license agreement with Mayo Clinic. Big Pharma has long "
            "ignored Regenerative Medicine, said the REALTORS Charitable Foundation.\n\n"
            "About Acme TherapeuticsAcme Therapeutics, Inc. is a clinical-stage company.\n")
    facts = read_release(text, media="text", nlp=nlp)
    assert sorted(o.name for o in facts.organizations.values()) == [
        "Acme Therapeutics, Inc.", "Mayo Clinic", "REALTORS Charitable Foundation"]
    rules_only = read_release(text, media="text", nlp=load_pipeline(None))
    assert {"Big Pharma", "Regenerative Medicine"} <= {
        o.name for o in rules_only.organizations.values()}


def test_names_glued_or_given_twice_are_cleaned() -> None:
    assert clean_name("Andarix Pharmaceuticals Andarix Pharmaceuticals") == (
        "Andarix Pharmaceuticals")
    assert clean_name("BioUtahBioUtah") == "BioUtah"
    assert clean_name("GlaxoSmithKline plc") == "GlaxoSmithKline plc"
    assert clean_name("Press Release of Horizon Financial Corp.") == "Horizon Financial Corp."


@pytest.mark.parametrize(("candidate", "name"), [
    ("Agency of Record for Lincoln Property Company.", "Lincoln Property Company."),
    ("Emeritus of Electric Power Research Institute", "Electric Power Research Institute"),
    ("Restated Bylaws of Nuance Communications, Inc.", "Nuance Communications, Inc."),
    ("Amended and Restated Certificate of Incorporation of Acme Bio, Inc.", "Acme Bio, Inc."),
    ("Hoag Vice President, Research Administration", None),
    ("American Journal of Respiratory and Critical Care Medicine", None),
    ("Kobe Convention Center", None),
    ("Eglin Air Force Base", None),
    ("Emerald Study", None),
    ("Presently", None),
    ("Immunotherapies", None),
    ("Vensana Managing", None),
    ("Ovanova Labs and", "Ovanova Labs"),
    ("IBM", "IBM"),
    ("Co-Founder of Ace Green Recycling", "Ace Green Recycling"),
    ("Title Sponsor Vertex Pharmaceuticals", "Vertex Pharmaceuticals"),
    ("Shell Company", None),
    ("Pharma AG", None),
    ("AISight Image Management System", None),
    ("Lilly", "Lilly"),
    ("Trial Lawyers Association", "Trial Lawyers Association"),
    ("Study Group Inc.", "Study Group Inc."),
])
def test_a_role_or_document_of_an_organization_is_trimmed_and_other_things_refused(
        candidate: str, name: str | None) -> None:
    assert clean_name(candidate) == name


def test_people_named_after_the_opening_with_an_honorific_are_read() -> None:
    # Past the opening sentences the recognizer reads only sentences with a sign of a person;
    # "Dr." or "Mr." before a name is one.
    opening = ("# Quillon Starts Study\n\nDENVER, March 3, 2025 -- Quillon Health, Inc. today "
               "started a study. The study runs for a year. It has two arms. It enrolls adults."
               " It is funded.\n\n")
    for body, name in (
            ("Dr. Ellen Kim of the University of Pennsylvania, who's leading the study, "
             "expressed excitement about the results.\n", "Ellen Kim"),
            ("Mr. Asad Sultan has been appointed Global Vice President of Corporate "
             "Finance.\n", "Asad Sultan")):
        assert [p.name for p in read_release(opening + body, media="markdown").people] == [name]


def test_a_person_the_text_names_is_no_organization() -> None:
    from extractor.nlp.organizations import shaped_like_a_person

    assert shaped_like_a_person("Neil Voloshin") and shaped_like_a_person("Arthur G. James")
    assert not shaped_like_a_person("Beam Therapeutics")
    assert not shaped_like_a_person("Craig Beam LLC")
    text = ("# Quillon Completes Pilot\n\nDENVER, March 3, 2025 -- Quillon Health, Inc. today "
            "completed its pilot with Marlow Medical Corp. \"We are pleased,\" said Neil "
            "Voloshin, Chief Executive Officer of Quillon Health. Neil Voloshin founded it.\n")
    facts = read_release(text, media="markdown")
    assert [p.name for p in facts.people] == ["Neil Voloshin"]
    assert "neil voloshin" not in facts.organizations
    assert {"quillon health", "marlow medical"} <= set(facts.organizations)
    assert clean_name("Reports of Sync Research, Inc.") == "Sync Research, Inc."
    assert clean_name("Transcript of Worthington Industries, Inc.") == (
        "Worthington Industries, Inc.")
    # What is left of a name cut short, and a sentence adverb, are no names.
    assert clean_name("Group, Inc.") is None and clean_name("Software, Inc.") is None
    assert clean_name("Notably") is None
    assert clean_name("Atlas Venture") == "Atlas Venture"
    # Opening words that would be dropped before a name are the name when only the legal
    # form would be left.
    assert clean_name("Global Partners LP") == "Global Partners LP"
    assert clean_name("Leading BioSciences, Inc.") == "Leading BioSciences, Inc."
    assert clean_name("Today Acme Inc.") == "Acme Inc."
    # Where a company is based is not part of its name; a legal form alone is no name.
    assert clean_name("San Diego-based Acme Bio") == "Acme Bio"
    assert clean_name("LLC") is None


def test_names_of_everyday_words_only_are_generic() -> None:
    assert is_generic_name("Regenerative Medicine") and is_generic_name("Women’s Health")
    assert is_generic_name("Enterprise Solutions")
    # An institution's last word, a legal form or a word of no everyday use makes a name.
    assert not is_generic_name("National Science Foundation")
    assert not is_generic_name("Ratio Therapeutics")
    assert not is_generic_name("Brokerage Solutions, Inc.")
    assert not is_generic_name("PathAI") and not is_generic_name("Shear Kershman Labs")


def test_organizations_after_a_dateline_and_where_they_are_based() -> None:
    facts = read_release(
        "# SCH Capital Holdings Adds a Capability\n\n"
        "CHICAGO–(BUSINESS WIRE)–SCH Capital Holdings, the leading holding company for "
        "health care, has acquired Boston-based Statera. The terms were not disclosed.")
    names = sorted(o.name for o in facts.organizations.values())
    assert names == ["SCH Capital Holdings", "Statera"]
    (deal,) = facts.deals
    assert deal.kind == "acquisition"
    assert {(p.role, facts.name_of(p.organization)) for p in deal.parties} == {
        ("acquirer", "SCH Capital Holdings"), ("target", "Statera")}


def test_appointments_and_lists_of_names_with_titles_give_people() -> None:
    text = (
        "# Acme Therapeutics Announces the Appointment of Michael Ryan to Its Board of "
        "Directors\n\nSAN DIEGO, CA, March 3, 2025 -- Acme Therapeutics, Inc. (OTCQB: ACME) "
        "today announced the appointment of Michael Ryan to its Board of Directors and the "
        "appointment of Olivia Johnston as Executive Vice President, Platform Growth.\n\n"
        "The company also recognized the finalists for its award: Sirene Garcia, Chief "
        "Information Officer, Finger Lakes Community Health; and Megan Shreve, President, South "
        "Central Community Action.\n\n"
        'Mary Marcus, CEO of Acme Therapeutics, shares that, "We feel privileged."\n')
    people = {p.name: p for p in read_release(text, media="markdown").people}
    assert set(people) == {"Michael Ryan", "Olivia Johnston", "Sirene Garcia", "Megan Shreve",
                           "Mary Marcus"}
    assert people["Michael Ryan"].title == "member of the Board of Directors"
    assert people["Olivia Johnston"].title == "Executive Vice President"
    assert people["Mary Marcus"].title == "CEO"
    assert people["Megan Shreve"].title == "President"
    assert people["Michael Ryan"].organization == people["Mary Marcus"].organization == (
        "acme therapeutics")


def test_contact_lines_give_their_people() -> None:
    from extractor.nlp.people import contact_people

    assert contact_people("Media Contact: Eileen Day Chief Marketing Officer apZme Phone: 773") == [
        ("Eileen Day", "Chief Marketing Officer")]
    assert contact_people("Press Contact: Lena Rose - Marketing & PR Manager lena.r@ms.com") == [
        ("Lena Rose", "Marketing & PR Manager")]
    # The name starts at the first name, never at the surname; desks and teams are no people.
    assert contact_people("Jim Joyce Chairman and CEO") == [("Jim Joyce", "Chairman and CEO")]
    assert contact_people("Media Relations Director, Acme Communications") == []


def test_people_of_a_contact_line_inside_a_paragraph_and_of_a_position() -> None:
    facts = read_release(
        "# NewAge Industries Names a Chief Executive\n\n"
        "SOUTHAMPTON, Pa., May 1, 2025 -- NewAge Industries, Inc. today announced the "
        "appointment of Mary Marcus to the position of CEO.\n\n"
        "For more information, please contact: Michael Ginnetti Chief Financial Officer "
        "215-526-2300 info@newageindustries.com")
    titles = {p.name: p.title for p in facts.people}
    assert titles == {"Mary Marcus": "CEO", "Michael Ginnetti": "Chief Financial Officer"}


def test_names_listed_as_organizations() -> None:
    introduced = ("The company integrates products of pathology companies, including Deep Bio, "
                  "DoMore Diagnostics, Paige, and Visiopharm.")
    assert listed_names(introduced) == ["Deep Bio", "DoMore Diagnostics", "Paige", "Visiopharm"]
    # Beside known organizations a list needs two of them and half; people are no list.
    beside = "It has partnerships with Abbott, Beckman Coulter, Roche and Sysmex."
    assert listed_names(beside, lambda n: n in ("Abbott", "Roche")) == [
        "Abbott", "Beckman Coulter", "Roche", "Sysmex"]
    assert listed_names(beside, lambda n: n == "Abbott") == []
    assert listed_names("Offices in Boston, Chicago and Denver.", lambda n: False) == []


def test_agreements_in_the_plural_are_one_deal_per_partner() -> None:
    facts = read_release(
        "# Acme Announces Partnerships\n\n"
        "BOSTON, March 8, 2025 -- Acme Diagnostics, Inc. (Nasdaq: ACME) today announced "
        "distribution partnerships with Beta Labs, Inc. and Gamma Health Corp.\n\n"
        "Acme Diagnostics, Inc. makes tests.")
    pairs = sorted(tuple(sorted(facts.name_of(p.organization) for p in d.parties))
                   for d in facts.deals)
    assert pairs == [("Acme Diagnostics, Inc.", "Beta Labs, Inc."),
                     ("Acme Diagnostics, Inc.", "Gamma Health Corp.")]
    assert {d.kind for d in facts.deals} == {"distribution"}


def test_a_financing_round_names_its_investors() -> None:
    facts = read_release(
        "# Feliqs Announces Series A Financing\n\n"
        "TOKYO, May 1, 2025 -- Feliqs Corporation today announced a 9 million dollar Series A "
        "financing led by Beyond Next Ventures Inc., with participation from Mitsubishi UFJ "
        "Capital Co., Ltd. and Keio Innovation Initiative, Inc.\n\n"
        "Feliqs Corporation develops FLQ-101.")
    (deal,) = facts.deals
    assert deal.kind == "investment" and deal.directed
    roles = {(p.role, facts.name_of(p.organization)) for p in deal.parties}
    assert roles == {("investee", "Feliqs Corporation"),
                     ("investor", "Beyond Next Ventures Inc."),
                     ("investor", "Mitsubishi UFJ Capital Co., Ltd."),
                     ("investor", "Keio Innovation Initiative, Inc.")}


def test_the_sentence_after_a_deal_that_names_it_by_description_gives_its_terms() -> None:
    # "Under the agreement, ..." names no party, yet tells what the deal is about.
    text = ("# Acme Signs License with Beta\n\nBOSTON, May 1, 2025 -- Acme Therapeutics, Inc. "
            "today announced news. Acme has grown fast. Acme today announced an exclusive "
            "license agreement with Beta Pharma, Inc., a private company. Under the agreement, "
            "the licensee will develop ZX-101 for glioblastoma. Acme will receive $10 million "
            "upfront.\n")
    (deal,) = read_release(text, media="markdown").deals
    assert (deal.kind, deal.assets, deal.indications) == ("license", ["ZX-101"], ["glioblastoma"])


def test_a_round_told_before_its_investors_makes_its_subject_the_investee() -> None:
    # The opening says who raised the money; the next sentence says who put it in.
    text = ("# Quillon Raises $2.5 Million\n\n"
            "LONDON, May 1, 2025 -- Quillon Health, Inc. announced its seed funding round of "
            "$2.5 million. The funding round was led by Marlow Ventures Ltd. and also saw "
            "participation from Opaleye Capital LP.\n")
    (deal,) = read_release(text, media="markdown").deals
    assert deal.kind == "investment" and deal.directed
    assert sorted((p.role, p.organization) for p in deal.parties) == [
        ("investee", "quillon health"), ("investor", "marlow ventures"),
        ("investor", "opaleye capital")]


def test_an_investment_by_a_company_makes_it_the_investor() -> None:
    text = ("# Quillon Reports Strategic Investment by Marlow Medical\n\n"
            "DENVER, March 3, 2025 -- Quillon Health, Inc. today announced a strategic "
            "investment by Marlow Medical Corp. in the company.\n")
    (deal,) = read_release(text, media="markdown").deals
    assert sorted((p.role, p.organization) for p in deal.parties) == [
        ("investee", "quillon health"), ("investor", "marlow medical")]


def test_investors_named_further_down_join_the_round_but_an_earlier_round_does_not() -> None:
    text = ("# Quillon Closes $4 Million Funding Extension\n\n"
            "LONDON, May 1, 2025 -- Quillon Health, Inc. announced the close of a $4 million "
            "funding extension round. The capital will support the launch of its device. "
            "Quillon makes wound dressings. Its device is sold in Europe.\n\n"
            "Earlier this year, Quillon closed a seed round led by Harbor Angels LLC.\n\n"
            "The extension round comprises existing and new investors including Marlow "
            "Ventures Ltd. and Opaleye Capital LP.\n")
    (deal,) = read_release(text, media="markdown").deals
    assert deal.new and deal.directed
    assert sorted((p.role, p.organization) for p in deal.parties) == [
        ("investee", "quillon health"), ("investor", "marlow ventures"),
        ("investor", "opaleye capital")]


def test_an_investment_in_the_business_made_by_a_company_makes_it_the_investor() -> None:
    # The second sentence, news without a word of the investment, adds no role of its own.
    text = ("# Quillon Reports Strategic Investment by Marlow Medical\n\n"
            "DENVER, March 3, 2025 -- Quillon Health, Inc. is pleased to announce a strategic "
            "investment in its business, made by Marlow Medical Corp. Alongside this "
            "partnership, Quillon today announced a new board of directors.\n")
    (deal,) = read_release(text, media="markdown").deals
    assert sorted((p.role, p.organization) for p in deal.parties) == [
        ("investee", "quillon health"), ("investor", "marlow medical")]


def test_recognized_product_names_need_a_product_name_shape() -> None:
    from spacy.tokens import Doc, Span

    from extractor.nlp.products import recognized_products

    words = ["Quillon", "licensed", "CardioMEMS", "and", "Heart", "Care", "and", "LYMPHIR", "."]
    doc = Doc(spacy.blank("en").vocab, words=words)
    doc.ents = [Span(doc, 2, 3, "PRODUCT"), Span(doc, 4, 6, "PRODUCT"), Span(doc, 7, 8, "PRODUCT"),
                Span(doc, 0, 1, "ORG")]
    assert recognized_products(doc) == ["CardioMEMS", "LYMPHIR"]


def test_who_announces_in_the_opening_is_an_organization_and_a_partner() -> None:
    text = ("# Quillon and The Marsden Group Partner on Assay Services\n\n"
            "DENVER, March 3, 2025 -- Quillon, the leading clinical assay network, today "
            "announced a strategic collaboration with The Marsden Group to expand its "
            "laboratory services.\n\nThe Marsden Group is a consultancy based in Ohio.\n")
    facts = read_release(text, media="markdown")
    assert "quillon" in facts.organizations
    assert [sorted((p.role, p.organization) for p in d.parties) for d in facts.deals] == [
        [("partner", "marsden group"), ("partner", "quillon")]]


def test_an_announcer_described_by_a_title_is_no_organization() -> None:
    sentence = "Karin Holm, the founder of Brevik Labs, Inc., today announced her retirement."
    assert candidate_names(sentence) == [
        "Brevik Labs, Inc.", "Brevik Labs"]
    announcer = "Quillon, the leading clinical assay network, today announced a deal."
    assert ("Quillon", True) in [(name, sure) for _, _, name, sure
                                 in organization_candidates(announcer)]


def test_a_key_folded_into_another_name_is_followed_to_it() -> None:
    names = OrganizationNames()
    short = names.add("Acme Robotics")
    other = names.add("Widget Works of Acme Robotics")
    names.add_alias(other, "Acme Robotics")  # the text defines it as the same one
    assert short not in names.names and names.current(short) == other
    assert names.current(other) == other


@pytest.mark.parametrize("opening", [
    # A collaboration told as the circumstance of other news.
    "Quillon, in partnership with The Marsden Group, today announced its third annual "
    "assay summit in Denver.",
    # Words that hold a deal word without a deal.
    "Quillon today announced that Dana Reyes, senior partner at The Marsden Group, will lead "
    "its talent acquisition team.",
])
def test_deal_words_around_other_news_make_no_deal(opening: str) -> None:
    text = (f"# Quillon Hosts Summit\n\nDENVER, March 3, 2025 -- {opening}\n\n"
            "Quillon, Inc. is a clinical assay network. The Marsden Group, LLC advises "
            "laboratories.\n")
    assert read_release(text, media="markdown").deals == []


def test_a_deal_word_inside_a_name_gives_no_kind() -> None:
    text = ("# Quillon and Utah Technology Licensing Office Sign Research Agreement\n\n"
            "DENVER, March 3, 2025 -- Quillon, Inc. today announced a research agreement with "
            "the Utah Technology Licensing Office.\n")
    assert [d.kind for d in read_release(text, media="markdown").deals] == ["collaboration"]


def test_co_founder_is_no_legal_form_and_its_speaker_is_a_person() -> None:
    text = ("# Quillon Names New Chief Scientific Officer\n\nDENVER, March 3, 2025 -- "
            "Quillon, Inc. today announced the appointment of Mara Olsen as Chief Scientific "
            "Officer of Quillon’s Assay Division effective July 7, 2025.\n\n“Mara brings "
            "rigor to our work,” said Daniel Fitch, Co-Founder, President and CEO of Quillon.\n")
    facts = read_release(text, media="markdown")
    assert not any(o.name.startswith("Daniel") for o in facts.organizations.values())
    titles = {p.name: p.title for p in facts.people}
    assert "Daniel Fitch" in titles
    assert titles["Mara Olsen"] == "Chief Scientific Officer of Quillon’s Assay Division"


def test_a_listed_speaker_with_degrees_and_an_abbreviated_title_is_a_person() -> None:
    text = ("# Quillon Names Advisory Board\n\nDENVER, March 3, 2025 -- Quillon, Inc. today "
            "named its advisory board.\n\nThe board includes the following leaders:\n\n"
            "* Lena Ortiz, Ed.D., PHR, Director, Talent and Culture, Brightwater Foods\n"
            "* Omar Haddad, Sr. Manager, Learning, The Keystone Companies\n")
    names = {p.name for p in read_release(text, media="markdown").people}
    assert {"Lena Ortiz", "Omar Haddad"} <= names


def candidate_names(sentence: str) -> list[str]:
    """The organization names the patterns find in one sentence."""
    return [name for _, _, name, _ in organization_candidates(sentence)]


@pytest.mark.parametrize(("sentence", "expected"), [
    # An opening word before everyday words is the name's own.
    ("Global Manager Group, a consultancy, today released its guide.", "Global Manager Group"),
    # Before a distinctive name it is a headline's word.
    ("Global Quillon Therapeutics Inc. opened a lab.", "Quillon Therapeutics Inc."),
])
def test_an_opening_word_is_kept_only_before_everyday_words(sentence: str,
                                                            expected: str) -> None:
    assert expected in candidate_names(sentence)


@pytest.mark.parametrize("sentence", [
    "First, the companies most likely to succeed will start with pharmacies.",
    "TEDCO selected Collide Capital for the Venture Capital Limited Partner program.",
])
def test_sentence_words_and_partner_programs_are_no_organization(sentence: str) -> None:
    names = candidate_names(sentence)
    assert "First" not in names and "Venture Capital Limited" not in names


def test_the_name_a_title_introduces_is_no_organization() -> None:
    text = ("# Drugmakers Move Plants Home\n\nWASHINGTON, May 2, 2025 -- Quillon, Inc. today "
            "announced a new plant in Ohio. AstraZeneca’s CEO, Pascal Soriot, noted that the "
            "move supports national security.\n")
    facts = read_release(text, media="markdown")
    assert "pascal soriot" not in facts.organizations


@pytest.mark.parametrize(("sentence", "expected", "not_expected"), [
    ("Support came from the Cancer Prevention & Research Institute of Texas (CPRIT).",
     "Cancer Prevention & Research Institute of Texas", "Institute of Texas"),
    ("She leads a laboratory at the Baker Heart and Diabetes Institute, Melbourne.",
     "Baker Heart and Diabetes Institute", "Diabetes Institute"),
    ("Acme, a global Contract Development and Manufacturing Organization (CDMO), grew.",
     None, "Manufacturing Organization"),
    ("The J.P. Morgan Healthcare Conference opens on Monday.", None, "J.P. Morgan Healthcare"),
    ("It was classified by the International Agency for Research on Cancer in Lyon.",
     "International Agency for Research on Cancer", "International Agency"),
    ("A share goes to the World Wide Fund for Nature and two food banks.",
     "World Wide Fund for Nature", "World Wide Fund"),
    ("Photo by National Cancer Institute on Unsplash.", "National Cancer Institute",
     "National Cancer Institute on Unsplash"),
    ("The Gates Foundation for the first time funds a trial.", "Gates Foundation",
     "Gates Foundation for"),
])
def test_a_name_found_by_its_head_word_is_taken_whole(sentence: str, expected: str | None,
                                                      not_expected: str) -> None:
    names = candidate_names(sentence)
    assert not_expected not in names
    if expected:
        assert expected in names


def test_a_recognized_name_does_not_run_on_into_lower_case_words() -> None:
    assert clean_name("University of Alberta spinoff") == "University of Alberta"
    assert clean_name("Centre de recherche") == "Centre de recherche"


def test_appointed_in_the_headline_with_degrees_and_roles_before_names_gives_people() -> None:
    text = ("# Quillon Health Appoints Dr. Thomas Whitfield as Chief Executive Officer\n\n"
            "DENVER, March 3, 2025 -- Quillon Health, Inc. today announced the appointment of "
            "Michael Thompson, MBA, as Chief Financial Officer. Quillon makes wound dressings. "
            "It sells them in Europe. It has forty staff.\n\n"
            "Principal Investigator Dr. Alexandre Abizaid, MD, PhD will lead the study. "
            "Dr. Ovidiu Andronesi MD, PhD, Associate Professor of Radiology at Harvard "
            "University, will read its scans. The company was advised by attorney Sidney "
            "Lewellen of Indianapolis.\n")
    titles = {p.name: p.title for p in read_release(text, media="markdown").people}
    assert titles == {"Thomas Whitfield": "Chief Executive Officer",
                      "Michael Thompson": "Chief Financial Officer",
                      "Alexandre Abizaid": "Principal Investigator",
                      "Ovidiu Andronesi": "Associate Professor",
                      "Sidney Lewellen": None}


def test_a_name_a_role_introduces_is_a_person_not_an_organization() -> None:
    text = ("# Quillon Nutrition Grows\n\nDENVER, March 3, 2025 -- Quillon Nutrition, Inc. "
            "today announced growth. It makes vitamins. It sells them online. It ships "
            "worldwide.\n\nAfter the founder's passing in 2012, longtime industry veteran "
            "Larry Mills acquired the company and expanded its product portfolio. Its transfer "
            "agent, Vstock Transfer, will write to stockholders.\n")
    facts = read_release(text, media="markdown")
    organizations = {o.name for o in facts.organizations.values()}
    assert "Larry Mills" in {p.name for p in facts.people}
    assert "Larry Mills" not in organizations
    assert "Vstock Transfer" not in {p.name for p in facts.people}


def test_a_company_or_a_topic_named_near_a_speech_word_is_no_person() -> None:
    text = ("# Owens Sells Unit\n\nRICHMOND, May 2, 2025 -- Quillon, Inc. said Wednesday it "
            "will sell its products segment to Platinum Equity for $375 million.\n\n"
            "“Researchers need tools they trust,” said the marketing manager at Amerigo "
            "Scientific.\n")
    names = {p.name for p in read_release(text, media="markdown").people}
    assert not names & {"Platinum Equity", "Amerigo Scientific"}


def test_an_organizations_possessive_before_a_surname_is_no_name() -> None:
    assert clean_person("Vensana’s Klein") is None
    assert clean_person("Dana O’Brien") == "Dana O’Brien"


def test_a_title_before_a_name_gives_a_person_outside_the_lead() -> None:
    text = ("# Quillon Expands Its Assay Lab\n\nDENVER, March 3, 2025 -- Quillon, Inc. today "
            "opened a lab in Denver. The lab has ten benches. It runs two shifts. It serves "
            "three states. It opened on time.\n\nLater this year, Quillon’s CEO, Dana Whitfield, "
            "will present at the Maxim conference.\n\n“Customers asked for speed,” shares "
            "President Omar Lindqvist.\n")
    titles = {p.name: p.title for p in read_release(text, media="markdown").people}
    assert titles.get("Dana Whitfield") == "CEO"
    assert titles.get("Omar Lindqvist") == "President"


def test_equity_financing_through_an_investor_is_an_investment() -> None:
    text = ("# Quillon Secures $1 Million\n\nDENVER, March 3, 2025 -- Quillon, Inc. (NASDAQ: "
            "QLLN) today announced it has raised $1 million in equity financing through The "
            "Marlow Trust.\n")
    deals = read_release(text, media="markdown").deals
    assert [(d.kind, sorted((p.role, p.organization) for p in d.parties)) for d in deals] == [
        ("investment", [("investee", "quillon"), ("investor", "marlow trust")])]


def test_backers_named_after_backed_by_are_investors() -> None:
    text = ("# Plexāā Closes Funding Extension\n\nLONDON, March 3, 2025 -- Plexāā Ltd, a "
            "medtech startup, today announced the close of a $4.5 million funding extension "
            "round.\n\nThe device treats no one yet. Trials start next year. Sites are chosen."
            "\n\nPlexāā Ltd has been backed by Oakfield Health Ventures and Thena Capital since "
            "its founding.\n")
    facts = read_release(text, media="markdown")
    assert "plexaa" in facts.organizations
    investors = {p.organization for d in facts.deals if d.kind == "investment"
                 for p in d.parties if p.role == "investor"}
    assert investors == {"oakfield health ventures", "thena capital"}


def test_diseases_of_a_safety_statement_or_inside_a_name_are_no_indications() -> None:
    text = ("# Quillon Reports Results\n\nDENVER, March 3, 2025 -- Quillon, Inc. today "
            "reported results for QX-101 in opioid withdrawal.\n\nThe most common adverse "
            "reactions are orthostatic hypotension and bradycardia.\n\nThe study was run with "
            "the Lymphoma Research Foundation.\n\nIts app supports AML "
            "(Anti-Money Laundering) checks.\n")
    names = {i.name.casefold() for i in read_release(text, media="markdown").indications}
    assert "opioid withdrawal" in names
    assert not names & {"orthostatic hypotension", "bradycardia", "lymphoma", "aml"}


def test_a_brand_is_named_as_the_text_writes_it_and_keeps_its_identifiers() -> None:
    text = ("# Quillon Starts Trodelvy Study\n\nDENVER, March 3, 2025 -- Quillon, Inc. today "
            "began a study of its assay with patients treated with Trodelvy.\n")
    products = {p.name: p for p in read_release(text, media="markdown").products}
    assert "Trodelvy" in products and "sacituzumab govitecan-hziy" not in products
    assert products["Trodelvy"].ids  # the vocabulary's identifiers still link the generic


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Funds advance the company’s innovative SmartShunt System into trials.", ["SmartShunt"]),
    ("Its enLIGHTEN Discovery Platform finds new targets.", ["enLIGHTEN"]),
    ("The clinic offers a Retinal Imaging System to patients.", []),
    ("Its AI-Guided Platform and mRNA Platform grew.", []),
])
def test_a_capitalized_product_noun_can_end_a_distinct_name(sentence: str,
                                                          expected: list[str]) -> None:
    assert named_products(sentence) == expected
    assert named_products(sentence, headline=True) == []


def test_an_agreement_of_no_named_kind_and_a_firm_of_associates() -> None:
    text = ("# Quillon Inks Agreement with Marsh and Associates\n\nDENVER, March 3, 2025 -- "
            "Quillon, Inc., a maker of assay kits, is growing its network.\n\nAccording to "
            "Quillon, Marsh and Associates, LLC has become Quillon’s seventh regional partner.\n")
    facts = read_release(text, media="markdown")
    assert "marsh and associates" in facts.organizations
    assert [(d.kind, sorted(p.organization for p in d.parties)) for d in facts.deals] == [
        ("collaboration", ["marsh and associates", "quillon"])]


def test_a_surname_particle_is_part_of_a_name() -> None:
    assert clean_person("Lynn Forester de Rothschild") == "Lynn Forester de Rothschild"
    assert clean_person("Frank van Asch") == "Frank van Asch"
    assert clean_person("Dana de") is None


def test_a_contact_line_run_together_and_a_plain_company_phrase() -> None:
    assert clean_name("Kirin M. Smith PCG Advisory, Inc.") == "PCG Advisory, Inc."
    assert clean_name("Arthur G. James Cancer Hospital") == "Arthur G. James Cancer Hospital"
    assert clean_name("Featured Company") is None
    assert clean_name("Hershey Company") == "Hershey Company"


@pytest.mark.parametrize(("candidate", "expected"), [
    ("SS Innovations SS Innovations International, Inc.", "SS Innovations International, Inc."),
    ("NC3 The National Coalition for Community Capital",
     "National Coalition for Community Capital"),
    ("Bank of The West", "Bank of The West"),
    ("Supervisory Board of R. STAHL AG", "R. STAHL AG"),
    ("New York State Office of Cannabis Management",
     "New York State Office of Cannabis Management"),
    ("June", None),
])
def test_names_with_words_run_into_them_are_trimmed(candidate: str,
                                                    expected: str | None) -> None:
    assert clean_name(candidate) == expected


def test_a_contraction_is_the_name_it_shortens_whichever_comes_first() -> None:
    for order in (("MadSci", "Madison Scientific"), ("Madison Scientific", "MadSci")):
        names = OrganizationNames()
        keys = [names.add(name) for name in order]
        assert names.names == {"madison scientific": "Madison Scientific"}
        assert names.aliases["madison scientific"] == ["MadSci"]
        assert {names.current(key) for key in keys if key} == {"madison scientific"}
    assert clean_name("AAA Biotech AAA Biotech, Inc.") == "AAA Biotech, Inc."


def test_a_pipe_offering_led_by_investors_is_an_investment() -> None:
    text = ("# Quillon Closes PIPE Offering\n\nDENVER, March 3, 2025 -- Quillon Health, Inc. "
            "today closed a $10.3 million PIPE offering led by Marlow Investment Company, Inc., "
            "with participation from Opaleye, LP.\n\nQuillon will replace a water pipe.\n")
    deals = read_release(text, media="markdown").deals
    assert [(d.kind, sorted((p.role, p.organization) for p in d.parties)) for d in deals] == [
        ("investment", [("investee", "quillon health"), ("investor", "marlow investment"),
                        ("investor", "opaleye")])]


def test_a_first_word_shared_with_a_regional_branch_is_the_parent_s_short_name() -> None:
    names = OrganizationNames()
    parent = names.add("Westell Technologies, Inc.")
    branch = names.add("Westell Europe Limited")
    assert parent != branch
    assert [key for _, _, key in names.mentions("FTEL gets a license of Westell's IP.")] == [
        parent]
    names.add("Westell Networks Inc.")  # two companies, no branch: the word names no one
    assert names.mentions("a license of Westell's IP") == []
