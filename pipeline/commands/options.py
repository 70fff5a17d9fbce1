"""What every command shares: the paths in effect (flags, environment, ``[tool.pipeline]``), the
``--format``, ``-q``/``-v`` options, plurals, and hints that name the paths the user gave.

A path comes from, in order of precedence: its command-line flag; its environment variable
(``PIPELINE_DB``, ...); the ``[tool.pipeline]`` table of the nearest ``pyproject.toml`` (paths
there are relative to that file's folder); the built-in default. ``decisions`` and ``export``
default to ``decisions.toml`` and ``export/`` beside the database.
"""
from __future__ import annotations

import json
import os
import re
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from pipeline.errors import InputError, PipelineError
from pipeline.settings import DEFAULT_DB, DEFAULT_RAW, DEFAULT_REPORT
from pipeline.words import plural as plural  # re-exported for the commands

F = TypeVar("F", bound=Callable[..., Any])

# key -> (flag, environment variable, what it is); the README's configuration table lists the same.
KEYS: dict[str, tuple[str, str, str]] = {
    "raw": ("--raw", "PIPELINE_RAW", "folder of article .txt files"),
    "db": ("--db", "PIPELINE_DB", "the evidence database"),
    "decisions": ("--decisions", "PIPELINE_DECISIONS", "the curator's decisions file"),
    "export": ("--export", "PIPELINE_EXPORT", "the text export folder"),
    "report": ("--out", "PIPELINE_REPORT", "the HTML report `pipeline report` writes"),
}
# Options each command takes (and so repeats in a hint that names it).
COMMAND_KEYS: dict[str, tuple[str, ...]] = {
    "run": ("raw", "db", "decisions", "export"), "validate": ("raw", "decisions"),
    "flags": ("db", "raw"), "studies": ("db",), "show": ("db", "raw", "decisions"),
    "decisions": ("db", "decisions"), "ack": ("db", "decisions"), "set": ("db", "decisions"),
    "add": ("db", "decisions"), "reject": ("db", "decisions"), "report": ("db", "report"),
    "check-db": (), "config": (),
}


@dataclass
class Setting:
    value: Path
    source: str  # "flag", "PIPELINE_DB", "pyproject.toml:12", "default"


@dataclass
class Paths:
    """The paths in effect for one command, and where each came from."""

    settings: dict[str, Setting] = field(default_factory=dict)

    @property
    def raw(self) -> Path:
        return self.settings["raw"].value

    @property
    def db(self) -> Path:
        return self.settings["db"].value

    @property
    def decisions(self) -> Path:
        return self.settings["decisions"].value

    @property
    def export(self) -> Path:
        return self.settings["export"].value

    @property
    def report(self) -> Path:
        return self.settings["report"].value

    def explicit(self, key: str) -> bool:
        """Whether the path was chosen (flag, environment or pyproject), not a built-in default."""
        return self.settings[key].source != "default"

    def command(self, name: str, *args: str) -> str:
        """``pipeline NAME ARGS`` with the options a user must repeat: paths given on the command line."""
        parts = ["pipeline", name, *args]
        for key in COMMAND_KEYS.get(name, ()):
            s = self.settings.get(key)
            if s is not None and s.source == "flag":
                parts += [KEYS[key][0], quote(str(s.value))]
        return " ".join(parts)

    def hint(self, message: str) -> str:
        """``message`` with every bare `pipeline CMD` completed with the paths given on the command line."""
        # Not "another `pipeline run` (pid ...)": that names a process, it is no instruction.
        return re.sub(r"(?<!another )`pipeline ([a-z-]+)((?: [^`]*)?)`",
                      lambda m: f"`{self.command(m.group(1))}{m.group(2)}`" if m.group(1) in COMMAND_KEYS
                      else m.group(0), message)


def quote(s: str) -> str:
    """A shell word: bare when safe, else single-quoted."""
    return s if re.fullmatch(r"[\w@%+=:,./#-]+", s) else "'" + s.replace("'", "'\\''") + "'"


def find_pyproject(start: Path | None = None) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start`` (the current folder)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def read_config(pyproject: Path | None) -> dict[str, tuple[Path, str]]:
    """``[tool.pipeline]`` of ``pyproject``: key -> (path relative to the current folder, where)."""
    if pyproject is None:
        return {}
    try:
        text = pyproject.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise InputError(f"{pyproject}: cannot read [tool.pipeline]: {e}") from None
    table = data.get("tool", {}).get("pipeline", {})
    if not isinstance(table, dict):
        raise InputError(f"{pyproject}: [tool.pipeline] must be a table")
    out = {}
    base = pyproject.parent
    for key, value in table.items():
        line = next((i for i, t in enumerate(text.splitlines(), 1) if re.match(rf"\s*{re.escape(key)}\s*=", t)), 0)
        where = f"{_shown(pyproject)}:{line}"
        if key not in KEYS:
            raise InputError(f"{where}: unknown key {key!r} in [tool.pipeline]; one of: {', '.join(KEYS)}")
        if not isinstance(value, str) or not value:
            raise InputError(f"{where}: {key} must be a path (a string)")
        out[key] = (_relative(base / value), where)
    return out


def _shown(p: Path) -> str:
    try:
        return str(p.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


def _relative(p: Path) -> Path:
    """``p`` relative to the current folder when it is below it (shorter messages), else absolute."""
    try:
        return p.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return p


_DEFAULTS = {"raw": DEFAULT_RAW, "db": DEFAULT_DB, "report": DEFAULT_REPORT}


def resolve_paths(**given: Path | None) -> Paths:
    """The paths in effect: ``given`` (command-line values, None when not given), then the environment,
    then ``[tool.pipeline]``, then the defaults."""
    config = read_config(find_pyproject())
    paths = Paths()

    def pick(key: str) -> Setting | None:
        if given.get(key) is not None:
            return Setting(Path(given[key]), "flag")  # type: ignore[arg-type]
        env = KEYS[key][1]
        if os.environ.get(env):
            return Setting(Path(os.environ[env]), env)
        if key in config:
            return Setting(*config[key])
        return None

    for key in ("raw", "db", "report"):
        paths.settings[key] = pick(key) or Setting(_DEFAULTS[key], "default")
    db = paths.db
    for key, name in (("decisions", "decisions.toml"), ("export", "export")):
        paths.settings[key] = pick(key) or Setting(db.parent / name, "default")
    return paths


def paths_from(ctx: click.Context, **given: Path | None) -> Paths:
    """``resolve_paths`` for a command, kept on its context so that errors can quote them."""
    try:
        paths = resolve_paths(**given)
    except PipelineError as e:
        fail(e)
    ctx.meta["pipeline.paths"] = paths
    return paths


# -- options -------------------------------------------------------------------------------------

def path_option(key: str, help: str, **kw: Any) -> Callable[[F], F]:
    flag, env, what = KEYS[key]
    return click.option(flag, key, type=click.Path(path_type=Path, **kw), default=None,
                        help=f"{help} [env {env}; default: {_default_text(key)}, or {key} in [tool.pipeline]]")


def _default_text(key: str) -> str:
    if key in _DEFAULTS:
        return str(_DEFAULTS[key])
    return f"{'decisions.toml' if key == 'decisions' else 'export/'} beside the database"


def format_option(*choices: str) -> Callable[[F], F]:
    names = choices or ("text", "json")
    return click.option("--format", "fmt", type=click.Choice(list(names)), default="text", show_default=True,
                        help="text for people, json for programs" + (", github for workflow annotations"
                                                                     if "github" in names else "") + ".")


def verbosity_options(f: F) -> F:
    """``-q/--quiet`` and ``-v/--verbose``, kept on the context (``level()``: -1, 0 or 1)."""
    def store(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
        if value:
            ctx.meta["pipeline.level"] = -1 if param.name == "quiet" else 1
        return value

    f = click.option("-v", "--verbose", is_flag=True, expose_value=False, callback=store,
                     help="Say more (hints, timings).")(f)
    f = click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=store,
                     help="Print only results and errors.")(f)
    return f


def level() -> int:
    ctx = click.get_current_context(silent=True)
    return int(ctx.meta.get("pipeline.level", 0)) if ctx else 0


def say(message: str, err: bool = False) -> None:
    """A progress or summary line: not printed with -q."""
    if level() >= 0:
        click.echo(message, err=err)


def detail(message: str, err: bool = False) -> None:
    """A line printed only with -v."""
    if level() > 0:
        click.echo(message, err=err)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=1, ensure_ascii=False, default=str))


def fail(e: PipelineError) -> NoReturn:
    """Print ``error: ...`` (its hints completed with the paths in effect) and exit with its code."""
    ctx = click.get_current_context(silent=True)
    paths = ctx.meta.get("pipeline.paths") if ctx else None
    message = paths.hint(str(e)) if isinstance(paths, Paths) else str(e)
    click.echo(f"error: {message}", err=True)
    sys.exit(e.exit_code)


def location(raw: Path, path: str, line: int | None, col: int | None) -> str:
    """``raw/x.txt:3:12``, the form editors and terminals open."""
    where = (raw / path).as_posix()
    return f"{where}:{line}:{col or 1}" if line else where
