"""The command line: headless commands, and (later) the dispatch to the editor."""
