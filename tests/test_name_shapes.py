"""Phrases that are no organization: run-together names, towns, events, departments, people."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.nlp.lexicon import default_lexicon
from extractor.nlp.name_cleaning import clean_name
from extractor.nlp.name_shapes import (
    a_filing_party,
    a_unit_of_another,
    counted_or_awarded,
    described_before,
    shaped_like_a_person,
)
from extractor.nlp.organizations import OrganizationNames, organization_candidates
from extractor.nlp.people import introduced_as_person
from extractor.nlp.release import _names_a_town, _plausible_model_org, read_release


def _names(sentence: str) -> list[str]:
    return [name for _, _, name, _ in organization_candidates(sentence)]


def _at(text: str, name: str) -> tuple[str, int, int]:
    start = text.index(name)
    return text, start, start + len(name)


def test_words_run_on_before_a_known_name_make_no_organization_of_their_own() -> None:
    names = OrganizationNames()
    for name in ("Silexion Therapeutics", "Westell, Inc.", "Kessler Topaz Meltzer & Check, LLP",
                 "WatchSilexion Therapeutics", "J. Nelson Westell Inc.",
                 "More Information About Their Rights Kessler Topaz Meltzer & Check, LLP"):
        names.add(name)
    names.drop_run_together()
    assert sorted(names.names) == ["kessler topaz meltzer and check", "silexion therapeutics",
                                   "westell"]


@pytest.mark.parametrize(("known", "whole"), [
    # A subsidiary's name is its parent's and more.
    (["Inspira Technologies", "OXY B.H.N. Ltd."], "Inspira Technologies OXY B.H.N. Ltd."),
    # A shorter form is no reason to drop the full one.
    (["Wilson Sonsini", "Sonsini Goodrich & Rosati"], "Wilson Sonsini Goodrich & Rosati"),
    (["Sachs & Co."], "Goldman Sachs & Co."),
    # Two capitalized words are a place and a word as often as a person.
    (["Community Food Bank"], "Atlanta Community Food Bank"),
])
def test_a_longer_name_around_a_known_one_stays(known: list[str], whole: str) -> None:
    names = OrganizationNames()
    for name in [*known, whole]:
        names.add(name)
    names.drop_run_together()
    assert names.resolve(whole) is not None and whole in names.names.values()


def test_two_known_names_joined_by_for_are_two_organizations() -> None:
    names = OrganizationNames()
    for name in ("Intimate Brands", "Limited Brands, Inc.",
                 "Intimate Brands for Limited Brands, Inc."):
        names.add(name)
    names.drop_run_together()
    assert sorted(names.names.values()) == ["Intimate Brands", "Limited Brands, Inc."]


def test_a_town_is_known_by_the_state_after_it() -> None:
    text = "FORT WALTON BEACH, FL, October 1, 2024 -- A hotel opened in Fort Walton Beach."
    assert _names_a_town("Fort Walton Beach", text)
    assert _names_a_town("Eureka Springs", "at The Farm (Eureka Springs, Arkansas)")
    # A state's possessive after a comma starts another clause.
    assert not _names_a_town("AstraZeneca", "an R&D hub for AstraZeneca, Virginia’s choice")
    assert not _names_a_town("BioUtah", "March 4, 2025 - BioUtah, Utah’s trade association")
    # "IN" is a state's code only in capitals.
    assert not _names_a_town("Acme Health", "Acme Health, in partnership with Quillon")


@pytest.mark.parametrize("name", [
    "Chicago Music Award Nominee", "Mayer Brown Utah Life Sciences Summit", "PharmD",
    "Therapeutics/Pharmaceuticals Group", "Digital Health/Biotechnology Group",
    "Fiscal 2008 Company", "XPRIZE Health Span Competition", "GAAP", "Non-GAAP", "IFRS",
])
def test_events_awards_degrees_and_category_headings_are_no_names(name: str) -> None:
    assert clean_name(name) is None


@pytest.mark.parametrize(("title", "name"), [
    ("Consent of Latham & Watkins LLP", "Latham & Watkins LLP"),
    ("Opinion of Latham & Watkins LLP", "Latham & Watkins LLP"),
    ("Officer’s Certificate of Apple Inc.", "Apple Inc."),
    ("Opinion Research Corporation", "Opinion Research Corporation"),
])
def test_an_exhibit_s_title_is_no_part_of_the_name_after_it(title: str, name: str) -> None:
    assert clean_name(title) == name


@pytest.mark.parametrize("name", ["Summit Therapeutics", "National Kidney Foundation",
                                  "Wilson Sonsini Goodrich & Rosati"])
def test_an_event_word_elsewhere_in_a_name_is_the_name_s_own(name: str) -> None:
    assert clean_name(name) == name


def test_an_old_partnership_keeps_its_comma_and_a_list_does_not() -> None:
    assert _names(" which is expected to close. Goldman, Sachs & Co. and Hambrecht & Quist "
                  "acted as advisors") == ["Goldman, Sachs & Co."]
    assert _names("with Citigroup Global Markets Inc. and Goldman, Sachs & Co. (the "
                  "“Initial Purchasers”)") == ["Citigroup Global Markets Inc.",
                                               "Goldman, Sachs & Co."]
    assert _names("partners include AstraZeneca, Pfizer, Merck & Co., Inc. and Lilly") \
        == ["Merck & Co., Inc."]


def test_a_trademark_sign_does_not_cut_a_name() -> None:
    assert "AXIM Biotechnologies, Inc." in _names(
        "Founded in 2014, AXIM® Biotechnologies, Inc. (AXIM) is a vertically integrated firm.")


def test_a_person_described_by_a_calling_is_no_organization() -> None:
    assert _names("Founded in 2013 by Dr. Brian Koffman, a physician, and Patricia Koffman, a "
                  "care partner and advocate, the nonprofit organization funds research.") == []
    assert _names("Doru Borșan, a distinguished entrepreneur with a record across Eastern "
                  "Europe, has announced the launch of his latest project.") == []
    assert "Quillon" in _names("Quillon, a clinical-stage, biopharmaceutical company, "
                               "announced results.")


def test_a_department_followed_by_its_institution_is_part_of_it() -> None:
    assert a_unit_of_another(*_at("director of the Department of Hematology at Peking "
                                  "University People’s Hospital", "Department of Hematology"))
    assert a_unit_of_another(*_at("Chair of the Department of Biochemistry, University of Utah",
                                  "Department of Biochemistry"))
    assert not a_unit_of_another(*_at("The Department of Defense awarded a contract.",
                                      "Department of Defense"))


def test_counts_awards_and_hosts_introduce_categories_and_titles() -> None:
    text = "a reseller network of over 600 global Microsoft Partners"
    assert counted_or_awarded(text, text.index("Microsoft"))
    text = "Mileutis Wins 2025 AgTech Breakthrough Award for Dairy Productivity Solution"
    assert counted_or_awarded(text, text.index("Dairy"))
    text = "said Devin Thorpe, host of Superpowers for Good"
    assert counted_or_awarded(text, text.index("Superpowers"))
    # A year is no count.
    text = "In 2008, he transformed Norwich Pharmaceuticals"
    assert not counted_or_awarded(text, text.index("Norwich"))


@pytest.mark.parametrize(("text", "name", "described"), [
    ("Dr. Kubeck Will Lead a Statewide Network of Providers", "Statewide", True),
    ("awarded by DTRA, an agency within the U.S. Department of Defense", "U.S.", False),
    ("the publication of a comprehensive report on Sirona Biochem Corp's compound", "Sirona",
     False),
])
def test_only_adjectives_after_an_article_describe(text: str, name: str, described: bool) -> None:
    assert described_before(text, text.index(name)) is described


def test_recognized_names_that_are_two_names_or_a_market_and_ticker_are_refused() -> None:
    lexicon = default_lexicon()
    assert not _plausible_model_org("Neuwave Medical, Personal Genome Diagnostics", lexicon)
    assert not _plausible_model_org("OTCID PETVW", lexicon)
    assert _plausible_model_org("University of California, San Francisco", lexicon)
    assert not a_filing_party("Marshall Capital Management, Inc. and Capital Venture "
                              "International")
    assert a_filing_party("Castle Creek Technology Partners LLC")


def test_a_plaintiff_and_a_former_post_in_a_list_make_people() -> None:
    assert introduced_as_person(*_at("The action, Marie Salem v. Methode Electronics Inc., et "
                                     "al., impacts investors", "Marie Salem"))
    assert introduced_as_person(*_at(
        "joined by experts Olivier Waridel, former CEO of Biosafe, Caroline Boudousquié, former "
        "Head of Process Development at Quillon, and others.", "Caroline Boudousquié"))
    assert shaped_like_a_person("Doru Borșan") and shaped_like_a_person("José Müller")


def test_real_releases_lose_their_run_together_and_town_names(shared_dir: Path) -> None:
    folder = shared_dir / "corpus" / "unlabeled-releases"
    expected = {
        # A heading glued to the sentence after it: "A Potential Industry Game-Changer to
        # WatchSilexion Therapeutics stands at a pivotal moment".
        "u0984_": ("silexion therapeutics", "watchsilexion therapeutics"),
        # The town of the dateline, "FORT WALTON BEACH, FL".
        "u0042_": (None, "fort walton beach"),
        # A mark inside the name: "AXIM® Biotechnologies, Inc."
        "u0733_": ("axim biotechnologies", "biotechnologies"),
    }
    for prefix, (kept, dropped) in expected.items():
        (path,) = folder.glob(f"{prefix}*")
        organizations = read_release(path.read_text(), media="markdown").organizations
        assert dropped not in organizations, path.name
        assert kept is None or kept in organizations, path.name
