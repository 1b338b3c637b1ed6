"""A stand-in for the VM behind the REPL protocol tests: runs snippets with host Python.

Only the protocol is under test here; tracebacks are short MicroPython-style texts.
"""

import contextlib
import threading

from mpt.runtime.board.repl import Outcome


class HostExecutor:
    def __init__(self, files=None):
        self.files = dict(files or {})
        self.session = None
        self.resets = 0
        self.ran_files = []
        self._interrupt = threading.Event()
        self.globals = {}
        self.soft_reset()

    def soft_reset(self):
        self.resets += 1
        self.globals = {"__name__": "__main__", "checkpoint": self._checkpoint,
                        "read_stdin": lambda n: self.session.read_stdin(n)}

    def _checkpoint(self):
        if self._interrupt.is_set():
            self._interrupt.clear()
            raise KeyboardInterrupt

    def interrupt(self):
        self._interrupt.set()

    def complete(self, text):
        names = ["input", "int", "isinstance", "issubclass", "iter"]
        return text, [n for n in names if n.startswith(text)] if text else []

    def has_file(self, name):
        return name in self.files

    def run_file(self, name):
        if name not in self.files:
            return None
        self.ran_files.append(name)
        return self.execute(self.files[name].encode(), "file")

    def execute(self, source, mode):
        self._interrupt.clear()

        class Stream:
            def write(inner, text):
                self.session.write_text(text)

            def flush(inner):
                pass

        try:
            code = compile(source.decode(), "<stdin>", "single" if mode == "single" else "exec")
            with contextlib.redirect_stdout(Stream()):
                exec(code, self.globals)
        except SystemExit:
            return Outcome("exit")
        except KeyboardInterrupt:
            return Outcome("exception", "Traceback (most recent call last):\n"
                           '  File "<stdin>", line 1, in <module>\nKeyboardInterrupt: \n')
        except Exception as exc:
            return Outcome("exception", "Traceback (most recent call last):\n"
                           '  File "<stdin>", line 1, in <module>\n'
                           f"{type(exc).__name__}: {exc}\n")
        return Outcome("ok")
