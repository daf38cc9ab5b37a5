"""Report formats: what gets published from a checked arrangement."""

__all__: list[str] = []
