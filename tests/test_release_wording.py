"""Release wording read by rules: sales told by the seller, rounds, lists, and speakers."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.tokens import Doc, Span

from extractor.nlp.lexicon import default_lexicon
from extractor.nlp.name_lists import listed_names
from extractor.nlp.people import _people_read_as_organizations, _speaker_with_title
from extractor.nlp.release import _plausible_model_org, read_release


def _roles(deal) -> list[tuple[str, str]]:
    return sorted((p.role, p.organization) for p in deal.parties)


def _only_deal(markdown: str):
    (deal,) = read_release(markdown, media="markdown").deals
    return deal


def test_a_divestiture_names_the_seller_what_is_sold_and_the_buyer() -> None:
    text = ("# Harbor Holdings Announces Divestiture of Keel Instruments\n\n"
            "BOSTON, May 1, 2025 -- Harbor Holdings, Inc., a maritime systems provider, "
            "announced the divestiture of Keel Instruments Limited to Dune Capital Partners "
            "LLC, a private equity firm.\n")
    deal = _only_deal(text)
    assert deal.kind == "acquisition" and deal.directed
    assert _roles(deal) == [("acquirer", "dune capital partners"),
                            ("seller", "harbor holdings"), ("target", "keel instruments")]


def test_a_business_sold_to_a_buyer_is_an_acquisition_by_the_buyer() -> None:
    text = ("# Harbor Holdings Sells Its Sensor Business\n\n"
            "BOSTON, May 1, 2025 -- Harbor Holdings, Inc. today announced it sold its sensor "
            "business to Dune Capital Partners LLC for $40 million.\n")
    deal = _only_deal(text)
    assert _roles(deal) == [("acquirer", "dune capital partners"), ("seller", "harbor holdings")]


def test_investor_demand_does_not_make_a_round_s_subject_an_investor() -> None:
    text = ("# Quillon Grows Its Seed Round\n\n"
            "LONDON, May 1, 2025 -- Quillon Health, Inc. announced today that its seed round "
            "was increased by $3 million to meet investor demand. The funding round was led "
            "by Marlow Ventures Ltd.\n")
    deal = _only_deal(text)
    assert _roles(deal) == [("investee", "quillon health"), ("investor", "marlow ventures")]


def test_a_round_of_earlier_this_year_is_no_news_deal() -> None:
    text = ("# Quillon Opens a Lab in Leeds\n\n"
            "LONDON, May 1, 2025 -- Quillon Health, Inc. today announced the opening of its "
            "laboratory in Leeds. Earlier this year, Quillon announced a $7 million seed "
            "financing round co-led by Marlow Ventures Ltd.\n")
    assert [d for d in read_release(text, media="markdown").deals if d.new] == []


def test_an_ampersand_joins_one_name_in_a_list() -> None:
    sentence = ("She served at companies such as PepsiCo, Johnson & Johnson, and Royal Mail.")
    assert listed_names(sentence) == ["PepsiCo", "Johnson & Johnson", "Royal Mail"]


def test_two_companies_read_as_one_are_refused() -> None:
    lexicon = default_lexicon()
    assert not _plausible_model_org(
        "Marshall Capital Management, Inc. and Capital Venture International", lexicon)
    assert _plausible_model_org("Marshall Capital Management, Inc.", lexicon)
    assert _plausible_model_org("Goldman Sachs & Co.", lexicon)


def _doc_with_org(words: list[str], start: int, end: int) -> Doc:
    doc = Doc(spacy.blank("en").vocab, words=words)
    doc.ents = [Span(doc, start, end, "ORG")]
    return doc


def test_a_person_the_recognizer_took_for_an_organization_is_read_by_the_title_after() -> None:
    words = ["said", "Stephanie", "Papes", "Strong", ",", "Co-Founder", "and", "CEO", "of",
             "Boulder", "Care", "."]
    doc = _doc_with_org(words, 1, 4)
    (span,) = _people_read_as_organizations(doc)
    assert span.text == "Stephanie Papes Strong"
    assert _speaker_with_title(doc.text, span.start_char, span.end_char)


def test_an_organization_in_a_post_is_no_speaker() -> None:
    words = ["Theodore", ",", "Director", "of", "Spine", "Center", ",", "Johns", "Hopkins",
             ",", "and", "Professor", "of", "Neurosurgery", ",", "said"]
    doc = _doc_with_org(words, 7, 9)
    (span,) = doc.ents
    assert not _speaker_with_title(doc.text, span.start_char, span.end_char)
    assert _people_read_as_organizations(doc) == []
    # A company's name is not shaped like a person's.
    assert _people_read_as_organizations(_doc_with_org(
        ["Quillon", "Therapeutics", ",", "CEO"], 0, 2)) == []


def test_headings_posts_and_a_form_s_number_are_trimmed_off_names() -> None:
    from extractor.nlp.name_cleaning import clean_name
    from extractor.nlp.organizations import organization_candidates

    assert clean_name("ABOUT CONTENT CARNIVORES, LLC") == "CONTENT CARNIVORES, LLC"
    assert clean_name("Follow iMD Companies, Inc.") == "iMD Companies, Inc."
    assert clean_name("Sales of Verizon Communications, Inc.") == "Verizon Communications, Inc."
    assert clean_name("Sales Force Inc.") == "Sales Force Inc."  # no "of": the name's own
    found = [c[2] for c in organization_candidates(
        "described in the Annual Report on Form 10-K of Worthington Industries, Inc. for 2023")]
    assert found == ["Worthington Industries, Inc."]
    # A hyphenated name is whole: it begins before the hyphen.
    assert [c[2] for c in organization_candidates("with Bristol-Myers Squibb Company today")] \
        == ["Bristol-Myers Squibb Company"]


def test_a_company_with_a_legal_form_is_no_place() -> None:
    from extractor.nlp.organizations import looks_like_place

    assert not looks_like_place("Quillon Health, Inc.")
    assert looks_like_place("Boston, Mass.") and looks_like_place("SAN DIEGO, CA")


def test_the_cue_words_miss_no_deal_cue() -> None:
    from extractor.nlp import deal_cues

    phrases = ["a joint-venture", "the merger", "a business combination", "an amalgamation",
               "an exclusive option", "acquires", "stock purchase agreement", "a tender offer",
               "a majority stake", "buys", "the divestiture of", "sold its unit to X",
               "licenses", "granted exclusive rights", "invests $5 million in", "Series B",
               "seed round", "growth financing", "private placement", "funding extension",
               "raised $12 million", "converted the note into shares", "a PIPE",
               "distributors", "wholesale agreement", "a supply agreement",
               "manufacturing agreement", "collaborates", "partners with", "an alliance",
               "research agreement", "integration with", "co-develop", "contract with",
               "teams up with", "agreement with", "deal with", "memorandum of understanding",
               "MOU with", "The Weather Today"]
    sentences = phrases + [p.upper() for p in phrases] + [p.title() for p in phrases]
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "press-releases"
    for path in sorted(corpus.glob("*.txt")) if corpus.is_dir() else []:
        sentences += path.read_text(encoding="utf-8", errors="replace").split(". ")
    for sentence in sentences:
        full_scan = deal_cues._ANY_CUE.search(sentence) is not None or \
            deal_cues._PIPE.search(sentence) is not None
        assert deal_cues.any_cue(sentence) == full_scan, sentence


def test_an_item_2_01_sale_makes_the_registrant_the_seller() -> None:
    from extractor.nlp.form_items import read_form_items

    text = ("Item 2.01 Completion of Acquisition or Disposition of Assets.\n\n"
            "On February 1, 2019, Acme Widgets, Inc. (the \u201cCompany\u201d) completed the "
            "previously announced sale to Harbor Buyer Limited (the \u201cBuyer\u201d) of the "
            "Company\u2019s imaging division.\n")
    facts = read_form_items(text, registrant="Acme Widgets, Inc.", media="text")
    assert _roles(facts.deals[0]) == [("acquirer", "harbor buyer"), ("seller", "acme widgets")]
    text = ("Item 2.01 Completion of Acquisition or Disposition of Assets.\n\n"
            "On September 13, 1999, certain wholly-owned subsidiaries of Acme Widgets, Inc. "
            "sold certain assets of their imaging business to Dune Imaging, L.C. for cash.\n")
    facts = read_form_items(text, registrant="Acme Widgets, Inc.", media="text")
    assert _roles(facts.deals[0]) == [("acquirer", "dune imaging"), ("seller", "acme widgets")]


def test_an_offering_s_purchase_agreement_is_no_deal() -> None:
    from extractor.nlp.form_items import read_form_items

    text = ("Item 1.01 Entry into a Material Definitive Agreement.\n\n"
            "On October 18, 2011, Acme Widgets, Inc. entered into a purchase agreement by and "
            "between Acme and Morgan Stanley & Co. LLC, as representative of the several "
            "initial purchasers named therein (the \u201cInitial Purchasers\u201d), to offer "
            "and sell $600 million of its convertible debentures.\n")
    assert read_form_items(text, registrant="Acme Widgets, Inc.", media="text").deals == []


def test_a_subsidiary_named_by_its_country_is_an_organization_of_its_own() -> None:
    from extractor.nlp.organizations import OrganizationNames

    names = OrganizationNames()
    names.add("Harbor Holdings UK Limited")
    names.add("Harbor Holdings, Inc.")
    assert sorted(names.names) == ["harbor holdings", "harbor holdings uk"]
    assert names.resolve("Harbor Holdings") == "harbor holdings"
    text = ("# Harbor Holdings Announces Divestiture of Its UK Arm\n\n"
            "BOSTON, May 1, 2025 -- Harbor Holdings, Inc. announced the divestiture of Harbor "
            "Holdings UK Limited and its subsidiaries, including Keel Instruments Limited, to "
            "Dune Capital Partners LLC.\n")
    deal = _only_deal(text)
    assert _roles(deal) == [("acquirer", "dune capital partners"), ("seller", "harbor holdings"),
                            ("target", "harbor holdings uk"), ("target", "keel instruments")]


def test_an_office_a_professional_licence_and_a_partner_s_title_are_no_deal_cues() -> None:
    from extractor.nlp.deal_cues import any_cue, kind_of

    for text in ("Acme and the University of Utah's Technology Licensing Office announced the "
                 "summit agenda", "a director of the Office of Technology Licensing",
                 "Jane Roe is licensed to practice law in Iowa",
                 "Quillon appoints Jane Roe, Advisory Partner at Bain & Company, to its board"):
        assert not any_cue(text) and kind_of(text) is None, text
    for text, kind in (("Acme entered into a license agreement with Beta", "license"),
                       ("Acme licensed its patents to Beta", "license"),
                       ("Acme partners with Beta", "collaboration"),
                       ("Acme thanked its partners at Beta", "collaboration")):
        assert kind_of(text) == kind, text


def test_clearances_identifiers_and_newswires_are_no_products() -> None:
    text = ("# Quillon Receives FDA 510(k) Clearance for the VentiV Pulse Device\n\n"
            "BOSTON, May 1, 2025 (Wall Street Wire) -- Quillon Health, Inc. (ISIN "
            "DE000A11QVV0) today announced FDA 510K clearance of its VentiV Pulse device, "
            "studied in trial NCT05543681 and in CT05543681, its European trial. Wall Street "
            "Wire reported the news first.\n")
    products = {p.name for p in read_release(text, media="markdown").products}
    assert "VentiV Pulse" in products
    assert not products & {"FDA 510", "FDA 510K", "DE000A11QVV0", "NCT05543681", "CT05543681",
                           "Wall Street Wire"}
