"""`python -m journeymapper`: the same as the `journeymapper` command."""

import sys

from journeymapper.cli.main import main

sys.exit(main())
