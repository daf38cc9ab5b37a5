"""Report formats: what gets published from a checked arrangement."""
