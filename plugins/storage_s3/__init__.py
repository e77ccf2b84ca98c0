"""S3 storage: reports and rendered formats kept in an S3 bucket (or any S3-compatible store).

Chosen with `CANDOUR_STORAGE=s3`; each board gets its own key prefix and may have its own bucket,
prefix or KMS key.
"""

from __future__ import annotations

from collections.abc import Callable

from core.plugin_api import Storage, StorageConfig, hookimpl

from .backend import S3Storage

__version__ = "1.0.0"


@hookimpl
def register_storage_backends() -> dict[str, Callable[[StorageConfig], Storage]]:
    return {"s3": S3Storage}
