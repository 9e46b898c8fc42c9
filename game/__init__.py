"""Last Train Home: a narrative game about the Zhangs, a migrant-worker family."""

__version__ = "0.1.0"
