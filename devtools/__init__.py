"""Tools for developers only, outside the game package and never shipped with it.

``python -m devtools.make_audio`` synthesises the music and sounds, ``python -m
devtools.subset_fonts`` cuts the fonts down, ``python -m devtools.build_desktop`` makes
the desktop build with PyInstaller. They run from a source checkout.
"""
