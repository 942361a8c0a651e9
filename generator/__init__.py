"""Briefing: scraped news articles + a YAML glossary -> an annotated MkDocs site."""
