"""Pure Python shared by every front end: the game session (a running game with its
autosave and slots), and, over time, the save store, records, settings and paths.

Nothing here imports pygame; the window (``game/ui``) and the text mode both use it.
"""
