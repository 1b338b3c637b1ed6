"""Record the expected output of tests/runtime/programs_net/*.py from real MicroPython 1.29
(the unix port, whose sockets are the host's), each against the servers of net_servers.py:

    MPT_MICROPYTHON_UNIX=.../ports/unix/build-standard/micropython \
    MPT_MICROPYTHON_LIB=.../micropython-lib python tests/runtime/record_net_expected.py [NAME...]

The programs print nothing that differs between the unix port and a board with a radio
(errors are printed as comparisons with the errno module's names; addresses and ports not at
all). http_requests.py imports micropython-lib's requests (python-ecosys/requests).
"""

from __future__ import annotations

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)
from net_servers import PROGRAM_SERVERS, PROGRAMS, servers_for  # noqa: E402
from reference_tools import script_references  # noqa: E402

REQUESTS_DIR = ("python-ecosys", "requests")


def requests_path() -> str | None:
    """The folder holding micropython-lib's `requests` package, if MPT_MICROPYTHON_LIB is set."""
    root = os.environ.get("MPT_MICROPYTHON_LIB")
    if not root:
        return None
    path = os.path.join(root, *REQUESTS_DIR)
    return path if os.path.isdir(os.path.join(path, "requests")) else None


def main(argv: list[str]) -> int:
    unix = script_references("record_net_expected.py", "micropython-unix")["micropython-unix"]
    lib = requests_path()
    if lib is None:
        print("record_net_expected.py: set MPT_MICROPYTHON_LIB to a micropython-lib checkout",
              file=sys.stderr)
        return 2
    env = dict(os.environ, MICROPYPATH=os.pathsep.join((".frozen", lib)))
    for name in argv or sorted(PROGRAM_SERVERS):
        with servers_for(name) as ports:
            p = subprocess.run([str(unix), name, *ports], capture_output=True, cwd=PROGRAMS,
                               timeout=60, env=env)
        with open(os.path.join(PROGRAMS, name[:-3] + ".exp"), "wb") as f:
            f.write(p.stdout + p.stderr)
        print(f"recorded {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
