"""Command-line tools for writers and teachers: lint, randomtest, and more."""
