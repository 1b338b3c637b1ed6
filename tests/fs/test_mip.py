"""`mpt mip install` end to end: an index the test builds in micropython-lib's layout
(package/{py,6}/NAME/VERSION.json, file/XX/HASH), served over HTTP on 127.0.0.1, installed onto
the emulated board."""

import contextlib
import hashlib
import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mpt.crosscompile.api import compile_source

GREET = "from util import shout\n\ndef hello(name):\n    return shout('hello ' + name)\n"
UTIL = "def shout(text):\n    return text.upper() + '!'\n"
UTIL_V1 = "def shout(text):\n    return text.upper()\n"


def _add_file(root: Path, data: bytes) -> str:
    short = hashlib.sha256(data).hexdigest()[:8]
    path = root / "file" / short[:2] / short
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return short


def _add_package(root: Path, name: str, version: str, files: dict, deps=()):
    """package/py/ with the sources and package/6/ with .mpy builds of the .py files."""
    for flavour in ("py", "6"):
        hashes = []
        for target, source in files.items():
            data = source.encode()
            if flavour == "6" and target.endswith(".py"):
                data = compile_source(source, target)
                target = target[:-3] + ".mpy"
            hashes.append([target, _add_file(root, data)])
        description = {"v": 1, "version": version, "hashes": hashes,
                       "deps": [list(d) for d in deps]}
        for label in (version, "latest") if version != "1.0" else (version,):
            out = root / "package" / flavour / name / f"{label}.json"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(description))


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    root = tmp_path_factory.mktemp("index")
    _add_package(root, "util", "1.0", {"util.py": UTIL_V1})
    _add_package(root, "util", "2.0", {"util.py": UTIL})
    _add_package(root, "greet", "0.3", {"greet/__init__.py": GREET}, deps=[("util", "2.0")])
    (root / "index.json").write_text(json.dumps({"v": 2, "packages": [
        {"name": "greet", "version": "0.3", "versions": {"py": ["0.3"], "6": ["0.3"]}},
        {"name": "util", "version": "2.0", "versions": {"py": ["1.0", "2.0"],
                                                         "6": ["1.0", "2.0"]}}]}))

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{server.server_address[1]}", "root": root}
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def board(tmp_path):
    flash = tmp_path / "flash"
    flash.mkdir()
    return {"url": f"emu://rp2?flash={flash}", "flash": flash, "tmp": tmp_path}


def mpt(board, *args):
    return subprocess.run([sys.executable, "-m", "mpt", "-p", board["url"], *args],
                          capture_output=True, timeout=120, cwd=board["tmp"])


def files_under(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_installs_mpy_builds_with_dependency_into_lib(board, index):
    result = mpt(board, "mip", "install", "--index", index["url"], "greet", "+",
                 "exec", "import greet; print(greet.hello('board'))")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == "HELLO BOARD!\n"
    files = files_under(board["flash"])
    assert set(files) == {"lib/greet/__init__.mpy", "lib/util.mpy"}
    assert files["lib/util.mpy"] == compile_source(UTIL, "util.py")
    assert "installing util (2.0)" in result.stderr.decode()
    # again: every file is already there with the same hash, nothing is written
    result = mpt(board, "mip", "install", "--index", index["url"], "greet")
    assert result.returncode == 0, result.stderr
    assert "wrote" not in result.stderr.decode()
    assert result.stderr.decode().count("exists") == 2


def test_sources_version_and_target(board, index):
    result = mpt(board, "mip", "install", "-q", "--no-mpy", "--target", "/app/lib",
                 "--index", index["url"], "util@1.0")
    assert (result.returncode, result.stderr) == (0, b"")
    assert files_under(board["flash"]) == {"app/lib/util.py": UTIL_V1.encode()}


def test_local_package_json_with_urls_and_index_dependency(board, index, tmp_path):
    pkg = tmp_path / "mypkg"
    pkg.mkdir()
    (pkg / "blink.py").write_text("import util\nprint(util.shout('on'))\n")
    (pkg / "package.json").write_text(json.dumps({
        "urls": [["blink.py", "blink.py"]], "deps": [["util", "2.0"]], "version": "0.1"}))
    result = mpt(board, "mip", "install", "-q", "--no-mpy", "--index", index["url"],
                 str(pkg / "package.json"), "+", "exec", "import blink")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == "ON!\n"
    assert set(files_under(board["flash"])) == {"lib/blink.py", "lib/util.py"}


def test_urls_of_a_package_json_and_of_a_single_file(board, index):
    # a package.json by URL: its hashes are files of the index given
    url = f"{index['url']}/package/py/util/2.0.json"
    single = f"{index['url']}/file/x/other.py"
    folder = index["root"] / "file" / "x"
    folder.mkdir(exist_ok=True)
    (folder / "other.py").write_text("X = 1\n")
    result = mpt(board, "mip", "install", "-q", "--index", index["url"], url, single)
    assert result.returncode == 0, result.stderr
    assert files_under(board["flash"]) == {"lib/util.py": UTIL.encode(),
                                           "lib/other.py": b"X = 1\n"}


def test_missing_package_and_unreachable_index(board, index):
    result = mpt(board, "mip", "install", "--index", index["url"], "nosuchpkg")
    assert result.returncode == 2
    assert result.stderr.decode().splitlines()[-1].startswith(
        "mpt: error: package nosuchpkg latest not found: ")
    # a port nobody listens on: the server just shut down
    probe = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    port = probe.server_address[1]
    probe.server_close()
    result = mpt(board, "mip", "install", "--index", f"http://127.0.0.1:{port}", "greet")
    assert result.returncode == 3
    last = result.stderr.decode().splitlines()[-1]
    assert last.startswith("mpt: error: cannot fetch http://127.0.0.1:") and "refused" in last
    assert files_under(board["flash"]) == {}


def test_tampered_file_and_foreign_mpy_are_refused(board, index, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    bad = bytearray(compile_source(UTIL, "util.py"))
    bad[1] = 5  # .mpy version 5
    (other / "old.mpy").write_bytes(bytes(bad))
    result = mpt(board, "mip", "install", str(other / "old.mpy"))
    assert result.returncode == 1
    assert result.stderr.decode().splitlines()[-1] == \
        "mpt: error: old.mpy: .mpy version 5, the board loads version 6"
    assert files_under(board["flash"]) == {}


MPREMOTE = Path(sys.executable).parent / "mpremote"
needs_mpremote = pytest.mark.skipif(not MPREMOTE.exists(), reason="mpremote not installed")


@contextlib.contextmanager
def served(flash):
    """The emulated board with this flash folder served on TCP (`mpt emulate --tcp 0`)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mpt", "emulate", "--tcp", "0", "--flash", str(flash)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().strip()
        if not url:  # it ended before serving: say why
            process.wait(timeout=10)
            raise AssertionError(f"mpt emulate ended ({process.returncode}) before serving: "
                                 f"{process.stderr.read()}")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def mpremote_mip(url, index, *args):
    return subprocess.run([str(MPREMOTE), "connect", url, "mip", "install", "--index", index,
                           *args], capture_output=True, text=True, timeout=120)


@needs_mpremote
@pytest.mark.parametrize("options", [[], ["--no-mpy"], ["--target", "/pkgs"]])
def test_mpremote_mip_on_the_served_board_installs_what_mpt_installs(board, index, tmp_path,
                                                                     options):
    theirs = tmp_path / "mpremote-flash"
    theirs.mkdir()
    with served(theirs) as url:
        result = mpremote_mip(url, index["url"], *options, "greet", "util@1.0")
    assert result.returncode == 0, result.stdout + result.stderr
    ours = mpt(board, "mip", "install", "-q", "--index", index["url"], *options,
               "greet", "util@1.0")
    assert ours.returncode == 0, ours.stderr
    # util@1.0 after greet's util 2.0: both tools leave the later one on the board
    assert files_under(board["flash"]) == files_under(theirs)
    assert len(files_under(theirs)) == 2
    # mpremote finds greet's file mpt installed (by its hash) and leaves it alone; greet's
    # dependency util 2.0 replaces the 1.0 installed last
    with served(board["flash"]) as url:
        result = mpremote_mip(url, index["url"], *options, "greet")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (result.stdout.count("Exists:"), result.stdout.count("Installing:")) == (1, 1)


def test_host_shorthands_become_raw_file_urls():
    from mpt.fs.mip.sources import rewrite
    assert rewrite("github:org/repo/pkg/package.json", "v1.2") == \
        "https://raw.githubusercontent.com/org/repo/v1.2/pkg/package.json"
    assert rewrite("gitlab:org/repo/x.py") == "https://gitlab.com/org/repo/-/raw/HEAD/x.py"
    assert rewrite("codeberg:org/repo/package.json", "main") == \
        "https://codeberg.org/api/v1/repos/org/repo/raw/package.json?ref=main"
    assert rewrite("https://example.org/a.py", "v1") == "https://example.org/a.py"
