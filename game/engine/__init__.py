"""The story engine: load, validate and run stories. Pure Python; never imports pygame."""
