"""Find and fetch firmware from MicroPython's download site (or a mirror laid out the same way).

The site has one page per board, `<site>/download/<BOARD>/`, linking the files as
`/resources/firmware/<BOARD>[-<VARIANT>]-<YYYYMMDD>-v<X.Y.Z>[-preview.<N>.g<hash>].<ext>`. The page is
read for such links only, so layout changes around them do not matter.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import re
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from mpt.errors import ConnectionFailed, FirmwareError, UsageError
from mpt.firmware.chips import BOARD_TARGETS, ESP_CHIP_BY_NAME, target_of_board
from mpt.firmware.verify import verify_info
from mpt.firmware.inspect import inspect_file

log = logging.getLogger("mpt.firmware")

DEFAULT_SITE = "https://micropython.org"
SITE_ENV = "MPT_FIRMWARE_SITE"
FIRMWARE_EXTENSIONS = ("uf2", "bin", "dfu", "hex")       # preference order when a board has several
_HREF = re.compile(r"""href\s*=\s*(["'])(.*?)\1""", re.IGNORECASE)
_VERSION = re.compile(r"^v?(\d+)\.(\d+)(?:\.(\d+))?(?:-preview(?:[.-](\d+))?.*)?$")

Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class FirmwareLink:
    url: str
    file_name: str
    board: str
    variant: str | None
    date: str
    version: str
    extension: str

    @property
    def preview(self) -> bool:
        return "preview" in self.version

    def sort_key(self):
        return (_version_key(self.version), self.date)


def site_url(site: str | None = None) -> str:
    return (site or os.environ.get(SITE_ENV) or DEFAULT_SITE).rstrip("/")


def board_page_url(board: str, site: str | None = None) -> str:
    return f"{site_url(site)}/download/{urllib.parse.quote(board)}/"


def _version_key(version: str):
    match = _VERSION.match(version)
    if not match:
        return (0, 0, 0, 0, 0)
    major, minor, patch, preview = match.groups()
    # a preview of 1.26.0 comes after 1.25.0 but before the release of 1.26.0
    is_release = 0 if "preview" in version else 1
    return (int(major), int(minor), int(patch or 0), is_release, int(preview or 0))


def parse_board_page(page: str, board: str, page_url: str) -> list[FirmwareLink]:
    name_pattern = re.compile(
        r"^(?P<board>" + re.escape(board) + r")(?:-(?P<variant>[A-Za-z0-9_]+))?-(?P<date>\d{8})-"
        r"(?P<version>v\d+\.\d+(?:\.\d+)?(?:-[A-Za-z0-9_.+-]+?)?)\.(?P<ext>" + "|".join(FIRMWARE_EXTENSIONS) + r")$",
        re.IGNORECASE)
    links: dict[str, FirmwareLink] = {}
    for _, href in _HREF.findall(page):
        url = urllib.parse.urljoin(page_url, html.unescape(href))
        file_name = urllib.parse.unquote(urllib.parse.urlparse(url).path.rsplit("/", 1)[-1])
        match = name_pattern.match(file_name)
        if match and url not in links:
            links[url] = FirmwareLink(url, file_name, board, match.group("variant"), match.group("date"),
                                      match.group("version"), match.group("ext").lower())
    return list(links.values())


def extension_preference(board: str) -> tuple[str, ...]:
    """ESP boards flash .bin over their serial bootloader; others prefer their drive or DFU formats."""

    if BOARD_TARGETS.get(board.upper().split("-")[0]) in ESP_CHIP_BY_NAME or board.upper().startswith("ESP"):
        return ("bin", "uf2", "dfu", "hex")
    return FIRMWARE_EXTENSIONS


def choose(links: list[FirmwareLink], version: str | None = None, variant: str | None = None,
           extension: str | None = None) -> FirmwareLink:
    candidates = [l for l in links if (l.variant or "").upper() == (variant or "").upper()]
    if not candidates:
        variants = sorted({l.variant or "(none)" for l in links})
        raise UsageError(f"no firmware for variant {variant or '(none)'}; variants offered: {', '.join(variants)}")
    if extension:
        candidates = [l for l in candidates if l.extension == extension.lower().lstrip(".")]
        if not candidates:
            raise UsageError(f"no .{extension} firmware offered for this board")
    if version in (None, "", "latest", "stable"):
        stable = [l for l in candidates if not l.preview]
        if not stable:
            raise UsageError("the board page lists only preview builds: ask for --version preview")
        candidates = stable
    elif version == "preview":
        pass
    else:
        wanted = version.lower().lstrip("v")
        exact = [l for l in candidates if l.version.lower().lstrip("v") == wanted]
        if not exact:
            offered = sorted({l.version for l in candidates}, key=_version_key)
            raise UsageError(f"version {version} not offered; available: {', '.join(offered[-8:])}")
        candidates = exact
    newest = max(l.sort_key() for l in candidates)
    best = [l for l in candidates if l.sort_key() == newest]
    order = extension_preference(best[0].board)
    return min(best, key=lambda l: order.index(l.extension))


def _open(url: str, timeout: float):
    request = urllib.request.Request(url, headers={"User-Agent": "mpt-firmware"})
    try:
        return urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            raise UsageError(f"{url}: not found (404)") from None
        raise ConnectionFailed(f"{url}: HTTP error {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ConnectionFailed(f"cannot reach {url}: {reason}") from None


def list_firmware(board: str, site: str | None = None, timeout: float = 30) -> list[FirmwareLink]:
    """Every firmware file the board's page links, newest first."""
    url = board_page_url(board, site)
    with _open(url, timeout) as response:
        page = response.read().decode("utf-8", "replace")
    links = parse_board_page(page, board, url)
    if not links:
        raise FirmwareError(f"no firmware files for {board} found on {url}")
    return sorted(links, key=lambda l: (l.sort_key(), l.variant or "", l.extension), reverse=True)


def find_firmware(board: str, version: str | None = None, variant: str | None = None,
                  extension: str | None = None, site: str | None = None, timeout: float = 30) -> FirmwareLink:
    return choose(list_firmware(board, site, timeout), version, variant, extension)


def fetch(url: str, destination: Path, progress: Progress | None = None, timeout: float = 30,
          chunk_size: int = 64 * 1024) -> str:
    """Download url to destination; returns the SHA-256 (hex) of the bytes received.

    The bytes go to a temporary file beside destination, renamed only when complete, so an
    interrupted or failed download leaves nothing behind.
    """
    log.info("downloading %s", url)
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=destination.parent, prefix=".download-", suffix=".part")
    digest = hashlib.sha256()
    try:
        with os.fdopen(handle, "wb") as out, _open(url, timeout) as response:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            done = 0
            if progress:
                progress(0, total)
            while True:
                try:
                    chunk = response.read(chunk_size)
                except OSError as exc:
                    raise ConnectionFailed(f"download of {url} failed: {exc}") from None
                if not chunk:
                    break
                out.write(chunk)
                digest.update(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
            if total is not None and done != total:
                raise ConnectionFailed(f"download of {url} ended after {done} of {total} bytes")
        os.replace(temp, destination)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return digest.hexdigest()


def download_to_store(store, board: str, version: str | None = None, variant: str | None = None,
                      extension: str | None = None, site: str | None = None,
                      progress: Progress | None = None, timeout: float = 30):
    """Find, download, verify and add a board's firmware; returns (link, stored entry, info, sha256)."""

    link = find_firmware(board, version, variant, extension, site, timeout)
    store.folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=store.folder, prefix=".staging-"))
    try:
        staged = staging / link.file_name
        sha256 = fetch(link.url, staged, progress, timeout)
        info = inspect_file(staged)
        target = target_of_board(board) if board.upper() in BOARD_TARGETS else None
        try:
            verify_info(info, target)
        except FirmwareError as exc:
            raise FirmwareError(f"downloaded {link.file_name} is not a valid image: {exc}") from None
        name = link.file_name
        stored_board = board.upper() + (f"-{link.variant.upper()}" if link.variant else "")
        entry, info = store.add(staged, board=stored_board, source=link.url, name=name, move=True)
        return link, entry, info, sha256
    finally:
        for leftover in staging.glob("*"):
            leftover.unlink(missing_ok=True)
        staging.rmdir()
