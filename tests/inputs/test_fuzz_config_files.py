"""Seeded fuzz of configuration files: mutated mpt.toml, pyproject.toml [tool.mpt] and user
config.toml, read by `mpt deploy -n` (project files) and `mpt exec` (the user's port). No host
traceback, no hang, only documented exit codes, one error line on failure, no file left over."""

import random
import time

from tests.inputs.inproc import fuzz_budget, run_mpt
from tests.inputs.mutate import dump, mutate_structure, mutate_text, vary_values

SEED, CASES = fuzz_budget(1516, 150)
DOCUMENTED = {0, 1, 2, 3, 4, 130}
SCRATCH = ("tmp", ".part", ".check")  # names of half-done writes

PROJECT = {"board": {"port": "emu"},
           "deploy": {"source": "src", "target": ":app", "compile": True, "exclude": ["*.txt"],
                      "delete": False, "reset": True, "ports": ["emu"]}}
PYPROJECT = {"project": {"name": "demo"}, "tool": {"black": {"line-length": 99},
                                                    "mpt": PROJECT}}
USER = {"board": {"port": "emu"}}
KEYS = ["port", "board", "deploy", "source", "target", "compile", "exclude", "delete", "reset",
        "ports", "tool", "mpt"]
POOLS = {"port": ["emu", "auto", "a0", "socket://127.0.0.1:1", "", "tcp:127.0.0.1:1", "COM3"],
         "ports": ["emu", "", "a9"], "source": ["src", ".", "..", "nope", "src/main.py", ""],
         "target": [":", "", ":app", "app/../..", ":/lib"]}


def pyproject_text(document: dict) -> str:
    """dump() for a document whose [tool.mpt] tables nest (written as dotted tables)."""
    tool = document.get("tool")
    if not isinstance(tool, dict) or not isinstance(tool.get("mpt"), dict):
        return dump(document)
    rest = {k: v for k, v in document.items() if k != "tool"}
    mpt = tool["mpt"]
    text = dump(rest)
    others = {k: v for k, v in tool.items() if k != "mpt"}
    text += "".join(dump({k: v}).replace("[", "[tool.", 1) if isinstance(v, dict)
                    else f"[tool]\n{dump({k: v})}" for k, v in others.items())
    plain = {k: v for k, v in mpt.items() if not isinstance(v, dict)}
    text += "[tool.mpt]\n" + dump(plain)
    for name, table in mpt.items():
        if isinstance(table, dict):
            text += dump({name: table}).replace("[", "[tool.mpt.", 1)
    return text


def variant(base, rng):
    choice = rng.random()
    if choice < 0.4:
        return vary_values(base, rng, POOLS), False
    return mutate_structure(base, rng, KEYS), choice > 0.8


def check(outcome, problems, label, files_before, folder):
    if outcome.traceback or outcome.hang or outcome.code not in DOCUMENTED:
        problems.append(f"{label}: {outcome.code} {outcome.traceback[-800:]}"
                        f"{' hang' * outcome.hang}")
    elif outcome.code and len(outcome.error_lines) != 1:
        problems.append(f"{label}: exit {outcome.code} without one error line: "
                        f"{outcome.stderr[-500:]}")
    now = sorted(p.name for p in folder.iterdir() if p.name != ".mpt")  # .mpt: the emu's flash
    scratch = [p for p in folder.rglob("*") if any(mark in p.name for mark in SCRATCH)]
    if now != files_before or scratch:
        problems.append(f"{label}: files left behind: {now} {scratch}")


def test_fuzz_config_files(tmp_path, monkeypatch):
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / "src" / "lib").mkdir(parents=True)
    (project / "src" / "main.py").write_text("print('main')\n")
    (project / "src" / "lib" / "util.py").write_text("def f():\n    return 1\n")
    monkeypatch.chdir(project)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("MPT_PORT", raising=False)
    user = tmp_path / "home" / "mpt" / "config.toml"
    user.parent.mkdir(parents=True)
    rng = random.Random(SEED)
    counts = {"mpt.toml": 0, "pyproject.toml": 0, "config.toml": 0, "tracebacks": 0, "hangs": 0}
    problems, codes = [], {}
    started = time.perf_counter()
    for case in range(CASES):
        kind = rng.choice(["mpt.toml", "pyproject.toml", "config.toml"])
        for name in ("mpt.toml", "pyproject.toml"):
            (project / name).unlink(missing_ok=True)
        user.unlink(missing_ok=True)
        base = {"mpt.toml": PROJECT, "pyproject.toml": PYPROJECT, "config.toml": USER}[kind]
        document, slip = variant(base, rng)
        text = pyproject_text(document) if kind == "pyproject.toml" else dump(document)
        if slip:
            text = mutate_text(text, rng)
        if kind == "config.toml":
            user.write_text(text, encoding="utf-8")
            (project / "mpt.toml").write_text('[deploy]\nsource = "src"\n')
        else:
            (project / kind).write_text(text, encoding="utf-8")
        before = sorted(p.name for p in project.iterdir() if p.name != ".mpt")
        argv = ["exec", "print(1)"] if kind == "config.toml" and rng.random() < 0.5 else \
            ["deploy", "-n"]
        outcome = run_mpt(argv, timeout=15)
        counts[kind] += 1
        codes[outcome.code] = codes.get(outcome.code, 0) + 1
        counts["tracebacks"] += bool(outcome.traceback)
        counts["hangs"] += outcome.hang
        check(outcome, problems, f"case {case} {kind} {argv}:\n{text}\n->", before, project)
    print(f"config files: {counts}, exit codes {codes} in {time.perf_counter() - started:.1f} s")
    assert not problems, "\n\n".join(problems[:5])
