"""Extract stage: the facts of each document (hand-coded fact files; the machine extractor later)."""
