"""Pure Python shared by every front end: the game session (a running game with its
autosave and slots), and, over time, the save store, records and settings. (Paths are
``game/paths.py``, at the package's top: the engine needs them and must not import this.)

Nothing here imports pygame; the window (``game/ui``) and the text mode both use it.
"""
