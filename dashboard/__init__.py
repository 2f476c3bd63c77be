"""The analytic dashboard: thin pages over query functions over one read-only connection."""
