"""Limits enforced before a file costs memory or time (see docs/jmap-format.md)."""

from ..i18n import _, _n

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
        return (_n("{n} byte", "{n} bytes", size).format(n=f"{size:,}"),
                _n("{n} byte", "{n} bytes", limit).format(n=f"{limit:,}"))
    # TRANSLATORS: a size in megabytes (MiB): "32.5 MB"
    return _("{n} MB").format(n=f"{size / mib:.1f}"), _("{n} MB").format(n=limit // mib)
