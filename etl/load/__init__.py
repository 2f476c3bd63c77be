"""Load stage: write the warehouse file, atomically."""
