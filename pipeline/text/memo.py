"""Former home of the text index (``pipeline.text.index``); kept so that old imports still work."""
from pipeline.text.index import TextIndex as TextMemo, fold, windows

__all__ = ["TextMemo", "fold", "windows"]
