import os

import pytest

from mpt.crosscompile.tree import (CompileOptions, _batches, cache_key, compile_tree, find_sources,
                                   prune_cache)
from mpt.errors import InputFileError


def _write(root, files):
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


def test_find_sources_skips_hidden_and_pycache(tmp_path):
    _write(tmp_path / "src", {"a.py": "", "p/b.py": "", ".git/c.py": "", "__pycache__/d.py": "",
                              "p/readme.txt": ""})
    found = find_sources([tmp_path / "src"], tmp_path / "out")
    assert [s.source_name for s in found] == ["a.py", "p/b.py"]
    assert found[1].output == tmp_path / "out" / "p" / "b.mpy"


def test_cache_key_depends_on_source_name_options_and_content():
    base = cache_key(b"x = 1\n", "a.py", CompileOptions())
    assert base == cache_key(b"x = 1\n", "a.py", CompileOptions())
    assert base != cache_key(b"x = 2\n", "a.py", CompileOptions())
    assert base != cache_key(b"x = 1\n", "b.py", CompileOptions())
    assert base != cache_key(b"x = 1\n", "a.py", CompileOptions(opt_level=1))
    assert base != cache_key(b"x = 1\n", "a.py", CompileOptions(emit_source_lines=False))


def test_one_failure_does_not_stop_the_others(tmp_path):
    _write(tmp_path / "src", {"good.py": "x = 1\n", "bad.py": "return\n", "also.py": "y = 2\n"})
    result = compile_tree([tmp_path / "src"], tmp_path / "out", cache_dir=tmp_path / "c", jobs=1)
    assert result.summary() == "compiled 2, cached 0, failed 1"
    assert result.failed[0].source.source_name == "bad.py"
    assert "SyntaxError: 'return' outside function" in result.failed[0].message
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["also.mpy", "good.mpy"]


def test_cache_entries_unused_for_a_month_are_pruned(tmp_path):
    _write(tmp_path / "src", {"a.py": "x = 1\n", "b.py": "y = 2\n"})
    cache = tmp_path / "cache"
    compile_tree([tmp_path / "src"], tmp_path / "out", cache_dir=cache, jobs=1)
    entries = sorted(cache.glob("??/*.mpy"))
    assert len(entries) == 2
    old = entries[0].stat().st_mtime - 40 * 24 * 3600
    os.utime(entries[0], (old, old))
    later = entries[1].stat().st_mtime + 2 * 24 * 3600
    assert prune_cache(cache, now=later) == 1
    assert sorted(cache.glob("??/*.mpy")) == [entries[1]]
    assert prune_cache(cache, now=later + 60) == 0  # at most once a day


def test_two_sources_for_one_output_are_an_error(tmp_path):
    _write(tmp_path, {"a/x.py": "x = 1\n", "b/x.py": "x = 2\n"})
    with pytest.raises(InputFileError, match="would both be compiled to"):
        find_sources([tmp_path / "a", tmp_path / "b"], tmp_path / "out")
    with pytest.raises(InputFileError):
        compile_tree([tmp_path / "a", tmp_path / "b"], tmp_path / "out",
                     cache_dir=tmp_path / "c", jobs=1)
    assert not (tmp_path / "out").exists()


def test_the_same_file_reached_twice_is_compiled_once(tmp_path):
    _write(tmp_path, {"a/x.py": "x = 1\n"})
    found = find_sources([tmp_path / "a", tmp_path / "a" / "x.py"], tmp_path / "out")
    assert [s.source_name for s in found] == ["x.py"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_counts_every_file_once(tmp_path, jobs):
    files = {f"p/m{i}.py": f"x = {i}\n" * (i + 1) for i in range(12)}
    _write(tmp_path / "src", files)
    calls = []
    compile_tree([tmp_path / "src"], tmp_path / "out", cache_dir=tmp_path / "c", jobs=jobs,
                 on_progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (12, 12)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    calls.clear()
    result = compile_tree([tmp_path / "src"], tmp_path / "out", cache_dir=tmp_path / "c",
                          jobs=jobs, on_progress=lambda done, total: calls.append((done, total)))
    assert result.summary() == "compiled 0, cached 12, failed 0"
    assert calls == [(12, 12)]


def test_batches_hold_every_job_once_and_balance_sizes():
    sizes = [90000, 1000, 50000, 40000, 500, 30000]
    jobs = [(b"x" * size, f"m{i}.py", None) for i, size in enumerate(sizes)]
    batches = _batches(jobs, 3)
    assert sorted(i for batch in batches for i in batch) == list(range(6))
    assert sorted(sorted(sizes[i] for i in batch) for batch in batches) == [
        [500, 1000, 50000], [30000, 40000], [90000]]  # the biggest file alone
    assert len(_batches(jobs, 100)) == 6
