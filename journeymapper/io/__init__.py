"""Reading and writing `.jmap` files: validation with clear errors, migrations, atomic saves."""

from .errors import LoadError, SaveError
from .reader import LoadedMap, load_bytes, load_path
from .writer import dumps, save

__all__ = ["LoadError", "LoadedMap", "SaveError", "dumps", "load_bytes", "load_path", "save"]
