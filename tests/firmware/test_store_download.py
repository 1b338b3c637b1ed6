import json

import pytest

from mpt.errors import ConnectionFailed, FirmwareError, UsageError
from mpt.firmware.convert import convert_bytes
from mpt.firmware.download import choose, download_to_store, fetch, parse_board_page
from mpt.firmware.store import FirmwareStore

from tests.firmware import images
from tests.firmware.fake_site import FakeSite

ESP32_NAMES = ["ESP32_GENERIC-20250415-v1.25.0.bin", "ESP32_GENERIC-20250415-v1.25.0.app-bin",
               "ESP32_GENERIC-20250911-v1.26.1.bin", "ESP32_GENERIC-SPIRAM-20250911-v1.26.1.bin",
               "ESP32_GENERIC-20251020-v1.27.0-preview.120.gabcdef012.bin",
               "ESP32_GENERIC-20240602-v1.23.0.bin"]


def test_store_add_list_path_remove(tmp_path):
    store = FirmwareStore(tmp_path / "cache")
    src = tmp_path / "RPI_PICO-20260430-v1.29.0.uf2"
    src.write_bytes(convert_bytes(images.cortex_m_binary(), "uf2", family="rp2040", base=0x10000000))
    entry, _ = store.add(src)
    assert (entry.board, entry.target, entry.format, entry.version) == ("RPI_PICO", "rp2040", "uf2", "v1.29.0")
    assert [e.name for e in store.list()] == [src.name]
    assert store.path("RPI_PICO").read_bytes() == src.read_bytes()
    assert store.path(src.name, None) == store.path("rpi_pico", "1.29.0")
    with pytest.raises(UsageError, match="no firmware 'RPI_PICO 1.20.0'"):
        store.path("RPI_PICO", "1.20.0")
    index = json.loads((tmp_path / "cache" / "firmware" / "index.json").read_text())
    assert index["firmware"][0]["sha256"] == entry.sha256
    store.remove("RPI_PICO")
    assert store.list() == []
    assert not (tmp_path / "cache" / "firmware" / src.name).exists()


def test_store_refuses_invalid_or_mismatched(tmp_path):
    store = FirmwareStore(tmp_path)
    bad = tmp_path / "bad.bin"
    bad.write_bytes(images.esp_app("esp32")[:-1] + b"\x00")
    with pytest.raises(FirmwareError, match="SHA-256"):
        store.add(bad)
    good = tmp_path / "good.bin"
    good.write_bytes(images.esp_merged("esp32s3"))
    with pytest.raises(FirmwareError, match="board ESP32_GENERIC is esp32"):
        store.add(good, board="ESP32_GENERIC")
    assert store.list() == []


def test_parse_board_page_and_choose():
    with FakeSite() as site:
        site.board_page("ESP32_GENERIC", ESP32_NAMES)
        page = site.files["/download/ESP32_GENERIC/"].decode()
    links = parse_board_page(page, "ESP32_GENERIC", site.url + "/download/ESP32_GENERIC/")
    assert {l.file_name for l in links} == set(ESP32_NAMES) - {"ESP32_GENERIC-20250415-v1.25.0.app-bin"}
    assert choose(links).file_name == "ESP32_GENERIC-20250911-v1.26.1.bin"
    assert choose(links, version="preview").file_name.startswith("ESP32_GENERIC-20251020-v1.27.0-preview")
    assert choose(links, version="v1.23.0").url.endswith("/resources/firmware/ESP32_GENERIC-20240602-v1.23.0.bin")
    assert choose(links, variant="spiram").variant == "SPIRAM"
    s3 = parse_board_page('<a href="/resources/firmware/UM_FEATHERS3-20250911-v1.26.1.uf2">u</a>'
                          '<a href="/resources/firmware/UM_FEATHERS3-20250911-v1.26.1.bin">b</a>'
                          '<a href="https://example.org/resources/firmware/UM_FEATHERS3-20240602-v1.23.0.bin">old</a>',
                          "UM_FEATHERS3", "http://site/download/UM_FEATHERS3/")
    assert choose(s3).file_name == "UM_FEATHERS3-20250911-v1.26.1.bin"        # ESP: the esptool image
    assert choose(s3, extension="uf2").url == "http://site/resources/firmware/UM_FEATHERS3-20250911-v1.26.1.uf2"
    assert choose(s3, version="1.23.0").url == "https://example.org/resources/firmware/UM_FEATHERS3-20240602-v1.23.0.bin"
    pico = parse_board_page('<a href="/resources/firmware/RPI_PICO-20250911-v1.26.1.uf2">u</a>'
                            '<a href="/resources/firmware/RPI_PICO-20250911-v1.26.1.bin">b</a>', "RPI_PICO", "http://s/")
    assert choose(pico).extension == "uf2"
    with pytest.raises(UsageError, match="version 1.99 not offered"):
        choose(links, version="1.99")


def test_download_verifies_and_stores(tmp_path):
    firmware = images.esp_merged("esp32", version="v1.26.1")
    progress = []
    with FakeSite() as site:
        site.board_page("ESP32_GENERIC", ESP32_NAMES, {"ESP32_GENERIC-20250911-v1.26.1.bin": firmware})
        store = FirmwareStore(tmp_path)
        link, entry, info, sha = download_to_store(store, "ESP32_GENERIC", site=site.url,
                                                   progress=lambda d, t: progress.append((d, t)))
    assert entry.name == "ESP32_GENERIC-20250911-v1.26.1.bin"
    assert entry.source == link.url and entry.version == "v1.26.1"
    import hashlib
    assert sha == hashlib.sha256(firmware).hexdigest() == entry.sha256
    assert progress[0] == (0, len(firmware)) and progress[-1] == (len(firmware), len(firmware))
    assert sorted(p.name for p in (tmp_path / "firmware").iterdir()) == ["ESP32_GENERIC-20250911-v1.26.1.bin", "index.json"]


def test_download_of_wrong_or_broken_image_keeps_nothing(tmp_path):
    with FakeSite() as site:
        site.board_page("ESP32_GENERIC_C3", ["ESP32_GENERIC_C3-20250911-v1.26.1.bin"],
                        {"ESP32_GENERIC_C3-20250911-v1.26.1.bin": images.esp_merged("esp32s3")})
        store = FirmwareStore(tmp_path)
        with pytest.raises(FirmwareError, match="built for ESP32-S3, not ESP32-C3"):
            download_to_store(store, "ESP32_GENERIC_C3", site=site.url)
        site.truncate.add("/resources/firmware/ESP32_GENERIC_C3-20250911-v1.26.1.bin")
        with pytest.raises(ConnectionFailed, match="ended after|failed"):
            download_to_store(store, "ESP32_GENERIC_C3", site=site.url)
        with pytest.raises(UsageError, match="not found"):
            download_to_store(store, "NO_SUCH_BOARD", site=site.url)
    assert sorted(p.name for p in (tmp_path / "firmware").iterdir()) == []


def test_interrupted_download_leaves_no_partial_file(tmp_path):
    def interrupt(done, total):
        if done > 0:
            raise KeyboardInterrupt
    with FakeSite() as site:
        site.files["/fw.bin"] = b"x" * 300000
        with pytest.raises(KeyboardInterrupt):
            fetch(site.url + "/fw.bin", tmp_path / "fw.bin", interrupt, chunk_size=1000)
    assert list(tmp_path.iterdir()) == []


def test_unreachable_site(tmp_path):
    with pytest.raises(ConnectionFailed, match="cannot reach"):
        download_to_store(FirmwareStore(tmp_path), "RPI_PICO", site="http://127.0.0.1:9", timeout=2)
