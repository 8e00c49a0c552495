"""Test-wide setup: Qt draws offscreen and never touches the user's settings or files."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
