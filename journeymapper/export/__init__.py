"""Headless outputs (PDF, pictures) drawn from the layout (no Qt)."""
