"""`mpt mip install`: packages from a micropython-lib style index, GitHub/GitLab/Codeberg, a URL
or a local path, installed onto a board through mpt's atomic, verified transfers."""

from mpt.fs.mip.errors import MipError, NetworkError, PackageNotFound
from mpt.fs.mip.install import DEFAULT_INDEX, Installer, board_mpy, default_target

__all__ = ["DEFAULT_INDEX", "Installer", "MipError", "NetworkError", "PackageNotFound",
           "board_mpy", "default_target"]
