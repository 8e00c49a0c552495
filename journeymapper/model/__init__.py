"""The journey map as data, and the Document that is the only way to change it.

Pure data and rules: no I/O, no Qt.
"""

from .schema import KPI, Element, Flow, Map, Opportunity, PainPoint, Persona, Stage, Touchpoint
from .types import CHANNELS, EVIDENCE_LEVELS, FLOW_KINDS, LEVELS

__all__ = [
    "KPI",
    "Element",
    "Flow",
    "Map",
    "Opportunity",
    "PainPoint",
    "Persona",
    "Stage",
    "Touchpoint",
    "CHANNELS",
    "EVIDENCE_LEVELS",
    "FLOW_KINDS",
    "LEVELS",
]
