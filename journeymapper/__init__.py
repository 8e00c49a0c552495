"""journeymapper: a desktop editor for customer journey maps."""

__version__ = "0.1.0"

FILE_FORMAT_VERSION = 2
"""The `.jmap` format this journeymapper writes (`io.migrations.CURRENT_VERSION` is this one): here, so that
`journeymapper --version` says it without loading anything else."""
