"""Compile whole source trees to .mpy, in parallel, with a content-hash cache.

Each ``.py`` under a root directory is compiled as if mpy-cross were run from that root with the
file's relative path (so that path, with '/' separators, is the embedded source name) and
written to the same relative path under the output directory with ``.mpy`` in place of ``.py``.
Hidden directories and ``__pycache__`` are skipped. A root may also be a single file: its name
alone is used.

The cache lives outside the output tree (the output is meant to be copied to a board as-is):
``$MPT_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/mpt/compile``, else ``~/.cache/mpt/compile``.
An entry is keyed by the SHA-256 of: the source bytes, its source name, every compile option,
the mpt version and a fingerprint of the compiler's own files, so any change to either side
recompiles. Only successful compilations are cached. Entries unused for CACHE_MAX_AGE_DAYS are
deleted (checked at most once a day, after a tree compile).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from mpt.crosscompile.atomicfile import write_atomically
from mpt.errors import CompileError, InputFileError, MptError
from mpt.hostfiles import SOURCE, read_input
from mpt import __version__
from mpt.crosscompile.api import compile_source

SKIP_DIRS = {"__pycache__"}
CACHE_MAX_AGE_DAYS = 30
_DAY = 24 * 3600
# Below this many files to compile, worker start-up costs more than it saves.
MIN_FILES_FOR_POOL = 8
# Pool tasks per worker: enough to balance the load and report progress, few enough that
# sending them costs nothing.
BATCHES_PER_WORKER = 4


@dataclass(frozen=True)
class CompileOptions:
    opt_level: int = 0
    emit_source_lines: bool = True
    small_int_bits: int = 31
    march: str | None = None
    emit: str = "bytecode"
    arch_flags: int = 0


@dataclass
class SourceFile:
    path: Path  # where to read it
    source_name: str  # relative, '/'-separated: embedded in the .mpy
    output: Path  # where to write the .mpy


@dataclass
class Failure:
    source: SourceFile
    message: str  # mpy-cross's traceback text for compile errors, else a one-line message


@dataclass
class TreeResult:
    compiled: list[SourceFile] = field(default_factory=list)
    cached: list[SourceFile] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)

    def summary(self) -> str:
        return (f"compiled {len(self.compiled)}, cached {len(self.cached)}, "
                f"failed {len(self.failed)}")


def default_cache_dir() -> Path:
    explicit = os.environ.get("MPT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "mpt", "compile")


def find_sources(roots: Sequence[str | os.PathLike],
                 out_dir: str | os.PathLike) -> list[SourceFile]:
    """Every .py under the roots, sorted, with its source name and output path.

    Two different files that would be written to the same output (x.py in two of the roots)
    are an InputFileError; the same file reached twice is compiled once.
    """
    out = Path(out_dir)
    found: dict[Path, SourceFile] = {}

    def add(src: SourceFile) -> None:
        other = found.get(src.output)
        if other is not None and not _same_file(other.path, src.path):
            raise InputFileError(f"{other.path} and {src.path} would both be compiled to "
                                 f"{src.output}")
        found[src.output] = src

    for root in roots:
        root = Path(root)
        if os.path.isfile(root):  # (os.path: never raises on a too-long name)
            add(SourceFile(root, root.name, out / (root.stem + ".mpy")))
            continue
        if not os.path.isdir(root):
            raise InputFileError(f"cannot open {root}: No such file or directory")
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames
                                 if not d.startswith(".") and d not in SKIP_DIRS)
            for name in sorted(filenames):
                if not name.endswith(".py"):
                    continue
                path = Path(dirpath, name)
                rel = path.relative_to(root)
                add(SourceFile(path, rel.as_posix(), out / rel.with_suffix(".mpy")))
    return sorted(found.values(), key=lambda s: s.source_name)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


@lru_cache(maxsize=1)
def compiler_fingerprint() -> str:
    """A hash of the cross-compiler's own files: a changed compiler invalidates the cache."""

    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json", ".txt") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(source: bytes, source_name: str, options: CompileOptions) -> str:
    digest = _key_prefix(options).copy()
    digest.update(source_name.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(source)
    return digest.hexdigest()


@lru_cache(maxsize=8)
def _key_prefix(options: CompileOptions):
    """The hash of what every cache key of a compile with ``options`` starts with."""
    digest = hashlib.sha256(b"mpt-compile-cache-1\0")
    digest.update(compiler_fingerprint().encode() + b"\0")
    digest.update(repr(sorted(asdict(options).items())).encode() + b"\0")
    return digest


def _compile_one(job: tuple[bytes, str, CompileOptions]) -> tuple[bool, bytes | str]:
    """Worker: (True, mpy bytes) or (False, error text). Runs in a pool process."""

    source, source_name, options = job
    try:
        return True, compile_source(source, source_name, **asdict(options))
    except CompileError as exc:
        return False, exc.traceback_text
    except MptError as exc:
        return False, exc.message + "\n"
    except RecursionError:
        return False, "RuntimeError: maximum recursion depth exceeded\n"
    except Exception as exc:  # a compiler bug must not stop the other files
        return False, f"internal error: {type(exc).__name__}: {exc}\n"


def _write_if_changed(path: str, data: bytes, made: set[str]) -> None:
    try:
        with open(path, "rb") as f:
            if f.read() == data:
                return
    except OSError:
        pass
    _write_file(path, data, made)


def _write_file(path: str, data: bytes, made: set[str]) -> None:
    """write_atomically, making each folder (the ones in ``made`` are there) once."""
    folder = os.path.dirname(path)
    if folder not in made:
        if folder:
            os.makedirs(folder, exist_ok=True)
        made.add(folder)
    write_atomically(path, data, make_folder=False)


def _batches(jobs_list: list, count: int) -> list[list[int]]:
    """Job indices in at most ``count`` batches of about equal source size (biggest files
    first, each into the lightest batch so far): a few tasks per worker instead of one per
    file, and no worker left with a long tail."""
    import heapq

    order = sorted(range(len(jobs_list)), key=lambda i: -len(jobs_list[i][0]))
    count = max(1, min(count, len(order)))
    heap = [(0, b) for b in range(count)]
    batches: list[list[int]] = [[] for _ in range(count)]
    for i in order:
        size, b = heapq.heappop(heap)
        batches[b].append(i)
        # a file costs its size plus a fixed part (reading, start of each phase)
        heapq.heappush(heap, (size + len(jobs_list[i][0]) + 2000, b))
    return [batch for batch in batches if batch]


def _worker_start() -> None:
    # Everything imported so far lives as long as the worker: keep the collector off it. A
    # compilation makes many objects and few reference cycles: collect once per batch instead
    # of every few hundred allocations.
    import gc

    gc.freeze()
    gc.disable()


def _compile_batch(jobs: list) -> list:
    import gc

    try:
        return [_compile_one(job) for job in jobs]
    finally:
        gc.collect()


def compile_tree(roots: Sequence[str | os.PathLike], out_dir: str | os.PathLike,
                 options: CompileOptions = CompileOptions(), *, jobs: int | None = None,
                 cache_dir: str | os.PathLike | None = None, use_cache: bool = True,
                 on_progress=None) -> TreeResult:
    """Compile every .py under ``roots`` into ``out_dir``; one file's failure stops no other.

    ``on_progress(done, total)`` is called as files are found in the cache or compiled.
    """
    sources = find_sources(roots, out_dir)
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    cache_text = os.fspath(cache)
    made: set[str] = set()  # the folders written to so far
    result = TreeResult()
    pending: list[tuple[SourceFile, bytes, str]] = []
    for src in sources:
        try:
            data = read_input(src.path, SOURCE)
        except InputFileError as exc:
            result.failed.append(Failure(src, exc.message + "\n"))
            continue
        key = cache_key(data, src.source_name, options)
        if use_cache:
            entry = os.path.join(cache_text, key[:2], key + ".mpy")
            try:
                with open(entry, "rb") as f:
                    mpy = f.read()
            except OSError:
                mpy = None
            if mpy is not None:
                _touch(entry)
                _write_if_changed(os.fspath(src.output), mpy, made)
                result.cached.append(src)
                continue
        pending.append((src, data, key))

    jobs_list = [(data, src.source_name, options) for src, data, _ in pending]
    done = len(sources) - len(pending)
    if on_progress is not None:
        on_progress(done, len(sources))
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    # per pending file: None once its .mpy is written, else the failure's message
    failures: list[str | None] = [None] * len(jobs_list)

    def store(i: int, outcome: tuple[bool, bytes | str]) -> None:
        ok, payload = outcome
        src, _, key = pending[i]
        if not ok:
            failures[i] = payload
            return
        try:
            _write_if_changed(os.fspath(src.output), payload, made)
        except OSError as exc:
            failures[i] = f"cannot write {src.output}: {exc.strerror}\n"
            return
        if use_cache:
            try:
                _write_file(os.path.join(cache_text, key[:2], key + ".mpy"), payload, made)
            except OSError:
                pass  # an unwritable cache only costs speed

    if workers > 1 and len(jobs_list) >= MIN_FILES_FOR_POOL:
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

        # The smallest file is compiled here first: forked workers then start with the
        # compiler imported and its lazily made tables (patterns, parse paths) filled in.
        first = min(range(len(jobs_list)), key=lambda i: len(jobs_list[i][0]))
        store(first, _compile_one(jobs_list[first]))
        done += 1
        batches = [[i for i in batch if i != first]
                   for batch in _batches(jobs_list, workers * BATCHES_PER_WORKER)]
        batches = [batch for batch in batches if batch]
        with ProcessPoolExecutor(max_workers=min(workers, len(batches)),
                                 initializer=_worker_start) as pool:
            running = {pool.submit(_compile_batch, [jobs_list[i] for i in batch]): batch
                       for batch in batches}
            while running:
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    batch = running.pop(future)
                    # written while the workers go on with the other batches
                    for i, outcome in zip(batch, future.result()):
                        store(i, outcome)
                    done += len(batch)
                    if on_progress is not None:
                        on_progress(done, len(sources))
    else:
        for i, job in enumerate(jobs_list):
            store(i, _compile_one(job))
            done += 1
            if on_progress is not None:
                on_progress(done, len(sources))

    for (src, _, _), failure in zip(pending, failures):
        if failure is None:
            result.compiled.append(src)
        else:
            result.failed.append(Failure(src, failure))
    if use_cache:
        prune_cache(cache)
    return result


def _touch(path: str) -> None:
    try:
        os.utime(path)
    except OSError:
        pass


def prune_cache(cache: Path, *, max_age_days: float = CACHE_MAX_AGE_DAYS,
                now: float | None = None) -> int:
    """Delete cache entries unused for ``max_age_days``; runs at most once a day.

    Returns how many entries were deleted.
    """
    import time

    now = time.time() if now is None else now
    marker = cache / "last-prune"
    try:
        if now - marker.stat().st_mtime < _DAY:
            return 0
    except OSError:
        pass
    removed = 0
    try:
        for entry in cache.glob("??/*.mpy"):
            try:
                if now - entry.stat().st_mtime > max_age_days * _DAY:
                    entry.unlink()
                    removed += 1
            except OSError:
                pass
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
        os.utime(marker, (now, now))
    except OSError:
        pass  # an unwritable cache only costs speed
    return removed
