"""Test-wide setup: Qt draws offscreen and never touches the user's settings or files."""

import os

# Offscreen, unless the run names a platform itself: `./dev test-xcb` runs part of the GUI tests
# again on an X server (Xvfb) with QT_QPA_PLATFORM=xcb, where what offscreen hides (ambiguous
# shortcuts, focus, window activation) shows.
if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_QUICK_BACKEND", "software")
# The program speaks the user's language (JOURNEYMAPPER_LANGUAGE, then LANGUAGE, LC_ALL, LC_MESSAGES,
# LANG); the tests compare English words, so they run in English whatever the machine's locale,
# unless the run names a language itself.
os.environ.setdefault("JOURNEYMAPPER_LANGUAGE", "en")
# Figures and dates follow the locale (QLocale, in the editor): the tests read the neutral style.
os.environ.setdefault("LC_ALL", "C.UTF-8")
