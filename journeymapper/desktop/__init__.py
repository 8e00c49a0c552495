"""Desktop integration on Linux (freedesktop.org): the menu entry, the `.jmap` MIME type, the icons.

`entries` says what the desktop entry and the MIME type contain (the files in
packaging/linux are written from it); `install` puts them, with the icons, into
the user's XDG folders for `journeymapper install-desktop`. Nothing here imports Qt.
"""
