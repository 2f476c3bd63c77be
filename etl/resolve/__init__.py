"""Resolve stage: turn what the text says (names, dates, figures, quotes) into warehouse values."""
