"""ETL of the conflict-reports fact warehouse: seeds -> ingest -> extract -> resolve -> load."""
