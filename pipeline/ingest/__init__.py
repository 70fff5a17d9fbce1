"""Ingest: files in the raw folder -> ``Article`` models (or ``SourceError`` for bad input).

``read.py`` lists and reads the files, ``files.py`` guards the file system (size caps, symlinks,
names), ``decode.py`` turns bytes into text.
"""
from pipeline.ingest.decode import decode
from pipeline.ingest.files import MAX_ARTICLE_BYTES, display
from pipeline.ingest.read import list_sources, read_article, read_corpus, read_meta, source_id_of

__all__ = ["MAX_ARTICLE_BYTES", "decode", "display", "list_sources", "read_article", "read_corpus",
           "read_meta", "source_id_of"]
