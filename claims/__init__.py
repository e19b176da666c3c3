"""claims: quantitative claims from ML papers, as clean, normalized, citable tables.

>>> import claims
>>> [(c.kind.value, c.value, c.unit) for c in claims.extract("128 A100 GPUs")]
[('hardware', 128.0, 'devices')]
"""

from claims.claim.rulepack import RulePackError, RuleSet, load_ruleset
from claims.model import Claim, Document, DocumentError, Kind
from claims.quantity import Quantity, quantities
from claims.run.pipeline import extract, extract_all, extract_document, extract_frame

__all__ = [
    "Claim", "Document", "DocumentError", "Kind", "Quantity", "RulePackError", "RuleSet",
    "extract", "extract_all", "extract_document", "extract_frame", "load_ruleset",
    "quantities",
]
__version__ = "0.1.0"
