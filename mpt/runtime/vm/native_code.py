"""A .mpy file's native and viper functions as guest functions on an emulated ARM board.

The machine code runs on the board's Thumb core (mpt.runtime.vm.native_cpu) as the firmware
runs it (py/objfun.c's fun_native_call and fun_viper_call): ``fun(self_in, n_args, n_kw,
args)``, where ``self_in`` is the function object. The code finds everything else from it, by
offset, so those structures are laid out in the board's memory as the firmware lays them out
(32-bit words):

- the function object (mp_obj_fun_bc_t): type, context, child table, code;
- the module context (mp_module_context_t): type, globals, qstr table, object table;
- the qstr table: the module's qstrs as the board's qstr numbers (16 bits each);
- the object table: the module's constants as words, and the address of mp_fun_table;
- the child table: the nested functions' raw code (then, for a native function, its
  prelude's address).

A native function's arguments are bound to its parameters by the host function that stands
for it (so the errors are MicroPython's, as for bytecode functions), and handed to the code by
``mp_setup_code_state_native``. A viper function checks its arguments itself.
"""

from __future__ import annotations

import struct
import threading
import types
import weakref
from array import array

from mpt.mpy.mpyfile import FUN_TABLE
from mpt.mpy.prelude import (SCOPE_FLAG_GENERATOR, SCOPE_FLAG_VARARGS, SCOPE_FLAG_VARKEYWORDS,
                             decode_prelude)
from mpt.mpy.rawcode import KIND_NATIVE_PY
from mpt.runtime.vm import genclose
from mpt.runtime.vm.asm_call import THUMB_ARCHS
from mpt.runtime.vm.native_cpu import TRAP_BASE, CodeSpace, Frame, NativeCpu
from mpt.runtime.vm.native_glue import CONSTANT_WORDS, NAMES, SETJMP, Glue, NotEmulated
from mpt.runtime.vm.native_objects import Handles, Qstrs
from mpt.runtime.vm.translate import rename_args, rename_code
from mpt.runtime.vm.viper import board_memory

_BOARD = "native_board"
_SCOPE_FLAG_VIPERRELOC = 0x10  # py/runtime0.h MP_SCOPE_FLAG_VIPERRELOC
# ... with MP_SCOPE_FLAG_VIPERRODATA and MP_SCOPE_FLAG_VIPERBSS: what mpy_ld's natmods carry
_SCOPE_FLAGS_NATMOD = _SCOPE_FLAG_VIPERRELOC | 0x20 | 0x40
_SCOPE_FLAG_DEFKWARGS = 0x08


class NativeBoard:
    """What one board's native code shares: memory, handles, qstrs, code, mp_fun_table."""

    def __init__(self, runtime, arch: str) -> None:
        self.runtime = runtime
        self.armv7m, self.fpu = THUMB_ARCHS[arch]
        self.memory = board_memory(runtime.context.extra, 32)
        self.qstrs = Qstrs()
        self.handles = Handles(self.roots)
        self.space = CodeSpace()
        self.glue = Glue(self)
        self.cpus: dict[int, NativeCpu] = {}
        # the code states of the live native generators (their words are roots)
        self.generator_states: dict[int, tuple[bytearray, object]] = {}
        words = [CONSTANT_WORDS[i] if i < len(CONSTANT_WORDS)
                 else 0 if i == SETJMP else (TRAP_BASE + 4 * i) | 1 for i in range(len(NAMES))]
        self.fun_table = bytearray(struct.pack(f"<{len(words)}I", *words))
        self.fun_table_address = self.address(self.fun_table)

    def address(self, buffer) -> int:
        address = self.memory.address_of(buffer)
        assert address is not None  # (bytes and bytearrays have the buffer protocol)
        return address

    def cpu(self) -> NativeCpu:
        ident = threading.get_ident()
        cpu = self.cpus.get(ident)
        if cpu is None:
            cpu = self.cpus[ident] = NativeCpu(self.memory, self.armv7m, self.fpu, self.space,
                                               self.glue, self.runtime.interrupt_cell)
        return cpu

    def roots(self):
        for cpu in list(self.cpus.values()):
            yield from cpu.roots()
        for state, _ in list(self.generator_states.values()):
            yield from struct.unpack(f"<{len(state) // 4}I", state)


def native_board(runtime) -> NativeBoard:
    extra = runtime.context.extra
    board = extra.get(_BOARD)
    if board is None:
        arch = runtime.native_arch()
        if arch not in THUMB_ARCHS:
            # a valid file the emulation cannot run: the guest's error, not the host's
            raise NotEmulated(_cannot_run(arch))
        board = extra[_BOARD] = NativeBoard(runtime, arch)
    return board


def _cannot_run(arch) -> str:
    return (f"native code in .mpy files cannot run on the emulated board's {arch or 'CPU'} "
            f"(only ARM Thumb code can)")


def _words(values) -> bytearray:
    return bytearray(struct.pack(f"<{len(values)}I", *values))


class NativeModule:
    """One loaded module's context, qstr table and object table in the board's memory."""

    def __init__(self, board: NativeBoard, compiled, namespace: dict) -> None:
        qstrs = array("H", [board.qstrs.number(q) for q in compiled.qstrs])
        if len(qstrs) % 2:
            qstrs.append(0)
        self.qstr_table = bytearray(qstrs.tobytes())
        float_round = board.runtime.features.float_bits == 32
        objects = []
        for obj in compiled.objects:
            if obj is FUN_TABLE:
                objects.append(board.fun_table_address)
                continue
            if float_round and type(obj) is float:
                obj = board.runtime.helpers["_mh_f32"](obj)
            objects.append(board.handles.pin(obj))
        self.obj_table = _words(objects or [0])
        self.context = _words([0, board.handles.pin(namespace), board.address(self.qstr_table),
                               board.address(self.obj_table)])
        self.address = board.address(self.context)


class Proto:
    """A nested function's raw code as a child table holds it (mp_proto_fun_t)."""

    def __init__(self, loader, rc) -> None:
        self.loader = loader
        self.rc = rc

    def make(self, cells: tuple):
        return self.loader.factory(self.rc, len(cells))(*cells)


def _signature_source(names: list[str], n_pos: int, n_def: int, varargs: bool,
                      varkw: bool) -> tuple[str, dict[str, str]]:
    """The host function for a native function's parameters: its source and the renames
    that give the parameters their guest names."""
    params, values, renames = [], [], {}
    n_kwonly = len(names) - n_pos
    for i, name in enumerate(names):
        host = f"_p{i}"
        renames[host] = name
        if i == n_pos and varargs:
            params.append("*_pv")
        elif i == n_pos:
            params.append("*")
        params.append(f"{host}=None" if n_pos - n_def <= i < n_pos else host)
        values.append(host)
    if varargs:
        if not n_kwonly:
            params.append("*_pv")
        values.append("_pv")
    if varkw:
        params.append("**_pk")
        values.append("_pk")
    source = (f"def _mpt_make(_enter, _cells):\n"
              f"    def _mpt_fn({', '.join(params)}):\n"
              f"        return _enter(_cells + ({''.join(v + ', ' for v in values)}))\n"
              f"    return _mpt_fn\n")
    return source, renames


def native_factory(loader, rc, n_free: int, root: bool = False):
    """The factory (cells -> guest function) of native or viper raw code ``rc``."""
    runtime = loader.runtime
    arch = runtime.native_arch()
    if arch not in THUMB_ARCHS:  # refused when the guest makes the function (as it runs)
        def cannot_make(*cells):
            raise NotEmulated(_cannot_run(arch))
        return cannot_make
    board = native_board(runtime)
    module = getattr(loader, "native_module", None)
    if module is None:
        module = loader.native_module = NativeModule(board, loader.compiled, loader.namespace)
    # loading such code succeeds, as on the firmware; making a function of it refuses
    refusal = None
    if rc.scope_flags is not None and rc.scope_flags & _SCOPE_FLAGS_NATMOD:
        refusal = ("native code with relocations or rodata/BSS sections (a native module "
                   "built with dynruntime.h)")
    code = bytes(rc.fun_data)
    base = board.address(code)
    board.space.add(base, code)
    children = [board.handles.pin(Proto(loader, child)) for child in rc.children]
    native_py = rc.kind == KIND_NATIVE_PY
    prelude = decode_prelude(code[rc.prelude_offset:]) if native_py else None
    prelude_address = base + rc.prelude_offset if native_py else 0
    child_table = _words([*children, prelude_address])
    child_table_address = board.address(child_table)
    glue = board.glue
    namespace = loader.namespace
    if prelude is None:
        build = _viper_function(board, base, namespace)
    else:
        build = _python_function(loader, prelude, n_free, base, prelude_address, root)

    def make(*cells):
        if refusal is not None:
            message = f"{refusal} is not emulated on this board"

            def refused(*args, **kwargs):
                raise NotEmulated(message)
            return refused
        fun_bc = _words([0, module.address, child_table_address, base])
        address = board.address(fun_bc)
        # what the function object holds (the code's memory with its own)
        keep = (fun_bc, child_table, code, module)
        return build(address, keep, glue, cells)
    return make


def _viper_function(board: NativeBoard, entry: int, namespace: dict):
    def build(address: int, keep, glue, cells: tuple):
        qstrs = board.qstrs

        def viper(*args, **kwargs):
            words = [glue.word(a) for a in args]
            for key, value in kwargs.items():
                words += [(qstrs.number(key) << 3) | 2, glue.word(value)]
            frame = Frame(namespace, (), 0)
            result = board.cpu().run(entry, address, len(args), len(kwargs), words, frame)
            _ = keep
            return glue.obj(result)
        return viper
    return build


def _python_function(loader, prelude, n_free: int, base: int, prelude_address: int,
                     root: bool):
    runtime = loader.runtime
    board = native_board(runtime)
    qstrs = loader.compiled.qstrs
    names = [qstrs[q] for q in prelude.arg_names]
    name = qstrs[prelude.simple_name]
    n_pos = prelude.n_pos_args
    flags = prelude.scope_flags
    source, renames = _signature_source(names[n_free:], n_pos - n_free, prelude.n_def_pos_args,
                                        bool(flags & SCOPE_FLAG_VARARGS),
                                        bool(flags & SCOPE_FLAG_VARKEYWORDS))
    code = compile(source, "<mpt>", "exec")
    code = rename_args(code, "_mpt_fn", renames)
    key = runtime.new_signature_key(name)
    code = rename_code(code, "_mpt_fn", name, key)
    runtime.note_signature(key, (tuple(names[n_free:]), n_pos - n_free, prelude.n_def_pos_args,
                                 bool(flags & _SCOPE_FLAG_DEFKWARGS)))
    namespace = loader.namespace
    scratch: dict = {}
    exec(code, scratch)  # noqa: S102 - defines _mpt_make only
    make_code = scratch["_mpt_make"].__code__

    cell_locals = tuple(prelude.cells)
    generator = bool(flags & SCOPE_FLAG_GENERATOR)

    def build(address: int, keep, glue, cells: tuple):
        def enter(values: tuple):
            # a class body's names: the dict build_class runs it with
            names = runtime.class_locals[-1] if runtime.class_locals and not root else None
            frame = Frame(namespace, values, prelude_address, cell_locals, names)
            if generator:
                return _start_generator(board, name, address, base, prelude.n_state, frame,
                                        keep)
            result = board.cpu().run(base + 4, address, len(values), 0, [], frame)
            _ = keep
            return glue.obj(result)
        return loader._with_guest_builtins(
            lambda: types.FunctionType(make_code, namespace, "_mpt_make")(enter, cells))
    return build


# mp_vm_return_kind_t
_RETURN_NORMAL, _RETURN_YIELD, _RETURN_EXCEPTION = 0, 1, 2


def _start_generator(board: NativeBoard, name: str, fun_address: int, base: int, n_state: int,
                     frame: Frame, keep):
    """A native generator function's call (py/objgenerator.c, native_gen_wrap_call): its code
    state in the board's memory, for as long as the generator lives, and a host generator
    that resumes the code (mp_obj_gen_resume) at each step."""
    cpu = board.cpu()
    glue = board.glue
    state = bytearray(4 * (5 + n_state))  # mp_code_state_native_t and its state
    address = board.address(state)
    code = keep[2]
    struct.pack_into("<I", state, 0, fun_address)
    struct.pack_into("<HH", state, 12, n_state, 0xFFFF)
    glue.setup_code_state(cpu, address, frame)
    # (code addresses carry the Thumb bit: MICROPY_MAKE_POINTER_CALLABLE)
    struct.pack_into("<I", state, 4, (base + int.from_bytes(code[4:8], "little")) | 1)
    resume = base + 8
    state_start = address + 16

    def steps():
        sent = None
        thrown: BaseException | None = None
        while True:
            sp = int.from_bytes(state[8:12], "little")
            if sp != state_start:
                board.cpu().store(4, sp, glue.word(sent))
            elif sent is not None:
                raise TypeError("can't send non-None value to a just-started generator")
            throw_word = 0 if thrown is None else glue.word(thrown)
            run_frame = Frame(frame.namespace, (), 0)
            kind = board.cpu().run(resume, address, throw_word, 0, [], run_frame)
            sp = int.from_bytes(state[8:12], "little")
            if kind == _RETURN_YIELD:
                value = glue.obj(board.cpu().load(4, sp))
                sent = thrown = None
                try:
                    sent = yield value
                except GeneratorExit as exc:
                    if not genclose.CLOSING[0]:  # abandoned: MicroPython never finalises it
                        return None
                    thrown = exc
                except BaseException as exc:  # throw()
                    thrown = exc
                continue
            if kind == _RETURN_NORMAL:
                return glue.obj(board.cpu().load(4, sp))
            raise glue.obj(int.from_bytes(state[20:24], "little"))

    steps.__name__ = steps.__qualname__ = name
    generator = steps()
    board.generator_states[id(state)] = (state, keep)
    weakref.finalize(generator, board.generator_states.pop, id(state), None)
    return generator
