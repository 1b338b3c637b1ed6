"""Escapes from guest code to the host (issue 9): each is a small MicroPython program that
tries to reach the host and, if the attack worked, leaves a host effect the test can see (a
canary file created outside the flash folder, a host file's text or the host environment in
the output). Every attack must fail with a guest-visible exception and leave no effect.

The programs run from source and from the real mpy-cross's .mpy, through the in-process
entry point `mpt run` uses, and a subset over `mpt emulate --tcp` (exec through mpt's
transport). The ``boundary`` fixture names what contains the guest: today the in-process
filter only; a later OS-level boundary adds its own runner (with the filter switched off) and
re-runs the same programs.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from mpt.runtime.board.run import run_on_board
from mpt.runtime.board.setup import BoardOptions
from reference_tools import mpy_cross_binary

SECRET = "mpt-host-secret-7f3a"
MARK = "ESCAPED"

# The prelude every attack shares: a generator (frames), a way to show the outcome, and the
# canary command. {canary} and {secret_file} are filled in per test.
PRELUDE = """\
def _g():
    yield 1
gen = _g()
CMD = 'touch {canary}'
SECRET_FILE = '{secret_file}'
def attempt(name, fn):
    try:
        r = fn()
    except Exception as e:
        print(name, 'refused', type(e).__name__)
    else:
        print(name, 'returned', repr(r)[:300])
"""

ATTACKS = {
    # 1. unicode (NFKC) names
    "fullwidth_frame": """
attempt('a', lambda: gen.ｇi_frame.ｆ_back.ｆ_back.ｆ_builtins['__import__']('os').system(CMD))
def running():
    # a running generator's frame has callers: f_back leads to host frames
    f = me.ｇi_frame
    while f is not None:
        b = f.ｆ_builtins
        try:
            b['__import__']('os').system(CMD)
        except Exception:
            pass
        f = f.ｆ_back
    yield 1
me = running()
attempt('b', lambda: next(me))
""",
    "fullwidth_handler_stack": """
def f():
    return _ｍH
attempt('a', f)
attempt('b', lambda: _ｍH)
""",
    "fullwidth_getattr_string": """
attempt('a', lambda: getattr(gen, 'ｇi_frame').f_globals)
""",
    # 2. __class__ assignment, host __setattr__ on host objects
    "object_setattr_class": """
import os
class G:
    pass
def f():
    object.__setattr__(os, '__class__', G)
    return os.__class__
attempt('a', f)
""",
    "flash_reclass": """
import os
class G:
    pass
def g():
    # the flash's VfsLfs2 object, then its host folder, made "guest" objects: root moved
    fs = os.mount()[0][0]
    fs_class = type(fs)
    object.__setattr__(fs, '__class__', G)
    folder = fs._host
    folder_class = type(folder)
    object.__setattr__(folder, '__class__', G)
    folder.root = type(folder.root)('/')
    object.__setattr__(folder, '__class__', folder_class)
    object.__setattr__(fs, '__class__', fs_class)
    return open(SECRET_FILE).read()
attempt('a', g)
""",
    "setattr_on_host_objects": """
import os, machine
def f():
    p = machine.Pin(2)
    p.root = '/'
    return 'set'
attempt('a', f)
attempt('b', lambda: type.__setattr__(int, 'x', 1))
attempt('c', lambda: object.__delattr__(os, 'listdir'))
attempt('d', lambda: setattr(print, 'x', 1))
class A:
    def __setattr__(self, name, value):
        object.__setattr__(self, name, value + 1)
a = A()
a.v = 1
print('guest setattr', a.v)
attempt('e', lambda: object.__setattr__(a, '__class__', int))
""",
    "class_dict_setter": """
attempt('a', lambda: object.__dict__['__setattr__'](print, 'x', 1))
attempt('b', lambda: vars(type)['__setattr__'](int, 'x', 1))
""",
    # 3. guest metaclass equal to everything
    "metaclass_eq": """
class M(type):
    def __eq__(s, o):
        return True
    def __hash__(s):
        return hash(type(gen))
X = M('X', (), {})
class Y(X):
    pass
attempt('a', lambda: gen.gi_frame)
attempt('b', lambda: getattr(gen, 'gi_frame'))
""",
    # 4. imports outside the board's path
    "import_absolute": """
attempt('a', lambda: __import__(SECRET_FILE.rsplit('.', 1)[0]))
attempt('b', lambda: __import__('/etc'))
attempt('c', lambda: __import__('/nonexistent-folder-xyz'))
attempt('d', lambda: __import__('..etc'))
attempt('e', lambda: __import__('a/../b'))
""",
    "import_relative": """
def f():
    from .. import os
attempt('a', f)
def g():
    from . import x
attempt('b', g)
""",
    # 5. format fields
    "format_fields": """
attempt('a', lambda: "{0.gi_frame.f_back.f_back.f_globals[os].environ}".format(gen))
attempt('b', lambda: str.format("{0.gi_frame}", gen))
attempt('c', lambda: "{x.gi_frame}".format_map({'x': gen}))
attempt('d', lambda: f"{gen.gi_frame}")
attempt('e', lambda: "{0.__class__.__init__.__globals__}".format(gen))
attempt('f', lambda: "{0:{1.gi_frame}}".format(1, gen))
attempt('g', lambda: str.__dict__['format']("{0.gi_frame}", gen))
""",
    # classics
    "subclasses": """
attempt('a', lambda: object.__subclasses__())
attempt('b', lambda: type.__subclasses__(object))
attempt('c', lambda: ().__class__.__base__.__subclasses__())
""",
    "frames": """
attempt('a', lambda: gen.gi_frame)
attempt('b', lambda: gen.gi_code)
attempt('c', lambda: getattr(gen, 'gi_frame').f_back)
def h():
    try:
        raise ValueError
    except ValueError as e:
        return e.__traceback__.tb_frame.f_globals
attempt('d', h)
""",
    "globals_of_functions": """
import sys
attempt('a', lambda: print.__globals__)
attempt('b', lambda: sys.exit.__globals__)
attempt('c', lambda: (lambda: 0).__code__)
attempt('d', lambda: attempt.__globals__['__builtins__'])
attempt('e', lambda: __builtins__)
""",
    "reduce": """
attempt('a', lambda: gen.__reduce_ex__(2))
attempt('b', lambda: (1).__reduce__())
attempt('c', lambda: object.__reduce_ex__(gen, 2))
""",
    "type_tricks": """
attempt('a', lambda: type(gen).gi_frame.__get__(gen))
attempt('b', lambda: type('T', (object,), {})().__class__.__mro__)
attempt('c', lambda: type.__getattribute__(type(gen), '__dict__'))
attempt('d', lambda: type.mro(type(gen)))
""",
    "init_subclass_and_descriptors": """
class B:
    def __init_subclass__(cls, **kw):
        print('init_subclass ran')
class C(B):
    pass
class D:
    def __get__(self, obj, owner):
        return obj.gi_frame
class E:
    d = D()
attempt('a', lambda: E.d)
attempt('b', lambda: D().__get__(gen, None))
attempt('c', lambda: property(lambda s: s.gi_frame).__get__(gen))
""",
    "gc_referrers": """
import gc
attempt('a', lambda: gc.get_referrers(gen))
attempt('b', lambda: gc.get_objects())
import sys
attempt('c', lambda: sys._getframe())
attempt('d', lambda: sys.modules['os'].system(CMD))
""",
    "flash_escape": """
import os
attempt('a', lambda: open('../' * 20 + SECRET_FILE).read())
attempt('b', lambda: open('/..' * 20 + SECRET_FILE).read())
attempt('c', lambda: os.listdir('/../..'))
attempt('d', lambda: open('link/' + SECRET_FILE.rsplit('/', 1)[1]).read())
attempt('e', lambda: open('link_file').read())
def w():
    with open('../canary_by_write', 'w') as f:
        f.write('x')
attempt('f', w)
""",
    "builtin_shadowing": """
BaseException = int
type = lambda x: 0
StopIteration = KeyError
GeneratorExit = ValueError
isinstance = None
def f():
    try:
        raise ValueError('v')
    except ValueError:
        return 'caught'
    finally:
        print('finally ran')
print(f(), list(x for x in [1, 2]))
""",
}

# What the guest may see of the canary attempt: any refusal, never a host effect.
EMULATE_SUBSET = ["fullwidth_frame", "object_setattr_class", "flash_reclass",
                  "setattr_on_host_objects", "format_fields", "import_absolute",
                  "metaclass_eq"]

MPY_CROSS = mpy_cross_binary()


FILTER_OFF = os.path.join(os.path.dirname(os.path.abspath(__file__)), "filter_off.py")
OS_BOUNDARY = sys.platform.startswith("linux")


@pytest.fixture(params=["filter", "os", "both"])
def boundary(request):
    """What contains the guest. "filter": mpt's in-process name/attribute filter (the program
    runs in the test's process, unconfined). "os": the filter switched off (a test-only
    switch) and the OS boundary alone (`mpt run` confines its process: Landlock, seccomp,
    rlimits). "both": the filter and the OS boundary, as `mpt run` ships."""
    if request.param != "filter" and not OS_BOUNDARY:
        pytest.skip("the OS boundary is Linux only")
    return request.param


@pytest.fixture
def host(tmp_path):
    """A host folder with a secret file and a canary path, both outside the flash folder,
    and a flash folder holding a symlink out of it."""
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.py"
    secret.write_text(f"print('{SECRET}')\nSECRET = '{SECRET}'\n")
    flash = tmp_path / "flash"
    flash.mkdir()
    os.symlink(outside, flash / "link")
    os.symlink(secret, flash / "link_file")
    return {"tmp": tmp_path, "secret": secret, "canary": tmp_path / "canary",
            "flash": flash, "scripts": tmp_path / "scripts"}


def program(name: str, host) -> str:
    return PRELUDE.format(canary=host["canary"], secret_file=host["secret"]) + ATTACKS[name]


def run_in_process(script: str, flash, boundary: str = "filter") -> str:
    if boundary != "filter":  # a confined `mpt run` in a process of its own
        result = subprocess.run(
            [sys.executable, FILTER_OFF, "on" if boundary == "both" else "off", "run",
             "--flash", str(flash), script], capture_output=True, text=True, timeout=120)
        return result.stdout + result.stderr
    out: list[str] = []
    err: list[str] = []
    run_on_board(script, [os.path.basename(script)], BoardOptions(flash=str(flash)),
                 stdout=out.append, stderr=err.append)
    return "".join(out) + "".join(err)


def assert_contained(output: str, host, boundary: str = "filter") -> None:
    """No host effect. With the filter on, also no host object (a frame, a code object)."""
    assert SECRET not in output, output
    assert not host["canary"].exists(), output
    assert not (host["tmp"] / "canary_by_write").exists(), output
    assert "PATH=" not in output and "'PATH'" not in output and "HOME" not in output, output
    if boundary == "os":
        return  # the filter is off: the guest may see host objects, never reach the host
    assert "Traceback" not in output or "InternalError" not in output, output
    for line in output.splitlines():
        assert " returned " not in line or "frame" not in line, output
    assert "<frame" not in output and "<code" not in output, output


def write_script(name: str, host) -> str:
    host["scripts"].mkdir(exist_ok=True)
    path = host["scripts"] / f"{name}.py"
    path.write_text(program(name, host), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_escape_from_source_fails(name, host, boundary):
    out = run_in_process(write_script(name, host), host["flash"], boundary)
    assert_contained(out, host, boundary)
    assert "refused" in out or name == "builtin_shadowing" or boundary == "os", out


@pytest.mark.skipif(MPY_CROSS is None, reason="mpy-cross 1.29 binary not available")
@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_escape_from_mpy_fails(name, host, boundary):
    source = write_script(name, host)
    mpy = source[:-3] + ".mpy"
    subprocess.run([str(MPY_CROSS), "-s", f"{name}.py", "-o", mpy, source], check=True)
    os.remove(source)
    out = run_in_process(mpy, host["flash"], boundary)
    assert_contained(out, host, boundary)
    assert "refused" in out or name == "builtin_shadowing" or boundary == "os", out


@pytest.mark.parametrize("name", ["fullwidth_frame", "fullwidth_handler_stack",
                                  "object_setattr_class", "flash_reclass",
                                  "setattr_on_host_objects",
                                  "metaclass_eq", "import_absolute", "format_fields"])
def test_each_attack_is_refused_attempt_by_attempt(name, host, boundary):
    if boundary == "os":
        pytest.skip("the filter's own refusals: with it off, the OS boundary refuses instead")
    out = run_in_process(write_script(name, host), host["flash"], boundary)
    results = [line for line in out.splitlines() if " refused " in line or " returned " in line]
    assert results and all(" refused " in line for line in results), out


def test_the_guest_keeps_what_micropython_gives_it(host, boundary):
    """The filter keeps ordinary behaviour: distinct unicode names, keyword arguments with
    such names, a guest __setattr__ calling object.__setattr__, and shadowed builtins."""
    (host["scripts"]).mkdir()
    path = host["scripts"] / "ok.py"
    path.write_text(
        "ｘ = 1\nx = 2\nprint(ｘ, x)\n"
        "def f(ｘ, x):\n    return ｘ - x\nprint(f(5, 3), f(x=3, ｘ=10))\n"
        "class A:\n    def __init__(s):\n        s.ｖ = 4\n        s.v = 5\n"
        "a = A()\nprint(a.ｖ, a.v, getattr(a, 'ｖ'))\n"
        "x = 2 ** 20000\nprint(len(str(x)), len(str(int('9' * 100000))))\n"
        + ATTACKS["builtin_shadowing"], encoding="utf-8")
    out = run_in_process(str(path), host["flash"], boundary)
    assert out == "1 2\n2 7\n4 5 4\n6021 100000\nfinally ran\ncaught [1, 2]\n"


@pytest.mark.skipif(MPY_CROSS is None, reason="mpy-cross 1.29 binary not available")
def test_a_corrupt_jump_target_is_a_clean_value_error(host):
    """A .mpy whose exception handler points past the end of the code is refused at load
    (ValueError), not a dispatch loop spinning forever."""
    from mpt.mpy.decode import decode
    from mpt.mpy.mpyfile import read_mpy
    from mpt.mpy.prelude import decode_prelude
    host["scripts"].mkdir()
    src = host["scripts"] / "bad.py"
    src.write_text("def f():\n    try:\n        x = 1\n    except ValueError:\n"
                   "        pass\ntry:\n    f()\nexcept ValueError as e:\n"
                   "    print('ValueError', e)\n")
    mpy = host["scripts"] / "bad.mpy"
    subprocess.run([str(MPY_CROSS), "-o", str(mpy), str(src)], check=True)
    data = bytearray(mpy.read_bytes())
    rc = read_mpy(bytes(data)).root.children[0]
    code = rc.fun_data
    prelude = decode_prelude(code)
    setup = next(i for i in decode(code, prelude.code_offset)
                 if i.name == "SETUP_EXCEPT")
    start = bytes(data).index(bytes(code))
    # one byte: the handler's relative offset (a one-byte argument here) far past the end
    pos = start + prelude.code_offset + setup.offset + 1
    assert data[pos] < 0x80
    data[pos] = 0x7F
    mpy.write_bytes(bytes(data))
    out = run_in_process(str(mpy), host["flash"])
    assert out.endswith("ValueError: incompatible .mpy file\n"), out
    assert "InternalError" not in out and "Error:" not in out.replace("ValueError:", ""), out


# --- over `mpt emulate --tcp` ----------------------------------------------------------


@pytest.fixture
def emulator(host, boundary):
    """`mpt emulate --tcp` (always confined); "os": with the filter switched off."""
    process = subprocess.Popen(
        [sys.executable, FILTER_OFF, "off" if boundary == "os" else "on",
         "emulate", "--tcp", "0", "--flash", str(host["flash"])],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = process.stdout.readline().strip()
    assert url.startswith("socket://"), process.stderr.read()
    yield url
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=15)


def test_escapes_over_emulate_fail(emulator, host, boundary):
    for name in EMULATE_SUBSET:
        result = subprocess.run([sys.executable, "-m", "mpt", "-p", emulator, "exec",
                                 program(name, host)],
                                capture_output=True, text=True, timeout=120)
        out = result.stdout + result.stderr
        assert_contained(out, host, boundary)
        assert "refused" in out or boundary == "os", out
    # one eval: the whole fullwidth chain as a single expression
    result = subprocess.run(
        [sys.executable, "-m", "mpt", "-p", emulator, "exec",
         "def g():\n    yield 1\n", "+", "eval",
         f"g().ｇi_frame.ｆ_back.ｆ_back.ｆ_builtins['__import__']('os')"
         f".system('touch {host['canary']}')"],
        capture_output=True, text=True, timeout=120)
    assert boundary == "os" or "AttributeError" in result.stdout + result.stderr
    assert not host["canary"].exists()
    # the board still works for the next client after the attempts (soft reset)
    result = subprocess.run([sys.executable, "-m", "mpt", "-p", emulator, "exec",
                             "print(int.__name__, hasattr(int, 'x'))"],
                            capture_output=True, text=True, timeout=120)
    assert result.stdout == "int False\n", result.stdout + result.stderr


def test_escapes_over_p_emu_fail(host, boundary):
    """`mpt -p emu` runs the board in a confined child process (`mpt emulate --socket-fd`):
    the OS boundary holds there too, while mpt itself still reaches the user's files."""
    if boundary == "filter":
        pytest.skip("`-p emu` always runs the board confined")
    url = f"emu://rp2?flash={host['flash']}"
    switch = "off" if boundary == "os" else "on"
    for name in EMULATE_SUBSET:
        result = subprocess.run([sys.executable, FILTER_OFF, switch, "-p", url, "exec",
                                 program(name, host)],
                                capture_output=True, text=True, timeout=120)
        out = result.stdout + result.stderr
        assert_contained(out, host, boundary)
        assert "refused" in out or boundary == "os", out
    (host["tmp"] / "local.txt").write_text("from the host\n")
    result = subprocess.run([sys.executable, FILTER_OFF, switch, "-p", url, "cp",
                             str(host["tmp"] / "local.txt"), ":", "+", "cat", ":local.txt"],
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.endswith("from the host\n"), result.stdout + result.stderr


def test_escapes_under_mpt_micropython_fail(host, boundary):
    """The unix-port drop-in confines its process as `mpt run` does: its flash (the current
    folder) read-write, the module path read-only, nothing else."""
    if boundary == "filter":
        pytest.skip("mpt-micropython always runs confined")
    switch = ("from mpt.runtime.vm import attrfilter\n"
              f"attrfilter.FILTER_ON = {boundary == 'both'}\n")
    for name in EMULATE_SUBSET:
        script = write_script(name, host)
        result = subprocess.run(
            [sys.executable, "-c", switch + "import sys\nfrom mpt.unix_cmdline import main\n"
             "sys.exit(main(sys.argv))", script],
            capture_output=True, text=True, timeout=120, cwd=host["flash"])
        out = result.stdout + result.stderr
        assert_contained(out, host, boundary)
        assert "refused" in out or boundary == "os", out


@pytest.mark.parametrize("as_mpy", [False, True])
def test_deeply_nested_functions_run_as_on_micropython(host, as_mpy):
    """3,000 nested lambdas (which mpy-cross compiles) run: MicroPython prints 1."""
    if as_mpy and MPY_CROSS is None:
        pytest.skip("mpy-cross 1.29 binary not available")
    host["scripts"].mkdir()
    src = host["scripts"] / "deep.py"
    src.write_text("f = " + "lambda: " * 3000 + "1\ng = f\nfor i in range(2999):\n"
                   "    g = g()\nprint(g())\n")
    script = str(src)
    if as_mpy:
        script = str(host["scripts"] / "deep.mpy")
        subprocess.run([str(MPY_CROSS), "-o", script, str(src)], check=True)
    assert run_in_process(script, host["flash"]) == "1\n"


def test_the_filter_off_switch_lets_an_attack_through_without_the_os_boundary(host):
    """The "os" runs mean something: with the filter off and no confinement (the Python API
    in a process of its own), a walk up a running generator's frames runs a host command."""
    host["scripts"].mkdir()
    path = host["scripts"] / "walk.py"
    path.write_text(
        "def running():\n    f = me.gi_frame\n    while f is not None:\n        try:\n"
        f"            f.f_builtins['__import__']('os').system('touch {host['canary']}')\n"
        "        except Exception:\n            pass\n        f = f.f_back\n    yield 1\n"
        "me = running()\nnext(me)\n", encoding="utf-8")
    script = str(path)
    assert "refused" not in run_in_process(script, host["flash"], "os")
    assert not host["canary"].exists()
    code = ("import sys\nfrom mpt.runtime.vm import attrfilter\nattrfilter.FILTER_ON = False\n"
            "from mpt.runtime.board.run import run_on_board\n"
            "from mpt.runtime.board.setup import BoardOptions\n"
            f"run_on_board({script!r}, ['x'], BoardOptions(flash={str(host['flash'])!r}),"
            " stdout=sys.stdout.write, stderr=sys.stderr.write)\n")
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert host["canary"].exists()
