"""A board behind a pyserial port: device paths and URLs (socket://, rfc2217://, loop://, emu://)."""

from __future__ import annotations

import logging
import time

import serial

from mpt.errors import ConnectionFailed, RemoteException, UsageError
from mpt.transport import urlhandlers
from mpt.transport.base import OnOutput, Transport
from mpt.transport.link import Link
from mpt.transport.rawrepl import RawRepl
from mpt.transport import ports

log = logging.getLogger("mpt.transport")

DEFAULT_BAUDRATE = 115200

urlhandlers.register()


def _usb_serial_number(device: str) -> str | None:
    if "://" in device:
        return None
    info = ports.find_port_info(device)
    return info.serial_number if info is not None else None


# An emu:// board opened through the Python API runs in its own confined process, as it does
# for the command line (the guest-boundary issue: the API is no way around the boundary). An
# application that trusts its guest code and wants the board in its own process passes
# emulator_process=False; the test suite sets this to False to keep its boards in process.
EMULATOR_PROCESS_BY_DEFAULT = True


class SerialTransport(Transport):
    """The raw REPL protocol over one pyserial port."""

    def __init__(self, device: str, *, baudrate: int = DEFAULT_BAUDRATE, dtr: bool | None = None,
                 rts: bool | None = None, wait: float = 0.0, answer_timeout: float = 5.0,
                 enter_timeout: float = 10.0, raw_paste: bool | None = None,
                 emulator_process: bool | None = None):
        """`emulator_process`: whether an emu:// board runs in a child process that the OS
        confines (mpt.transport.emulator_process) rather than in this one; None: as
        EMULATOR_PROCESS_BY_DEFAULT says (yes, unless changed)."""
        self.device = device
        self.emulator_process = emulator_process
        self.name = device
        self.baudrate = baudrate
        self.dtr = dtr
        self.rts = rts
        self._answer_timeout = answer_timeout
        self._enter_timeout = enter_timeout
        self._raw_paste_setting = raw_paste
        self.usb_serial_number = _usb_serial_number(device)
        self.link = Link(self._open_port(device, wait), name=device)
        self.repl = RawRepl(self.link, answer_timeout=answer_timeout,
                            enter_timeout=enter_timeout, raw_paste=raw_paste)
        # called before code is sent to the board (e.g. `mpt mount` re-mounting its folder
        # after a soft reset wiped it); they may run code themselves
        self.before_code: list = []
        self._preparing = False

    def _open_port(self, device: str, wait: float):
        check_port_url(device)
        in_child = EMULATOR_PROCESS_BY_DEFAULT if self.emulator_process is None \
            else self.emulator_process
        if in_child and device.lower().startswith("emu://"):
            from mpt.transport import emulator_process
            from mpt.transport.urlhandlers.protocol_emu import parse_emu_url
            options = parse_emu_url(device)
            if emulator_process.runs_in_child(options):
                return emulator_process.start_emulator(options, device)
        deadline = time.monotonic() + wait
        while True:
            try:
                port = serial.serial_for_url(device, do_not_open=True, baudrate=self.baudrate,
                                             timeout=0.05)
                # Set the control lines before opening, so pyserial applies them at open time
                # without a transition that could reset an ESP board.
                if self.dtr is not None:
                    port.dtr = self.dtr
                if self.rts is not None:
                    port.rts = self.rts
                if "://" not in device:
                    port.exclusive = True
                port.open()
                log.info("opened %s", device)
                return port
            except ValueError as exc:  # unknown URL scheme, bad parameters: the user's to fix
                raise UsageError(f"cannot open {device}: {exc}") from exc
            except (serial.SerialException, OSError) as exc:
                if isinstance(exc.__cause__, UsageError):  # e.g. emu:// naming no known board
                    raise UsageError(f"cannot open {device}: {exc.__cause__}") from exc
                if time.monotonic() >= deadline:
                    raise ConnectionFailed(f"cannot open {device}: {_reason(exc)}") from exc
                time.sleep(0.25)

    # -- Transport ---------------------------------------------------------------------------

    def prepare(self) -> bool:
        """Run the before_code hooks; True if one of them did something (returned True)."""
        if self._preparing:
            return False
        self._preparing = True
        try:
            return any([bool(hook()) for hook in list(self.before_code)])
        finally:
            self._preparing = False

    def exec(self, code, *, timeout=10.0, on_output: OnOutput | None = None) -> bytes:
        self.prepare()
        try:
            return self.repl.exec(code, timeout=timeout, on_output=on_output)
        except KeyboardInterrupt:
            # The user pressed Ctrl-C: stop the code on the board as well, then report it.
            self._after_interrupt()
            raise

    def run_streaming(self, code, *, on_output: OnOutput, timeout: float | None = None) -> None:
        """Run a user program, streaming its output; a raised exception's text is streamed too."""
        self.prepare()
        try:
            self.repl.send(code.encode() if isinstance(code, str) else code)
            stdout, stderr = self.repl.follow(timeout, on_output)
        except KeyboardInterrupt:
            self._after_interrupt()
            raise
        if stderr:
            raise RemoteException(stderr.decode("utf-8", "replace"), stdout)

    def converse(self, code, talk, *, timeout=10.0):
        self.prepare()
        try:
            return self.repl.converse(code.encode() if isinstance(code, str) else code, talk,
                                      timeout=timeout)
        except KeyboardInterrupt:
            # (the helper reads the resynchronising bytes as a broken conversation and ends)
            self._after_interrupt()
            raise

    def _after_interrupt(self) -> None:
        """Ctrl-C reached the host somewhere in an exchange with the board: interrupt the
        board too and resynchronise the line, so the board stays usable (the next command in
        a chain, the unmount at exit, the next mpt). The interrupt is what gets reported: a
        board that cannot be brought back is only logged."""
        try:
            self.repl.resynchronise()
        except ConnectionFailed as exc:
            log.info("%s: could not resynchronise after Ctrl-C: %s", self.name, exc)

    def start(self, code) -> None:
        self.prepare()
        try:
            self.repl.send(code.encode() if isinstance(code, str) else code)
        except KeyboardInterrupt:
            self._after_interrupt()
            raise
        # The board is busy now: the next command interrupts it and re-enters the raw REPL.
        self.repl.in_raw_repl = False

    def interrupt(self) -> None:
        self.repl.interrupt()

    def soft_reset(self) -> bytes:
        return self.repl.soft_reset()

    def hard_reset(self) -> None:
        log.info("%s: hard reset (machine.reset())", self.name)
        self.repl.send(b"import machine\nmachine.reset()\n")
        self.reconnect()

    def enter_bootloader(self) -> None:
        log.info("%s: entering the bootloader", self.name)
        self.repl.send(b"import machine\nmachine.bootloader()\n")
        self.link.close()

    def reconnect(self, wait: float = 10.0) -> None:
        """Re-open the board after a reset or an unplug: same port, or same USB serial number."""
        if "://" in self.device:
            # Network and emulated ports survive a board reset; re-sync with the raw REPL.
            self.repl.in_raw_repl = False
            self.link.drain(quiet=0.3, limit=2.0)
            return
        log.info("%s: reconnecting", self.device)
        self.link.close()
        deadline = time.monotonic() + wait
        time.sleep(0.5)  # let the USB device disappear before looking for it again
        while True:
            device = self.device
            if self.usb_serial_number:
                device = ports.find_by_serial_number(self.usb_serial_number) or device
            try:
                port = self._open_port(device, 0)
                break
            except ConnectionFailed:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.25)
        self.device = device
        self.link = Link(port, name=device)
        self.repl = RawRepl(self.link, answer_timeout=self._answer_timeout,
                            enter_timeout=self._enter_timeout, raw_paste=self._raw_paste_setting)

    def enter_raw_repl(self) -> None:
        self.repl.enter()

    def leave_raw_repl(self) -> None:
        self.repl.leave()

    def write(self, data: bytes) -> None:
        self.link.write(data)

    def read_some(self, timeout):
        return self.link.read_some(timeout)

    def close(self) -> None:
        try:
            if self.repl.in_raw_repl:
                self.repl.leave()
        except ConnectionFailed:
            pass
        port = self.link.port
        try:
            # Release RTS before DTR: the order that keeps ESP auto-reset circuits quiet.
            if self.rts is not None or self.dtr is not None:
                port.rts = False
                port.dtr = False
        except (OSError, serial.SerialException):
            pass
        self.link.close()
        log.info("closed %s", self.name)


# the options pyserial's URL handlers understand
_URL_OPTIONS = {"socket": {"logging"},
                "rfc2217": {"logging", "ign_set_control", "poll_modem", "timeout"}}


def check_port_url(device: str) -> None:
    """Refuse (UsageError, exit 2) a socket:// or rfc2217:// URL pyserial could not use."""
    import urllib.parse
    scheme = device.split("://", 1)[0].lower() if "://" in device else ""
    if scheme not in _URL_OPTIONS:
        return
    parts = urllib.parse.urlsplit(device)
    form = f"{scheme}://HOST:PORT"
    try:
        port = parts.port
    except ValueError:
        port = None
    if not parts.hostname or port is None or not 0 < port < 65536 or parts.path not in ("", "/"):
        raise UsageError(f"cannot open {device}: expected {form}")
    unknown = set(urllib.parse.parse_qs(parts.query, keep_blank_values=True)) - \
        _URL_OPTIONS[scheme]
    if unknown:
        raise UsageError(f"cannot open {device}: unknown option(s) {', '.join(sorted(unknown))} "
                         f"(known: {', '.join(sorted(_URL_OPTIONS[scheme]))})")


def _reason(exc: Exception) -> str:
    text = str(exc)
    if "Errno 2" in text or "No such file" in text:
        return "no such port"
    if "Errno 16" in text or "busy" in text.lower() or "exclusively" in text.lower():
        return "port busy (another program is using it)"
    if "Errno 13" in text or "ermission" in text:
        return "permission denied (on Linux, join the 'dialout' group)"
    if "Connection refused" in text or "Errno 111" in text:
        return "connection refused (is `mpt emulate` or the server running?)"
    return text
