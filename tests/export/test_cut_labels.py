"""A flow label too long for its room on the map is cut there, and printed in full after the map:
nothing the user typed is lost on paper."""

from __future__ import annotations

from journeymapper.layout.map_layout import layout_map
from tests.check.builders import fl, make_map, tp

from .conftest import export
from .pdftools import flat, page_count, page_text, text

LONG = "Asks the florist whether the roses can be delivered before the dinner on Friday evening"
JAPANESE = "友達に勧められて花屋のウェブサイトを開き、配達の時間と花の色と値段とカードの言葉を何度も何度も確かめてから、やはり店に電話する"
SHORT = "Taps the tag"


def _map():
    cards = [tp("ad", "p1", "s1", title="Sees an ad"), tp("site", "p1", "s2", title="Opens the shop's site"),
             tp("buy", "p1", "s3", title="Buys the roses")]
    flows = [fl("f1", "ad", "site", label=LONG), fl("f2", "site", "buy", label=SHORT),
             fl("f3", "site", "ad", label=JAPANESE, kind="loop")]
    return make_map(cards, flows, stages=("s1", "s2", "s3"))


def test_the_layout_knows_which_labels_it_cut() -> None:
    flows = layout_map(_map()).flows
    assert flows["f1"].full_label == LONG
    assert flows["f3"].full_label == JAPANESE
    assert flows["f2"].full_label is None  # shown whole
    assert flat(" ".join(flows["f2"].label.lines)) == SHORT


def test_a_cut_label_is_printed_in_full_with_the_cards_it_joins(tmp_path) -> None:
    exported = export(_map(), tmp_path / "cut.pdf", appendix=False)
    on_the_map = flat(page_text(exported.path, 1))
    assert LONG not in on_the_map  # the map itself shows it cut
    pages = page_count(exported.path)
    after = flat(text(exported.path, 2, pages))
    assert "Flow labels in full" in after
    assert f"Sees an ad → Opens the shop's site {LONG}" in after
    assert JAPANESE in after.replace(" ", "")
    assert SHORT not in after  # labels shown whole are not repeated


def test_no_page_for_labels_when_none_is_cut(tmp_path) -> None:
    the_map = make_map([tp("a", "p1", "s1"), tp("b", "p1", "s2")], [fl("f", "a", "b", label=SHORT)],
                       stages=("s1", "s2"))
    exported = export(the_map, tmp_path / "whole.pdf", appendix=False)
    assert "Flow labels in full" not in text(exported.path)
