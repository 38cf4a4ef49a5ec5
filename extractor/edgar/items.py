"""One table of 8-K (and ABS-15G) item codes and titles, used to map titles to codes and back."""

from __future__ import annotations

import datetime as dt
import re

from .records import Item

# The SEC renumbered 8-K items on 2004-08-23; a filing before that date uses the old numbers.
ITEM_RENUMBERING_DATE = dt.date(2004, 8, 23)

# (scheme, code, title). Titles are the SEC's own wording as headers print it.
ITEM_TABLE: tuple[tuple[str, str, str], ...] = (
    ("8-K", "1.01", "Entry into a Material Definitive Agreement"),
    ("8-K", "1.02", "Termination of a Material Definitive Agreement"),
    ("8-K", "1.03", "Bankruptcy or Receivership"),
    ("8-K", "1.04", "Mine Safety - Reporting of Shutdowns and Patterns of Violations"),
    ("8-K", "1.05", "Material Cybersecurity Incidents"),
    ("8-K", "2.01", "Completion of Acquisition or Disposition of Assets"),
    ("8-K", "2.02", "Results of Operations and Financial Condition"),
    ("8-K", "2.03", "Creation of a Direct Financial Obligation or an Obligation under an "
                    "Off-Balance Sheet Arrangement of a Registrant"),
    ("8-K", "2.04", "Triggering Events That Accelerate or Increase a Direct Financial "
                    "Obligation or an Obligation under an Off-Balance Sheet Arrangement"),
    ("8-K", "2.05", "Costs Associated with Exit or Disposal Activities"),
    ("8-K", "2.06", "Material Impairments"),
    ("8-K", "3.01", "Notice of Delisting or Failure to Satisfy a Continued Listing Rule or "
                    "Standard; Transfer of Listing"),
    ("8-K", "3.02", "Unregistered Sales of Equity Securities"),
    ("8-K", "3.03", "Material Modification to Rights of Security Holders"),
    ("8-K", "4.01", "Changes in Registrant's Certifying Accountant"),
    ("8-K", "4.02", "Non-Reliance on Previously Issued Financial Statements or a Related "
                    "Audit Report or Completed Interim Review"),
    ("8-K", "5.01", "Changes in Control of Registrant"),
    ("8-K", "5.02", "Departure of Directors or Certain Officers; Election of Directors; "
                    "Appointment of Certain Officers; Compensatory Arrangements of Certain "
                    "Officers"),
    ("8-K", "5.03", "Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year"),
    ("8-K", "5.04", "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans"),
    ("8-K", "5.05", "Amendments to the Registrant's Code of Ethics, or Waiver of a Provision "
                    "of the Code of Ethics"),
    ("8-K", "5.06", "Change in Shell Company Status"),
    ("8-K", "5.07", "Submission of Matters to a Vote of Security Holders"),
    ("8-K", "5.08", "Shareholder Director Nominations"),
    ("8-K", "6.01", "ABS Informational and Computational Material"),
    ("8-K", "6.02", "Change of Servicer or Trustee"),
    ("8-K", "6.03", "Change in Credit Enhancement or Other External Support"),
    ("8-K", "6.04", "Failure to Make a Required Distribution"),
    ("8-K", "6.05", "Securities Act Updating Disclosure"),
    ("8-K", "6.06", "Static Pool"),
    ("8-K", "6.10", "Alternative Filings of Asset-Backed Issuers"),
    ("8-K", "7.01", "Regulation FD Disclosure"),
    ("8-K", "8.01", "Other Events"),
    ("8-K", "9.01", "Financial Statements and Exhibits"),
    ("8-K-pre2004", "1", "Changes in Control of Registrant"),
    ("8-K-pre2004", "2", "Acquisition or Disposition of Assets"),
    ("8-K-pre2004", "3", "Bankruptcy or Receivership"),
    ("8-K-pre2004", "4", "Changes in Registrant's Certifying Accountant"),
    ("8-K-pre2004", "5", "Other Events"),
    ("8-K-pre2004", "6", "Resignations of Registrant's Directors"),
    ("8-K-pre2004", "7", "Financial Statements and Exhibits"),
    ("8-K-pre2004", "8", "Change in Fiscal Year"),
    ("8-K-pre2004", "9", "Regulation FD Disclosure"),
    ("8-K-pre2004", "10", "Amendments to the Registrant's Code of Ethics, or Waiver of a "
                          "Provision of the Code of Ethics"),
    ("8-K-pre2004", "11", "Temporary Suspension of Trading Under Registrant's Employee "
                          "Benefit Plans"),
    ("8-K-pre2004", "12", "Results of Operations and Financial Condition"),
    ("ABS-15G", "1.01", "Initial Filing of Rule 15Ga-1 Representations and Warranties "
                        "Disclosure"),
    ("ABS-15G", "1.02", "Periodic Filing of Rule 15Ga-1 Representations and Warranties "
                        "Disclosure"),
    ("ABS-15G", "1.03", "Annual Filing of Rule 15Ga-1 Representations and Warranties "
                        "Disclosure"),
    ("ABS-15G", "2.01", "Findings and Conclusions of a Third-Party Due Diligence Report "
                        "Obtained by the Issuer"),
    ("ABS-15G", "2.02", "Findings and Conclusions of a Third-Party Due Diligence Report "
                        "Obtained by the Underwriter"),
)

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _title_key(title: str) -> str:
    # Headers vary punctuation (";" vs ":") and spacing, never the words.
    return _NON_ALNUM.sub("", title.lower())


_BY_CODE: dict[tuple[str, str], str] = {(s, c): t for s, c, t in ITEM_TABLE}
_BY_TITLE: dict[tuple[str, str], str] = {(s, _title_key(t)): c for s, c, t in ITEM_TABLE}


def item_scheme(form_type: str | None, filed: dt.date | None) -> str:
    """The numbering scheme a filing's items follow, from its form type and date."""
    base = (form_type or "").upper().removesuffix("/A")
    if base in ("8-K", "8-K12B", "8-K12G3", "8-K15D5"):
        if filed is not None and filed < ITEM_RENUMBERING_DATE:
            return "8-K-pre2004"
        return "8-K"
    if base == "ABS-15G":
        return "ABS-15G"
    return base or "unknown"


def normalize_code(code: str) -> str:
    """'7.1' -> '7.01', '05' -> '5'; codes outside the 8-K pattern are kept as given."""
    text = code.strip()
    match = re.fullmatch(r"0*(\d+)\.(\d+)", text)
    if match:
        return f"{int(match.group(1))}.{int(match.group(2)):02d}"
    if text.isdecimal():  # int() takes these; "²" passes isdigit but not int()
        return str(int(text))
    return text


def item_from_code(code: str, scheme: str) -> Item:
    """An item given by code (angle-bracket dialect), with its title when the table knows it."""
    normalized = normalize_code(code)
    return Item(code=normalized, title=_BY_CODE.get((scheme, normalized)), scheme=scheme)


def item_from_title(title: str, scheme: str) -> Item:
    """An item given by title (tab dialect), with its code when the table knows it."""
    clean = " ".join(title.split())
    return Item(code=_BY_TITLE.get((scheme, _title_key(clean))), title=clean, scheme=scheme)


def numbering_scheme(dotted: bool) -> str:
    """The 8-K scheme that item headings numbered this way belong to: "1.01" is the numbering
    of 2004-08-23 on, "5" the older one. The numbers tell it better than the filing date: an
    amendment filed after 2004 for an earlier event keeps the old numbers."""
    return "8-K" if dotted else "8-K-pre2004"
