"""Kronik: raw scraped news in; clean articles, events and storylines out."""

__version__ = "0.1.0"
