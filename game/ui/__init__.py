"""The pygame-ce window: the only part of the game that touches pygame."""
