"""Deploying a project to boards: compile (optional), sync only what changed, reset.

Configuration, in mpt.toml as [deploy] or in pyproject.toml as [tool.mpt.deploy]:

    source = "src"         # host folder to deploy (default: the folder of the config file)
    target = ":"           # board folder (default: the board's root)
    compile = true         # .py -> .mpy with mpt's compiler; boot.py and main.py stay .py
    exclude = ["tests"]    # extra patterns to skip (__pycache__, *.pyc, .git always are)
    delete = false         # remove board files the project does not have
    reset = true           # soft-reset afterwards so main.py starts
    ports = ["a0", "a1"]   # boards to deploy to when no -p is given
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from mpt.errors import InputFileError, UsageError
from mpt.fs.paths import strip_mark
from mpt.fs.sync import DEFAULT_EXCLUDES, SyncPlan, local_tree, plan_sync
from mpt.crosscompile.api import compile_source

KEEP_AS_SOURCE = ("boot.py", "main.py")


@dataclass
class DeployConfig:
    source: Path
    target: str = "/"
    compile: bool = True
    exclude: list[str] = field(default_factory=list)
    delete: bool = False
    reset: bool = True
    ports: list[str] = field(default_factory=list)


def _toml():
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib


def load_config(start: Path, explicit: Path | None = None) -> DeployConfig:
    """The deploy settings of the project around `start` (defaults if there are none)."""
    candidates = [explicit] if explicit else [
        folder / name for folder in [start.resolve(), *start.resolve().parents]
        for name in ("mpt.toml", "pyproject.toml")]
    for path in candidates:
        if path is None or not path.is_file():
            if explicit:
                raise InputFileError(f"{explicit}: no such file")
            continue
        try:
            data = _toml().loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputFileError(f"cannot read {path}: {exc}") from exc
        section = (data.get("tool", {}).get("mpt", {}) if path.name == "pyproject.toml"
                   else data).get("deploy")
        if section is None:
            if explicit:
                raise InputFileError(f"{path} has no deploy settings")
            continue
        return _from_section(section, path.parent)
    return DeployConfig(source=start.resolve())


def _from_section(section: dict, base: Path) -> DeployConfig:
    known = {"source", "target", "compile", "exclude", "delete", "reset", "ports"}
    unknown = set(section) - known
    if unknown:
        raise UsageError(f"unknown deploy setting(s): {', '.join(sorted(unknown))}")
    target = strip_mark(str(section.get("target", ":"))) or "/"
    return DeployConfig(source=(base / section.get("source", ".")).resolve(), target=target,
                        compile=bool(section.get("compile", True)),
                        exclude=list(section.get("exclude", [])),
                        delete=bool(section.get("delete", False)),
                        reset=bool(section.get("reset", True)),
                        ports=[str(p) for p in section.get("ports", [])])


def build_contents(config: DeployConfig) -> dict[str, bytes]:
    """What goes on the board: relative path -> bytes (compiled where asked)."""
    excludes = (*DEFAULT_EXCLUDES, *config.exclude)
    _folders, files = local_tree(config.source, excludes)
    contents: dict[str, bytes] = {}
    for relative, path in files.items():
        data = path.read_bytes()
        if config.compile and relative.endswith(".py") and relative not in KEEP_AS_SOURCE:
            contents[relative[:-3] + ".mpy"] = compile_source(data, relative)
        else:
            contents[relative] = data
    return contents


def plan_deploy(fs, config: DeployConfig, contents: dict[str, bytes]) -> SyncPlan:
    plan = plan_sync(fs, config.source, config.target, delete=config.delete,
                     excludes=(*DEFAULT_EXCLUDES, *config.exclude), contents=contents)
    # A stale x.py on the board would be imported instead of the new x.mpy.
    for relative in contents:
        if relative.endswith(".mpy"):
            shadow = relative[:-4] + ".py"
            if shadow in plan.remote_files and shadow not in plan.deletes:
                plan.deletes.append(shadow)
    return plan
