"""Local folder storage: reports and rendered formats kept as files on this machine (the default).

Writes are atomic (a temporary file renamed into place) and each object's content type, SHA-256 and
metadata sit beside it in a small JSON file, so nothing half-written is ever served.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from core.plugin_api import (
    Storage,
    StorageConfig,
    StorageError,
    StorageNotFound,
    StoredObject,
    hookimpl,
)

__version__ = "1.0.0"
META_SUFFIX = ".meta.json"


def _safe_parts(key: str) -> list[str]:
    parts = [p for p in key.split("/") if p not in ("", ".")]
    if not parts or any(p == ".." or "\\" in p or "\x00" in p for p in parts):
        raise StorageError(f"not a valid storage key: {key!r}")
    if parts[-1].endswith(META_SUFFIX):
        raise StorageError(f"keys may not end with {META_SUFFIX}")
    return parts


class LocalStorage:
    """Files under one folder; `prefix` is a sub-folder (a board's own)."""

    def __init__(self, config: StorageConfig) -> None:
        if not config.path:
            raise StorageError("local storage needs a folder (CANDOUR_STORAGE_PATH)")
        self.root = Path(config.path).resolve()
        self.prefix = config.prefix.strip("/")

    def _path(self, key: str) -> Path:
        parts = _safe_parts(f"{self.prefix}/{key}" if self.prefix else key)
        path = self.root.joinpath(*parts)
        if self.root not in path.parents:
            raise StorageError(f"not a valid storage key: {key!r}")
        return path

    def put(
        self, key: str, data: bytes, content_type: str, metadata: Mapping[str, str] | None = None
    ) -> StoredObject:
        path = self._path(key)
        digest = hashlib.sha256(data).hexdigest()
        meta = {"content_type": content_type, "sha256": digest, "metadata": dict(metadata or {})}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._atomic_write(path.with_name(path.name + META_SUFFIX), json.dumps(meta).encode())
            self._atomic_write(path, data)
        except OSError as exc:
            raise StorageError(f"could not write {key}: {exc.strerror}") from exc
        return StoredObject(key, len(data), content_type, digest, meta["metadata"])

    @staticmethod
    def _atomic_write(path: Path, data: bytes) -> None:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise StorageNotFound(key) from None
        except OSError as exc:
            raise StorageError(f"could not read {key}: {exc.strerror}") from exc

    def stream(self, key: str, chunk_size: int = 65536) -> Iterator[bytes]:
        path = self._path(key)
        if not path.is_file():
            raise StorageNotFound(key)

        def chunks() -> Iterator[bytes]:
            with path.open("rb") as fh:
                while chunk := fh.read(chunk_size):
                    yield chunk

        return chunks()

    def stat(self, key: str) -> StoredObject | None:
        path = self._path(key)
        if not path.is_file():
            return None
        meta_path = path.with_name(path.name + META_SUFFIX)
        try:
            meta = json.loads(meta_path.read_text())
        except (OSError, ValueError):
            meta = {"content_type": "application/octet-stream", "sha256": "", "metadata": {}}
        return StoredObject(
            key, path.stat().st_size, meta["content_type"], meta["sha256"], meta["metadata"]
        )

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        path = self._path(key)
        try:
            path.unlink(missing_ok=True)
            path.with_name(path.name + META_SUFFIX).unlink(missing_ok=True)
        except OSError as exc:
            raise StorageError(f"could not delete {key}: {exc.strerror}") from exc

    def purge(self, key: str) -> None:
        """Remove the object for good: a folder keeps no earlier versions, so this is `delete`."""
        self.delete(key)

    def list(self, prefix: str = "") -> Iterator[StoredObject]:
        base = self.root / self.prefix if self.prefix else self.root
        if not base.is_dir():
            return
        for path in sorted(base.rglob("*")):
            if (
                not path.is_file()
                or path.name.endswith(META_SUFFIX)
                or path.name.startswith(".tmp-")
            ):
                continue
            key = path.relative_to(base).as_posix()
            if key.startswith(prefix):
                found = self.stat(key)
                if found is not None:
                    yield found

    def download_url(self, key: str, expires: int = 300, filename: str = "") -> str | None:
        return None

    def local_path(self, key: str) -> str | None:
        path = self._path(key)
        return str(path) if path.is_file() else None

    def check(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            probe = self.root / ".readiness"
            probe.write_bytes(b"ok")
            probe.unlink()
        except OSError as exc:
            raise StorageError(
                f"storage folder {self.root} is not writable: {exc.strerror}"
            ) from exc


@hookimpl
def register_storage_backends() -> dict[str, Callable[[StorageConfig], Storage]]:
    return {"local": LocalStorage}
