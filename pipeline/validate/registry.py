"""Code -> rule. Codes are never reused: a removed rule stays here with lifecycle "removed".

Prefixes by scope: ``S1xx`` one study, ``A2xx`` one article, ``M3xx`` checks of the extracted
models themselves (schema and provenance).
"""
from __future__ import annotations

from collections.abc import Iterable

from pipeline.validate.base import Rule

_RULES: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator adding a rule to the registry (codes and slugs must be unique)."""
    for other in _RULES.values():
        if other.code == cls.code or other.slug == cls.slug:
            raise ValueError(f"rule {cls.code} {cls.slug}: code or slug already used by {other.code}")
    _RULES[cls.code] = cls
    return cls


def all_rules(include_removed: bool = False) -> list[type[Rule]]:
    import pipeline.validate.rules  # noqa: F401  (registers every rule)

    return sorted((r for r in _RULES.values() if include_removed or r.lifecycle != "removed"),
                  key=lambda r: r.code)


def lookup(key: str) -> type[Rule] | None:
    """The rule with this code or slug (case-insensitive code)."""
    for r in all_rules(include_removed=True):
        if r.code.lower() == key.lower() or r.slug == key.lower():
            return r
    return None


def _matches(rule: type[Rule], key: str) -> bool:
    return rule.slug == key.lower() or rule.code.upper().startswith(key.upper())


def unknown_selectors(keys: Iterable[str]) -> list[str]:
    """Selectors that match no rule (a typo in --select should not silently select nothing)."""
    return [k for k in keys if not any(_matches(r, k) for r in all_rules(include_removed=True))]


def select(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[type[Rule]]:
    """Rules picked by code, code prefix or slug; ``select`` empty means all."""
    select, ignore = list(select), list(ignore)
    return [r for r in all_rules()
            if (not select or any(_matches(r, k) for k in select)) and not any(_matches(r, k) for k in ignore)]
