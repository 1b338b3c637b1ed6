"""An emulated ESP serial bootloader (ROM loader, and the flasher stub once one is uploaded).

It speaks the real wire protocol -- SLIP frames, request/response packets with status bytes -- so
that esptool's own code talks to it over a pseudo-terminal exactly as over a USB serial adapter.
The emulated flash is a bytearray the tests compare against what was flashed.

Chip facts (magic register values, chip ids, SPI register addresses) are read from esptool's
target classes so the emulator answers what esptool expects of each chip.
"""

from __future__ import annotations

import hashlib
import os
import re
import struct
import threading
import zlib

from esptool.targets import CHIP_DEFS

from tests.firmware.peers import PtyPeer

SYNC, READ_REG, WRITE_REG = 0x08, 0x0A, 0x09
FLASH_BEGIN, FLASH_DATA, FLASH_END = 0x02, 0x03, 0x04
MEM_BEGIN, MEM_END, MEM_DATA = 0x05, 0x06, 0x07
SPI_SET_PARAMS, SPI_ATTACH, CHANGE_BAUDRATE = 0x0B, 0x0D, 0x0F
FLASH_DEFL_BEGIN, FLASH_DEFL_DATA, FLASH_DEFL_END = 0x10, 0x11, 0x12
SPI_FLASH_MD5, GET_SECURITY_INFO = 0x13, 0x14
ERASE_FLASH, ERASE_REGION, READ_FLASH, RUN_USER_CODE = 0xD0, 0xD1, 0xD2, 0xD3

CHIP_DETECT_MAGIC_REG = 0x40001000
SPI_CMD_USR = 1 << 18
FLASH_ID = 0x1640EF          # a Winbond W25Q32 (4 MB) as read back from SPI_W0
SFDP_SIGNATURE = 0x50444653
ERROR_INVALID_COMMAND, ERROR_BAD_CHECKSUM, ERROR_BAD_DATA = 0x05, 0x07, 0x08
SLIP_END, SLIP_ESC = 0xC0, 0xDB


def xor_checksum(payload: bytes) -> int:
    """The ROM's block checksum: 0xEF xor every byte (folded 8 bytes at a time for speed)."""
    padded = payload + b"\x00" * (-len(payload) % 8)
    words = memoryview(padded).cast("Q")
    folded = 0
    for word in words:
        folded ^= word
    value = 0xEF
    for byte in folded.to_bytes(8, "little"):
        value ^= byte
    return value


class EspRomEmulator:
    def __init__(self, chip: str = "esp32", flash_size: int = 4 * 1024 * 1024, boot_delay: float = 0.3,
                 in_bootloader: bool = True):
        self.chip = chip
        self.boot_delay = boot_delay
        self.in_reset = False
        self.boots: list[str] = []       # "download" or "flash", one per reset
        self.rom = CHIP_DEFS[chip]
        self.flash = bytearray(b"\xff" * flash_size)
        self.registers: dict[int, int] = {}
        self.ram: dict[int, bytes] = {}
        self.stub_running = False
        self.commands: list[int] = []
        self.output = bytearray()        # everything sent to the host
        self.console = bytearray()       # text printed after the app was started
        self.app_started = False
        self._send = None
        self._frame: bytearray | None = None
        self._escape = False
        self._write = None               # (offset, block_size, deflate object or None)
        self._reading = None             # (offset, length, sector size, bytes sent) during READ_FLASH
        self.baudrate = 115200
        self._power_on_registers()
        if not in_bootloader:
            self.app_started = True      # powered up running whatever firmware it had
        self._mem = None

    def _power_on_registers(self):
        rom = self.rom
        # the UART divider the ROM set up for 115200 baud from a 40 MHz crystal
        self.registers[rom.UART_CLKDIV_REG] = round(40_000_000 / rom.XTAL_CLK_DIVIDER / 115200)
        if self.chip == "esp32":
            # what the ESP32 ROM measured for its 8 MHz clock: read back as a 40 MHz crystal
            self.registers[rom.EFUSE_RD_REG_BASE + 4 * 4] = 100
            self.registers[rom.RTCCALICFG1] = 1024 << rom.TIMERS_RTC_CALI_VALUE_S

    # --- reset lines: EN follows RTS, GPIO0 follows DTR (both inverted), as on dev boards ---------
    def set_lines(self, dtr: bool, rts: bool) -> None:
        if rts and not self.in_reset:
            self.in_reset = True                                    # EN low: chip held in reset
        elif not rts and self.in_reset:
            self.in_reset = False                                   # EN high: boot, GPIO0 decides how
            self._boot(download=dtr)

    def _boot(self, download: bool) -> None:
        self.stub_running = False
        self.app_started = False
        self._frame = None
        self._write = None
        self.boots.append("download" if download else "flash")
        if download:
            self._emit(b"ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),"
                       b"boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\nwaiting for download\r\n")
        else:
            self.start_app()

    # --- byte level ---------------------------------------------------------------------------
    def feed(self, data: bytes) -> None:
        for byte in data:
            if byte == SLIP_END:
                if self._frame:
                    self._handle(bytes(self._frame))
                self._frame = bytearray()
                self._escape = False
            elif self._frame is None:
                continue                  # noise outside a frame
            elif self._escape:
                self._frame.append({0xDC: SLIP_END, 0xDD: SLIP_ESC}.get(byte, byte))
                self._escape = False
            elif byte == SLIP_ESC:
                self._escape = True
            else:
                self._frame.append(byte)

    def _emit(self, raw: bytes) -> None:
        self.output += raw
        if self._send:
            self._send(raw)

    def _slip(self, packet: bytes) -> None:
        self._emit(b"\xc0" + packet.replace(b"\xdb", b"\xdb\xdd").replace(b"\xc0", b"\xdb\xdc") + b"\xc0")

    def _respond(self, op: int, value: int = 0, data: bytes = b"", error: int = 0) -> None:
        status_len = 2 if (self.stub_running or self.chip == "esp8266") else 4
        status = bytes([1 if error else 0, error]) + b"\x00" * (status_len - 2)
        body = data + status
        self._slip(struct.pack("<BBHI", 1, op, len(body), value) + body)

    # --- packets ------------------------------------------------------------------------------
    def _handle(self, frame: bytes) -> None:
        if self._reading is not None and len(frame) == 4:
            self._send_next_read_packet(struct.unpack("<I", frame)[0])
            return
        if self.app_started or self.in_reset or len(frame) < 8:
            return
        direction, op, size, checksum = struct.unpack_from("<BBHI", frame)
        data = frame[8:]
        if direction != 0 or size != len(data):
            return
        self.commands.append(op)
        handler = getattr(self, f"_op_{op:02x}", None)
        if handler is None:
            self._respond(op, error=ERROR_INVALID_COMMAND)
            return
        handler(op, data, checksum)

    def _op_08(self, op, data, checksum):                   # SYNC
        if data != b"\x07\x07\x12\x20" + b"\x55" * 32:
            return
        for _ in range(1 if self.stub_running else 8):
            self._respond(op, 0 if self.stub_running else 0x20120707)

    def _op_0a(self, op, data, checksum):                   # READ_REG
        (address,) = struct.unpack("<I", data[:4])
        value = self.registers.get(address, 0)
        if address == CHIP_DETECT_MAGIC_REG and self.rom.USES_MAGIC_VALUE:
            value = self.rom.MAGIC_VALUE
        self._respond(op, value)

    def _op_09(self, op, data, checksum):                   # WRITE_REG: (address, value, mask, delay)*
        for pos in range(0, len(data) - 15, 16):
            address, value, mask, _delay = struct.unpack_from("<IIII", data, pos)
            old = self.registers.get(address, 0)
            self.registers[address] = (old & ~mask) | (value & mask)
            if address == self.rom.SPI_REG_BASE and value & SPI_CMD_USR:
                self._run_spi_user_command()
        self._respond(op)

    def _run_spi_user_command(self):
        base = self.rom.SPI_REG_BASE
        command = self.registers.get(base + self.rom.SPI_USR2_OFFS, 0) & 0xFF
        w0 = base + self.rom.SPI_W0_OFFS
        if command == 0x9F:          # RDID
            self.registers[w0] = FLASH_ID
        elif command == 0x5A:        # read SFDP
            address = self.registers.get(base + 0x04, 0) >> 8
            self.registers[w0] = SFDP_SIGNATURE if address == 0 else 0
        self.registers[base] = self.registers.get(base, 0) & ~SPI_CMD_USR

    def _op_14(self, op, data, checksum):                   # GET_SECURITY_INFO
        if self.rom.USES_MAGIC_VALUE:
            self._respond(op, error=ERROR_INVALID_COMMAND)
            return
        info = struct.pack("<IB7sII", 0, 0, b"\x00" * 7, self.rom.IMAGE_CHIP_ID, 0)
        self._respond(op, data=info)

    def _op_0d(self, op, data, checksum):                   # SPI_ATTACH
        self._respond(op)

    def _op_0b(self, op, data, checksum):                   # SPI_SET_PARAMS
        _id, total = struct.unpack_from("<II", data)
        self.flash_size_set = total
        self._respond(op)

    def _op_0f(self, op, data, checksum):                   # CHANGE_BAUDRATE
        self.baudrate = struct.unpack_from("<I", data)[0]
        self._respond(op)

    def _check_payload(self, op, data, checksum):
        length, seq, _, _ = struct.unpack_from("<IIII", data)
        payload = data[16:]
        if len(payload) != length or xor_checksum(payload) != checksum & 0xFF:
            self._respond(op, error=ERROR_BAD_CHECKSUM)
            return None, None
        return seq, payload

    def _op_02(self, op, data, checksum):                   # FLASH_BEGIN
        erase_size, _blocks, block_size, offset = struct.unpack_from("<IIII", data)
        if offset + erase_size > len(self.flash):
            self._respond(op, error=ERROR_BAD_DATA)
            return
        self.flash[offset:offset + erase_size] = b"\xff" * erase_size
        self._write = (offset, block_size, None)
        self._respond(op)

    def _op_03(self, op, data, checksum):                   # FLASH_DATA
        seq, payload = self._check_payload(op, data, checksum)
        if payload is None:
            return
        if self._write is None:
            self._respond(op, error=ERROR_BAD_DATA)
            return
        offset, block_size, _ = self._write
        self._program(offset + seq * block_size, payload)
        self._respond(op)

    def _program(self, address: int, payload: bytes) -> None:
        # NOR flash: programming only clears bits
        end = address + len(payload)
        current = int.from_bytes(self.flash[address:end], "little")
        self.flash[address:end] = (current & int.from_bytes(payload, "little")).to_bytes(len(payload), "little")

    def _op_04(self, op, data, checksum):                   # FLASH_END
        self._respond(op)
        run_user_code = struct.unpack_from("<I", data)[0] if data else 0
        self._write = None
        if run_user_code:
            self.start_app()

    def _op_10(self, op, data, checksum):                   # FLASH_DEFL_BEGIN
        size, _blocks, block_size, offset = struct.unpack_from("<IIII", data)
        if offset + size > len(self.flash):
            self._respond(op, error=ERROR_BAD_DATA)
            return
        # the ROM erases the whole (rounded) area first; the stub erases as it writes
        self.flash[offset:offset + size] = b"\xff" * size
        self._write = (offset, block_size, zlib.decompressobj())
        self._written = 0
        self._respond(op)

    def _op_11(self, op, data, checksum):                   # FLASH_DEFL_DATA
        seq, payload = self._check_payload(op, data, checksum)
        if payload is None:
            return
        offset, _block_size, inflater = self._write
        try:
            plain = inflater.decompress(payload)
        except zlib.error:
            self._respond(op, error=ERROR_BAD_DATA)
            return
        self._program(offset + self._written, plain)
        self._written += len(plain)
        self._respond(op)

    def _op_12(self, op, data, checksum):                   # FLASH_DEFL_END
        self._respond(op)
        run_user_code = struct.unpack_from("<I", data)[0] if data else 0
        self._write = None
        if run_user_code and not self.stub_running:
            self.start_app()

    def _op_13(self, op, data, checksum):                   # SPI_FLASH_MD5
        address, size = struct.unpack_from("<II", data)
        digest = hashlib.md5(self.flash[address:address + size])
        if self.stub_running:
            self._respond(op, data=digest.digest())
        else:
            self._respond(op, data=digest.hexdigest().encode())

    def _op_05(self, op, data, checksum):                   # MEM_BEGIN
        _size, _blocks, block_size, offset = struct.unpack_from("<IIII", data)
        self._mem = (offset, block_size)
        self._respond(op)

    def _op_07(self, op, data, checksum):                   # MEM_DATA
        seq, payload = self._check_payload(op, data, checksum)
        if payload is None:
            return
        offset, block_size = self._mem
        self.ram[offset + seq * block_size] = payload
        self._respond(op)

    def _op_06(self, op, data, checksum):                   # MEM_END: run the uploaded code
        no_entry, entry = struct.unpack_from("<II", data)
        self._respond(op)
        if not no_entry and entry:
            # the uploaded program is esptool's flasher stub: it greets, then serves stub commands
            self.stub_running = True
            self._slip(b"OHAI")

    def _op_d0(self, op, data, checksum):                   # ERASE_FLASH (stub)
        if not self.stub_running:
            return self._respond(op, error=ERROR_INVALID_COMMAND)
        self.flash[:] = b"\xff" * len(self.flash)
        self._respond(op)

    def _op_d1(self, op, data, checksum):                   # ERASE_REGION (stub)
        if not self.stub_running:
            return self._respond(op, error=ERROR_INVALID_COMMAND)
        offset, size = struct.unpack_from("<II", data)
        self.flash[offset:offset + size] = b"\xff" * size
        self._respond(op)

    def _op_d2(self, op, data, checksum):                   # READ_FLASH (stub): data packets, acked
        if not self.stub_running:
            return self._respond(op, error=ERROR_INVALID_COMMAND)
        offset, length, sector, _in_flight = struct.unpack_from("<IIII", data)
        self._respond(op)
        self._reading = (offset, length, sector, 0)
        self._send_next_read_packet(0)

    def _send_next_read_packet(self, acked: int) -> None:
        offset, length, sector, sent = self._reading
        if acked < sent:
            return
        if sent >= length:
            self._reading = None
            self._slip(hashlib.md5(self.flash[offset:offset + length]).digest())
            return
        chunk = bytes(self.flash[offset + sent:offset + min(sent + sector, length)])
        self._reading = (offset, length, sector, sent + len(chunk))
        self._slip(chunk)

    def _op_d3(self, op, data, checksum):                   # RUN_USER_CODE (stub)
        self.start_app()

    # --- the application --------------------------------------------------------------------
    def start_app(self) -> None:
        """Boot what is in flash: print the MicroPython banner if the flash holds one."""
        self.app_started = True
        text = b"\r\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n"
        banner = re.search(rb"MicroPython v[\x20-\x7e]+? on \d{4}-\d{2}-\d{2}[\x20-\x7e]*", self.flash)
        machine = re.search(rb"\x00(; [\x20-\x7e]+? with [\x20-\x7e]+?)\x00", self.flash)
        if banner:
            # newer builds keep "; <board> with <mcu>" as a string of its own
            tail = machine.group(1) if machine and b" with " not in banner.group(0) else b""
            text += banner.group(0) + tail + \
                b"\r\nType \"help()\" for more information.\r\n>>> "
        else:
            text += b"invalid header: 0xffffffff\r\n"
        self.console += text
        # a real chip takes a moment to boot: the text arrives after the last response was read
        timer = threading.Timer(self.boot_delay, self._emit, (text,))
        timer.daemon = True
        timer.start()


class PtyEspBoard(PtyPeer):
    """Serves an emulator on a pseudo-terminal; `port` is the device path to give esptool."""

    def __init__(self, emulator: EspRomEmulator):
        super().__init__()
        self.emulator = emulator
        self.emulator._send = lambda raw: os.write(self.master, raw)

    def _serve(self):
        import select
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    data = os.read(self.master, 65536)
                except OSError:
                    return
                self.emulator.feed(data)


class EmulatedSerial:
    """A pyserial-like port object wired to an emulator, with working DTR/RTS (esptool accepts
    a port object in place of a device name). Like an RFC 2217 network port it has control lines
    but no file descriptor, and it is named like one so esptool picks its classic reset sequence."""

    def __init__(self, emulator: EspRomEmulator):
        self.emulator = emulator
        self.port = self.name = "rfc2217://emulated-esp:4000"
        self._received = bytearray()
        self._ready = threading.Condition()
        self.timeout = 3.0
        self.write_timeout = None
        self.baudrate = 115200
        self._dtr = False
        self._rts = False
        self.is_open = True
        emulator._send = self._deliver

    def _deliver(self, raw: bytes) -> None:
        with self._ready:
            self._received += raw
            self._ready.notify_all()

    def read(self, size: int = 1) -> bytes:
        with self._ready:
            if not self._received and self.timeout:
                self._ready.wait_for(lambda: self._received, self.timeout)
            data = bytes(self._received[:size])
            del self._received[:size]
            return data

    def write(self, data: bytes) -> int:
        self.emulator.feed(bytes(data))
        return len(data)

    @property
    def in_waiting(self) -> int:
        return len(self._received)

    def inWaiting(self) -> int:
        return self.in_waiting

    def reset_input_buffer(self) -> None:
        with self._ready:
            self._received.clear()

    flushInput = reset_input_buffer

    def reset_output_buffer(self) -> None:
        pass

    flushOutput = reset_output_buffer

    def flush(self) -> None:
        pass

    def setDTR(self, state: bool) -> None:
        self._dtr = bool(state)
        self.emulator.set_lines(self._dtr, self._rts)

    def setRTS(self, state: bool) -> None:
        self._rts = bool(state)
        self.emulator.set_lines(self._dtr, self._rts)

    dtr = property(lambda self: self._dtr, setDTR)
    rts = property(lambda self: self._rts, setRTS)

    def fileno(self):
        import errno
        raise OSError(errno.ENOTTY, "not a terminal")

    def isOpen(self) -> bool:
        return self.is_open

    def open(self) -> None:
        self.is_open = True

    def close(self) -> None:
        self.is_open = False
