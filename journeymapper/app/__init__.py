"""The application: main window, docks, actions, files, autosave; the editor that owns a Document."""
