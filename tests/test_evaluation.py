"""Scoring press-release extraction against gold: name rules, deal matching, counts, loading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.evaluate.scoring import (
    Evaluation,
    Metric,
    evaluate,
    load_gold,
    names_match,
    normalize_name,
)


def _deal(kind: str, assets: list[str] | None = None, indications: list[str] | None = None,
          **roles: list[str]) -> dict:
    return {"kind": kind, "roles": roles, "assets": assets or [],
            "indications": indications or [], "exclusive": None, "territory": [],
            "status": "announced"}


def _line(doc: str = "d1", **fields: object) -> dict:
    line: dict = {"doc": doc, "date": None, "issuer": None, "deals": [], "mentioned_deals": [],
                  "aliases": {}, "people": [], "products": [], "indications": [], "tickers": []}
    line.update(fields)
    return line


def _deals_only(gold_deals: list[dict], pred_deals: list[dict], **gold_fields: object
                ) -> Evaluation:
    gold = _line(deals=gold_deals, **gold_fields)
    return evaluate({"d1": gold}, {"d1": _line(deals=pred_deals)})


def _categories(result: Evaluation) -> list[str]:
    return [miss.category for miss in result.misses]


# ------------------------------------------------------------------------------ name rules

@pytest.mark.parametrize(("raw", "normalized"), [
    ("Cellectar Biosciences, Inc.", "cellectar biosciences"),
    ("The Hydromer Corporation", "hydromer"),
    ("USWM, L.L.C.", "uswm"),
    ("LAVA Therapeutics N.V.", "lava therapeutics"),
    ("Taizhou Kaimi Biotech Co., Ltd.", "taizhou kaimi biotech"),
    ("Foo S.A.", "foo"),
    ("CRISPR Therapeutics AG", "crispr therapeutics"),
    ("Poolbeg Pharma PLC", "poolbeg pharma"),
    ("Bristol-Myers Squibb Company", "bristol myers squibb"),
    ("Emory University\u2019s Winship", "emory universitys winship"),
    ("Theravance", "theravance"),  # only a whole leading word "the" goes
    ("The Company", "company"),  # a suffix is never the whole name
])
def test_normalize_name(raw: str, normalized: str) -> None:
    assert normalize_name(raw) == normalized


def test_names_equal_after_normalizing() -> None:
    assert names_match("USWM, LLC", "uswm llc")
    assert names_match("The Foo Group Ltd.", "FOO GROUP")
    assert not names_match("Foo Group", "Bar Group")
    assert not names_match("", "")


def test_acronym_of_the_other() -> None:
    assert names_match("WARF", "Wisconsin Alumni Research Foundation")
    assert names_match("Wisconsin Alumni Research Foundation", "WARF")
    assert names_match("UQ", "The University of Queensland")
    assert names_match("J&J", "Johnson & Johnson")
    assert not names_match("WRF", "Wisconsin Alumni Research Foundation")


def test_shorter_is_leading_words_of_longer() -> None:
    assert names_match("Cellectar", "Cellectar Biosciences, Inc.")
    assert names_match("XOMA Royalty Corporation", "XOMA")
    # Whole words only, and from the start.
    assert not names_match("Cell", "Cellectar Biosciences")
    assert not names_match("Biosciences", "Cellectar Biosciences")


def test_alias_table() -> None:
    aliases = {"USWM, LLC": ["US WorldMeds"], "Artem Cherkasov": ["Cherkasov"]}
    assert names_match("US WorldMeds", "USWM, LLC", aliases)
    assert names_match("USWM", "US WorldMeds", aliases)  # leading words of "uswm llc" -> "uswm"
    assert names_match("Cherkasov", "Artem Cherkasov", aliases)
    assert not names_match("Cherkasov", "Artem Cherkasov")


def test_aliases_from_gold_and_prediction_are_merged() -> None:
    gold = _line(deals=[_deal("license", licensor=["Alpha Beta Corp."], licensee=["Gamma Inc."])],
                 aliases={"Alpha Beta Corp.": ["Alphabet"]})
    pred = _line(deals=[_deal("license", licensor=["ZZ Holdings"], licensee=["Gamma"])],
                 aliases={"Alphabet": ["ZZ Holdings"]})
    result = evaluate({"d1": gold}, {"d1": pred})
    assert result.deals == Metric(1, 1, 1)
    assert result.direction.correct == 1


# ----------------------------------------------------------------------------- deal rules

def test_option_prediction_matches_license_gold() -> None:
    result = _deals_only([_deal("license", licensor=["A Corp"], licensee=["B Inc"])],
                         [_deal("option", licensor=["A"], licensee=["B"])])
    assert result.deals == Metric(1, 1, 1)


def test_merger_prediction_matches_acquisition_gold() -> None:
    result = _deals_only([_deal("acquisition", acquirer=["A"], target=["B"])],
                         [_deal("merger", parties=["A", "B"])])
    assert result.deals == Metric(1, 1, 1)


def test_collaboration_does_not_match_acquisition() -> None:
    result = _deals_only([_deal("acquisition", acquirer=["A"], target=["B"])],
                         [_deal("collaboration", partners=["A", "B"])])
    assert result.deals == Metric(0, 1, 1)
    assert sorted(_categories(result)) == ["deal-missed", "deal-spurious"]


def test_other_kinds_form_one_family() -> None:
    result = _deals_only([_deal("collaboration", partners=["A", "B"])],
                         [_deal("distribution", partners=["B", "A"])])
    assert result.deals == Metric(1, 1, 1)


def test_every_gold_party_must_be_found_in_any_role() -> None:
    gold = [_deal("collaboration", partners=["A", "B", "C"])]
    assert _deals_only(gold, [_deal("collaboration", partners=["A", "B"])]).deals.matched == 0
    # Extra predicted parties and roles other than gold's do not stop a match.
    pred = [_deal("collaboration", partners=["C", "D"], others=["B", "A"])]
    assert _deals_only(gold, pred).deals.matched == 1


def test_deals_match_one_to_one() -> None:
    gold = [_deal("license", licensor=["A"], licensee=["B"])]
    pred = [_deal("license", licensor=["A"], licensee=["B"]),
            _deal("license", licensor=["A"], licensee=["B"])]
    result = _deals_only(gold, pred)
    assert result.deals == Metric(1, 2, 1)
    assert result.deals.precision == 0.5


def test_greedy_pairs_the_best_fitting_prediction() -> None:
    gold = [_deal("license", ["X-1"], licensor=["A"], licensee=["B"]),
            _deal("license", ["Y-2"], licensor=["A"], licensee=["B"])]
    pred = [_deal("license", ["Y-2"], licensor=["A"], licensee=["B"]),
            _deal("license", ["X-1"], licensor=["A"], licensee=["B"])]
    result = _deals_only(gold, pred)
    assert result.deals == Metric(2, 2, 2)
    assert result.assets.found == result.assets.total == 2


def test_predicted_background_deal_is_left_out_of_both_counts() -> None:
    gold_deals = [_deal("acquisition", acquirer=["XOMA"], target=["LAVA"])]
    mentioned = [_deal("collaboration", partners=["LAVA", "Pfizer"])]
    pred = [_deal("acquisition", acquirer=["XOMA"], target=["LAVA"]),
            _deal("collaboration", partners=["LAVA Therapeutics", "Pfizer Inc."]),
            _deal("collaboration", partners=["LAVA", "Merck"])]
    result = _deals_only(gold_deals, pred, mentioned_deals=mentioned)
    assert result.deals == Metric(1, 2, 1)
    assert result.excluded_deals == 1
    assert _categories(result) == ["deal-spurious"]


def test_prediction_mentioned_deals_are_not_scored() -> None:
    gold = _line(deals=[_deal("license", licensor=["A"], licensee=["B"])])
    pred = _line(deals=[], mentioned_deals=[_deal("license", licensor=["A"], licensee=["B"])])
    result = evaluate({"d1": gold}, {"d1": pred})
    assert result.deals == Metric(0, 0, 1)
    assert result.deals.precision is None
    assert result.deals.recall == 0.0
    assert result.deals.f1 == 0.0


# ------------------------------------------------------------------------------ direction

def test_direction_right() -> None:
    gold = [_deal("license", licensor=["Wisconsin Alumni Research Foundation"],
                  licensee=["Cellectar Biosciences, Inc."])]
    pred = [_deal("license", licensor=["WARF"], licensee=["Cellectar"])]
    result = _deals_only(gold, pred)
    assert (result.direction.correct, result.direction.total) == (1, 1)
    assert result.direction.accuracy == 1.0


def test_direction_swapped_is_wrong() -> None:
    gold = [_deal("investment", investor=["A"], investee=["B"])]
    pred = [_deal("investment", investor=["B"], investee=["A"])]
    result = _deals_only(gold, pred)
    assert result.deals.matched == 1
    assert (result.direction.correct, result.direction.total) == (0, 1)
    assert _categories(result) == ["direction-wrong"]


def test_target_and_seller_are_the_same_side() -> None:
    gold = [_deal("acquisition", acquirer=["A"], seller=["B"])]
    pred = [_deal("acquisition", acquirer=["A"], target=["B"])]
    assert _deals_only(gold, pred).direction.accuracy == 1.0


def test_undirected_prediction_for_directed_gold_is_wrong() -> None:
    gold = [_deal("acquisition", acquirer=["A"], target=["B"])]
    pred = [_deal("merger", parties=["A", "B"])]
    result = _deals_only(gold, pred)
    assert result.deals.matched == 1
    assert (result.direction.correct, result.direction.total) == (0, 1)


def test_party_on_both_sides_is_wrong() -> None:
    gold = [_deal("license", licensor=["A"], licensee=["B"])]
    pred = [_deal("license", licensor=["A", "B"], licensee=["A", "B"])]
    assert _deals_only(gold, pred).direction.accuracy == 0.0


def test_related_names_on_opposite_sides_are_judged_by_their_own_side() -> None:
    # "BioCorRx" is the leading word of both, so each predicted name matches both gold names.
    gold = [_deal("license", licensor=["BioCorRx Inc."], licensee=["BioCorRx Pharma Inc."])]
    pred = [_deal("license", licensor=["BioCorRx"], licensee=["BioCorRx Pharma"])]
    assert _deals_only(gold, pred).direction.accuracy == 1.0


def test_direction_not_judged_for_undirected_gold_or_without_named_sides() -> None:
    undirected = _deals_only([_deal("merger", parties=["A", "B"])],
                             [_deal("acquisition", acquirer=["A"], target=["B"])])
    assert undirected.deals.matched == 1
    assert undirected.direction.total == 0
    assert undirected.direction.accuracy is None
    # Only the named side is checked when gold leaves the other empty.
    one_side = _deals_only([_deal("acquisition", acquirer=["A"], seller=[])],
                           [_deal("acquisition", acquirer=["A"], seller=["Z"])])
    assert (one_side.direction.correct, one_side.direction.total) == (1, 1)


# ------------------------------------------------------------------ assets and indications

def test_asset_and_indication_recall_with_containment() -> None:
    gold = [_deal("license", ["CLR 131", "CLR 1602-PTX", "Vitargus"],
                  ["multiple myeloma", "lymphoma"], licensor=["A"], licensee=["B"])]
    pred = [_deal("license", ["CLR 131 injection", "clr 1602 ptx", "Lycogen"],
                  ["relapsed multiple myeloma"], licensor=["A"], licensee=["B"])]
    result = _deals_only(gold, pred)
    assert (result.assets.found, result.assets.total) == (2, 3)
    assert result.assets.recall == 2 / 3
    assert (result.deal_indications.found, result.deal_indications.total) == (1, 2)
    assert sorted(_categories(result)) == ["asset-missed", "deal-indication-missed"]


def test_assets_of_unmatched_deals_are_not_counted() -> None:
    gold = [_deal("license", ["X"], licensor=["A"], licensee=["B"])]
    result = _deals_only(gold, [_deal("license", ["X"], licensor=["A"], licensee=["C"])])
    assert result.assets.total == 0
    assert result.assets.recall is None


# ---------------------------------------------------------------------------- entity sets

def test_entity_precision_recall_f1_are_exact() -> None:
    gold = _line(products=["LUCEMYRA", "lofexidine", "BICX104", "naltrexone"],
                 indications=["opioid withdrawal", "alcohol use disorder"],
                 people=[{"name": "Lourdes Felix", "title": "CEO", "org": "BioCorRx Inc."},
                         {"name": "P. Breckinridge Jones, Sr.", "title": "CEO", "org": None}],
                 tickers=[{"exchange": "OTCQB", "symbol": "BICX", "org": "BioCorRx Inc."}])
    pred = _line(products=["Lucemyra", "naltrexone implant", "UnCraveRx", "LUCEMYRA"],
                 indications=["withdrawal", "alcohol use disorder", "obesity"],
                 people=[{"name": "Lourdes Felix", "title": "Chief Executive Officer"},
                         {"name": "Jane Roe", "title": "CFO"}],
                 tickers=[{"exchange": "NASDAQ", "symbol": "bicx"}, {"symbol": "XYZ"}])
    result = evaluate({"d1": gold}, {"d1": pred})
    # Products: LUCEMYRA (case, duplicate counted once), naltrexone (contained); UnCraveRx extra.
    assert result.products == Metric(2, 3, 4)
    assert result.products.precision == 2 / 3
    assert result.products.recall == 0.5
    assert result.products.f1 == 4 / 7
    # Indications: "withdrawal" is inside "opioid withdrawal".
    assert result.indications == Metric(2, 3, 2)
    assert result.indications.recall == 1.0
    # People match by name whatever the title.
    assert result.people == Metric(1, 2, 2)
    assert result.people.f1 == 0.5
    # Tickers by symbol, case-insensitive; the exchange is not compared.
    assert result.tickers == Metric(1, 2, 1)
    categories = _categories(result)
    assert categories.count("product-missed") == 2
    assert categories.count("product-spurious") == 1
    assert {"person-missed", "person-spurious", "ticker-spurious", "indication-spurious"} <= set(
        categories)


def test_exact_partner_is_preferred_over_containment() -> None:
    gold = _line(products=["TearScan IgE Diagnostic Test", "TearScan"])
    pred = _line(products=["TearScan"])
    result = evaluate({"d1": gold}, {"d1": pred})
    assert result.products == Metric(1, 1, 2)
    assert [m.detail for m in result.misses] == ["TearScan IgE Diagnostic Test"]


def test_containment_is_on_word_boundaries() -> None:
    result = evaluate({"d1": _line(indications=["small cell lung cancer"])},
                      {"d1": _line(indications=["ALL"])})
    assert result.indications.matched == 0


def test_counts_are_summed_over_documents() -> None:
    gold = {"a": _line("a", products=["P1", "P2"]), "b": _line("b", products=["P3"])}
    pred = {"a": _line("a", products=["P1"]), "b": _line("b", products=["P3", "P4", "P5"])}
    result = evaluate(gold, pred)
    assert result.documents == 2
    assert result.products == Metric(2, 4, 3)
    assert result.products.f1 == 4 / 7


# ------------------------------------------------------------------------------ documents

def test_missing_prediction_counts_as_empty() -> None:
    gold = {"a": _line("a", products=["P1"], deals=[_deal("other", partners=["A", "B"])]),
            "b": _line("b", products=["P2"])}
    result = evaluate(gold, {"b": _line("b", products=["P2"]), "z": _line("z")})
    assert result.missing_predictions == ["a"]
    assert result.extra_predictions == ["z"]
    assert result.products == Metric(1, 1, 2)
    assert result.deals == Metric(0, 0, 1)
    assert "prediction-missing" in _categories(result)


def test_metric_is_none_safe() -> None:
    empty = Metric(0, 0, 0)
    assert (empty.precision, empty.recall, empty.f1) == (None, None, None)
    assert Metric(0, 3, 0).precision == 0.0
    assert Metric(0, 3, 0).recall is None


def test_rows_and_dict_are_json_ready() -> None:
    result = evaluate({"d1": _line(products=["P"])}, {"d1": _line(products=["P", "Q"])})
    rows = result.rows()
    assert [row["measure"] for row in rows] == [
        "deals", "deal direction", "deal assets", "deal indications",
        "products", "people", "indications", "tickers"]
    assert all(set(row) == {"measure", "matched", "predicted", "gold", "precision", "recall",
                            "f1"} for row in rows)
    products = rows[4]
    assert (products["matched"], products["predicted"], products["gold"]) == (1, 2, 1)
    assert products["precision"] == 0.5
    data = json.loads(json.dumps(result.to_dict()))
    assert data["documents"] == 1
    assert data["misses"] == [{"doc": "d1", "category": "product-spurious", "detail": "Q"}]


# -------------------------------------------------------------------------------- loading

def test_load_gold(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(_line("a")) + "\n\n" + json.dumps(_line("b")) + "\n")
    assert sorted(load_gold(path)) == ["a", "b"]


@pytest.mark.parametrize(("second_line", "message"), [
    ('{"doc": "b", ', "line 2: not valid JSON"),
    ('{"date": null}', 'line 2: missing "doc"'),
    ('["b"]', "line 2: expected a JSON object"),
    ('{"doc": "a"}', "line 2: \"doc\" 'a' appears twice"),
])
def test_bad_gold_line_names_file_and_line(tmp_path: Path, second_line: str,
                                           message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"doc": "a"}\n' + second_line + "\n")
    with pytest.raises(ValueError, match="gold.jsonl") as err:
        load_gold(path)
    assert message in str(err.value)


def test_real_gold_scores_perfectly_against_itself(shared_dir: Path) -> None:
    path = shared_dir / "corpus" / "press-releases" / "gold.jsonl"
    if not path.is_file():
        pytest.skip(f"gold file {path} is absent")
    gold = load_gold(path)
    result = evaluate(gold, gold)
    assert result.documents == len(gold) > 0
    assert result.missing_predictions == []
    assert result.misses == []
    assert result.deals.gold > 0
    for row in result.rows():
        for key in ("precision", "recall", "f1"):
            assert row[key] in (1.0, None), row
        assert row["recall"] == 1.0, row
