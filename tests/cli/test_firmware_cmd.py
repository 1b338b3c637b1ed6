import json
import subprocess
import sys

import pytest

from tests.firmware import images


def mpt(*args, env=None, **kwargs):
    import os
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "mpt", "firmware", *map(str, args)], capture_output=True,
                          text=True, env=full_env, **kwargs)


def one_error_line(result, code=1):
    assert result.returncode == code, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mpt: error: "), result.stderr
    return lines[0]


@pytest.fixture
def merged(tmp_path):
    path = tmp_path / "ESP32_GENERIC-20260430-v1.29.0.bin"
    path.write_bytes(images.esp_merged("esp32"))
    return path


def test_info_text(merged):
    result = mpt("info", merged)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "format:      ESP merged flash image" in out
    assert "target:      ESP32\n" in out
    assert "firmware:    MicroPython v1.29.0\n" in out
    assert "build date:  2026-04-30" in out
    assert "board:       Generic ESP32 module with ESP32" in out
    assert "flash at:    0x00001000" in out
    assert "factory      app   factory   0x00010000" in out
    assert "valid:       yes" in out


def test_info_json_content_not_name(tmp_path):
    path = tmp_path / "looks_like.uf2"          # the name lies; the content is an ESP8266 firmware
    path.write_bytes(images.esp8266_firmware())
    result = mpt("info", "--json", path)
    data = json.loads(result.stdout)
    assert data["format"] == "esp8266"
    assert data["target"] == "esp8266"
    assert data["details"]["irom0_flash_offset"] == 0x9000
    assert data["version"] == "v1.29.0"
    assert data["valid"] is True


def test_info_says_when_not_micropython(tmp_path):
    path = tmp_path / "app.bin"
    path.write_bytes(images.esp_app("esp32s3", text=b"\x00an unrelated application\x00"))
    assert "not MicroPython" in mpt("info", path).stdout
    path.write_bytes(b"\x00Adafruit CircuitPython 9.2.1 on 2024-11-20; Pico with rp2040\x00" * 3)
    assert "CircuitPython 9.2.1 -- this is NOT MicroPython" in mpt("info", path).stdout


def test_verify_ok_and_wrong_chip(merged):
    ok = mpt("verify", merged, "--board", "ESP32_GENERIC")
    assert ok.returncode == 0
    assert "application) for ESP32 (MicroPython v1.29.0 on 2026-04-30; Generic ESP32 module with ESP32)" in ok.stdout
    line = one_error_line(mpt("verify", merged, "--chip", "esp32s3"))
    assert line == "mpt: error: image is built for ESP32, not ESP32-S3"


@pytest.mark.parametrize("damage,message", [
    (lambda d: d[:0x9000], "no application image at flash 0x10000"),
    (lambda d: d[:-100], "truncated"),
    (lambda d: d[:0x20] + bytes([d[0x20] ^ 1]) + d[0x21:], "bootloader: ESP image checksum mismatch"),
    (lambda d: d[:-1] + bytes([d[-1] ^ 1]), "application: ESP image SHA-256 digest does not match"),
    (lambda d: b"\x00" + d[1:], "not an ESP image"),
])
def test_verify_broken_images(tmp_path, damage, message):
    path = tmp_path / "bad.bin"
    path.write_bytes(damage(images.esp_merged("esp32")))
    assert message in one_error_line(mpt("verify", path, "--chip", "esp32"))


def test_verify_missing_file_and_unknown_board(tmp_path, merged):
    assert "No such file" in one_error_line(mpt("verify", tmp_path / "nope.bin"), code=2)
    assert "unknown board 'NOPE'" in one_error_line(mpt("verify", merged, "--board", "NOPE"), code=2)


def test_convert_round_trip_via_cli(tmp_path):
    original = images.cortex_m_binary(size=4000)
    (tmp_path / "fw.bin").write_bytes(original)
    result = mpt("convert", tmp_path / "fw.bin", tmp_path / "fw.uf2", "--family", "rp2040", "--base", "0x10000000")
    assert result.returncode == 0, result.stderr
    info = json.loads(mpt("info", "--json", tmp_path / "fw.uf2").stdout)
    assert info["format"] == "uf2" and info["target"] == "rp2040"
    assert info["segments"] == [{"address": 0x10000000, "size": len(original)}]
    assert mpt("convert", tmp_path / "fw.uf2", tmp_path / "fw.hex").returncode == 0
    assert mpt("convert", tmp_path / "fw.hex", tmp_path / "fw.dfu").returncode == 0
    back = mpt("convert", tmp_path / "fw.dfu", tmp_path / "back.bin")
    assert "convert it back with --base 0x10000000" in back.stdout
    assert (tmp_path / "back.bin").read_bytes() == original
    assert "cannot tell the output format" in one_error_line(mpt("convert", tmp_path / "fw.bin", tmp_path / "x.zip"), 2)


def test_store_and_download_commands(tmp_path):
    from tests.firmware.fake_site import FakeSite
    from mpt.firmware.convert import convert_bytes

    env = {"MPT_CACHE_DIR": str(tmp_path / "cache")}
    pico = convert_bytes(images.cortex_m_binary(version="v1.29.0"), "uf2", family="rp2040", base=0x10000000)
    with FakeSite() as site:
        site.board_page("RPI_PICO", ["RPI_PICO-20260430-v1.29.0.uf2", "RPI_PICO-20251201-v1.27.0.uf2"],
                        {"RPI_PICO-20260430-v1.29.0.uf2": pico})
        listing = mpt("download", "RPI_PICO", "--list", env={**env, "MPT_FIRMWARE_SITE": site.url})
        assert [line.split()[0] for line in listing.stdout.splitlines()] == ["v1.29.0", "v1.27.0"]
        result = mpt("download", "RPI_PICO", env={**env, "MPT_FIRMWARE_SITE": site.url})
    assert result.returncode == 0, result.stderr
    assert f"downloaded {site.url}/resources/firmware/RPI_PICO-20260430-v1.29.0.uf2" in result.stdout
    assert f"path: {tmp_path / 'cache' / 'firmware' / 'RPI_PICO-20260430-v1.29.0.uf2'}" in result.stdout
    listing = mpt("list", env=env)
    assert "RPI_PICO-20260430-v1.29.0.uf2" in listing.stdout and "rp2040" in listing.stdout
    stored = mpt("path", "RPI_PICO", env=env).stdout.strip()
    assert stored == str(tmp_path / "cache" / "firmware" / "RPI_PICO-20260430-v1.29.0.uf2")
    other = tmp_path / "mine.bin"
    other.write_bytes(images.esp_merged("esp32c3"))
    assert mpt("add", other, "--board", "ESP32_GENERIC_C3", "--cache-dir", tmp_path / "c2").returncode == 0
    data = json.loads(mpt("list", "--json", "--cache-dir", tmp_path / "c2").stdout)
    assert [(d["name"], d["board"], d["target"]) for d in data] == [("mine.bin", "ESP32_GENERIC_C3", "esp32c3")]
    assert mpt("remove", "RPI_PICO", env=env).returncode == 0
    assert "no firmware stored" in mpt("list", env=env).stdout
    assert "cannot reach http://127.0.0.1:9/download/NOPE_BOARD/" in one_error_line(
        mpt("download", "NOPE_BOARD", "--site", "http://127.0.0.1:9", env=env), code=3)


def test_flash_esp_end_to_end_over_a_pty(tmp_path):
    from tests.firmware.esp_rom_emulator import EspRomEmulator, PtyEspBoard

    image = images.esp_merged("esp32", board="Generic ESP32 module")
    path = tmp_path / "fw.bin"
    path.write_bytes(image)
    emulator = EspRomEmulator("esp32")
    with PtyEspBoard(emulator) as board:
        result = mpt("flash", path, "-p", board.port, "--no-stub", "--before", "no-reset", "--after", "soft-reset", "-v",
                     "--baud", "921600")
    assert result.returncode == 0, result.stderr
    assert f"wrote {len(image)} bytes at 0x1000 to the ESP32 on {board.port}" in result.stdout
    assert ("the board now reports: MicroPython v1.29.0 on 2026-04-30; Generic ESP32 module with ESP32"
            in result.stdout)
    assert emulator.flash[0x1000:0x1000 + len(image)] == image
    assert emulator.baudrate == 921600
    assert "esptool: Hash of data verified." in result.stderr


def test_flash_esp_refuses_wrong_chip_and_bad_image(tmp_path):
    from tests.firmware.esp_rom_emulator import EspRomEmulator, PtyEspBoard

    path = tmp_path / "fw.bin"
    path.write_bytes(images.esp_merged("esp32s3"))
    emulator = EspRomEmulator("esp32c3")
    with PtyEspBoard(emulator) as board:
        line = one_error_line(mpt("flash", path, "-p", board.port, "--before", "no-reset"))
        assert line == "mpt: error: the board is an ESP32-C3 but the image is built for ESP32-S3; nothing was written"
        damaged = bytearray(images.esp_merged("esp32c3"))
        damaged[-5] ^= 1
        path.write_bytes(bytes(damaged))
        line = one_error_line(mpt("flash", path, "-p", board.port, "--before", "no-reset"))
        assert "refusing to flash an invalid image: application: ESP image SHA-256" in line
        assert "needs its serial port" in one_error_line(mpt("flash", path), code=2)
    assert emulator.flash == b"\xff" * len(emulator.flash)


def test_flash_uf2_to_a_drive_from_the_store(tmp_path):
    from mpt.firmware.convert import convert_bytes
    from tests.firmware.fake_uf2_board import FakeUf2Board

    data = convert_bytes(images.cortex_m_binary(), "uf2", family="rp2040", base=0x10000000)
    source = tmp_path / "RPI_PICO-20260430-v1.29.0.uf2"
    source.write_bytes(data)
    env = {"MPT_CACHE_DIR": str(tmp_path / "cache")}
    assert mpt("add", source, env=env).returncode == 0
    from tests.firmware.banner_port import BannerPort

    banner = b"MicroPython v1.29.0 on 2026-04-30; Raspberry Pi Pico with RP2040"
    with FakeUf2Board(tmp_path / "RPI-RP2") as board, BannerPort(banner) as serial_port:
        board.mount()
        result = mpt("flash", "RPI_PICO", "--drive", tmp_path / "RPI-RP2", "-p", serial_port.port,
                     "--timeout", "5", env=env)
    assert result.returncode == 0, result.stderr
    assert f"copied {len(data)} bytes to {tmp_path / 'RPI-RP2'} (RPI-RP2)" in result.stdout
    assert f"the board restarted and {serial_port.port} is back" in result.stdout
    assert f"the board now reports: {banner.decode()}" in result.stdout
    assert board.flashed == data
    assert "no such file, nor a firmware in the store" in one_error_line(mpt("flash", "PYBV11", env=env), code=2)


def test_info_errors_are_one_line(tmp_path):
    (tmp_path / "empty.bin").write_bytes(b"")
    assert one_error_line(mpt("info", tmp_path / "empty.bin")).endswith("file is empty")
    uf2 = tmp_path / "cut.uf2"
    from mpt.firmware.convert import convert_bytes
    uf2.write_bytes(convert_bytes(images.cortex_m_binary(), "uf2", family="rp2040", base=0x10000000)[:-512])
    assert one_error_line(mpt("info", uf2)) == "mpt: error: UF2 file is truncated: 11 of 12 blocks present (family rp2040 0xe48bff56)"
    assert "is a directory" in one_error_line(mpt("info", tmp_path), code=2)
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x12\x34" * 100)
    out = mpt("info", junk).stdout
    assert "format:      raw binary" in out and "not MicroPython" in out


def test_flash_esp_with_default_reset_modes_on_a_port_without_control_lines(tmp_path):
    from tests.firmware.esp_rom_emulator import EspRomEmulator, PtyEspBoard

    image = images.esp_merged("esp32s3")
    path = tmp_path / "fw.bin"
    path.write_bytes(image)
    emulator = EspRomEmulator("esp32s3")
    with PtyEspBoard(emulator) as board:
        result = mpt("flash", path, "-p", board.port)
    assert result.returncode == 0, result.stderr
    assert f"wrote {len(image)} bytes at 0x0 to the ESP32-S3" in result.stdout
    assert "the board could not be reset from this port: press its reset button" in result.stdout
    assert "WARNING" not in result.stderr and "esptool" not in result.stderr
    assert emulator.flash[:len(image)] == image


def test_verify_refuses_a_file_that_is_no_firmware(tmp_path):
    path = tmp_path / "notes.bin"
    path.write_bytes(b"shopping list: resistors, LEDs, a breadboard\n" * 20)
    assert "not a firmware image" in one_error_line(mpt("verify", path))
    assert mpt("info", path).returncode == 0


# --- hardening: what a user sees -----------------------------------------------------------------

def test_official_pico2_layout_info_verify(tmp_path):
    from tests.firmware import uf2_images

    path = tmp_path / "RPI_PICO2-20260430-v1.29.0.uf2"
    path.write_bytes(uf2_images.rp2350_sdk_uf2())
    info = mpt("info", path)
    assert info.returncode == 0, info.stderr
    assert "    id=0xe48bff57, name=rp-absolute, blocks=1, role=placeholder, never written (RP2350-E10 workaround)" \
        in info.stdout
    assert "    id=0xe48bff59, name=rp2350-arm-s, blocks=79, role=image, start=0x10000000, end=0x10004e92" \
        in info.stdout
    assert "valid:       yes" in info.stdout
    ok = mpt("verify", path, "--board", "RPI_PICO2")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout == (f"{path}: valid UF2 for rp2350-arm-s (MicroPython v1.29.0 on 2026-04-30; "
                         f"Raspberry Pi Pico2 with RP2350)\n")
    data = json.loads(mpt("info", "--json", path).stdout)
    assert [f["name"] for f in data["details"]["families"]] == ["rp-absolute", "rp2350-arm-s"]


def test_two_image_uf2_info_lists_each_image(tmp_path):
    from tests.firmware import uf2_images

    path = tmp_path / "both.uf2"
    path.write_bytes(uf2_images.rp2040_and_rp2350_uf2())
    out = mpt("info", path).stdout
    assert ("holds:\n"
            "    rp2040 (family rp2040 0xe48bff56): MicroPython v1.29.0 on 2026-04-30; Raspberry Pi Pico with RP2040\n"
            "    rp2350-arm-s (family rp2350-arm-s 0xe48bff59): MicroPython v1.28.0 on 2026-04-30; "
            "Raspberry Pi Pico2 with RP2350\n") in out
    assert mpt("verify", path, "--chip", "rp2350").returncode == 0
    assert "choose one with --family" in one_error_line(mpt("convert", path, tmp_path / "x.bin"), 2)
    assert not (tmp_path / "x.bin").exists()
    assert mpt("convert", path, tmp_path / "copy.uf2").returncode == 0
    assert (tmp_path / "copy.uf2").read_bytes() == path.read_bytes()


def test_verify_without_chip_refuses_esp_image_with_broken_magic(tmp_path):
    path = tmp_path / "fw.bin"
    app = images.esp_app("esp32")
    path.write_bytes(b"\xe8" + app[1:])
    line = one_error_line(mpt("verify", path))
    assert line == ("mpt: error: not an ESP image: it holds ESP32 firmware text but does not start with the "
                    "ESP image magic byte 0xe9 (found 0xe8): an ESP ROM will not boot it")
    assert "INVALID:     not an ESP image" in mpt("info", path).stdout


def test_verify_shows_every_problem(tmp_path):
    damaged = bytearray(images.esp_merged("esp32"))
    damaged[0x20] ^= 1              # bootloader checksum
    damaged[-1] ^= 1                # application digest
    path = tmp_path / "bad.bin"
    path.write_bytes(bytes(damaged))
    line = one_error_line(mpt("verify", path))
    assert line.startswith("mpt: error: 3 problems: bootloader: ESP image checksum mismatch")
    assert "; application: ESP image SHA-256 digest does not match" in line
    assert "more problems" not in line


def test_add_refuses_random_bytes(tmp_path):
    import random
    path = tmp_path / "noise.bin"
    path.write_bytes(random.Random(7).randbytes(4096))
    line = one_error_line(mpt("add", path, "--cache-dir", tmp_path / "store"))
    assert line == ("mpt: error: not adding noise.bin: not a firmware image: no known image format, "
                    "no MicroPython banner and no vector table")
    assert not (tmp_path / "store").exists() or not any((tmp_path / "store").rglob("noise*"))


def test_convert_bin_to_uf2_needs_family_and_base(tmp_path):
    source = tmp_path / "x.bin"
    source.write_bytes(b"\x00" * 64 + b"some application" + b"\x01" * 300)
    line = one_error_line(mpt("convert", source, tmp_path / "y.uf2", "--base", "0x10000000"), 2)
    assert line.startswith("mpt: error: cannot tell which chip this raw binary is for: give --family")
    line = one_error_line(mpt("convert", source, tmp_path / "y.uf2", "--family", "rp2040"), 2)
    assert line.startswith("mpt: error: a raw binary holds no load address: give --base")
    assert not list(tmp_path.glob("y.uf2*"))
    ok = mpt("convert", source, tmp_path / "y.uf2", "--family", "none", "--base", "0x2000")
    assert ok.returncode == 0, ok.stderr
    assert "cannot write" in one_error_line(mpt("convert", source, tmp_path / "no" / "y.uf2", "--family",
                                                "rp2040", "--base", "0x10000000"), 2)
    assert not (tmp_path / "no").exists()


def test_verify_takes_the_emulated_board_names(tmp_path):
    path = tmp_path / "pico.uf2"
    from mpt.firmware.convert import convert_bytes
    path.write_bytes(convert_bytes(images.cortex_m_binary(), "uf2", family="rp2040", base=0x10000000))
    assert mpt("verify", path, "--board", "rp2").returncode == 0
    assert mpt("verify", path, "--board", "rp2w").returncode == 0
    assert one_error_line(mpt("verify", path, "--board", "esp32")) == "mpt: error: image is built for rp2040, not ESP32"


def test_universal_hex_json_reports_both_targets(tmp_path):
    from mpt.firmware.ihex import _record

    def section(board_id, text, record_type):
        lines = [_record(4, 0, b"\x00\x00"), _record(0x0A, 0, board_id.to_bytes(2, "big") + b"\xc0\xde")]
        lines += [_record(record_type, 0x100 + i, text[i:i + 16]) for i in range(0, len(text), 16)]
        return lines + [_record(0x0B, 0, b"\xff" * 4)]

    v1 = b"\x00MicroPython v1.9.2-34-gd64154c73 on 2017-09-01; micro:bit v1.0.1 with nRF51822\x00"
    v2 = b"\x00MicroPython v1.18 on 2023-10-30; micro:bit v2.1.2 with nRF52833\x00"
    path = tmp_path / "microbit.hex"
    path.write_text("\n".join(section(0x9900, v1, 0x00) + section(0x9903, v2, 0x0D) + [_record(1, 0, b"")]))
    data = json.loads(mpt("info", "--json", path).stdout)
    assert [(t["target"], t["version"]) for t in data["targets"]] == [("nrf51", "v1.9.2-34-gd64154c73"),
                                                                       ("nrf52833", "v1.18")]
    assert data["target"] == "nrf52833" and data["version"] == "v1.18"
    assert mpt("verify", path, "--board", "BBC_MICROBIT").returncode == 0
    assert mpt("verify", path, "--board", "BBC_MICROBIT_V2").returncode == 0


def test_shell_completion_of_board_values():
    import os
    env = dict(os.environ, _MPT_COMPLETE="bash_complete", COMP_WORDS="mpt firmware verify x --board RPI_PICO2",
               COMP_CWORD="5")
    result = subprocess.run([sys.executable, "-m", "mpt"], capture_output=True, text=True, env=env)
    assert result.stdout.split() == ["plain,RPI_PICO2", "plain,RPI_PICO2_W"]
    env.update(COMP_WORDS="mpt run --board ", COMP_CWORD="3")
    result = subprocess.run([sys.executable, "-m", "mpt"], capture_output=True, text=True, env=env)
    assert result.stdout.split() == ["plain,esp32", "plain,pyboard", "plain,rp2", "plain,rp2w"]


def test_convert_into_a_pipe_writes_through_it(tmp_path):
    import os
    import threading

    source = tmp_path / "fw.uf2"
    from mpt.firmware.convert import convert_bytes
    source.write_bytes(convert_bytes(images.cortex_m_binary(), "uf2", family="rp2040", base=0x10000000))
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    result = mpt("convert", source, pipe, "--format", "bin", timeout=30)
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert received == [images.cortex_m_binary()]
    assert pipe.is_fifo()                 # still the pipe, not replaced by a file


def test_convert_refuses_addresses_and_families_outside_32_bits(tmp_path):
    source = tmp_path / "x.bin"
    source.write_bytes(images.cortex_m_binary())
    out = tmp_path / "y.uf2"
    assert one_error_line(mpt("convert", source, out, "--family", "rp2040", "--base", "-16"), 2) == \
        "mpt: error: --base must be a 32-bit address such as 0x10000000, not '-16'"
    assert one_error_line(mpt("convert", source, out, "--family", "rp2040", "--base", "0xffffff00")) == \
        f"mpt: error: the data ends at {0xffffff00 + len(images.cortex_m_binary()):#x}, beyond the 32-bit " \
        f"addresses a uf2 file can hold"
    assert one_error_line(mpt("convert", source, out, "--family", "-1", "--base", "0"), 2) == \
        "mpt: error: a UF2 family id is a 32-bit number, not -1"
    assert not list(tmp_path.glob("y.uf2*"))


def test_progress_bars_use_no_deprecated_click_api():
    """The download and flash progress bars (click 8.5 deprecates get_text_stream, to go in 9.0)."""
    import warnings

    from mpt.cli.firmware_cmd import _BlockProgress, _ByteProgress

    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        download = _ByteProgress("download")
        download(1024, None)  # no Content-Length: a running count
        download(1024, 4096)
        download(4096, 4096)
        download.close()
        flash = _BlockProgress("flash")
        flash(10, 100)
        flash(100, 100)
        flash(5, 100)  # a new pass
        flash.close()
