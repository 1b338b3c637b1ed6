"""Seeded fuzz of every command's arguments: random and mutated argument lists built from each
command's options (click's own description, and `--help` text for `mpt compile`, which parses
its mpy-cross style options itself), run in-process with a deadline; `emulate` and `repl` as
subprocesses. No host traceback, no hang, only documented exit codes, one error line on
failure, no half-written file left behind."""

from __future__ import annotations

import random
import re
import subprocess
import sys
import time

import click

from tests.inputs.inproc import fuzz_budget, run_mpt

(SEED, CASES), SUBPROCESS_CASES = fuzz_budget(1517, 220), 4
DOCUMENTED = {0, 1, 2, 3, 4, 130}
SCRATCH = ("tmp", ".part", ".check")
# Not run in-process: `emulate` and `repl` own the terminal and signals (subprocess cases
# below); `firmware download` goes to the network and `firmware flash` looks for real boards.
SUBPROCESS_ONLY = {("emulate",), ("repl",)}
SKIPPED = {("firmware", "download"), ("firmware", "flash")}

VALUES = ["", "0", "1", "-1", "2", "99999", "0x48", "1.5", "nan", "abc", "-", "--", ":", ":x",
          ":d/", "p.py", "bad.py", "d", "d/", "nope", "nope/x", "/proc/nope", "/proc/nope/x",
          "afile", "out", "out.uf2", "out.bin", "out.hex", "img.bin", "img.uf2", "board.toml",
          "emu", "rp2", "esp32", "pyboard", "rp2040", "print(1)", "1/0", "import machine",
          "x" * 300, "\u00e9\u2603", "a:b", "127.0.0.1:0", "99999", "-5", "0:0", "--help",
          "socket://127.0.0.1:1", "rfc2217://127.0.0.1:1", "a0", "u0", "*.py", "/", "/dev/zero",
          "-x"]
PORTS = ["emu", "emu", "socket://127.0.0.1:1", "a0", "nope", "", "auto", "tcp:127.0.0.1:1"]
FILES = {"p.py": "print('hi')\n", "bad.py": "def (:\n", "afile": "", "board.toml":
         '[[pin]]\npin = "GP14"\nevents = [[0.1, 0]]\n', "img.bin": "\x00" * 64,
         "img.uf2": "UF2\n" * 16, "d/a.py": "x = 1\n"}


def command_table() -> dict[tuple[str, ...], list[tuple[str, bool]]]:
    """command path -> [(option, takes a value)]; arguments are marked '<arg>'."""
    from mpt.cli.main import cli

    table = {}

    def walk(group, path):
        ctx = click.Context(group, info_name="mpt")
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            if isinstance(command, click.Group):
                walk(command, (*path, name))
                continue
            options = []
            for param in command.params:
                if isinstance(param, click.Argument):
                    if param.type == click.UNPROCESSED:  # mpy-cross style: from --help
                        options += help_options(command)
                    options.append(("<arg>", True))
                    continue
                for name_ in (*param.opts, *param.secondary_opts):
                    options.append((name_, not param.is_flag and not param.count))
            table[(*path, name)] = options
    walk(cli, ())
    return table


def help_options(command) -> list[tuple[str, bool]]:
    text = command.get_help(click.Context(command, info_name=command.name))
    found = []
    for match in re.finditer(r"(?m)^\s+(-{1,2}[A-Za-z][\w-]*)(=| [A-Z]|\[)?", text):
        found.append((match.group(1), match.group(2) is not None))
    return found + [("-X", True), ("-O", False), ("-OOO", False), ("-march=x64", False),
                    ("-msmall-int-bits=5", False)]


def arguments(rng, path, options):
    argv = []
    if rng.random() < 0.6:
        argv += ["-p", rng.choice(PORTS)]
    words = []
    for _ in range(rng.randint(0, 3)):
        name, takes_value = rng.choice(options) if options else ("<arg>", True)
        if name != "<arg>":
            words.append([name, rng.choice(VALUES)] if takes_value and rng.random() < 0.9
                         else [name])
    words += [[rng.choice(VALUES)] for _ in range(rng.choice([0, 1, 1, 2, 2, 3]))]
    if rng.random() < 0.3:
        rng.shuffle(words)
    argv += list(path) + [word for group in words for word in group]
    action = rng.random()
    if action < 0.1 and len(argv) > len(path) + 1:
        del argv[rng.randrange(len(argv) - len(path)) + len(path)]
    elif action < 0.2:
        argv.insert(rng.randrange(len(argv) + 1), rng.choice(["--bogus", "-Z", "+", "--"]))
    elif action < 0.25:
        argv += ["+", "ls"]
    return argv


def prepare(folder):
    for name, text in FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)


def check(outcome, label, problems, folder):
    if outcome.traceback or outcome.hang or outcome.code not in DOCUMENTED:
        problems.append(f"{label} -> {outcome.code} {outcome.stderr[-300:]}"
                        f"{outcome.traceback[-900:]}{' hang' * outcome.hang}")
    elif outcome.code not in (0, 1) and len(outcome.error_lines) != 1:
        problems.append(f"{label} -> exit {outcome.code} without one error line: "
                        f"{outcome.stderr[-400:]!r}")
    scratch = [str(p) for p in folder.rglob("*") if any(m in p.name for m in SCRATCH)]
    if scratch:
        problems.append(f"{label} -> left {scratch}")


def isolate(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    for variable in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "MPT_CACHE_DIR",
                     "HOME"):
        monkeypatch.setenv(variable, str(tmp_path / "home" / variable.lower()))
    monkeypatch.delenv("MPT_PORT", raising=False)
    (work / ".git").mkdir()  # no project configuration above
    return work


def test_fuzz_cli_arguments(tmp_path, monkeypatch):
    work = isolate(tmp_path, monkeypatch)
    table = command_table()
    runnable = sorted(p for p in table if p not in SUBPROCESS_ONLY | SKIPPED)
    rng = random.Random(SEED)
    problems, codes = [], {}
    started = time.perf_counter()
    cases = [[*path, "--help"] for path in runnable]
    for _ in range(CASES):
        path = rng.choice(runnable)
        cases.append(arguments(rng, path, table[path]))
    for case, argv in enumerate(cases):
        prepare(work)
        outcome = run_mpt(argv, timeout=10)
        codes[outcome.code] = codes.get(outcome.code, 0) + 1
        check(outcome, f"case {case}: mpt {argv}", problems, work)
    print(f"CLI arguments: {len(cases)} argument lists over {len(runnable)} commands, "
          f"exit codes {codes} in {time.perf_counter() - started:.1f} s")
    assert not problems, "\n\n".join(problems[:6])
    assert set(codes) >= {0, 2}


def test_fuzz_serving_commands_as_subprocesses(tmp_path, monkeypatch):
    """emulate and repl end when their stdin closes, whatever the options."""
    work = isolate(tmp_path, monkeypatch)
    table = command_table()
    rng = random.Random(SEED + 1)
    problems = []
    for case in range(SUBPROCESS_CASES):
        path = sorted(SUBPROCESS_ONLY)[case % 2]
        argv = [a for a in arguments(rng, path, table[path]) if a != "+"]
        if path == ("repl",) and "-p" not in argv:
            argv = ["-p", "emu", *argv]
        prepare(work)
        try:
            result = subprocess.run([sys.executable, "-m", "mpt", *argv], cwd=work,
                                    input="", capture_output=True, text=True, timeout=60)
        except subprocess.TimeoutExpired:
            problems.append(f"mpt {argv}: still running after 60 s with stdin closed")
            continue
        lines = [line for line in result.stderr.splitlines() if line.startswith("mpt: error:")]
        if "Traceback (most recent call last)" in result.stderr and 'File "<stdin>"' not in \
                result.stderr or result.returncode not in DOCUMENTED or \
                (result.returncode not in (0, 1) and len(lines) != 1):
            problems.append(f"mpt {argv} -> {result.returncode} {result.stderr[-600:]}")
    assert not problems, "\n\n".join(problems)
