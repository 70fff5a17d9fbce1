"""Exceptions for conditions the program cannot go on from (bad data gives findings instead)."""
from __future__ import annotations


class PipelineError(Exception):
    """Base class; the CLI prints ``str(e)`` and exits with ``exit_code``."""

    exit_code = 2


class InputError(PipelineError):
    """A usage or input problem: missing folder, unreadable decisions file, ..."""


class ContractError(PipelineError):
    """A database that does not follow (this version of) the contract."""


class LockTimeout(PipelineError):
    """Another run holds the lock."""
