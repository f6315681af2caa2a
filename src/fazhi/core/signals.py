"""Signals between modules. A module that concludes a case about another module's record sends one; the module that
owns the record listens (`apps.ready`), so neither imports the other's actions.

`outcome_recorded` (sender: the concluded case's model) is sent inside the concluding action's transaction with
`case` (the concluded 复议 or 诉讼 case), `correction` (what the outcome did to the contested act: "revoked",
"altered", "confirmed_illegal", "confirmed_void", or "" when it left it standing), `on` (the date), `source`
(a Chinese description, e.g. "行政复议决定（撤销）") and `actor`. A receiver that raises rolls the conclusion back.
"""

from django.dispatch import Signal

outcome_recorded = Signal()

# The outcomes that change the contested act, spelt the same in reconsideration.Outcome and litigation.Outcome.
CORRECTIONS = ("revoked", "altered", "confirmed_illegal", "confirmed_void")


def correction_of(outcome) -> str:
    """What an outcome did to the contested act, in the vocabulary of `outcome_recorded` ("" when it stands)."""
    return outcome if outcome in CORRECTIONS else ""

# 附带审查 of a normative document (行政复议法 arts. 56–60), sent by `fazhi.reconsideration` with `review` (the
# IncidentalReview) and `actor` when it is requested, and with `on` too when it is decided (lawful, unlawful) or the
# body it was transferred to replies. The normative-document module links the review to the document and records
# the finding on it.
incidental_review_requested = Signal()
incidental_review_decided = Signal()
