"""Entry point of the PyInstaller bundle: the same as the `journeymapper` command.

Kept outside the package so the bundle's start-up script is not a module of it
(PyInstaller runs this file as `__main__`).
"""

import sys

from journeymapper.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
