"""The window's screens: title, story, ledger, pause, saves, history, settings, about, ending."""
