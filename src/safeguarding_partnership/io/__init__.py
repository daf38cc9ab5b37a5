"""Reading and writing arrangements files: located loading, dumping, schema, atomic writes."""

__all__: list[str] = []
