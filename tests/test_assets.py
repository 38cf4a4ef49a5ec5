"""Deal assets and product names: named and described technologies and products."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.nlp.assets import asset_phrases, description_spans, without_generic_variants
from extractor.nlp.products import branded_names, named_products
from extractor.nlp.release import read_release


@pytest.mark.parametrize(
    ("sentence", "assets"),
    [
        ("Branded Legacy will acquire its patented naloxone device and intranasal drug "
         "delivery technologies.", ["naloxone device", "intranasal drug delivery technologies"]),
        ("The license covers HDSL products and the Consensus Knee System.",
         ["HDSL products", "Consensus Knee System"]),
        # A quoted name ends the phrase at its opening quote.
        ("The partnership will commercialize Ainnova’s portfolio, including its “VisionAI” "
         "platform.", ["VisionAI platform"]),
        # A name after a described head is the asset, not the description.
        ("WARF granted rights covering the company’s lead PDC compound, CLR 131, in myeloma.",
         []),
        # A noun that modifies another ("platform company") is no head; praise is no modifier.
        ("We are a platform company with cost-effective product development expertise.", []),
        # A term spelled out in brackets, and a verb before a phrase.
        ("Its programs in CNS (central nervous systems) disorders.", []),
        ("The partner brings life-saving therapies.", ["life-saving therapies"]),
        # A name followed by what it is.
        ("NeuralBase agreed to acquire HeartEase, a cutting-edge AI-powered diagnostic "
         "platform.", ["AI-powered diagnostic platform", "HeartEase"]),
    ],
)
def test_asset_phrases(sentence: str, assets: list[str]) -> None:
    assert asset_phrases(sentence) == assets


def test_what_a_party_does_is_skipped_when_asked() -> None:
    sentence = ("Voyageur, a company developing imaging contrast media products, signed a "
                "distribution agreement for its barium test kits.")
    spans = description_spans(sentence)
    assert [sentence[start:end] for start, end in spans] == [
        "company developing imaging contrast media products"]
    assert asset_phrases(sentence, spans) == ["barium test kits"]
    assert asset_phrases(sentence) == ["imaging contrast media products", "barium test kits"]


def test_generic_variants_give_way_to_the_name() -> None:
    assert without_generic_variants(["Lycogen", "Lycogen platform", "TearScan IgE Test"]) == [
        "Lycogen", "TearScan IgE Test"]


def test_deal_assets_of_a_real_release(shared_dir: Path) -> None:
    releases = shared_dir / "corpus" / "press-releases"
    path = releases / "204_branded-legacy-loi-acquire-bio-legacy.txt"
    facts = read_release(path.read_text())
    (deal,) = [d for d in facts.deals if d.new]
    assert deal.kind == "acquisition"
    # The target's description is what a company bought is; the buyer's is not.
    assert "intranasal drug delivery technologies" in deal.assets
    assert "wellness solutions" not in " ".join(deal.assets)


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("The EXPLOSCAN system detects explosives.", ["EXPLOSCAN"]),
        ("Launch of the VentiV Pulse device and Flimp Canvas platform.",
         ["VentiV Pulse", "Flimp Canvas"]),
        # Everyday words before the name are dropped; a kind of product is no name.
        ("Our AIQ² platform replaces the SaaS platform and AI-powered software.", ["AIQ²"]),
        ("The CPAP device and the Company technology.", []),
    ],
)
def test_names_before_a_product_noun(sentence: str, names: list[str]) -> None:
    assert named_products(sentence) == names


def test_branded_names_lose_the_everyday_words_before_them() -> None:
    assert branded_names("Acquired LUCEMYRA® in May; About Sigyn™ and Year™") == [
        "LUCEMYRA", "Sigyn"]
