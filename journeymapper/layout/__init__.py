"""Pure geometry: where every lane, column, card, curve point and arrow goes, in points (no Qt)."""
