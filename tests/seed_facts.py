"""What the seed 8-K (Cellectar, March 2017) says, as several test modules expect to read it."""

from __future__ import annotations

ID = "https://w3id.org/edgar-kg/id/"
CELLECTAR = ID + "cik/0001279704"
WARF = ID + "org/wisconsin-alumni-research-foundation"
LICENSE_DEAL = ID + "deal/e2a9c4a0eb12b70f9d26"
INVESTMENT_DEAL = ID + "deal/346244088826fbaab03c"

# The sentences the evidence of the license and of WARF's earlier investment quote (oa:exact).
LICENSE_SENTENCE = (
    "Madison, Wisc. (March 8, 2017) -- Cellectar Biosciences, Inc. (Nasdaq: CLRB) (the "
    "“company”), an oncology-focused, clinical stage biotechnology company, today announces it "
    "has entered into a licensing agreement with the Wisconsin Alumni Research Foundation "
    "(WARF) for intellectual property rights covering the method of use (MOU) for the "
    "company’s lead PDC compound, CLR 131, in multiple myeloma."
)
INVESTMENT_SENTENCE = (
    "WARF has been, and continues to be, an investor in Cellectar and has been a joint owner, "
    "with Cellectar, of the MOU patent filing for CLR 131 for the treatment of multiple myeloma."
)
