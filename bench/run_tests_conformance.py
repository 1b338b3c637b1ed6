"""Run MicroPython's own tests/run-tests.py, unpatched, against `mpt-micropython`; print
pass/fail/skip per test folder.

    python bench/run_tests_conformance.py MICROPYTHON_SRC [--unittest DIR] [--jobs N]
                                          [--dirs basics,float,...] [--failures]
                                          [--reference MICROPYTHON_BINARY] [--include REGEX]
                                          [--single-float] [--pty BOARD [--pty-only]]
                                          [--keep-results DIR]

MICROPYTHON_SRC is a MicroPython source checkout (its tests/ are run in place, nothing is
written into it: results go to a temporary folder). run-tests.py gets the drop-in through
MICROPY_MICROPYTHON (the `mpt-micropython` console script next to this Python, else a
temporary wrapper running `python -m mpt.unix_cmdline`), with --keep-path and a MICROPYPATH of
.frozen, the checkout's extmod/ and --unittest (micropython-lib's python-stdlib/unittest
folder, needed by the tests that import unittest; default: the checkout's
lib/micropython-lib copy). Expected outputs are run-tests.py's own: .exp files, else CPython
(MICROPY_CPYTHON3, default python3). One run-tests.py run per folder.

--pty BOARD runs the same folders a second time the way run-tests.py drives a real board:
`-t execpty:"mpt emulate --pty --board BOARD"` (the emulated board served on a pseudo-terminal,
micropython-lib's unittest in its flash's lib/), prints its counts and seconds beside the
drop-in's, and lists the tests whose outcome differs between the two. With --pty-only the
board alone runs them (no drop-in, no reference run); --failures then lists the board's
failed and skipped tests.

--keep-results DIR keeps run-tests.py's result folders (each failed test's .out and .exp)
in DIR, one folder per run and test folder.

--reference runs the same folders on a real MicroPython binary too (the unix port built from
MICROPYTHON_SRC: `make -C ports/unix`), prints its counts beside mpt's, and lists the "gap": the
tests the reference passes and mpt does not. --single-float runs the drop-in with
single-precision floats (the rp2, esp32 and stm32 boards' floats), to compare with a unix
build made with them (`make -C ports/unix CFLAGS_EXTRA='-DMICROPY_FLOAT_IMPL=MICROPY_FLOAT_IMPL_FLOAT'`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time

DIRS = ("basics", "float", "micropython", "misc", "extmod", "import", "io", "unicode", "stress",
        "cmdline", "thread")


def drop_in(tmp: str) -> str:
    """A single executable path for MICROPY_MICROPYTHON."""
    here = os.path.join(os.path.dirname(sys.executable), "mpt-micropython")
    if os.path.isfile(here) and os.access(here, os.X_OK):
        return here
    wrapper = os.path.join(tmp, "mpt-micropython")
    with open(wrapper, "w") as handle:
        handle.write(f'#!/bin/sh\nexec "{sys.executable}" -m mpt.unix_cmdline "$@"\n')
    os.chmod(wrapper, os.stat(wrapper).st_mode | stat.S_IXUSR)
    return wrapper


def pty_target(tmp: str, board: str, unittest: str) -> str:
    """run-tests.py's -t for the emulated board on a pseudo-terminal, its flash a fresh folder
    holding unittest (as `mpremote mip install unittest` puts it on a real board)."""
    flash = os.path.join(tmp, "pty-flash")
    shutil.copytree(os.path.join(unittest, "unittest"), os.path.join(flash, "lib", "unittest"))
    mpt = os.path.join(os.path.dirname(sys.executable), "mpt")
    command = mpt if os.access(mpt, os.X_OK) else f"{sys.executable} -m mpt"
    # pyboard.py splits the command at spaces: the temporary folder's path has none
    return f"execpty:{command} emulate --pty --board {board} --flash {flash}"


def run_dir(src: str, folder: str, env: dict, jobs: int, tmp: str,
            include: str | None = None, target: str | None = None,
            emit: str = "bytecode") -> dict:
    """run-tests.py on one folder (only the tests matching ``include``, a regular
    expression, when given; on TARGET, a -t instance, if given): its counts and failed
    tests."""
    results = os.path.join(tmp, "results-" + folder.replace("/", "-"))
    start = time.monotonic()
    instance = ["-t", target] if target else []
    proc = subprocess.run(
        [sys.executable, "run-tests.py", "--keep-path", "-r", results, "-j", str(jobs),
         "-d", folder, "--emit", emit] + instance + (["-i", include] if include else []),
        cwd=os.path.join(src, "tests"), env=env, capture_output=True, text=True,
        errors="replace")
    elapsed = time.monotonic() - start
    counts = {"pass": 0, "fail": 0, "skip": 0}
    failed: list[str] = []
    outcomes: dict[str, str] = {}
    report = os.path.join(results, "_results.json")
    if os.path.exists(report):
        with open(report) as handle:
            for entry in json.load(handle).get("results", []):
                test, outcome = entry[0], entry[1]
                counts[outcome] = counts.get(outcome, 0) + 1
                outcomes[test] = outcome
                if outcome == "fail":
                    failed.append(test)
    else:  # run-tests.py stopped before testing (e.g. a feature check failed)
        counts["error"] = 1
        failed.append((proc.stdout + proc.stderr).strip().splitlines()[-1:] and
                      (proc.stdout + proc.stderr).strip().splitlines()[-1] or "no output")
    counts["seconds"] = round(elapsed, 1)
    return {"counts": counts, "failed": failed, "outcomes": outcomes, "log": proc.stdout}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_tests_conformance.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("src", help="MicroPython source checkout")
    parser.add_argument("--unittest", default=None,
                        help="folder holding micropython-lib's unittest package")
    parser.add_argument("--jobs", "-j", type=int, default=2)
    parser.add_argument("--dirs", default=",".join(DIRS),
                        help="comma-separated test folders (default: %(default)s)")
    parser.add_argument("--failures", action="store_true", help="list the failed tests")
    parser.add_argument("--pty", default=None, metavar="BOARD",
                        help="also run the folders on `mpt emulate --pty --board BOARD`")
    parser.add_argument("--pty-only", action="store_true",
                        help="run the folders on the --pty board only")
    parser.add_argument("--keep-results", default=None, metavar="DIR",
                        help="copy run-tests.py's result folders into DIR")
    parser.add_argument("--include", "-i", default=None, metavar="REGEX",
                        help="only the tests whose path matches REGEX (run-tests.py's -i)")
    parser.add_argument("--emit", default="bytecode", choices=("bytecode", "native"),
                        help="run-tests.py's --emit: the drop-in and the reference get "
                             "-X emit=EMIT (native: every function as @micropython.native)")
    parser.add_argument("--reference", default=None, metavar="BINARY",
                        help="a real MicroPython binary to run the same tests on, for comparison")
    parser.add_argument("--single-float", action="store_true",
                        help="run the drop-in as the unix build with single-precision floats "
                             "(MPT_UNIX_FEATURES=unix-float); compare with such a --reference")
    args = parser.parse_args(argv)
    if args.pty_only and not args.pty:
        parser.error("--pty-only needs --pty BOARD")
    src = os.path.abspath(args.src)
    if not os.path.isfile(os.path.join(src, "tests", "run-tests.py")):
        parser.error(f"{args.src} has no tests/run-tests.py")
    unittest = args.unittest or os.path.join(src, "lib", "micropython-lib", "python-stdlib",
                                             "unittest")
    with tempfile.TemporaryDirectory(prefix="mpt-run-tests-") as tmp:
        env = dict(os.environ)
        env["MICROPY_MICROPYTHON"] = drop_in(tmp)
        env["MICROPYPATH"] = os.pathsep.join(
            [".frozen", os.path.join(src, "extmod"), os.path.abspath(unittest)])
        env.pop("MPT_FLASH", None)
        if args.single_float:
            env["MPT_UNIX_FEATURES"] = "unix-float"
        total = {"pass": 0, "fail": 0, "skip": 0}
        ref_total = {"pass": 0, "fail": 0, "skip": 0}
        gap_total = 0
        ref_env = dict(env, MICROPY_MICROPYTHON=os.path.abspath(args.reference)) \
            if args.reference else None
        ref_head = f" {'ref pass':>8} {'ref fail':>8} {'ref skip':>8} {'gap':>4}" \
            if ref_env else ""
        print(f"{'dir':<12} {'pass':>5} {'fail':>5} {'skip':>5} {'seconds':>8}{ref_head}",
              flush=True)
        for folder in [d for d in args.dirs.split(",") if d]:
            if args.pty_only:
                pty_alone(src, folder, env, tmp, args)
                continue
            outcome = run_dir(src, folder, env, args.jobs, tmp, args.include, emit=args.emit)
            c = outcome["counts"]
            for key in total:
                total[key] += c.get(key, 0)
            note = "  (run-tests.py did not test: " + outcome["failed"][0] + ")" \
                if "error" in c else ""
            ref_cells, gap = "", []
            if ref_env is not None:
                ref_tmp = os.path.join(tmp, "ref")
                os.makedirs(ref_tmp, exist_ok=True)
                ref = run_dir(src, folder, ref_env, args.jobs, ref_tmp, args.include,
                              emit=args.emit)
                r = ref["counts"]
                for key in ref_total:
                    ref_total[key] += r.get(key, 0)
                gap = sorted(t for t, o in ref["outcomes"].items()
                             if o == "pass" and outcome["outcomes"].get(t) != "pass")
                gap_total += len(gap)
                ref_cells = f" {r['pass']:>8} {r['fail']:>8} {r['skip']:>8} {len(gap):>4}"
            print(f"{folder:<12} {c['pass']:>5} {c['fail']:>5} {c['skip']:>5} "
                  f"{c['seconds']:>8}{ref_cells}{note}", flush=True)
            if args.failures and "error" not in c:
                for test in outcome["failed"]:
                    print(f"    FAIL {test}")
            for test in gap:
                print(f"    GAP  {test} ({outcome['outcomes'].get(test, 'not run')} on mpt)")
            if args.pty:
                compare_pty(src, folder, env, tmp, outcome, args.pty, unittest, args.include)
        if args.keep_results:
            keep_results(tmp, args.keep_results)
        if args.pty_only:
            return 0
        ran = total["pass"] + total["fail"]
        rate = f"{100 * total['pass'] / ran:.1f}%" if ran else "-"
        print(f"{'total':<12} {total['pass']:>5} {total['fail']:>5} {total['skip']:>5}   "
              f"pass rate {rate} of the tests run")
        if ref_env is not None:
            print(f"reference    {ref_total['pass']:>5} {ref_total['fail']:>5} "
                  f"{ref_total['skip']:>5}   gap: {gap_total} tests the reference passes and "
                  "mpt does not")
    return 0


def keep_results(tmp: str, dest: str) -> None:
    """Copy every result folder run-tests.py wrote under ``tmp`` into ``dest``."""
    for root, dirs, _files in os.walk(tmp):
        for name in list(dirs):
            if name.startswith("results-"):
                source = os.path.join(root, name)
                prefix = os.path.relpath(root, tmp).replace(os.sep, "-")
                target = name if prefix == "." else prefix + "-" + name
                shutil.copytree(source, os.path.join(dest, target), dirs_exist_ok=True)
                dirs.remove(name)


def pty_alone(src: str, folder: str, env: dict, tmp: str, args: argparse.Namespace) -> None:
    """The folder on the board served on a pty alone: its counts, failed and skipped tests."""
    pty_tmp = tempfile.mkdtemp(prefix="pty-", dir=tmp)
    unittest = args.unittest or os.path.join(src, "lib", "micropython-lib", "python-stdlib",
                                             "unittest")
    pty = run_dir(src, folder, env, 1, pty_tmp, args.include,
                  target=pty_target(pty_tmp, args.pty, unittest))
    c = pty["counts"]
    note = "  (run-tests.py did not test: " + pty["failed"][0] + ")" if "error" in c else ""
    print(f"{folder + ' (' + args.pty + ')':<12} {c['pass']:>5} {c['fail']:>5} {c['skip']:>5} "
          f"{c['seconds']:>8}{note}", flush=True)
    if args.failures and "error" not in c:
        for test, result in sorted(pty["outcomes"].items()):
            if result not in ("pass",):
                print(f"    {result.upper():<5} {test}")


def compare_pty(src: str, folder: str, env: dict, tmp: str, outcome: dict, board: str,
                unittest: str, include: str | None) -> None:
    """The folder on the board served on a pty (one job: one board), beside the drop-in."""
    pty_tmp = tempfile.mkdtemp(prefix="pty-", dir=tmp)
    pty = run_dir(src, folder, env, 1, pty_tmp, include,
                  target=pty_target(pty_tmp, board, unittest))
    c = pty["counts"]
    note = "  (run-tests.py did not test: " + pty["failed"][0] + ")" if "error" in c else ""
    print(f"{'  on pty':<12} {c['pass']:>5} {c['fail']:>5} {c['skip']:>5} "
          f"{c['seconds']:>8}{note}", flush=True)
    for test in sorted(set(pty["outcomes"]) | set(outcome["outcomes"])):
        here, there = outcome["outcomes"].get(test), pty["outcomes"].get(test)
        if here != there:
            print(f"    DIFF {test}: {here or 'not run'} on the drop-in, "
                  f"{there or 'not run'} on the pty")


if __name__ == "__main__":
    sys.exit(main())
