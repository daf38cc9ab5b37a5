"""The adversarial corpus: hostile shapes of input at a size ``n`` (see ``corpus.py``)."""
