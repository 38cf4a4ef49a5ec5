"""Dictionary and pattern finders for biomedical terms: exact values, ids and offsets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extractor.nlp.dictionaries import fold
from extractor.nlp.lexicon import Lexicon, Term, default_lexicon


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return default_lexicon()


def _only(terms: list[Term], kind: str | None = None) -> Term:
    chosen = [t for t in terms if kind is None or t.kind == kind]
    assert len(chosen) == 1, chosen
    return chosen[0]


def _values(terms: list[Term]) -> list[str]:
    return [t.value for t in terms]


# --- diseases -----------------------------------------------------------------------------------

def test_multiple_myeloma_has_do_and_icd_ids(lexicon: Lexicon) -> None:
    text = "The compound is being studied in patients with relapsed multiple myeloma."
    term = _only(lexicon.diseases(text))
    assert term == Term(56, 72, "multiple myeloma", "disease", "multiple myeloma",
                        ("DOID:9538", "ICD10CM:C90.0"))
    assert text[term.start:term.end] == term.text


@pytest.mark.parametrize(("text", "value", "ids"), [
    ("Behçet’s disease", "Behcet's disease", ("DOID:13241", "ICD10CM:M35.2")),
    ("Behcet's disease", "Behcet's disease", ("DOID:13241", "ICD10CM:M35.2")),
    ("Behcet disease", "Behcet's disease", ("DOID:13241", "ICD10CM:M35.2")),
    ("Fabry disease", "Fabry disease", ("DOID:14499", "ICD10CM:E75.21")),
    ("glioblastoma multiforme", "glioblastoma", ("DOID:3068",)),
    ("hematologic malignancies", "hematologic cancer", ("DOID:2531",)),
    ("haematological malignancies", "hematologic cancer", ("DOID:2531",)),
    ("B-cell malignancies", "B-cell malignancy", ()),
    ("solid tumours", "solid tumor", ()),
    ("opioid withdrawal", "opioid withdrawal", ()),
    ("oral ulcers", "oral ulcer", ()),
    ("cancers", "cancer", ("DOID:162", "ICD10CM:C80.1")),
    ("COVID-19", "COVID-19", ("DOID:0080600", "ICD10CM:U07.1")),
    ("non-small cell lung cancer", "lung non-small cell carcinoma", ("DOID:3908",)),
    ("NSCLC", "lung non-small cell carcinoma", ("DOID:3908",)),
    ("myelodysplastic syndromes", "myelodysplastic syndrome", ("DOID:0050908", "ICD10CM:D46.9")),
    ("obesity", "obesity", ("DOID:9970",)),
])
def test_disease_surface_forms(lexicon: Lexicon, text: str, value: str,
                               ids: tuple[str, ...]) -> None:
    term = _only(lexicon.diseases(f"A trial in {text}, enrolling now."))
    assert (term.text, term.value) == (text, value)
    assert term.ids[:len(ids)] == ids


def test_longest_name_wins(lexicon: Lexicon) -> None:
    terms = lexicon.diseases("in diffuse large B-cell lymphoma and relapsed/refractory diffuse "
                             "large B-cell lymphoma")
    assert [(t.text, t.ids) for t in terms] == [
        ("diffuse large B-cell lymphoma", ("DOID:0050745", "ICD10CM:C83.3")),
        ("relapsed/refractory diffuse large B-cell lymphoma", ("DOID:0080192",))]


def test_abbreviation_inside_a_name(lexicon: Lexicon) -> None:
    text = "adults with pyruvate kinase (PK) deficiency and central nervous system (CNS) disorders"
    assert [(t.text, t.value) for t in lexicon.diseases(text)] == [
        ("pyruvate kinase (PK) deficiency", "pyruvate kinase deficiency"),
        ("central nervous system (CNS) disorders", "central nervous system disease"),
    ]


@pytest.mark.parametrize("text", [
    "The disease and the syndrome caused pain, a cold and an infection.",
    "Blood samples fit the plan; we are absent symptoms of confusion.",
    "a non-cancer indication",
    "She joined the MD Anderson Cancer Center and the Lymphoma Research Foundation.",
    "als and aml in lower case are not acronyms",
])
def test_generic_words_are_not_diseases(lexicon: Lexicon, text: str) -> None:
    assert lexicon.diseases(text) == []


def test_acronyms_need_capitals_and_eponyms_a_capital(lexicon: Lexicon) -> None:
    assert _values(lexicon.diseases("ALS and AML")) == [
        "amyotrophic lateral sclerosis", "acute myeloid leukemia"]
    assert _values(lexicon.diseases("screening for Alzheimer’s")) == ["Alzheimer's disease"]


# --- drugs --------------------------------------------------------------------------------------

def test_brand_and_generic_drug_names(lexicon: Lexicon) -> None:
    text = "It acquired LUCEMYRA (lofexidine) and combines KEYTRUDA with naltrexone."
    terms = lexicon.drugs(text)
    assert [(t.text, t.value) for t in terms] == [
        ("LUCEMYRA", "lofexidine"), ("lofexidine", "lofexidine"),
        ("KEYTRUDA", "pembrolizumab"), ("naltrexone", "naltrexone")]
    assert terms[0].ids == ("DRUGBANK:DB04948", "MEDLINEPLUS:a618036")
    assert terms[3].ids == ("DRUGBANK:DB00704", "MEDLINEPLUS:a609007", "MESH:D009292")
    assert all(text[t.start:t.end] == t.text for t in terms)


@pytest.mark.parametrize("text", [
    "Caps on generics, diamonds and antibodies in cGMP facilities.",
    "ER-positive tumours express the estrogen receptor.",
    "natural killer cell activity",
    "The Fund is not a drug; neither are opioids as a class.",
])
def test_words_that_are_not_drugs(lexicon: Lexicon, text: str) -> None:
    assert lexicon.drugs(text) == []


# --- product codes ------------------------------------------------------------------------------

@pytest.mark.parametrize("code", [
    "CLR 131", "CLR 1602-PTX", "TPI 287", "ABBV-951", "POLB001", "AB-1234", "BNT162b2",
    "mRNA-1273", "CTX310", "JNJ-89853413", "GEO-CM04S1", "L-DOS47", "AMG 193", "MK-8189",
    "IGC-AD1", "IGC-M3", "IHL-42X", "VCN-01",
])
def test_product_codes(lexicon: Lexicon, code: str) -> None:
    text = f"The company will advance {code} into the clinic."
    term = _only(lexicon.product_codes(text))
    assert (term.text, term.kind, term.value) == (code, "product-code", code)
    assert text[term.start:term.end] == code


def test_product_code_value_normalizes_spacing_and_dashes(lexicon: Lexicon) -> None:
    term = _only(lexicon.product_codes("dosing of ABBV\u2011951 began"))
    assert (term.text, term.value) == ("ABBV\u2011951", "ABBV-951")


@pytest.mark.parametrize("text", [
    "COVID-19", "a Form 8-K under Item 1.01", "in 2025", "FY2024 revenue", "in Q3 2025",
    "a Phase 2 trial", "a Rule 10b5-1 plan", "Section 16 officers", "ISO 9001 certified",
    "CE marked", "the S-1 filing", "Series A financing", "NASDAQ: CLRB", "call +1 (212) 555-0100",
    "HER2, CD19 and IL-6 targets", "San Diego, CA 92121", "data at ASCO 2025",
    "USD 150 million", "NCT05573555", "EX-99.1", "Contacts: Example, LLC212-555-0100",
    "US 10,123,456 B2", "ISIN US0000000000", "TDP-43 aggregates", "the HSP-90 chaperone",
    "AMPLIFY-7P trial",
])
def test_not_product_codes(lexicon: Lexicon, text: str) -> None:
    assert lexicon.product_codes(text) == []


# --- phases -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("Phase 1", "Phase 1"), ("Phase I", "Phase 1"), ("Phase 1b", "Phase 1b"),
    ("Phase Ib", "Phase 1b"), ("Phase 1/2", "Phase 1/2"), ("Phase I/II", "Phase 1/2"),
    ("Phase 2a", "Phase 2a"), ("Phase III", "Phase 3"), ("phase 2/3", "Phase 2/3"),
    ("PHASE 2", "Phase 2"), ("Ph1", "Phase 1"),
    ("Phase 1b/2a", "Phase 1b/2a"), ("Phase 3", "Phase 3"), ("preclinical", "preclinical"),
    ("pre-clinical", "preclinical"), ("IND-enabling", "preclinical"), ("pivotal", "pivotal"),
])
def test_phases_normalized(lexicon: Lexicon, text: str, value: str) -> None:
    term = _only(lexicon.phases(f"the {text} study of the candidate"))
    assert (term.text, term.value) == (text, value)


def test_pivotal_only_for_trials(lexicon: Lexicon) -> None:
    assert lexicon.phases("This is a pivotal moment for the company.") == []
    assert _values(lexicon.phases("a potentially pivotal registration program")) == ["pivotal"]


# --- designations and agencies ------------------------------------------------------------------

def test_designation_with_agency_after(lexicon: Lexicon) -> None:
    text = "The candidate received orphan drug designation from the FDA in 2024."
    found = lexicon.designations(text)
    assert [(t.kind, t.text, t.value) for t in found] == [
        ("designation", "orphan drug designation", "orphan drug"),
        ("agency", "FDA", "FDA")]
    ((mark, agency),) = lexicon.designations_with_agency(text)
    assert (mark.value, agency and agency.value) == ("orphan drug", "FDA")


@pytest.mark.parametrize(("text", "designation", "agency"), [
    ("The FDA granted Fast Track designation to the program.", "fast track", "FDA"),
    ("The U.S. Food and Drug Administration (FDA) granted Breakthrough Therapy Designation.",
     "breakthrough therapy", "FDA"),
    ("It was awarded Regenerative Medicine Advanced Therapy (RMAT) designation by the FDA.",
     "RMAT", "FDA"),
    ("The European Medicines Agency granted PRIME eligibility.", "PRIME", "EMA"),
    ("The MHRA accepted the application for priority review.", "priority review", "MHRA"),
    ("It may qualify for accelerated approval.", "accelerated approval", None),
    ("It holds rare pediatric disease designation.", "rare pediatric disease", None),
])
def test_designations(lexicon: Lexicon, text: str, designation: str, agency: str | None) -> None:
    ((mark, granted_by),) = lexicon.designations_with_agency(text)
    assert mark.value == designation
    assert (granted_by.value if granted_by else None) == agency
    assert text[mark.start:mark.end] == mark.text


def test_agency_full_name_includes_country(lexicon: Lexicon) -> None:
    term = _only(lexicon.agencies("approved by the U.S. Food and Drug Administration"))
    assert (term.text, term.value) == ("U.S. Food and Drug Administration", "FDA")
    assert _only(lexicon.agencies("a U.S. FDA decision")).text == "U.S. FDA"


@pytest.mark.parametrize("text", [
    "He has a background in orphan drug approvals.",
    "The deal will fast-track the program to market.",
    "It is a breakthrough therapy for patients.",
    "PRIME MINISTER VISITS PLANT",
])
def test_not_designations(lexicon: Lexicon, text: str) -> None:
    assert [t for t in lexicon.designations(text) if t.kind == "designation"] == []


def test_agency_in_another_paragraph_is_not_the_grantor(lexicon: Lexicon) -> None:
    text = "It holds Orphan Drug status.\n\nSeparately, the FDA inspected a plant."
    assert [t.kind for t in lexicon.designations(text)] == ["designation"]
    assert [t.value for t in lexicon.agencies(text)] == ["FDA"]


# --- everything at once -------------------------------------------------------------------------

def test_terms_sorted_without_overlaps(lexicon: Lexicon) -> None:
    text = ("CLR 131, a Phase 2 candidate for multiple myeloma, received rare pediatric disease "
            "designation and orphan drug designation from the FDA; lofexidine treats opioid "
            "withdrawal.")
    terms = lexicon.terms(text)
    assert [(t.kind, t.value) for t in terms] == [
        ("product-code", "CLR 131"), ("phase", "Phase 2"), ("disease", "multiple myeloma"),
        ("designation", "rare pediatric disease"), ("designation", "orphan drug"),
        ("agency", "FDA"), ("drug", "lofexidine"), ("disease", "opioid withdrawal")]
    assert all(a.end <= b.start for a, b in zip(terms, terms[1:], strict=False))
    assert all(text[t.start:t.end] == t.text for t in terms)


def test_default_lexicon_is_shared() -> None:
    assert default_lexicon() is default_lexicon()


def test_fold_keeps_offsets() -> None:
    text = "Behçet’s – TGF-β\u00a0(ﬁne)"
    assert len(fold(text)) == len(text)
    assert fold(text).startswith("behcet s")


def test_empty_text(lexicon: Lexicon) -> None:
    assert lexicon.terms("") == []


# --- the press-release corpus -------------------------------------------------------------------

def _norm(name: str) -> str:
    words = fold(re.sub(r"\s\([^)]{1,10}\)(?=\s)", "", name)).split()
    if words and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


@pytest.mark.slow
def test_corpus_recall(shared_dir: Path, lexicon: Lexicon) -> None:
    """Gold indications and coded products (e.g. "ABV-1701") the finders recover, as a floor
    (measured: diseases ~0.93, codes ~0.98); names match after folding, plural and acronym."""
    folder = shared_dir / "corpus" / "press-releases"
    gold_file = folder / "gold.jsonl"
    if not gold_file.is_file():
        pytest.skip(f"{gold_file} is absent")
    counts = {"disease": [0, 0], "product-code": [0, 0]}
    for line in gold_file.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        path = folder / gold["doc"]
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        diseases = lexicon.diseases(text)
        found_names = {_norm(t.text) for t in diseases}
        found_values = {t.value for t in diseases}
        for name in gold["indications"]:
            values = {t.value for t in lexicon.diseases(name)}
            counts["disease"][0] += 1
            counts["disease"][1] += _norm(name) in found_names or bool(values & found_values)
        codes = {t.value for t in lexicon.product_codes(text)}
        for name in gold["products"]:
            if any(c.isdigit() for c in name):
                counts["product-code"][0] += 1
                counts["product-code"][1] += name in codes
    assert counts["disease"][0] > 100 and counts["product-code"][0] > 30, counts
    assert counts["disease"][1] / counts["disease"][0] >= 0.85, counts
    assert counts["product-code"][1] / counts["product-code"][0] >= 0.9, counts


def test_a_drug_too_new_for_the_vocabulary_is_found_by_its_nonproprietary_stem() -> None:
    text = ("Roche presented trontinemab; Pfizer presented atirmociclib. We accept the concept "
            "and intercept the platform.")
    drugs = [t.text for t in default_lexicon().terms(text) if t.kind == "drug"]
    assert drugs == ["trontinemab", "atirmociclib"]


def test_new_antibody_stems_and_conjugates_keep_their_two_words() -> None:
    # The 2022 INN scheme names antibodies -tug, -bart and -mig; a conjugate adds its
    # payload's word, which is part of the name.
    text = ("Heidelberg Pharma doses pamlectabart tismanitin; Zymeworks presented zanidatamab "
            "zovodotin and a bulletin.")
    drugs = [t.text for t in default_lexicon().terms(text) if t.kind == "drug"]
    assert drugs == ["pamlectabart tismanitin", "zanidatamab zovodotin"]


def test_a_drug_class_in_the_plural_is_no_drug_but_its_members_are() -> None:
    # MeSH headings such as "Benzodiazepines" name a class; a release naming it names no product.
    text = "Unlike benzodiazepines, opioids or statins, lofexidine and tirzepatide are drugs."
    drugs = [t.text for t in default_lexicon().terms(text) if t.kind == "drug"]
    assert drugs == ["lofexidine", "tirzepatide"]
