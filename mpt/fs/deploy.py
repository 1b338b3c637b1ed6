"""Deploying a project to boards: compile (optional), sync only what changed, reset.

The settings are the [deploy] table of mpt.toml (or [tool.mpt.deploy] in pyproject.toml);
mpt.projectconfig describes and checks every key. Without such a table deploying is refused.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from mpt.errors import UsageError
from mpt.fs.paths import strip_mark
from mpt.hostfiles import BOARD_FILE, read_input
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


def load_config(start: Path, explicit: Path | None = None) -> DeployConfig:
    """The deploy settings of the project around `start` (UsageError if it has none)."""
    from mpt.projectconfig import find_deploy
    from mpt.schema import ConfigError

    section, path = find_deploy(start, explicit)
    where = "tool.mpt.deploy" if path.name == "pyproject.toml" else "deploy"
    source = (path.parent / section.get("source", ".")).resolve()
    if not os.path.isdir(source):  # (never raises, unlike Path.is_dir)
        raise ConfigError(path, f"{where}.source", f"no such folder {source}")
    exclude = list(section.get("exclude", []))
    if path.parent.resolve() == source:
        exclude.append(path.name)  # the project's configuration is no file for the board
    return DeployConfig(source=source, target=strip_mark(section.get("target", ":")) or "/",
                        compile=section.get("compile", True), exclude=exclude,
                        delete=section.get("delete", False), reset=section.get("reset", True),
                        ports=list(section.get("ports", [])))


def write_template(folder: Path) -> Path:
    """Write a commented mpt.toml into `folder` (never over an existing file)."""
    from mpt.projectconfig import deploy_template

    path = Path(folder) / "mpt.toml"
    try:
        handle = open(path, "x", encoding="utf-8")
    except FileExistsError:
        raise UsageError(f"{path} already exists") from None
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with handle:
            handle.write(deploy_template())
    except BaseException as exc:  # no half-written file for the next try to trip over
        path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
    return path


def build_contents(config: DeployConfig) -> dict[str, bytes]:
    """What goes on the board: relative path -> bytes (compiled where asked)."""
    excludes = (*DEFAULT_EXCLUDES, *config.exclude)
    _folders, files = local_tree(config.source, excludes)
    contents: dict[str, bytes] = {}
    for relative, path in files.items():
        data = read_input(path, BOARD_FILE)
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
