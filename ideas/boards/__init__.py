"""Boards: cards posted by each table (or the plenum), clusters under headings, photos."""
