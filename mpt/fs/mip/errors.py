"""The errors of package installation (exit codes in the README)."""

from mpt.errors import EXIT_CONNECTION, MptError, UsageError


class MipError(MptError):
    """A package cannot be installed: a malformed package description, a file whose content
    does not match its hash, a .mpy built for another MicroPython or architecture (exit 1)."""


class PackageNotFound(UsageError):
    """The package, version or one of its files does not exist where it was looked for
    (exit 2, like a missing input file)."""


class NetworkError(MptError):
    """The package server could not be reached or answered with an error (exit 3)."""

    exit_code = EXIT_CONNECTION
