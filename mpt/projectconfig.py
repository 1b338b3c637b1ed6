"""Project and user configuration: mpt.toml, [tool.mpt] in pyproject.toml, and the user's
~/.config/mpt/config.toml (or $XDG_CONFIG_HOME/mpt/config.toml).

The schema below is the one description of their keys: it checks each file when it is read
(a wrong key or value is a ConfigError naming the file and the key), writes the commented
mpt.toml of `mpt deploy --init`, and generates the README's configuration reference.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from mpt.errors import UsageError
from mpt.schema import (Bool, ConfigError, Key, ListOf, Str, Table, describe, read_toml,
                        toml_literal, validate)

PORT = Key("port", Str(nonempty=True, what="a port name"),
           "the board: a device (/dev/ttyACM0, COM3), a shortcut (a0, u0, c3), "
           "socket://HOST:PORT, rfc2217://..., emu or auto", example='"a0"')

BOARD_SECTION = Table([PORT], doc="The board the board commands talk to when neither `-p` "
                                  "nor `$MPT_PORT` names one.")

DEPLOY_SECTION = Table([
    Key("source", Str(nonempty=True, what="a folder name"),
        "host folder to deploy, relative to the config file", default="."),
    Key("target", Str(what="a board folder"), "board folder to deploy to", default=":"),
    Key("compile", Bool(), ".py files go to the board as .mpy (boot.py and main.py stay .py)",
        default=True),
    Key("exclude", ListOf(Str(nonempty=True, what="a pattern")),
        "more patterns to skip (`__pycache__`, `*.pyc`, `.git` always are)", default=[]),
    Key("delete", Bool(), "remove board files the project does not have", default=False),
    Key("reset", Bool(), "soft-reset the board afterwards so main.py starts", default=True),
    Key("ports", ListOf(Str(nonempty=True, what="a port name")),
        "boards to deploy to when no `-p` is given (in parallel)", default=[]),
], doc="What `mpt deploy` does.")

PROJECT_FILE = Table([
    Key("port", PORT.kind, "shorthand for [board] port"),
    Key("board", BOARD_SECTION, "the [board] table"),
    Key("deploy", DEPLOY_SECTION, "the [deploy] table"),
], what="a table")

USER_FILE = Table([
    Key("port", PORT.kind, "shorthand for [board] port"),
    Key("board", BOARD_SECTION, "the [board] table"),
], what="a table")


def user_config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "mpt" / "config.toml"


def read_config(path: Path) -> dict | None:
    """The checked mpt settings of one file: a mpt.toml, a user config, or the [tool.mpt] table
    of a pyproject.toml (None when a pyproject.toml has none)."""
    path = Path(path)
    data = read_toml(path, "config file")
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(path, "tool", f"expected a table, got {describe(tool)}")
        if "mpt" not in tool:
            return None
        return validate(PROJECT_FILE, tool["mpt"], path, "tool.mpt")
    if path == user_config_path():
        return validate(USER_FILE, data, path)
    return validate(PROJECT_FILE, data, path)


def project_files(start: Path) -> Iterator[Path]:
    """mpt.toml and pyproject.toml files from `start` up to the repository root (.git)."""
    directory = Path(start).resolve()
    for folder in [directory, *directory.parents]:
        for name in ("mpt.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file():
                yield candidate
        if (folder / ".git").exists():
            break


def port_in(path: Path) -> str | None:
    """The port a config file names ([board] port, or port at its top level)."""
    settings = read_config(path) or {}
    return settings.get("board", {}).get("port") or settings.get("port")


def find_deploy(start: Path, explicit: Path | None = None) -> tuple[dict, Path]:
    """The checked [deploy] table of the project around `start` and the file it is in.

    The nearest mpt.toml (or pyproject.toml with [tool.mpt]) is the project's configuration;
    without one, or without [deploy] in it, deploying is refused: run in the wrong folder,
    it would upload whatever is there."""
    candidates = [Path(explicit)] if explicit else project_files(start)
    for path in candidates:
        if not os.path.isfile(path):  # (os.path: never raises on a too-long name)
            raise UsageError(f"{path}: not a file" if os.path.lexists(path)
                             else f"{path}: no such file")
        settings = read_config(path)
        if settings is None and not explicit:
            continue  # a pyproject.toml of another tool
        if not settings or "deploy" not in settings:
            where = "[tool.mpt.deploy]" if path.name == "pyproject.toml" else "[deploy]"
            raise UsageError(f"{path} has no {where} table (see 'mpt deploy --help')")
        return settings["deploy"], path
    raise UsageError(f"no mpt.toml in {Path(start).resolve()} or a folder above it: "
                     "'mpt deploy --init' writes a commented one here")


def deploy_template() -> str:
    """The commented mpt.toml `mpt deploy --init` writes: every key with its default."""
    lines = ["# mpt project configuration (reference: README.md, 'Configuration files').",
             "# Values shown are the defaults; uncomment and change what you need.", "",
             "[board]"]
    for key in BOARD_SECTION.keys:
        lines.append(f"# {key.name} = {key.example}    # {key.doc}")
    lines += ["", "[deploy]"]
    for key in DEPLOY_SECTION.keys:
        mark = "" if key.name == "source" else "# "
        lines.append(f"{mark}{key.name} = {toml_literal(key.default)}    # {key.doc}")
    return "\n".join(lines) + "\n"


def reference_sections() -> list[tuple[str, Table]]:
    return [("[board] (or `port` at the top level)", BOARD_SECTION),
            ("[deploy]", DEPLOY_SECTION)]
