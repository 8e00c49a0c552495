"""Limits enforced before a file costs memory or time (see docs/jmap-format.md)."""

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_REPORTED_PROBLEMS = 50
