"""Where package files come from: http(s) URLs, the github:/gitlab:/codeberg: shorthands and
local paths. One job: turn a location into bytes, or a typed error."""

from __future__ import annotations

import os
import urllib.error
import urllib.request

from mpt.hostfiles import BOARD_FILE, read_input
from mpt.fs.mip.errors import NetworkError, PackageNotFound

URL_PREFIXES = ("http://", "https://")
# shorthand -> https URL of a raw file: {org}/{repo} at {ref}, then the path in the repository
HOSTS = {
    "github:": "https://raw.githubusercontent.com/{org}/{repo}/{ref}/{path}",
    "gitlab:": "https://gitlab.com/{org}/{repo}/-/raw/{ref}/{path}",
    "codeberg:": "https://codeberg.org/api/v1/repos/{org}/{repo}/raw/{path}?ref={ref}",
}
REMOTE_PREFIXES = URL_PREFIXES + tuple(HOSTS)
TIMEOUT_S = 30.0


def is_remote(location: str) -> bool:
    return location.startswith(REMOTE_PREFIXES)


def rewrite(location: str, ref: str | None = None) -> str:
    """A github:/gitlab:/codeberg: shorthand as its https URL (`ref`: branch or tag, default
    the repository's HEAD); anything else unchanged."""
    for prefix, template in HOSTS.items():
        if location.startswith(prefix):
            parts = location[len(prefix):].split("/")
            if len(parts) < 2 or not parts[0] or not parts[1]:
                raise PackageNotFound(f"{location}: expected {prefix}ORG/REPO[/PATH]")
            return template.format(org=parts[0], repo=parts[1], ref=ref or "HEAD",
                                   path="/".join(parts[2:]))
    return location


def fetch(location: str, what: str = "file") -> bytes:
    """The bytes at an http(s) URL or a local path (shorthands must be rewritten first)."""
    if location.startswith(URL_PREFIXES):
        return _fetch_url(location, what)
    if "\\" in location:
        raise PackageNotFound(f"use '/' in package paths, not '\\': {location}")
    if not os.path.lexists(location):
        raise PackageNotFound(f"{what} not found: {location}")
    return read_input(location, BOARD_FILE)


def _fetch_url(url: str, what: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            raise PackageNotFound(f"{what} not found: {url}") from None
        raise NetworkError(f"HTTP error {exc.code} ({exc.reason}) fetching {url}") from None
    except urllib.error.URLError as exc:
        raise NetworkError(f"cannot fetch {url}: {exc.reason}") from None
    except (OSError, ValueError) as exc:  # timeouts, resets, malformed URLs
        raise NetworkError(f"cannot fetch {url}: {exc}") from None
