"""Where a line breaks inside a word too long for it: a compound after its hyphen, Japanese by its
rules (no line starts with closing punctuation or ends with an opening bracket), and nothing is lost."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymapper.layout.text import _NO_LINE_END, _NO_LINE_START, shows_whole, text_width, wrap

JAPANESE = "パソコン歓迎の窓際ベンチと「12−14時はパソコン不可の席」の表示、しかも最後のページで。タブを閉じかけた。"


def test_a_long_compound_breaks_after_its_hyphen():
    assert wrap("Remote-Arbeiterin", 9, 60) == ("Remote-", "Arbeiterin")
    assert wrap("Werktags-Stammkunden zum Mitnehmen", 7, 60)[:2] == ("Werktags-", "Stammkunden")


@pytest.mark.parametrize("width", range(40, 220, 3))
def test_japanese_lines_keep_their_brackets_and_punctuation(width):
    lines = wrap(JAPANESE, 8, width)
    assert shows_whole(JAPANESE, lines)
    assert all(text_width(line, 8) <= width for line in lines)
    assert not [line for line in lines[1:] if line[0] in _NO_LINE_START]
    assert not [line for line in lines[:-1] if line[-1] in _NO_LINE_END]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aあ漢「」、。-/ ", min_size=1, max_size=60), st.integers(30, 200))
def test_any_text_wraps_whole_within_its_width(text, width):
    lines = wrap(text, 8, width)
    assert shows_whole(text, lines)
    assert all(text_width(line, 8) <= width for line in lines if len(line) > 1)
