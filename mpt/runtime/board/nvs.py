"""The ESP32's non-volatile storage (NVS): namespaced integer and blob values.

Kept beside the flash folder (``<flash>.nvs.json``) rather than in it, as on the real chip
NVS is its own partition that the file system never shows. Writes are visible at once and
reach the file on commit, the point where ESP-IDF guarantees they are stored.
"""

from __future__ import annotations

import json
from pathlib import Path

ESP_ERR_NVS_NOT_FOUND = 0x1102
ESP_ERR_NVS_KEY_TOO_LONG = 0x1109
ESP_ERR_NVS_INVALID_LENGTH = 0x110C
ESP_ERR_NVS_INVALID_NAME = 0x1106
ERROR_NAMES = {ESP_ERR_NVS_NOT_FOUND: "ESP_ERR_NVS_NOT_FOUND",
               ESP_ERR_NVS_KEY_TOO_LONG: "ESP_ERR_NVS_KEY_TOO_LONG",
               ESP_ERR_NVS_INVALID_LENGTH: "ESP_ERR_NVS_INVALID_LENGTH",
               ESP_ERR_NVS_INVALID_NAME: "ESP_ERR_NVS_INVALID_NAME"}
MAX_NAME_LENGTH = 15


class NvsError(Exception):
    def __init__(self, code: int):
        super().__init__(ERROR_NAMES[code])
        self.code = code


class NvsStore:
    def __init__(self, path: Path):
        self.path = path
        self._data: dict[str, dict[str, list]] = {}
        try:
            self._data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._data = {}

    def namespace(self, name: str) -> dict[str, list]:
        if not name or len(name) > MAX_NAME_LENGTH:
            raise NvsError(ESP_ERR_NVS_INVALID_NAME)
        return self._data.setdefault(name, {})

    @staticmethod
    def _check_key(key: str) -> None:
        if len(key) > MAX_NAME_LENGTH:
            raise NvsError(ESP_ERR_NVS_KEY_TOO_LONG)

    def set(self, namespace: str, key: str, kind: str, value) -> None:
        self._check_key(key)
        self.namespace(namespace)[key] = [kind, value]

    def get(self, namespace: str, key: str, kind: str):
        self._check_key(key)
        entry = self.namespace(namespace).get(key)
        if entry is None or entry[0] != kind:  # NVS looks entries up by key and type
            raise NvsError(ESP_ERR_NVS_NOT_FOUND)
        return entry[1]

    def erase(self, namespace: str, key: str) -> None:
        self._check_key(key)
        if self.namespace(namespace).pop(key, None) is None:
            raise NvsError(ESP_ERR_NVS_NOT_FOUND)

    def commit(self) -> None:
        self.path.write_text(json.dumps(self._data, sort_keys=True), encoding="utf-8")


def nvs_path_for(flash_root: Path) -> Path:
    return flash_root.parent / (flash_root.name + ".nvs.json")
