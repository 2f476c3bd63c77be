"""Ingest stage: read a corpus folder (documents and catalog) as it was received."""
