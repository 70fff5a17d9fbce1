"""An ingested article: decoded text plus where it came from."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Kind = Literal["blog", "news", "abstract", "fulltext", "other"]


class Article(BaseModel):
    """One article from ``raw/``. ``text`` is what every span indexes into."""

    model_config = ConfigDict(frozen=True)

    source_id: str = Field(description="File name without its extension.")
    path: str = Field(description="Path of the file, relative to the raw folder.")
    sha256: str = Field(description="SHA-256 of the file's bytes.")
    title: str | None = None
    kind: Kind = "other"
    url: str | None = None
    text: str = Field(description="Decoded text with line endings normalised to \\n.")

    @property
    def n_chars(self) -> int:
        return len(self.text)


class SourceError(BaseModel):
    """An input file that could not be read as an article; the run goes on without it."""

    path: str
    code: str = Field(description="Short machine-readable reason, e.g. 'not-utf8'.")
    message: str = Field(description="One line naming the file and the place.")
