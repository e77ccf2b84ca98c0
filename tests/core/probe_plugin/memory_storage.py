"""An in-memory storage backend registered by the probe plugin (proves the storage hook)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping

from core.plugin_api import StorageConfig, StorageNotFound, StoredObject

OBJECTS: dict[str, tuple[bytes, StoredObject]] = {}


class MemoryStorage:
    def __init__(self, config: StorageConfig) -> None:
        self.prefix = config.prefix

    def _k(self, key: str) -> str:
        return f"{self.prefix}/{key}"

    def put(
        self, key: str, data: bytes, content_type: str, metadata: Mapping[str, str] | None = None
    ) -> StoredObject:
        obj = StoredObject(
            key, len(data), content_type, hashlib.sha256(data).hexdigest(), dict(metadata or {})
        )
        OBJECTS[self._k(key)] = (data, obj)
        return obj

    def get(self, key: str) -> bytes:
        try:
            return OBJECTS[self._k(key)][0]
        except KeyError:
            raise StorageNotFound(key) from None

    def stream(self, key: str, chunk_size: int = 65536) -> Iterator[bytes]:
        yield self.get(key)

    def stat(self, key: str) -> StoredObject | None:
        found = OBJECTS.get(self._k(key))
        return found[1] if found else None

    def exists(self, key: str) -> bool:
        return self._k(key) in OBJECTS

    def delete(self, key: str) -> None:
        OBJECTS.pop(self._k(key), None)

    def list(self, prefix: str = "") -> Iterator[StoredObject]:
        for k, (_, obj) in sorted(OBJECTS.items()):
            if k.startswith(self._k(prefix)):
                yield obj

    def download_url(self, key: str, expires: int = 300, filename: str = "") -> str | None:
        return None

    def local_path(self, key: str) -> str | None:
        return None

    def check(self) -> None:
        return None
