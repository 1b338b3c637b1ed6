import os
from pathlib import Path
import termios
import tty

import pytest

from mpt.errors import ConnectionFailed, DeviceError, FirmwareError, UsageError
from mpt.firmware.convert import convert_bytes
from mpt.firmware.flash_dfu import DfuTarget, flash_dfu, parse_memory_layout
from mpt.firmware.flash_uf2 import find_uf2_drives, flash_uf2, touch_1200
from mpt.firmware.inspect import inspect_bytes

from tests.firmware import images
from tests.firmware.fake_dfu_device import F405_LAYOUT, FakeStm32Dfu
from tests.firmware.fake_uf2_board import RP2350_INFO, FakeUf2Board
from waiting import wait_until


def pico_uf2(size=20000):
    return convert_bytes(images.cortex_m_binary(size=size), "uf2", family="rp2040", base=0x10000000)


def test_uf2_enter_bootloader_find_drive_copy_and_wait(tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    data = pico_uf2()
    seen = []
    port = tmp_path / "ttyACM0"
    port.touch()
    with FakeUf2Board(media / "RPI-RP2") as board:
        result = flash_uf2(inspect_bytes(data), data, port=str(port),
                           enter_bootloader=board.enter_bootloader, timeout=5,
                           finder=lambda: find_uf2_drives(media.iterdir()),
                           progress=lambda d, t: seen.append((d, t)))
    assert board.bootloader_requests == [str(port)]
    assert board.flashed == data
    assert board.flashed_memory.start == 0x10000000
    assert result.board_id == "RPI-RP2" and result.drive_gone and result.port_back
    assert seen[-1] == (len(data), len(data))


def test_uf2_with_drive_already_mounted(tmp_path):
    data = pico_uf2()
    with FakeUf2Board(tmp_path / "drive") as board:
        board.mount()
        result = flash_uf2(inspect_bytes(data), data, drive=tmp_path / "drive", enter_bootloader=None, timeout=5)
    assert board.flashed == data and result.drive_gone and result.port_back is None


def test_uf2_family_mismatch_copies_nothing(tmp_path):
    data = pico_uf2()
    board = FakeUf2Board(tmp_path / "drive", info_text=RP2350_INFO)
    board.mount()
    with pytest.raises(FirmwareError, match=r"bootloader \(RP2350\) takes rp2350-arm-s images, this image is for rp2040"):
        flash_uf2(inspect_bytes(data), data, drive=tmp_path / "drive")
    assert sorted(p.name for p in (tmp_path / "drive").iterdir()) == ["INDEX.HTM", "INFO_UF2.TXT"]


def test_uf2_errors(tmp_path):
    data = pico_uf2()
    with pytest.raises(ConnectionFailed, match="no UF2 bootloader drive appeared within 0.5 s"):
        flash_uf2(inspect_bytes(data), data, port="/dev/x", enter_bootloader=lambda port: None, timeout=0.5,
                  finder=lambda: [])
    with pytest.raises(UsageError, match="no UF2 drive mounted"):
        flash_uf2(inspect_bytes(data), data, finder=lambda: [])
    for name in ("A", "B"):
        FakeUf2Board(tmp_path / name).mount()
    with pytest.raises(UsageError, match="several UF2 drives are mounted"):
        flash_uf2(inspect_bytes(data), data, finder=lambda: find_uf2_drives([tmp_path / "A", tmp_path / "B"]))
    merged = images.esp_merged("esp32")
    with pytest.raises(FirmwareError, match="takes .uf2 files"):
        flash_uf2(inspect_bytes(merged), merged, drive=tmp_path)


def test_touch_1200_sets_the_line_speed():
    master, slave = os.openpty()
    tty.setraw(slave)
    try:
        touch_1200(os.ttyname(slave))
        assert termios.tcgetattr(slave)[5] == termios.B1200
    finally:
        os.close(master)
        os.close(slave)
    with pytest.raises(ConnectionFailed, match="could not open /nonexistent/tty"):
        touch_1200("/nonexistent/tty")


def test_memory_layout_parsing():
    assert parse_memory_layout(F405_LAYOUT) == [(0x08000000, 16384, 4), (0x08010000, 65536, 1),
                                               (0x08020000, 131072, 7)]


def test_dfu_flashes_dfuse_file_into_the_device():
    firmware = images.cortex_m_binary(board="PYBv1.1", mcu="STM32F405RG", size=70000)
    dfu = convert_bytes(firmware, "dfu", base=0x08000000)
    device = FakeStm32Dfu()
    device.flash[0x08030000] = 0x00       # stale byte in a sector the image touches: must be erased
    seen = []
    result = flash_dfu(inspect_bytes(dfu), dfu, DfuTarget(device, 0, F405_LAYOUT),
                       progress=lambda d, t: seen.append((d, t)))
    assert device.read(0x08000000, len(firmware)) == firmware
    assert device.erased_sectors == [0x08000000, 0x08004000, 0x08008000, 0x0800C000, 0x08010000]
    assert device.left_dfu_at == 0x08000000
    assert result.size == len(firmware) and seen[-1] == (len(firmware), len(firmware))


def test_dfu_refuses_non_stm32_images():
    device = FakeStm32Dfu()
    uf2 = pico_uf2()
    with pytest.raises(FirmwareError, match="outside STM32 internal flash|cannot be flashed over DfuSe"):
        flash_dfu(inspect_bytes(uf2), uf2, DfuTarget(device, 0, F405_LAYOUT))
    raw = images.cortex_m_binary()
    with pytest.raises(FirmwareError, match="carries no load address"):
        flash_dfu(inspect_bytes(raw), raw, DfuTarget(device, 0, F405_LAYOUT))
    assert device.requests == []


def test_dfu_device_error_is_reported():
    firmware = images.cortex_m_binary(board="PYBv1.1", mcu="STM32F405RG", size=3000)
    dfu = convert_bytes(firmware, "dfu", base=0x08000000)
    device = FakeStm32Dfu(fail_writes=True)
    with pytest.raises(DeviceError, match="reported error"):
        flash_dfu(inspect_bytes(dfu), dfu, DfuTarget(device, 0, F405_LAYOUT))


def test_dfu_without_pyusb_says_what_to_install(monkeypatch):
    import builtins
    real_import = builtins.__import__

    def no_usb(name, *args, **kwargs):
        if name.startswith("usb"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)
    monkeypatch.setattr(builtins, "__import__", no_usb)
    dfu = convert_bytes(images.cortex_m_binary(), "dfu", base=0x08000000)
    with pytest.raises(UsageError, match=r"pip install 'mpt\[dfu\]'"):
        flash_dfu(inspect_bytes(dfu), dfu)


def test_dfu_asks_a_running_board_to_enter_its_bootloader_then_waits():
    from mpt.firmware.flash_dfu import wait_for_dfu
    device = FakeStm32Dfu()
    asked = []

    def find():
        if not asked:
            raise ConnectionFailed("no STM32 in DFU mode")
        return DfuTarget(device, 0, F405_LAYOUT)
    target = wait_for_dfu("/dev/ttyACM0", asked.append, timeout=3, find=find)
    assert asked == ["/dev/ttyACM0"] and target.device is device
    with pytest.raises(ConnectionFailed, match="did not show up in DFU mode within 0.6 s"):
        wait_for_dfu("/dev/ttyACM0", lambda port: None, timeout=0.6,
                     find=lambda: (_ for _ in ()).throw(ConnectionFailed("none")))


def test_find_stm32_dfu_opens_the_device_through_pyusb(monkeypatch):
    """The pyusb glue, with a stand-in `usb` package (pyusb is an optional extra)."""
    import sys
    import types
    from mpt.firmware.flash_dfu import find_stm32_dfu

    device = FakeStm32Dfu()
    calls = []

    class Interface:
        iInterface = 4

    class Configuration:
        def __getitem__(self, key):
            assert key == (0, 0)
            return Interface()

    device.set_configuration = lambda: calls.append("configure")
    device.get_active_configuration = lambda: Configuration()
    core = types.ModuleType("usb.core")
    core.find = lambda idVendor, idProduct: device if (idVendor, idProduct) == (0x0483, 0xDF11) else None
    core.NoBackendError = type("NoBackendError", (Exception,), {})
    core.USBError = type("USBError", (Exception,), {})
    util = types.ModuleType("usb.util")
    util.claim_interface = lambda dev, number: calls.append(("claim", number))
    util.get_string = lambda dev, index: F405_LAYOUT if index == 4 else None
    package = types.ModuleType("usb")
    package.core, package.util = core, util
    monkeypatch.setitem(sys.modules, "usb", package)
    monkeypatch.setitem(sys.modules, "usb.core", core)
    monkeypatch.setitem(sys.modules, "usb.util", util)
    target = find_stm32_dfu()
    assert target.device is device and target.memory_layout == F405_LAYOUT
    assert calls == ["configure", ("claim", 0)]
    core.find = lambda idVendor, idProduct: None
    with pytest.raises(ConnectionFailed, match="no STM32 in DFU mode"):
        find_stm32_dfu()


class FakeMicrobitDrive:
    """DAPLink: takes a .hex, programs it, remounts without it; FAIL.TXT when the hex is refused."""

    def __init__(self, path, refuse=False):
        import threading
        self.path = path
        self.refuse = refuse
        self.programmed = None
        path.mkdir()
        (path / "DETAILS.TXT").write_text("# DAPLink Firmware - see https://mbed.com/daplink\n"
                                          "Unique ID: 9904360253454e450009201400000044000000009796990b\n"
                                          "Version: 0255\n")
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self):
        # the interface chip takes the file once it is whole (Intel HEX's end-of-file record)
        def whole_hex():
            for candidate in self.path.glob("*.hex"):
                data = candidate.read_bytes()
                if data.rstrip().endswith(b":00000001FF"):
                    return candidate, data
            return None

        try:
            found, self.programmed = wait_until(whole_hex, what="a whole .hex file")
        except AssertionError:
            return  # nothing was copied: the test's own assertions report it
        found.unlink()
        if self.refuse:
            (self.path / "FAIL.TXT").write_text("The hex file cannot be decoded.")

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._thread.join(5)


def microbit_hex():
    from mpt.firmware.ihex import _record
    return "\n".join([_record(4, 0, b"\x00\x00"), _record(0x0A, 0, b"\x99\x00\xc0\xde"),
                      _record(0, 0, b"a" * 16), _record(0x0A, 0, b"\x99\x03\xc0\xde"),
                      _record(0x0D, 0, b"b" * 16), _record(1, 0, b"")]).encode() + b"\n"


def test_daplink_copy_and_fail_file(tmp_path):
    from mpt.firmware.flash import flash_method
    from mpt.firmware.flash_daplink import find_daplink_drives, flash_daplink
    data = microbit_hex()
    info = inspect_bytes(data)
    assert flash_method(info) == "daplink"
    with FakeMicrobitDrive(tmp_path / "MICROBIT") as board:
        result = flash_daplink(info, data, finder=lambda: find_daplink_drives([tmp_path / "MICROBIT"]), timeout=5)
    assert board.programmed == data and result.drive == tmp_path / "MICROBIT"
    with FakeMicrobitDrive(tmp_path / "MB2", refuse=True):
        with pytest.raises(DeviceError, match="DAPLink reports: The hex file cannot be decoded."):
            flash_daplink(info, data, drive=tmp_path / "MB2", timeout=5)
    with pytest.raises(ConnectionFailed, match="no micro:bit"):
        flash_daplink(info, data, finder=lambda: [])
    from mpt.firmware.ihex import build_hex
    from mpt.firmware.memory import MemoryImage
    v1_only = build_hex(MemoryImage.from_pieces([(0, b"x" * 32)]))
    v1_info = inspect_bytes(v1_only)
    v1_info.target = "nrf51"     # as the banner of a v1 build says
    with pytest.raises(FirmwareError, match="for nrf51 but the micro:bit .* is nrf52833"):
        flash_daplink(v1_info, v1_only, drive=tmp_path / "MICROBIT")


@pytest.mark.skipif(not os.path.exists("/proc"), reason="Linux mount table")
def test_mount_points_from_the_mount_table(tmp_path):
    from mpt.firmware.flash_uf2 import candidate_mount_points
    mounts = tmp_path / "mounts"
    mounts.write_text("/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 /media/pi/RPI-RP2 vfat rw 0 0\n"
                      "/dev/sdc1 /run/media/ann/MY\\040DRIVE vfat rw 0 0\n")
    places = candidate_mount_points(mounts)
    assert Path("/media/pi/RPI-RP2") in places and Path("/run/media/ann/MY DRIVE") in places
    assert Path("/") not in places


def test_uf2_drive_gets_the_blocks_its_family_takes(tmp_path):
    from mpt.firmware.uf2 import parse_uf2
    from tests.firmware import uf2_images

    both = uf2_images.rp2040_and_rp2350_uf2()
    rp2040_part = uf2_images.family_run(images.cortex_m_binary(size=6000), 0x10000000, uf2_images.RP2040)
    with FakeUf2Board(tmp_path / "RPI-RP2") as board:
        board.mount()
        result = flash_uf2(inspect_bytes(both), both, drive=tmp_path / "RPI-RP2", timeout=5)
    assert board.flashed == rp2040_part and result.size == len(rp2040_part)
    with FakeUf2Board(tmp_path / "RP2350", info_text=RP2350_INFO) as board:
        board.mount()
        flash_uf2(inspect_bytes(both), both, drive=tmp_path / "RP2350", timeout=5)
    assert board.flashed == both[len(rp2040_part):]          # the E10 block and the RP2350 image
    assert [s.family for s in parse_uf2(board.flashed).sequences] == [uf2_images.RP_ABSOLUTE,
                                                                     uf2_images.RP2350_ARM_S]
    sdk = uf2_images.rp2350_sdk_uf2()
    with FakeUf2Board(tmp_path / "RP2350b", info_text=RP2350_INFO) as board:
        board.mount()
        flash_uf2(inspect_bytes(sdk), sdk, drive=tmp_path / "RP2350b", timeout=5)
    assert board.flashed == sdk                               # written as the SDK made it
    board = FakeUf2Board(tmp_path / "other", info_text=RP2350_INFO)
    board.mount()
    with pytest.raises(FirmwareError, match=r"takes rp2350-arm-s images, this image is for rp2040; nothing"):
        flash_uf2(inspect_bytes(rp2040_part), rp2040_part, drive=tmp_path / "other")
