"""What every stage shares: errors, files, YAML, ids, dates, quantities and sentences."""
