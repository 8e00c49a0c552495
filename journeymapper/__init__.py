"""journeymapper: a desktop editor for customer journey maps."""

__version__ = "0.1.0"

FILE_FORMAT_VERSION = 2
"""The `.jmap` format this journeymapper writes: `io.migrations.CURRENT_VERSION` (a test holds the two
equal). It is here too because the migrations import the model to register their steps, and
`journeymapper --version` must print it without pydantic."""
