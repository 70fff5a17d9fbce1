"""Vocabularies kept as TOML data files beside this module, read once and cached.

Each vocabulary file holds ``[[entry]]`` tables with a ``name`` (the normalised value), ``terms``
(matched case-insensitively) and ``abbr`` (matched case-sensitively, so "SAD" is not "sad").
``TermIndex`` finds every term of a vocabulary in one pass over the text (Aho-Corasick).
Files are read in ``loader.py``; matching is in ``terms.py``.
"""
from pipeline.vocab.loader import VOCAB_DIR, index, iter_entries, load
from pipeline.vocab.terms import Hit, TermIndex, WindowFinder

__all__ = ["VOCAB_DIR", "Hit", "TermIndex", "WindowFinder", "index", "iter_entries", "load"]
