"""Limits enforced before a file costs memory or time (see docs/jmap-format.md)."""

MAX_FILE_BYTES = 32 * 1024 * 1024
"""The most a `.jmap` file may hold, as read and in its canonical form (as journeymapper saves it)."""
CANONICAL_CHECK_FROM = 2 * 1024 * 1024
"""Files this small cannot grow past the limit in canonical form (every element grows at most
about ten times, tests/io/test_size_limits.py): their canonical size is measured only above it."""
MAX_REPORTED_PROBLEMS = 50


def describe_sizes(size: int, limit: int = MAX_FILE_BYTES) -> tuple[str, str]:
    """A size and the limit in words a person can tell apart (bytes when megabytes would read the same)."""
    mib = 1024 * 1024
    if round(size / mib, 1) * mib <= limit:
        return f"{size:,} bytes", f"{limit:,} bytes"
    return f"{size / mib:.1f} MB", f"{limit // mib} MB"
