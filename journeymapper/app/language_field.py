"""The map's Language field in the inspector: a list of the languages journeymapper prints its own
words in, and room to type any other language tag ("pt-BR", "nl").

The value is the tag (BCP 47) the map keeps; the format checks it when it is set, like any field.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox

from ..i18n import LANGUAGES, N_, _

# TRANSLATORS: the map's language, when it has none (a choice of the inspector's Language field).
NOT_SAID = N_("Not said")


def language_choices() -> list[tuple[str, str]]:
    """(shown, tag): not said, then every language with printed words, named in itself."""
    return [(_(NOT_SAID), ""), *((f"{name} ({code})", code) for code, name in LANGUAGES.items())]


class LanguageField(QComboBox):
    """Pick a language with print words, or type a tag (taken on Enter or when the field is left);
    `commit(tag)` gets each choice."""

    def __init__(self, commit: Callable[[str], None]) -> None:
        super().__init__()
        self.commit = commit
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for shown, tag in language_choices():
            self.addItem(shown, tag)
        self.setToolTip(_("The language the map is written in, e.g. en, de or pt-BR. The printout's own words "
                          "(headings, legend, page numbers) use it where journeymapper has them; other languages "
                          "print those words in English."))
        self.activated.connect(lambda index: self.commit(self.itemData(index)))
        # A tag typed is taken whole (Enter, or leaving the field): "pt-BR" is not stored as "pt" on the way.
        self.lineEdit().editingFinished.connect(lambda: self.commit(self.tag_of(self.currentText())))

    def tag_of(self, text: str) -> str:
        """The tag for what the field shows: a listed language's, else the text typed."""
        index = self.findText(text)
        return self.itemData(index) if index >= 0 else text.strip()

    def set_value(self, tag: str) -> None:
        index = self.findData(tag)
        if index >= 0:
            if self.currentIndex() != index or self.currentText() != self.itemText(index):
                self.setCurrentIndex(index)
        elif self.tag_of(self.currentText()) != tag:
            self.setEditText(tag)
