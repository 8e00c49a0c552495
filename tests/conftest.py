"""Test-wide setup: Qt draws offscreen and never touches the user's settings or files."""

import os

# Offscreen, unless the run names a platform itself: `./dev test-xcb` runs part of the GUI tests
# again on an X server (Xvfb) with QT_QPA_PLATFORM=xcb, where what offscreen hides (ambiguous
# shortcuts, focus, window activation) shows.
if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_QUICK_BACKEND", "software")
