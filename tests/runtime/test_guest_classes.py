"""Guest classes defined at module level: each interpreter's class objects are its own
(two boards in one process share no class and no state), and the guest sees them as it sees
a class defined directly: its name, builtins' module, object as its only base."""

from __future__ import annotations

from mpt.runtime import Interpreter
from mpt.runtime.library.guestclass import copy_class

# (module, name) of the classes made per interpreter
PER_INTERPRETER = [("select", "poll"), ("_asyncio", "Task"), ("_asyncio", "TaskQueue")]


def _classes(interp: Interpreter) -> dict:
    runtime = interp.runtime
    return {(m, n): getattr(runtime.import_name(m, None, 0, {}), n) for m, n in PER_INTERPRETER}


def test_each_interpreter_has_its_own_classes():
    first, second = Interpreter(), Interpreter()
    a, b = _classes(first), _classes(second)
    for key in PER_INTERPRETER:
        assert a[key] is not b[key], key
        assert a[key].__name__ == key[1] and a[key].__module__ == "builtins"
        assert a[key].__bases__ == (object,)


def test_the_guest_sees_plain_builtin_classes():
    out: list[str] = []
    interp = Interpreter(stdout=out.append, stderr=out.append)
    status = interp.exec_source(
        "import select, _asyncio\n"
        "for c in (select.poll, _asyncio.Task, _asyncio.TaskQueue):\n"
        "    print(c, c.__bases__)\n"
        "print(select.poll(), _asyncio.TaskQueue())\n", "x.py")
    assert (status, "".join(out)) == (0, "<class 'poll'> (<class 'object'>,)\n"
                                         "<class 'Task'> (<class 'object'>,)\n"
                                         "<class 'TaskQueue'> (<class 'object'>,)\n"
                                         "<poll> <TaskQueue>\n")


def test_asyncio_in_two_interpreters_keeps_each_ones_tasks():
    """Two interpreters of one process, each with its asyncio core (the Task class's context,
    the core's globals, is its own): cancelling and awaiting tasks works in both."""
    program = ("import asyncio\n"
               "async def forever():\n"
               "    await asyncio.sleep(10)\n"
               "async def main(tag):\n"
               "    t = asyncio.create_task(forever())\n"
               "    await asyncio.sleep_ms(1)\n"
               "    t.cancel()\n"
               "    try:\n"
               "        await t\n"
               "    except asyncio.CancelledError:\n"
               "        print(tag, 'cancelled')\n")
    outs: list[list[str]] = [[], []]
    interps = [Interpreter(stdout=o.append, stderr=o.append) for o in outs]
    for interp in interps:
        assert interp.exec_source(program, "x.py") == 0
    for i, interp in enumerate(interps):
        assert interp.exec_source(f"asyncio.run(main({i}))\n", "y.py") == 0
    assert outs == [["0 cancelled\n"], ["1 cancelled\n"]]


def test_copy_class_keeps_slots_methods_and_bases():
    class Base:
        __slots__ = ()

    class Template(Base):
        __slots__ = ("value", "__weakref__")
        _scale: int

        def scaled(self):
            return self.value * self._scale

    made = copy_class(Template, "thing", _scale=3)
    other = copy_class(Template, "thing", _scale=5)
    x, y = made(), other()
    x.value = y.value = 2
    assert (x.scaled(), y.scaled()) == (6, 10)
    assert made.__bases__ == (Base,) and made.__name__ == made.__qualname__ == "thing"
    assert made.__module__ == "builtins" and not hasattr(x, "__dict__")
