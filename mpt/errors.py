"""The typed errors of mpt.

Library code raises these; only the CLI turns them into a message and an exit code.
Exit codes (documented in the README):

    0  success
    1  the operation failed (compile error, guest program raised, invalid image, ...)
    2  usage error: bad arguments or unusable input
    3  connection error: no board, port busy, board stopped answering
    4  device error: the board refused or failed an operation
  130  interrupted by Ctrl-C
"""

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_CONNECTION = 3
EXIT_DEVICE = 4
EXIT_INTERRUPTED = 130


class MptError(Exception):
    """Base of every error mpt reports to the user."""

    exit_code = EXIT_FAILURE

    def __init__(self, message: str = "", *, exit_code: int | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

    @property
    def message(self) -> str:
        return str(self)


class UsageError(MptError):
    """The user asked for something that cannot be done as asked."""

    exit_code = EXIT_USAGE


class InputFileError(UsageError):
    """An input file is missing, unreadable or not of the expected kind."""


class CompileError(MptError):
    """Source code could not be compiled.

    ``traceback_text`` is the MicroPython-style traceback mpy-cross prints for it; an error
    with ``line`` None (e.g. raised by the lexer without location) prints no traceback part.
    """

    def __init__(self, exc_name: str, message: str, filename: str, line: int | None,
                 scope: str | None = None):
        self.exc_name = exc_name
        self.filename = filename
        self.line = line
        self.scope = scope
        self.detail = message
        super().__init__(f"{exc_name}: {message}" if message else exc_name)

    @property
    def traceback_text(self) -> str:
        if self.line is None:
            return f"{self}\n"
        where = f'  File "{self.filename}", line {self.line}'
        if self.scope is not None:
            where += f", in {self.scope}"
        return f"Traceback (most recent call last):\n{where}\n{self}\n"


class MpyFormatError(MptError):
    """A .mpy file is malformed or of an unsupported version."""


class ConnectionFailed(MptError):
    """No connection to the board could be made or kept."""

    exit_code = EXIT_CONNECTION


class BoardTimeout(ConnectionFailed):
    """The board did not send what we waited for in time; ``received`` is what did arrive."""

    def __init__(self, message: str, received: bytes = b""):
        super().__init__(message)
        self.received = received


class DeviceError(MptError):
    """The board reported an error while doing what we asked."""

    exit_code = EXIT_DEVICE


class RemoteException(DeviceError):
    """Code run on the board raised; ``traceback_text`` is what the board printed."""

    def __init__(self, traceback_text: str, stdout: bytes = b""):
        self.traceback_text = traceback_text
        self.stdout = stdout
        lines = [line for line in traceback_text.strip().splitlines() if line.strip()]
        super().__init__(lines[-1] if lines else "the board raised an exception")


class FirmwareError(MptError):
    """A firmware image is invalid, unsupported, or does not fit the target."""


class InternalError(MptError):
    """A bug in mpt itself (never the user's fault)."""
