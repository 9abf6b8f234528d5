"""Across editions: the show, its podcast feed and show page, and a local server."""
