import pytest

from mpt.crosscompile.api import compile_source, compile_to_module
from mpt.errors import CompileError, UsageError
from mpt.mpy.mpyfile import read_mpy
from mpycross_ref import mpy_cross_compile, needs_mpy_cross, run_mpy_cross

NATIVE = "import micropython\n@micropython.viper\ndef f(x: int) -> int:\n    return x\n"


def test_compile_to_module_gives_the_module_model():
    module = compile_to_module("def f(a):\n    return a\n", "x.py", source_name="lib/x.py")
    assert module.qstrs[0] == "lib/x.py"
    assert len(module.root.children) == 1
    assert module.small_int_bits == 31 and module.arch == 0


@needs_mpy_cross
def test_str_and_bytes_sources_give_mpy_cross_bytes():
    source = "s = 'caf\u00e9'\nprint(s * 3)\n"
    expected = mpy_cross_compile(source, name="prog.py")
    assert compile_source(source, "prog.py") == expected
    assert compile_source(source.encode(), "prog.py") == expected
    assert read_mpy(expected).qstrs[0] == "prog.py"


@needs_mpy_cross
def test_parse_errors_name_the_file_compile_errors_the_source_name(tmp_path):
    (tmp_path / "p.py").write_text("x = (\n")
    (tmp_path / "c.py").write_text("return 1\n")
    for name in ("p.py", "c.py"):
        ref = run_mpy_cross(["-s", "embedded.py", "-o", "-", name], cwd=tmp_path)
        with pytest.raises(CompileError) as info:
            compile_source((tmp_path / name).read_bytes(), name, source_name="embedded.py")
        assert info.value.traceback_text == ref.stderr.decode()


def test_march_debug_hands_its_listing_to_the_sink_only():
    lines: list[str] = []
    with_sink = compile_source(NATIVE, "n.py", march="debug", native_debug_sink=lines.append)
    assert lines[0] == "ENTRY(f, num_locals=1)\n" and lines[-1] == "EXIT(0)\n"
    assert compile_source(NATIVE, "n.py", march="debug") == with_sink  # no sink: dropped


def test_native_code_without_march_is_mpy_cross_s_compile_error():
    with pytest.raises(CompileError, match="invalid arch"):
        compile_source(NATIVE, "n.py")


def test_bad_options_are_usage_errors():
    with pytest.raises(UsageError, match="unknown architecture"):
        compile_source("x = 1\n", "a.py", march="pdp11")
    with pytest.raises(UsageError, match="arch not specified"):
        compile_source("x = 1\n", "a.py", emit="viper")
    with pytest.raises(UsageError, match="unknown emitter"):
        compile_source("x = 1\n", "a.py", emit="jit")


def test_arch_flags_are_written_even_for_bytecode():
    data = compile_source("x = 1\n", "a.py", march="rv32imc", arch_flags=1)
    assert data[2] == 0x40 and data[4] == 1
    assert read_mpy(data).arch_flags == 1


@pytest.mark.parametrize("bits", [0, -1, 64, 100])
def test_small_int_bits_outside_what_mpy_cross_handles_soundly(bits):
    with pytest.raises(UsageError, match="between 1 and 63"):
        compile_source("x = 1\n", "a.py", small_int_bits=bits)


@needs_mpy_cross
@pytest.mark.parametrize("bits", [1, 2, 3, 16, 33, 62])
def test_unusual_small_int_bits_still_match(bits):
    source = "a = (0, 1, -1, 2, -2, 3, 100, -100, 2**20, 2**40, -2**62, 2**70)\n"
    assert compile_source(source, "prog.py", small_int_bits=bits) == mpy_cross_compile(
        source, args=(f"-msmall-int-bits={bits}",))


@needs_mpy_cross
def test_deeply_nested_source_compiles_like_mpy_cross():
    source = "x = " + "[" * 1500 + "]" * 1500 + "\ny = " + "(" * 800 + "1" + ")" * 800 + "\n"
    assert compile_source(source, "prog.py") == mpy_cross_compile(source)


@needs_mpy_cross
@pytest.mark.parametrize("source", ["v" * 255 + " = 1\n", "v" * 256 + " = 1\n",
                                    "x = 1\nobj." + "a" * 300 + "\n", "s = '" + "b" * 300 + "'\n"])
def test_names_longer_than_a_qstr_allows_fail_as_in_mpy_cross(tmp_path, source):
    (tmp_path / "n.py").write_text(source)
    ref = run_mpy_cross(["-o", "-", "n.py"], cwd=tmp_path)
    if ref.returncode == 0:
        assert compile_source(source, "n.py") == mpy_cross_compile(source, name="n.py")
        return
    with pytest.raises(CompileError) as info:
        compile_source(source, "n.py")
    assert info.value.traceback_text == ref.stderr.decode()


def test_single_input_prints_module_level_expressions_through_repl_print():
    module = compile_to_module("x + 1\n", "<stdin>", input_kind="single")
    assert "__repl_print__" in module.qstrs
    assert "__repl_print__" not in compile_to_module("x + 1\n", "<stdin>").qstrs
    in_function = compile_to_module("def f():\n    x + 1\n", "<stdin>", input_kind="single")
    assert "__repl_print__" not in in_function.qstrs
