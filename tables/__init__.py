"""Table specs (YAML) that turn claims into normalized tables."""
