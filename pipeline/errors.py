"""Exceptions for conditions the program cannot go on from (bad data gives findings instead)."""
from __future__ import annotations


class PipelineError(Exception):
    """Base class; the CLI prints ``str(e)`` and exits with ``exit_code``."""

    exit_code = 2


class InputError(PipelineError):
    """A usage or input problem: missing folder, unreadable decisions file, ..."""


class ContractError(PipelineError):
    """A database that does not follow (this version of) the contract."""

    contract_version: int | None = None  # the version the file records, when it records one


class LockTimeout(PipelineError):
    """Another run holds the lock."""


class WriteError(PipelineError):
    """A file could not be written (disk full, read-only folder, ...); its old content is kept."""

    def __init__(self, path: object, cause: str, restored: bool = True):
        super().__init__(f"{path}: cannot write ({cause})")
        self.path, self.cause = path, cause
        self.restored = restored  # False: a group of files was left partly replaced
