"""A value read from the text and the span it came from: the provenance every fact carries."""
from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

T = TypeVar("T")


class Span(BaseModel):
    """A half-open character range ``[char_start, char_end)`` of the article text."""

    model_config = ConfigDict(frozen=True)

    char_start: int = Field(ge=0)
    char_end: int = Field(ge=0)
    quote: str = Field(description="Exactly text[char_start:char_end].")

    @model_validator(mode="after")
    def _ordered(self) -> "Span":
        if self.char_end < self.char_start:
            raise ValueError("char_end before char_start")
        if len(self.quote) != self.char_end - self.char_start:
            raise ValueError("quote length does not match the span")
        return self

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(char_start=start, char_end=end, quote=text[start:end])


class Fact(BaseModel, Generic[T]):
    """An extracted value, the span it was read from and the rule that read it."""

    model_config = ConfigDict(frozen=True)

    value: T
    span: Span
    rule: str = Field(description="Name of the extraction rule, e.g. 'sample-size/n-equals'.")
