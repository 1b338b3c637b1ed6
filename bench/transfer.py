"""Transfers to a board: mpt vs mpremote 1.29, over socket:// to `mpt emulate --tcp`.

Measures, for each tool, through a byte-counting TCP relay placed between tool and board:
  - upload and download of a 100 KB random binary file: wall time, bytes on the wire in both
    directions, and payload bytes per wire byte (host -> board for uploads);
  - re-sync of an unchanged 20-file project (mpt sync vs mpremote fs cp -r, which skips
    files whose hash matches), run --repeat times: the best and the median run, and the CPU
    time each run took in the tool's process and in the board's (Linux: a figure a loaded
    machine changes less than the wall time).
Both tools are run as command-line programs, start-up included.

    python bench/transfer.py [--size 102400] [--files 20] [--repeat 5] [--mpt-only]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BIN = Path(sys.executable).parent


class CountingRelay:
    """Forwards one TCP connection at a time to `target`, counting bytes each way."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.to_board = 0
        self.from_board = 0
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(4)
        self.url = f"socket://127.0.0.1:{self._listener.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def reset(self) -> None:
        self.to_board = self.from_board = 0

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            board = socket.create_connection(self.target)
            for sock in (client, board):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=self._pipe, args=(client, board, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(board, client, False), daemon=True).start()

    def _pipe(self, source, sink, upstream: bool) -> None:
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                data = b""
            if not data:
                for sock in (source, sink):
                    try:
                        sock.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                return
            if upstream:
                self.to_board += len(data)
            else:
                self.from_board += len(data)
            try:
                sink.sendall(data)
            except OSError:
                return


def cpu_seconds(pid: int | None = None) -> float:
    """CPU time (user + system) of process `pid` (Linux), or of this one's ended children."""
    if pid is None:
        usage = os.times()
        return usage.children_user + usage.children_system
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stdout}\n{result.stderr}")
    time.sleep(0.3)  # let the relay see the connection's last bytes
    return elapsed


def measure(relay: CountingRelay, command: list[str], cwd: Path, board_pid: int | None = None
            ) -> dict:
    relay.reset()
    tool, board = cpu_seconds(), cpu_seconds(board_pid) if board_pid else 0.0
    elapsed = run(command, cwd)
    return {"seconds": elapsed, "to_board": relay.to_board, "from_board": relay.from_board,
            "tool_cpu": cpu_seconds() - tool,
            "board_cpu": (cpu_seconds(board_pid) - board) if board_pid else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100 * 1024)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5, help="re-syncs measured per tool")
    parser.add_argument("--mpt-only", action="store_true", help="leave mpremote out")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="mpt-bench-"))
    server = subprocess.Popen([str(BIN / "mpt"), "emulate", "--tcp", "0",
                               "--flash", str(work / "flash")],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = server.stdout.readline().strip()
        host, port = url[len("socket://"):].rsplit(":", 1)
        relay = CountingRelay((host, int(port)))
        blob = os.urandom(args.size)
        (work / "blob.bin").write_bytes(blob)
        project = work / "project"
        (project / "lib").mkdir(parents=True)
        for i in range(args.files):
            folder = project / "lib" if i % 2 else project
            (folder / f"module{i}.py").write_text(f"VALUE = {i}\n" + "# padding\n" * (20 + i))
        mpt = [str(BIN / "mpt"), "-p", relay.url]
        mpremote = [str(BIN / "mpremote"), "connect", relay.url]

        rows = []
        up = measure(relay, mpt + ["cp", "-q", "blob.bin", ":mpt.bin"], work)
        down = measure(relay, mpt + ["cp", "-q", ":mpt.bin", "mpt-back.bin"], work)
        assert (work / "mpt-back.bin").read_bytes() == blob
        assert (work / "flash" / "mpt.bin").read_bytes() == blob
        rows.append(("mpt", up, down))
        (work / "flash" / "mpt.bin").unlink()  # room for mpremote's copy of a large file
        if not args.mpt_only:
            up = measure(relay, mpremote + ["fs", "cp", "blob.bin", ":mpr.bin"], work)
            down = measure(relay, mpremote + ["fs", "cp", ":mpr.bin", "mpr-back.bin"], work)
            assert (work / "mpr-back.bin").read_bytes() == blob
            rows.append(("mpremote", up, down))

        print(f"random binary file of {args.size} bytes, via {url} + counting relay")
        print(f"{'tool':10} {'direction':9} {'seconds':>8} {'to board':>10} {'from board':>10} "
              f"{'payload/wire':>12}")
        for tool, up, down in rows:
            for name, m, wire in (("upload", up, up["to_board"]), ("download", down,
                                                                   down["from_board"])):
                print(f"{tool:10} {name:9} {m['seconds']:8.2f} {m['to_board']:10} "
                      f"{m['from_board']:10} {args.size / wire:11.1%}")

        # re-sync of an unchanged project: a first copy, then the measured second one
        run(mpt + ["sync", "project", ":mptapp"], work)
        resyncs = [("mpt sync", [measure(relay, mpt + ["sync", "project", ":mptapp"], work,
                                         server.pid) for _ in range(args.repeat)])]
        if not args.mpt_only:
            run(mpremote + ["fs", "cp", "-r", "project", ":"], work)
            resyncs.append(("mpremote cp -r", [
                measure(relay, mpremote + ["fs", "cp", "-r", "project", ":"], work, server.pid)
                for _ in range(args.repeat)]))
        print(f"\nre-sync of an unchanged {args.files}-file project, {args.repeat} runs "
              "(CPU: medians)")
        for tool, runs in resyncs:
            times = [m["seconds"] for m in runs]
            m = runs[-1]
            print(f"{tool:16} best {min(times):5.3f} s  median {statistics.median(times):5.3f} s"
                  f"  CPU tool {statistics.median(r['tool_cpu'] for r in runs):5.3f} s"
                  f"  board {statistics.median(r['board_cpu'] for r in runs):5.3f} s"
                  f"  {m['to_board']:6} bytes to board  {m['from_board']:6} from board")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
